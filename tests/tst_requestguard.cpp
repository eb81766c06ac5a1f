#include "http/errorreply.h"
#include "http/requestguard.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;

namespace {

// Small limits so every boundary is a few bytes away.
constexpr qsizetype kMaxUrl = 32;
constexpr qsizetype kMaxHeaders = 100;
constexpr qint64 kMaxBody = 16;

RequestLimits testLimits()
{
    RequestLimits limits;
    limits.maxUrlBytes = kMaxUrl;
    limits.maxHeaderBytes = kMaxHeaders;
    limits.maxBodyBytes = kMaxBody;
    return limits;
}

// "GET /x HTTP/1.1 keep-alive" / "... close", plus " continue" when it asked for 100-continue.
QString describe(const RequestHead &head)
{
    QString text = QString::fromLatin1(head.method) + u' ' + QString::fromLatin1(head.target)
        + (head.http10 ? u" HTTP/1.0"_s : u" HTTP/1.1"_s)
        + (head.keepAlive ? u" keep-alive"_s : u" close"_s);
    if (head.expectContinue)
        text += u" continue"_s;
    return text;
}

struct Outcome
{
    int status = 0; // 0: accepted
    QStringList heads;
    bool midRequest = false;
    int continues = 0; // how often takeContinueRequest() said yes

    bool operator==(const Outcome &o) const
    {
        // Where the stream stopped only matters when it was accepted.
        return status == o.status && heads == o.heads && continues == o.continues
            && (status != 0 || midRequest == o.midRequest);
    }
};

QString text(const Outcome &o)
{
    return u"status=%1 mid=%2 continues=%3 heads=[%4]"_s.arg(o.status)
        .arg(o.midRequest)
        .arg(o.continues)
        .arg(o.heads.join(u" | "_s));
}

char *toString(const Outcome &o)
{
    return qstrdup(text(o).toUtf8().constData());
}

// Feeds `pieces` in order, collecting complete requests and 100-continue requests after every
// piece as the connection code does, and stops at the first rejection. `heads` ends with the head
// of a request whose body had not all arrived.
Outcome run(const QList<QByteArray> &pieces)
{
    RequestGuard guard(testLimits());
    Outcome out;
    for (const QByteArray &piece : pieces) {
        const bool ok = guard.feed(piece);
        while (guard.hasRequest())
            out.heads.append(describe(guard.takeRequest().head));
        if (guard.takeContinueRequest())
            ++out.continues;
        if (!ok) {
            out.status = guard.rejected() ? httpStatusFor(guard.rejection().kind)
                                          : -1; // feed() failed without saying why: never expected
            break;
        }
    }
    if (const RequestHead *pending = guard.pendingHead())
        out.heads.append(describe(*pending));
    out.midRequest = guard.midRequest();
    return out;
}

QByteArray padding(qsizetype n, char c = 'a')
{
    return QByteArray(n, c);
}

// A complete request as the handlers get it: "METHOD target", a "name=value" line per header in
// order, then "body=" and the body.
QString describe(const ReceivedRequest &request)
{
    QStringList lines { QString::fromLatin1(request.head.method + ' ' + request.head.target) };
    for (const auto &[name, value] : request.head.headers)
        lines.append(QString::fromLatin1(name + '=' + value));
    lines.append(u"body="_s + QString::fromLatin1(request.body));
    return lines.join(u'\n');
}

// Every complete request `pieces` make, fed in order with the default limits.
QStringList parse(const QList<QByteArray> &pieces)
{
    RequestGuard guard { RequestLimits {} };
    QStringList requests;
    for (const QByteArray &piece : pieces) {
        if (!guard.feed(piece))
            return { u"rejected: "_s + guard.rejection().message };
        while (guard.hasRequest())
            requests.append(describe(guard.takeRequest()));
    }
    return requests;
}

} // namespace

// RequestGuard parses HTTP/1.x requests and enforces limits as the bytes arrive. Each stream is fed
// whole, one byte at a time and split in two at every offset: the verdict must not depend on how
// TCP happens to segment the bytes.
class TestRequestGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stream_data();
    void stream();
    void rejectionIsFinal();
    void continueRequestIsTakenOnce();
    void parsedRequests_data();
    void parsedRequests();
    void rejectMessages_data();
    void rejectMessages();
    void defaultLimits();
};

void TestRequestGuard::stream_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("heads");
    QTest::addColumn<bool>("midRequest");
    QTest::addColumn<int>("continues");

    auto ok = [](const char *name, const QByteArray &bytes, const QStringList &heads,
                 bool mid = false, int continues = 0) {
        QTest::newRow(name) << bytes << 0 << heads << mid << continues;
    };
    auto rejected = [](const char *name, const QByteArray &bytes, int status,
                       const QStringList &heads = {}) {
        QTest::newRow(name) << bytes << status << heads << false << 0;
    };

    // --- Ordinary requests
    ok("GET", "GET /api/v1/demo/_table/b?limit=2 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n"_ba,
       { u"GET /api/v1/demo/_table/b?limit=2 HTTP/1.1 keep-alive"_s });
    ok("GET head incomplete", "GET / HTTP/1.1\r\nHost: x\r\n"_ba, {}, true);
    ok("POST with Content-Length",
       "POST /p HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\":[1,2,3]}"_ba,
       { u"POST /p HTTP/1.1 keep-alive"_s });
    ok("POST body incomplete", "POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc"_ba,
       { u"POST /p HTTP/1.1 keep-alive"_s }, true);
    ok("Content-Length 0", "POST /z HTTP/1.1\r\nContent-Length: 0\r\n\r\n"_ba,
       { u"POST /z HTTP/1.1 keep-alive"_s });
    ok("header name case",
       "POST /c HTTP/1.1\r\ncontent-LENGTH:2\r\n\r\nokGET /n HTTP/1.1\r\n\r\n"_ba,
       { u"POST /c HTTP/1.1 keep-alive"_s, u"GET /n HTTP/1.1 keep-alive"_s });
    ok("two keep-alive requests",
       "GET /one HTTP/1.1\r\nHost: x\r\n\r\nPOST /two HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz"_ba,
       { u"GET /one HTTP/1.1 keep-alive"_s, u"POST /two HTTP/1.1 keep-alive"_s });
    ok("body looking like a request",
       "POST /b HTTP/1.1\r\nContent-Length: 16\r\n\r\nGET /evil HTTP/1"_ba,
       { u"POST /b HTTP/1.1 keep-alive"_s });
    ok("stray CRLFs between requests",
       "\r\n\r\nGET /a HTTP/1.1\r\n\r\n\r\n\r\n\nGET /b HTTP/1.1\r\n\r\n"_ba,
       { u"GET /a HTTP/1.1 keep-alive"_s, u"GET /b HTTP/1.1 keep-alive"_s });
    ok("only CRLFs", "\r\n\r\n\r\n"_ba, {}, false);

    // --- Connection handling
    ok("HTTP/1.0 closes", "GET /old HTTP/1.0\r\nHost: x\r\n\r\n"_ba,
       { u"GET /old HTTP/1.0 close"_s });
    ok("HTTP/1.0 keep-alive", "GET /old HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"_ba,
       { u"GET /old HTTP/1.0 keep-alive"_s });
    ok("Connection: close", "GET /c HTTP/1.1\r\nConnection: close\r\n\r\n"_ba,
       { u"GET /c HTTP/1.1 close"_s });
    ok("Connection list with close", "GET /c HTTP/1.1\r\nConnection: TE, Close\r\n\r\n"_ba,
       { u"GET /c HTTP/1.1 close"_s });
    ok("Connection: upgrade stays open", "GET /c HTTP/1.1\r\nConnection: upgrade\r\n\r\n"_ba,
       { u"GET /c HTTP/1.1 keep-alive"_s });

    // --- Bare LF line endings (RFC 9112 §2.2 lets a server accept them)
    ok("bare LF", "GET /lf HTTP/1.1\nHost: x\n\n"_ba, { u"GET /lf HTTP/1.1 keep-alive"_s });
    ok("bare LF keep-alive", "GET /a HTTP/1.1\n\nGET /b HTTP/1.0\n\n"_ba,
       { u"GET /a HTTP/1.1 keep-alive"_s, u"GET /b HTTP/1.0 close"_s });
    // The head ends at the first empty line even when the body holds a CRLF CRLF.
    ok("bare LF head, CRLF CRLF body",
       "POST /lf HTTP/1.1\nContent-Length: 4\n\n\r\n\r\nGET /after HTTP/1.1\n\n"_ba,
       { u"POST /lf HTTP/1.1 keep-alive"_s, u"GET /after HTTP/1.1 keep-alive"_s });
    ok("LF header line, CRLF empty line", "GET /mixed HTTP/1.1\nHost: x\n\r\n"_ba,
       { u"GET /mixed HTTP/1.1 keep-alive"_s });
    ok("CRLF header line, LF empty line", "GET /mixed HTTP/1.1\r\nHost: x\r\n\n"_ba,
       { u"GET /mixed HTTP/1.1 keep-alive"_s });

    // --- URL limit: the request target may be kMaxUrl bytes long
    const QByteArray urlAtLimit = '/' + padding(kMaxUrl - 1);
    ok("URL at the limit", "GET " + urlAtLimit + " HTTP/1.1\r\n\r\n",
       { u"GET "_s + QString::fromLatin1(urlAtLimit) + u" HTTP/1.1 keep-alive"_s });
    rejected("URL one byte over", "GET " + urlAtLimit + "b HTTP/1.1\r\n\r\n", 414);
    rejected("URL over, line never ends", "GET /" + padding(4 * kMaxUrl), 414);

    // --- Header limit: the block after the request line, empty line included
    // "X-Pad: " + value + CRLF + CRLF = 11 bytes + value.
    const QByteArray headersAtLimit = "X-Pad: " + padding(kMaxHeaders - 11) + "\r\n\r\n";
    QCOMPARE(headersAtLimit.size(), kMaxHeaders);
    ok("headers at the limit", "GET /h HTTP/1.1\r\n" + headersAtLimit,
       { u"GET /h HTTP/1.1 keep-alive"_s });
    rejected("headers one byte over",
             "GET /h HTTP/1.1\r\nX-Pad: " + padding(kMaxHeaders - 10) + "\r\n\r\n", 431);
    rejected("headers over, block never ends",
             "GET /h HTTP/1.1\r\nX-Pad: " + padding(3 * kMaxHeaders), 431);
    rejected("many small headers",
             "GET /h HTTP/1.1\r\n" + QByteArray("A: b\r\n").repeated(30) + "\r\n", 431);
    rejected("second request over the header limit",
             "GET /ok HTTP/1.1\r\n\r\nGET /h HTTP/1.1\r\nX-Pad: " + padding(kMaxHeaders)
                 + "\r\n\r\n",
             431, { u"GET /ok HTTP/1.1 keep-alive"_s });

    // --- Body limit: 413 from the head alone, before any body byte
    ok("Content-Length at the limit",
       "POST /b HTTP/1.1\r\nContent-Length: 16\r\n\r\n" + padding(kMaxBody, 'x'),
       { u"POST /b HTTP/1.1 keep-alive"_s });
    rejected("Content-Length one over", "POST /b HTTP/1.1\r\nContent-Length: 17\r\n\r\n"_ba, 413);
    rejected("Content-Length huge", "POST /b HTTP/1.1\r\nContent-Length: 99999999999999\r\n\r\n"_ba,
             413);

    // --- Chunked bodies
    ok("chunked",
       "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
       "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\nGET /next HTTP/1.1\r\n\r\n"_ba,
       { u"POST /c HTTP/1.1 keep-alive"_s, u"GET /next HTTP/1.1 keep-alive"_s });
    ok("chunked upper-case hex, bare LF",
       "POST /c HTTP/1.1\nTransfer-Encoding: Chunked\n\n"
       "A\n0123456789\n0\n\n"_ba,
       { u"POST /c HTTP/1.1 keep-alive"_s });
    ok("chunked with extensions",
       "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
       "5;name=value\r\nhello\r\n3 ; x=\"y\"\r\nabc\r\n0;last\r\n\r\n"_ba,
       { u"POST /c HTTP/1.1 keep-alive"_s });
    ok("chunked with trailers",
       "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
       "2\r\nhi\r\n0\r\nX-Checksum: abc\r\nX-More: 1\r\n\r\n"
       "GET /after HTTP/1.1\r\n\r\n"_ba,
       { u"POST /c HTTP/1.1 keep-alive"_s, u"GET /after HTTP/1.1 keep-alive"_s });
    ok("chunked incomplete", "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel"_ba,
       { u"POST /c HTTP/1.1 keep-alive"_s }, true);
    ok("chunked awaiting trailers end",
       "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"_ba,
       { u"POST /c HTTP/1.1 keep-alive"_s }, true);
    ok("chunked at the body limit",
       "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
       "8\r\n01234567\r\n8\r\n89abcdef\r\n0\r\n\r\n"_ba,
       { u"POST /c HTTP/1.1 keep-alive"_s });
    rejected("chunked over the body limit",
             "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
             "8\r\n01234567\r\n9\r\n"_ba,
             413, { u"POST /c HTTP/1.1 keep-alive"_s });
    rejected("chunk size huge",
             "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
             "fffffffffffffff\r\n"_ba,
             413, { u"POST /c HTTP/1.1 keep-alive"_s });
    rejected("chunk size not hex",
             "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba, 400,
             { u"POST /c HTTP/1.1 keep-alive"_s });
    rejected("chunk size empty", "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\r\n"_ba,
             400, { u"POST /c HTTP/1.1 keep-alive"_s });
    rejected("chunk size negative",
             "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n"_ba, 400,
             { u"POST /c HTTP/1.1 keep-alive"_s });
    rejected("chunk size too long",
             "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + padding(2000, '0'), 400,
             { u"POST /c HTTP/1.1 keep-alive"_s });
    rejected("chunk data overruns",
             "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
             "2\r\nhiXX\r\n0\r\n\r\n"_ba,
             400, { u"POST /c HTTP/1.1 keep-alive"_s });

    // --- Framing that must be refused
    rejected(
        "Content-Length and Transfer-Encoding",
        "POST /s HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba,
        400);
    rejected("Transfer-Encoding and Content-Length",
             "POST /s HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"_ba, 400);
    rejected("unknown Transfer-Encoding", "POST /g HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"_ba,
             501);
    rejected("Transfer-Encoding list",
             "POST /g HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"_ba, 501);
    rejected("Content-Length not a number", "POST /l HTTP/1.1\r\nContent-Length: abc\r\n\r\n"_ba,
             400);
    rejected("Content-Length negative", "POST /l HTTP/1.1\r\nContent-Length: -1\r\n\r\n"_ba, 400);
    rejected("Content-Length empty", "POST /l HTTP/1.1\r\nContent-Length:\r\n\r\n"_ba, 400);
    rejected("Content-Length list", "POST /l HTTP/1.1\r\nContent-Length: 3, 4\r\n\r\n"_ba, 400);
    rejected("conflicting Content-Length",
             "POST /l HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"_ba, 400);
    ok("repeated equal Content-Length",
       "POST /l HTTP/1.1\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc"_ba,
       { u"POST /l HTTP/1.1 keep-alive"_s });

    // --- Expect: 100-continue
    ok("Expect 100-continue, body pending",
       "POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"_ba,
       { u"POST /e HTTP/1.1 keep-alive continue"_s }, true, 1);
    ok("Expect 100-continue with body",
       "POST /e HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\nabc"_ba,
       { u"POST /e HTTP/1.1 keep-alive continue"_s }, false, 1);
    ok("Expect ignored for HTTP/1.0",
       "POST /e HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc"_ba,
       { u"POST /e HTTP/1.0 close"_s }, false, 0);
    rejected("Expect something else", "POST /e HTTP/1.1\r\nExpect: 200-ok\r\n\r\n"_ba, 417);

    // --- Request line and version
    rejected("unknown method", "BREW /pot HTTP/1.1\r\n\r\n"_ba, 501);
    rejected("CONNECT", "CONNECT example.org:443 HTTP/1.1\r\n\r\n"_ba, 501);
    rejected("space in target", "GET /a b/c HTTP/1.1\r\n\r\n"_ba, 400);
    rejected("control char in target", "GET /a\x01b HTTP/1.1\r\n\r\n"_ba, 400);
    rejected("non-ASCII in target", "GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n"_ba, 400);
    rejected("bad header name", "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"_ba, 400);
    rejected("control char in header value", "GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n"_ba, 400);
    rejected("HTTP/2.0", "GET / HTTP/2.0\r\n\r\n"_ba, 505);
    rejected("HTTP/1.2", "GET / HTTP/1.2\r\n\r\n"_ba, 505);
    rejected("unknown protocol", "GET / FOO/1.1\r\n\r\n"_ba, 505);
    rejected("request line without version", "GET /\r\n\r\n"_ba, 400);
    rejected("request line one word", "GARBAGE\r\n\r\n"_ba, 400);
    rejected("header without colon", "GET / HTTP/1.1\r\nNoColonHere\r\n\r\n"_ba, 400);
    rejected("header with empty name", "GET / HTTP/1.1\r\n: value\r\n\r\n"_ba, 400);
    rejected("malformed after a good request", "GET /ok HTTP/1.1\r\n\r\nBROKEN\r\n\r\n"_ba, 400,
             { u"GET /ok HTTP/1.1 keep-alive"_s });
}

void TestRequestGuard::stream()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QStringList, heads);
    QFETCH(bool, midRequest);
    QFETCH(int, continues);

    const Outcome expected { status, heads, midRequest, continues };

    QCOMPARE(run({ bytes }), expected);

    QList<QByteArray> single;
    for (char c : bytes)
        single.append(QByteArray(1, c));
    QCOMPARE(run(single), expected);

    for (qsizetype split = 0; split <= bytes.size(); ++split) {
        const Outcome got = run({ bytes.first(split), bytes.sliced(split) });
        QVERIFY2(got == expected,
                 qPrintable(u"split at %1: got %2, expected %3"_s.arg(split).arg(text(got),
                                                                                 text(expected))));
    }
}

void TestRequestGuard::rejectionIsFinal()
{
    RequestGuard guard(testLimits());
    QVERIFY(!guard.feed("GET / HTTP/9.9\r\n\r\n"));
    QVERIFY(guard.rejected());
    QCOMPARE(httpStatusFor(guard.rejection().kind), 505);
    // A well-formed request afterwards changes nothing: the connection is done.
    QVERIFY(!guard.feed("GET / HTTP/1.1\r\n\r\n"));
    QCOMPARE(httpStatusFor(guard.rejection().kind), 505);
    QVERIFY(!guard.hasRequest());
}

void TestRequestGuard::continueRequestIsTakenOnce()
{
    RequestGuard guard(testLimits());
    QVERIFY(!guard.takeContinueRequest());
    QVERIFY(guard.feed("POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"));
    QVERIFY(guard.takeContinueRequest());
    QVERIFY(!guard.takeContinueRequest());
    QVERIFY(guard.midRequest());
    QVERIFY(guard.feed("ok"));
    QVERIFY(!guard.takeContinueRequest());
    QVERIFY(!guard.midRequest());
    QVERIFY(guard.hasRequest());
    const RequestHead head = guard.takeRequest().head;
    QCOMPARE(head.method, "POST"_ba);
    QCOMPARE(head.target, "/e"_ba);
    QVERIFY(head.expectContinue);
    QVERIFY(!head.http10);
    QVERIFY(head.keepAlive);
    QVERIFY(!guard.hasRequest());
}

void TestRequestGuard::parsedRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("requests");

    // The size of an identity provider's RS256 token with a few claims.
    const QByteArray token = "eyJhbGciOiJSUzI1NiJ9." + padding(540, 'T');
    QTest::newRow("long head")
        << "GET /api/v1/lite/_table/users?limit=10 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
           "Authorization: Bearer "
            + token + "\r\nAccept: */*\r\n\r\n"
        << QStringList { u"GET /api/v1/lite/_table/users?limit=10\nHost=127.0.0.1:8080\n"
                         "Authorization=Bearer "_s
                         + QString::fromLatin1(token) + u"\nAccept=*/*\nbody="_s };
    QTest::newRow("header values trimmed, names as sent, order and repeats kept")
        << "GET /h HTTP/1.1\r\nx-lower:v\r\nX-Spaces: \t a b \t\r\nX-Empty:\r\n"
           "Accept: a\r\nAccept: b\r\nX-Url: http://h:1/p?q=a:b\r\n\r\n"_ba
        << QStringList { u"GET /h\nx-lower=v\nX-Spaces=a b\nX-Empty=\nAccept=a\nAccept=b\n"
                         "X-Url=http://h:1/p?q=a:b\nbody="_s };
    QTest::newRow("bare LF lines") << "GET /lf HTTP/1.1\nHost: x\nX-A: 1\n\n"_ba
                                   << QStringList { u"GET /lf\nHost=x\nX-A=1\nbody="_s };
    QTest::newRow("no headers, stray CRLFs before")
        << "\r\n\r\nGET / HTTP/1.1\r\n\r\n"_ba << QStringList { u"GET /\nbody="_s };
    QTest::newRow("body with a blank line in it, then the next request")
        << "POST /p HTTP/1.1\r\nContent-Length: 11\r\n\r\n{\"a\":\r\n\r\n1}"
           "GET /next HTTP/1.1\r\nHost: x\r\n\r\n"_ba
        << QStringList { u"POST /p\nContent-Length=11\nbody={\"a\":\r\n\r\n1}"_s,
                         u"GET /next\nHost=x\nbody="_s };
    QTest::newRow("chunked: chunks joined, extensions and trailers dropped")
        << "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
           "5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
           "DELETE /d HTTP/1.1\r\n\r\n"_ba
        << QStringList { u"POST /c\nTransfer-Encoding=chunked\nbody=hello world"_s,
                         u"DELETE /d\nbody="_s };
    QTest::newRow("chunked, bare LF")
        << "POST /c HTTP/1.1\nTransfer-Encoding: chunked\n\nA\n0123456789\n0\n\n"_ba
        << QStringList { u"POST /c\nTransfer-Encoding=chunked\nbody=0123456789"_s };
    QTest::newRow("100-continue")
        << "POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc"_ba
        << QStringList { u"POST /e\nExpect=100-continue\nContent-Length=3\nbody=abc"_s };
}

void TestRequestGuard::parsedRequests()
{
    // However TCP cuts the stream, the same requests come out: whole, a byte at a time, and split
    // in two at every offset.
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, requests);

    QCOMPARE(parse({ bytes }), requests);

    QList<QByteArray> single;
    for (char c : bytes)
        single.append(QByteArray(1, c));
    QCOMPARE(parse(single), requests);

    for (qsizetype split = 0; split <= bytes.size(); ++split) {
        const QStringList got = parse({ bytes.first(split), bytes.sliced(split) });
        QVERIFY2(got == requests,
                 qPrintable(u"split at %1: got %2"_s.arg(split).arg(got.join(u" | "_s))));
    }
}

void TestRequestGuard::rejectMessages_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("414") << "GET /" + padding(kMaxUrl) + " HTTP/1.1\r\n\r\n" << 414 << u"32"_s;
    QTest::newRow("431") << "GET / HTTP/1.1\r\nX: " + padding(kMaxHeaders) + "\r\n\r\n"
                         << 431 << u"100"_s;
    QTest::newRow("413") << "POST / HTTP/1.1\r\nContent-Length: 20\r\n\r\n"_ba << 413 << u"16"_s;
    QTest::newRow("501") << "POST / HTTP/1.1\r\nTransfer-Encoding: br\r\n\r\n"_ba << 501 << u"br"_s;
    QTest::newRow("400 smuggling")
        << "POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << 400
        << u"Transfer-Encoding"_s;
}

void TestRequestGuard::rejectMessages()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QString, mentions);

    RequestGuard guard(testLimits());
    QVERIFY(!guard.feed(bytes));
    QVERIFY(guard.rejected());
    QCOMPARE(httpStatusFor(guard.rejection().kind), status);
    QVERIFY2(guard.rejection().message.contains(mentions), qPrintable(guard.rejection().message));
}

void TestRequestGuard::defaultLimits()
{
    // The documented defaults (API.md §1): 10 MiB bodies; 8 KiB URLs; 64 KiB headers.
    const RequestLimits limits;
    QCOMPARE(limits.maxBodyBytes, qint64(10 * 1024 * 1024));
    RequestGuard guard(limits);
    QVERIFY(guard.feed("POST /big HTTP/1.1\r\nContent-Length: 10485760\r\n\r\n"));
    RequestGuard over(limits);
    QVERIFY(!over.feed("POST /big HTTP/1.1\r\nContent-Length: 10485761\r\n\r\n"));
    QCOMPARE(httpStatusFor(over.rejection().kind), 413);
}

QTEST_GUILESS_MAIN(TestRequestGuard)
#include "tst_requestguard.moc"
