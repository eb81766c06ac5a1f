// The HTTP layer on its own, over real sockets: worker modes, connection cap, idle timeout,
// HEAD/OPTIONS, router errors, pipelining and how requests reach the handler. The handler is a
// tiny echo so no database is involved.
#include "http/connectionadmission.h"
#include "http/errorreply.h"
#include "http/httpserver.h"
#include "http/laterreply.h"
#include "http/router.h"
#include "httpclient.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QList>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;

namespace {

// `count` pieces of 64 KiB of 'x', one per pull.
class PieceStream : public BodyStream
{
public:
    explicit PieceStream(int count)
        : m_left(count)
    {
    }
    bool next(QByteArray &out, qsizetype) override
    {
        out.append(QByteArray(64 * 1024, 'x'));
        return --m_left > 0;
    }

private:
    int m_left;
};

class EchoHandler : public RequestHandler
{
public:
    EchoHandler()
    {
        m_router.add(HttpMethod::Get, u"/echo/{word}"_s,
                     [](const HttpRequest &rq, const RouteParams &p, HttpReply &r) {
                         r.body = "{\"word\":\"" + p.at(0).toUtf8() + "\",\"thread\":\""
                             + QByteArray::number(quintptr(QThread::currentThreadId()))
                             + "\",\"q\":\"" + queryValue(rq.query, u"q").toUtf8() + "\"}";
                     });
        m_router.add(HttpMethod::Post, u"/echo/{word}"_s,
                     [](const HttpRequest &rq, const RouteParams &, HttpReply &r) {
                         r.status = 201;
                         r.body = rq.body;
                     });
        // The request's headers, a "name=value" line each, as the handler got them.
        m_router.add(HttpMethod::Get, u"/headers"_s,
                     [](const HttpRequest &rq, const RouteParams &, HttpReply &r) {
                         r.contentType = "text/plain";
                         for (const auto &[name, value] : rq.headers)
                             r.body += name + '=' + value + '\n';
                     });
        // Answered later (as a pipelined database read is): held until a /release request on
        // any connection of the same worker.
        m_router.add(HttpMethod::Get, u"/later/{word}"_s,
                     [this](const HttpRequest &rq, const RouteParams &p, HttpReply &r) {
                         if (!rq.mayAnswerLater) {
                             r.status = 500;
                             return;
                         }
                         r.setHeader("X-Held", "yes"); // set before deferring: kept
                         auto later = std::make_shared<LaterReply>();
                         later->adopt(r);
                         m_held.append([later, word = p.at(0)] {
                             later->finish([&](HttpReply &completed) {
                                 completed.body = "{\"later\":\"" + word.toUtf8() + "\"}";
                             });
                         });
                     });
        m_router.add(HttpMethod::Post, u"/release"_s,
                     [this](const HttpRequest &, const RouteParams &, HttpReply &r) {
                         const auto held = std::exchange(m_held, {});
                         r.body = "{\"released\":" + QByteArray::number(held.size()) + '}';
                         // From the event loop, as a database's answer comes.
                         QTimer::singleShot(0, [held] {
                             for (const auto &release : held)
                                 release();
                         });
                     });
        m_router.add(HttpMethod::Get, u"/stream/{pieces}"_s,
                     [](const HttpRequest &, const RouteParams &p, HttpReply &r) {
                         r.contentType = "text/plain";
                         r.stream = std::make_unique<PieceStream>(p.at(0).toInt());
                     });
    }
    void handle(const HttpRequest &request, HttpReply &reply) override
    {
        m_router.dispatch(request, reply);
    }

private:
    Router m_router;
    QList<std::function<void()>> m_held;
};

// Everything the server sends until it closes the connection.
QByteArray readUntilClosed(QTcpSocket &socket)
{
    QByteArray received;
    for (QDeadlineTimer deadline(10000);
         socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired();) {
        socket.waitForReadyRead(100);
        received += socket.readAll();
    }
    return received + socket.readAll();
}

std::unique_ptr<HttpServer> startServer(ServerOptions options)
{
    options.port = 0;
    auto server =
        std::make_unique<HttpServer>(options, [] { return std::make_unique<EchoHandler>(); });
    if (!server->start())
        return nullptr;
    return server;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routesHeadOptionsAndErrors()
    {
        auto server = startServer({});
        QVERIFY(server);
        HttpClient client(server->port());
        auto r = client.get("/echo/hello%20world?q=a+b%26c");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"word"_s).toString(), u"hello world"_s);
        QCOMPARE(r.json().object().value(u"q"_s).toString(), u"a b&c"_s);

        r = client.request("HEAD", "/echo/x");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.isEmpty());
        QVERIFY(r.header("Content-Length").toInt() > 0);

        r = client.request("OPTIONS", "/echo/x");
        QCOMPARE(r.status, 204);
        QCOMPARE(r.header("Allow"), QByteArray("GET, HEAD, POST, OPTIONS"));

        r = client.request("DELETE", "/echo/x");
        QCOMPARE(r.status, 405);
        QCOMPARE(r.json().object().value(u"error"_s).toObject().value(u"code"_s).toInt(), 405);

        r = client.get("/nowhere");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(r.json()
                    .object()
                    .value(u"error"_s)
                    .toObject()
                    .value(u"message"_s)
                    .toString()
                    .contains(u"/nowhere"_s));

        r = client.request("POST", "/echo/x", "{\"a\":1}");
        QCOMPARE(r.status, 201);
        QCOMPARE(r.body, QByteArray("{\"a\":1}"));
        QVERIFY(!r.header("Date").isEmpty());
        QVERIFY(!r.header("X-Request-ID").isEmpty());
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        auto server = startServer({});
        QVERIFY(server);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(5000));
        // Three requests in one write…
        socket.write("GET /echo/one HTTP/1.1\r\nHost: x\r\n\r\n"
                     "POST /echo/two HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n{\"n\":2}\r\n"
                     "GET /echo/three HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray received;
        while (!received.contains("\"word\":\"three\"") && socket.waitForReadyRead(5000))
            received += socket.readAll();
        const qsizetype one = received.indexOf("\"word\":\"one\"");
        const qsizetype two = received.indexOf("HTTP/1.1 201 Created");
        const qsizetype three = received.indexOf("\"word\":\"three\"");
        QVERIFY2(one > 0 && two > one && three > two, received.constData());
        QVERIFY(received.indexOf("{\"n\":2}\r\n") > two);
        QCOMPARE(received.count("HTTP/1.1 "), 3);
        // … and the next one on the same connection is answered for itself. (The guard was fed
        // the unanswered requests' bytes again when QtHttpServer re-read them, and a later request
        // got the method and target of one of those.)
        socket.write("GET /echo/four HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        received = readUntilClosed(socket);
        QVERIFY2(received.startsWith("HTTP/1.1 200 OK"), received.constData());
        QVERIFY2(received.contains("\"word\":\"four\""), received.constData());
        QCOMPARE(received.count("HTTP/1.1 "), 1);
    }

    void aReplyAnsweredLaterLetsTheWorkerServeOthers()
    {
        ServerOptions options;
        options.workers = 1;
        auto server = startServer(options);
        QVERIFY(server);
        QTcpSocket held;
        held.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(held.waitForConnected(5000));
        // Held, with a pipelined request behind it that must wait for its answer.
        held.write("GET /later/first HTTP/1.1\r\nHost: x\r\n\r\n"
                   "GET /echo/second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY(held.waitForBytesWritten(5000));
        // The only worker answers another connection meanwhile…
        HttpClient other(server->port());
        QCOMPARE(other.get("/echo/meanwhile").status, 200);
        QCOMPARE(held.bytesAvailable(), 0);
        QVERIFY(!held.waitForReadyRead(200));
        // … and once released, the held one is answered, then the request behind it.
        const auto released = other.request("POST", "/release");
        QCOMPARE(released.body, QByteArray("{\"released\":1}"));
        const QByteArray received = readUntilClosed(held);
        const qsizetype first = received.indexOf("{\"later\":\"first\"}");
        const qsizetype second = received.indexOf("\"word\":\"second\"");
        QVERIFY2(first > 0 && second > first, received.constData());
        QVERIFY2(received.contains("X-Held: yes"), received.constData());
        QCOMPARE(received.count("HTTP/1.1 200 OK"), 2);
    }

    void aConnectionClosedWhileItsAnswerIsOwedIsForgotten()
    {
        ServerOptions options;
        options.workers = 1;
        auto server = startServer(options);
        QVERIFY(server);
        {
            QTcpSocket gone;
            gone.connectToHost(QHostAddress::LocalHost, server->port());
            QVERIFY(gone.waitForConnected(5000));
            gone.write("GET /later/gone HTTP/1.1\r\nHost: x\r\n\r\n");
            QVERIFY(gone.waitForBytesWritten(5000));
            HttpClient(server->port()).get("/echo/sync"); // the request has been read by now
            gone.abort();
        }
        HttpClient client(server->port());
        // The connection's end reaches the worker before the release does, or after: either way
        // the answer goes nowhere and the worker carries on.
        QTest::qWait(50);
        QCOMPARE(client.request("POST", "/release").status, 200);
        QCOMPARE(client.get("/echo/after").status, 200);
    }

    void aPipelinedRequestWaitsForTheStreamBeforeIt()
    {
        auto server = startServer({});
        QVERIFY(server);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(5000));
        // 640 KiB pulled as the socket drains (more than the server buffers at once), then the
        // next request's answer, after the stream's last chunk and not inside it.
        socket.write("GET /stream/10 HTTP/1.1\r\nHost: x\r\n\r\n"
                     "GET /echo/after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        const QByteArray received = readUntilClosed(socket);
        QVERIFY2(received.startsWith("HTTP/1.1 200 OK"), received.left(200).constData());
        QVERIFY(received.contains("Transfer-Encoding: chunked"));
        const qsizetype bodyStart = received.indexOf("\r\n\r\n") + 4;
        const qsizetype end = received.indexOf("\r\n0\r\n\r\nHTTP/1.1 200 OK");
        QVERIFY2(end > bodyStart, received.right(300).constData());
        // The chunks hold the stream and nothing else.
        QByteArray body;
        for (QByteArrayView chunks = QByteArrayView(received).sliced(bodyStart, end - bodyStart);
             !chunks.isEmpty();) {
            const qsizetype sizeEnd = chunks.indexOf("\r\n");
            bool ok = false;
            const qsizetype size = chunks.first(sizeEnd).toLongLong(&ok, 16);
            QVERIFY(ok);
            body += chunks.sliced(sizeEnd + 2, size);
            chunks = chunks.sliced(std::min(chunks.size(), sizeEnd + 2 + size + 2));
        }
        QCOMPARE(body, QByteArray(10 * 64 * 1024, 'x'));
        QVERIFY(received.sliced(end).contains("\"word\":\"after\""));
    }

    void headersReachTheHandlerWhateverTheSegmentation()
    {
        auto server = startServer({});
        QVERIFY(server);
        const QByteArray token = "eyJhbGciOiJSUzI1NiJ9." + QByteArray(540, 'T');
        const QByteArray request = "GET /headers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + token + "\r\nx-lower:v\r\nX-Spaces: \t a b \t\r\nAccept: a\r\nAccept: b\r\n\r\n";
        const QByteArray expected = "Host=x\nAuthorization=Bearer " + token
            + "\nx-lower=v\nX-Spaces=a b\nAccept=a\nAccept=b\n";
        // In one write, and a byte per write with the socket flushed after each.
        for (const bool byteByByte : { false, true }) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, server->port());
            QVERIFY(socket.waitForConnected(5000));
            if (byteByByte) {
                for (const char c : request) {
                    socket.write(&c, 1);
                    QVERIFY(socket.waitForBytesWritten(5000));
                }
            } else {
                socket.write(request);
            }
            QByteArray received;
            while (!received.endsWith(expected) && socket.waitForReadyRead(5000))
                received += socket.readAll();
            QVERIFY2(received.startsWith("HTTP/1.1 200 OK"), received.constData());
            QVERIFY2(received.endsWith(QByteArray("\r\n\r\n" + expected)), received.constData());
        }
    }

    void workersShareThePort_data()
    {
        QTest::addColumn<bool>("reusePort");
        QTest::newRow("SO_REUSEPORT") << true;
        QTest::newRow("accept and hand off") << false;
    }

    void workersShareThePort()
    {
        QFETCH(bool, reusePort);
        ServerOptions options;
        options.workers = 3;
        options.reusePort = reusePort;
        auto server = startServer(options);
        QVERIFY(server);
        QCOMPARE(server->workerCount(), 3);
        QSet<QString> threads;
        // New connections are spread over the workers (hand-off is round-robin; the kernel's
        // SO_REUSEPORT hashing spreads them too, given enough connections).
        for (int i = 0; i < 60 && threads.size() < 3; ++i) {
            HttpClient client(server->port());
            const auto r = client.get("/echo/x");
            QCOMPARE(r.status, 200);
            threads.insert(r.json().object().value(u"thread"_s).toString());
        }
        QCOMPARE(threads.size(), 3);
    }

    void connectionCapPerWorker()
    {
        ServerOptions options;
        options.workers = 1;
        options.maxConnectionsPerWorker = 2;
        auto server = startServer(options);
        QVERIFY(server);
        HttpClient a(server->port());
        HttpClient b(server->port());
        QCOMPARE(a.get("/echo/a").status, 200);
        QCOMPARE(b.get("/echo/b").status, 200);
        HttpClient c(server->port());
        const auto refused = c.get("/echo/c");
        QCOMPARE(refused.status, 503);
        QVERIFY(refused.json()
                    .object()
                    .value(u"error"_s)
                    .toObject()
                    .value(u"message"_s)
                    .toString()
                    .contains(u"limit"_s));
        a.disconnect();
        // Once a slot is free, new connections are served again. (Polled by hand: QTRY_COMPARE
        // would evaluate the expression once more, opening yet another connection.)
        int status = 0;
        for (QDeadlineTimer deadline(5000); status != 200 && !deadline.hasExpired();
             QTest::qWait(20))
            status = HttpClient(server->port()).get("/echo/d").status;
        QCOMPARE(status, 200);
    }

    void idleKeepAliveConnectionsAreClosed()
    {
        ServerOptions options;
        options.workers = 1;
        options.connection.idleTimeoutMs = 200;
        auto server = startServer(options);
        QVERIFY(server);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /echo/x HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(socket.waitForReadyRead(5000));
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 200 OK"));
        // No further request: the server closes the connection on its own.
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    }

    void slowRequestHeadGets408()
    {
        ServerOptions options;
        options.workers = 1;
        options.connection.headTimeoutMs = 200;
        auto server = startServer(options);
        QVERIFY(server);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /echo/x HTTP/1.1\r\nHost"); // and then nothing
        QVERIFY(socket.waitForReadyRead(5000));
        QByteArray received = socket.readAll();
        QVERIFY2(received.startsWith("HTTP/1.1 408"), received.constData());
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    }

    void portInUseIsAClearError_data()
    {
        QTest::addColumn<bool>("reusePort");
        QTest::newRow("SO_REUSEPORT") << true;
        QTest::newRow("accept and hand off") << false;
    }

    void portInUseIsAClearError()
    {
        // A second server (another `sluice serve`, the desktop's Start) must not join a port the
        // first holds: with SO_REUSEPORT it used to, and the two split the requests.
        QFETCH(bool, reusePort);
        ServerOptions held;
        held.workers = 2;
        held.reusePort = reusePort;
        auto first = startServer(held);
        QVERIFY(first);
        ServerOptions options;
        options.port = first->port();
        options.workers = 2;
        options.reusePort = reusePort;
        HttpServer second(options, [] { return std::make_unique<EchoHandler>(); });
        auto result = second.start();
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(QString::number(first->port()))
                     && result.error().message.contains(u"in use"_s),
                 qPrintable(result.error().message));
        // The first server still answers every request.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(HttpClient(first->port()).get("/echo/x").status, 200);
        // Once it has stopped, the port can be taken again.
        const quint16 port = first->port();
        first.reset();
        HttpServer third(options, [] { return std::make_unique<EchoHandler>(); });
        QVERIFY(third.start().ok());
        QCOMPARE(third.port(), port);
    }

    void oneAddressCannotTakeEverySlot()
    {
        ServerOptions options;
        options.workers = 2;
        options.maxConnectionsPerAddress = 4;
        options.connection.headTimeoutMs = 3000;
        auto server = startServer(options);
        QVERIFY(server);
        const quint64 refusedBefore = connectionRefusals().perAddress;
        // Five half-open connections from 127.0.0.1: they never send a byte. The workers accept
        // them in an order of their own, so which one is over the cap is not known in advance.
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 5; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(QHostAddress::LocalHost, server->port());
            QVERIFY(sockets.back()->waitForConnected(5000));
        }
        // One of them is refused with a reason, and only one: the others are held open.
        QList<QByteArray> answers(5);
        const auto answered = [&answers] {
            return std::count_if(answers.cbegin(), answers.cend(),
                                 [](const QByteArray &a) { return a.contains("\r\n\r\n"); });
        };
        for (QDeadlineTimer deadline(2000); answered() == 0 && !deadline.hasExpired();) {
            QTest::qWait(20);
            for (int i = 0; i < 5; ++i)
                answers[i] += sockets[i]->readAll();
        }
        QCOMPARE(answered(), 1);
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 5; ++i) {
            if (answers.at(i).isEmpty()) {
                QCOMPARE(sockets[i]->state(), QAbstractSocket::ConnectedState);
                silent.push_back(std::move(sockets[i]));
                continue;
            }
            QVERIFY2(answers.at(i).startsWith("HTTP/1.1 429"), answers.at(i).constData());
            QVERIFY(answers.at(i).contains("connections from this address"));
        }
        QCOMPARE(silent.size(), size_t(4));
        QVERIFY(connectionRefusals().perAddress > refusedBefore);
        // … while another client is served at once.
        QTcpSocket other;
        QVERIFY(other.bind(QHostAddress(u"127.0.0.2"_s)));
        other.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(other.waitForConnected(5000));
        other.write("GET /echo/other HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(other.waitForReadyRead(5000));
        QVERIFY(other.readAll().startsWith("HTTP/1.1 200 OK"));
        // The silent connections are closed after the head timeout, not the idle timeout, and
        // their address may connect again.
        for (auto &socket : silent)
            QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 10000);
        int status = 0;
        for (QDeadlineTimer deadline(5000); status != 200 && !deadline.hasExpired();
             QTest::qWait(20))
            status = HttpClient(server->port()).get("/echo/again").status;
        QCOMPARE(status, 200);
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
