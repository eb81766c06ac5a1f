#include "httpclient.h"

#include <QJsonObject>
#include <QMutex>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

// One scripted step of the canned server: read one request, then answer with these bytes.
struct Step
{
    QList<QByteArray> pieces; // written one after another, each flushed on its own
    bool closeAfter = false; // close the connection after answering
    bool silent = false; // never answer; wait for the client to give up
};

Step reply(const QByteArray &bytes, bool closeAfter = false)
{
    return Step { { bytes }, closeAfter, false };
}

// A tiny HTTP server that answers with canned bytes, on its own thread (the client blocks the
// test's thread). It records every request and how many connections it accepted.
class CannedServer : public QThread
{
public:
    explicit CannedServer(QList<Step> script)
        : m_script(std::move(script))
    {
        start();
        m_ready.acquire();
    }
    ~CannedServer() override { wait(); }

    quint16 port() const { return m_port; }
    int connections() const
    {
        QMutexLocker lock(&m_mutex);
        return m_connections;
    }
    QList<QByteArray> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        m_port = server.serverPort();
        m_ready.release();

        std::unique_ptr<QTcpSocket> socket;
        QByteArray buffer;
        for (const Step &step : std::as_const(m_script)) {
            QByteArray request;
            while (!socket || !readRequest(socket.get(), &buffer, &request)) {
                // The client went (or never came): take its next connection.
                if (!server.hasPendingConnections() && !server.waitForNewConnection(10'000))
                    return;
                socket.reset(server.nextPendingConnection());
                buffer.clear();
                QMutexLocker lock(&m_mutex);
                ++m_connections;
            }
            {
                QMutexLocker lock(&m_mutex);
                m_requests.append(request);
            }
            if (step.silent) {
                socket->waitForDisconnected(10'000);
                socket.reset();
                continue;
            }
            for (qsizetype i = 0; i < step.pieces.size(); ++i) {
                if (i > 0)
                    QThread::msleep(20); // let the client see the pieces separately
                socket->write(step.pieces.at(i));
                while (socket->bytesToWrite() > 0 && socket->waitForBytesWritten(5'000)) { }
            }
            if (step.closeAfter) {
                socket->disconnectFromHost();
                if (socket->state() != QAbstractSocket::UnconnectedState)
                    socket->waitForDisconnected(5'000);
                socket.reset();
            }
        }
        // Hold the last connection until the client is done with it.
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->waitForDisconnected(10'000);
    }

private:
    static bool readRequest(QTcpSocket *socket, QByteArray *buffer, QByteArray *request)
    {
        qsizetype headEnd = -1;
        while ((headEnd = buffer->indexOf("\r\n\r\n")) < 0) {
            if (!socket->waitForReadyRead(10'000))
                return false;
            buffer->append(socket->readAll());
        }
        qint64 length = 0;
        const QList<QByteArray> lines = buffer->left(headEnd).split('\n');
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        const qsizetype total = headEnd + 4 + length;
        while (buffer->size() < total) {
            if (!socket->waitForReadyRead(10'000))
                return false;
            buffer->append(socket->readAll());
        }
        *request = buffer->left(total);
        buffer->remove(0, total);
        return true;
    }

    QList<Step> m_script;
    QSemaphore m_ready;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    int m_connections = 0;
    QList<QByteArray> m_requests;
};

const QByteArray nextReply = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"_ba;

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framing_data();
    void framing();
    void closeDelimitedBody();
    void keepAliveReusesOneConnection();
    void connectionCloseHeader();
    void reconnectsAfterQuietClose();
    void requestHeaders();
    void sendRawWritesBytesAsIs();
    void pipelinedResponses();
    void headResponseHasNoBody();
    void headerLookupAndJson();
    void timeoutGivesStatusZero();
    void refusedConnectionGivesStatusZero();
};

void TestHttpClient::framing_data()
{
    QTest::addColumn<QList<QByteArray>>("pieces");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("content-length")
        << QList<QByteArray> { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: "
                               "text/plain\r\n\r\nhello" }
        << 200 << "OK"_ba
        << "hello"_ba;
    QTest::newRow("content-length zero")
        << QList<QByteArray> { "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n" } << 201
        << "Created"_ba << QByteArray();
    QTest::newRow("content-length split across writes")
        << QList<QByteArray> { "HTTP/1.1 2", "00 OK\r\nContent-Le", "ngth: 11\r\n\r\nhello",
                               " world" }
        << 200 << "OK"_ba
        << "hello world"_ba;
    QTest::newRow("chunked")
        << QList<QByteArray> { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n" }
        << 200 << "OK"_ba
        << "hello, world"_ba;
    QTest::newRow("chunked: extension, upper-case hex, trailer")
        << QList<QByteArray> { "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n"
                               "A;name=value\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n" }
        << 200 << "OK"_ba
        << "0123456789"_ba;
    QTest::newRow("chunked split inside chunks")
        << QList<QByteArray> { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[1",
                               ",\r\n", "2\r\n2]\r", "\n0\r\n", "\r\n" }
        << 200 << "OK"_ba
        << "[1,2]"_ba;
    QTest::newRow("no content") << QList<QByteArray> { "HTTP/1.1 204 No Content\r\n\r\n" } << 204
                                << "No Content"_ba << QByteArray();
    QTest::newRow("interim 100 Continue skipped")
        << QList<QByteArray> { "HTTP/1.1 100 Continue\r\n\r\n",
                               "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 2\r\n\r\n{}" }
        << 413 << "Payload Too Large"_ba
        << "{}"_ba;
}

void TestHttpClient::framing()
{
    QFETCH(QList<QByteArray>, pieces);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, body);

    // The second reply proves the client consumed exactly the first response's bytes.
    CannedServer server({ Step { pieces, false, false }, reply(nextReply) });
    HttpClient client(server.port());
    const HttpResponse response = client.get("/first"_ba);
    QCOMPARE(response.status, status);
    QCOMPARE(response.reason, reason);
    QCOMPARE(response.body, body);
    QVERIFY(!response.closed);

    const HttpResponse next = client.get("/second"_ba);
    QCOMPARE(next.status, 200);
    QCOMPARE(next.body, "next"_ba);
    QCOMPARE(server.connections(), 1);
}

void TestHttpClient::closeDelimitedBody()
{
    CannedServer server(
        { reply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end"_ba, true),
          reply(nextReply) });
    HttpClient client(server.port());
    const HttpResponse response = client.get("/"_ba);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, "until the end"_ba);
    QVERIFY(response.closed);
    QVERIFY(!client.isConnected());

    QCOMPARE(client.get("/"_ba).body, "next"_ba);
    QCOMPARE(server.connections(), 2);
}

void TestHttpClient::keepAliveReusesOneConnection()
{
    CannedServer server(
        { reply("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"_ba),
          reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nb\r\n0\r\n\r\n"_ba),
          reply("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nc"_ba) });
    HttpClient client(server.port());
    QCOMPARE(client.get("/1"_ba).body, "a"_ba);
    QVERIFY(client.isConnected());
    QCOMPARE(client.request("POST"_ba, "/2"_ba, R"({"x":1})"_ba).body, "b"_ba);
    QCOMPARE(client.get("/3"_ba).body, "c"_ba);
    QCOMPARE(client.connectionCount(), 1);
    QCOMPARE(server.connections(), 1);
    const QList<QByteArray> requests = server.requests();
    QCOMPARE(requests.size(), 3);
    QVERIFY(requests.at(0).startsWith("GET /1 HTTP/1.1\r\n"));
    QVERIFY(requests.at(1).startsWith("POST /2 HTTP/1.1\r\n"));
    QVERIFY(requests.at(2).startsWith("GET /3 HTTP/1.1\r\n"));
}

void TestHttpClient::connectionCloseHeader()
{
    CannedServer server(
        { reply("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbad"_ba,
                true),
          reply(nextReply) });
    HttpClient client(server.port());
    const HttpResponse response = client.get("/"_ba);
    QCOMPARE(response.status, 400);
    QCOMPARE(response.body, "bad"_ba);
    QVERIFY(response.closed);
    QCOMPARE(client.get("/"_ba).body, "next"_ba);
    QCOMPARE(server.connections(), 2);
}

void TestHttpClient::reconnectsAfterQuietClose()
{
    // The server drops an idle keep-alive connection without announcing it.
    CannedServer server(
        { reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"_ba, true), reply(nextReply) });
    HttpClient client(server.port());
    QCOMPARE(client.get("/"_ba).body, "ok"_ba);
    const HttpResponse next = client.get("/"_ba);
    QCOMPARE(next.status, 200);
    QCOMPARE(next.body, "next"_ba);
    QCOMPARE(server.connections(), 2);
    QCOMPARE(server.requests().size(), 2);
}

void TestHttpClient::requestHeaders()
{
    CannedServer server({ reply(nextReply), reply(nextReply), reply(nextReply), reply(nextReply) });
    HttpClient client(server.port());
    const QByteArray port = QByteArray::number(server.port());

    const QByteArray json = R"({"a":"é"})"_ba; // 10 bytes: é is two in UTF-8
    QCOMPARE(client.request("POST"_ba, "/api/v1/x"_ba, json).status, 200);
    QCOMPARE(
        client.request("PUT"_ba, "/y"_ba, "plain"_ba, { { "content-type"_ba, "text/plain"_ba } })
            .status,
        200);
    QCOMPARE(client.request("DELETE"_ba, "/z"_ba, {}, { { "Host"_ba, "example.test"_ba } }).status,
             200);
    QCOMPARE(client.request("PATCH"_ba, "/w"_ba).status, 200);

    const QList<QByteArray> requests = server.requests();
    QCOMPARE(requests.size(), 4);
    QCOMPARE(requests.at(0),
             QByteArray("POST /api/v1/x HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n"
                        + json));
    QCOMPARE(requests.at(1),
             QByteArray("PUT /y HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\ncontent-type: text/plain\r\nContent-Length: 5\r\n\r\nplain"));
    QCOMPARE(requests.at(2), "DELETE /z HTTP/1.1\r\nHost: example.test\r\n\r\n"_ba);
    QCOMPARE(requests.at(3),
             QByteArray("PATCH /w HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nContent-Length: 0\r\n\r\n"));
}

void TestHttpClient::sendRawWritesBytesAsIs()
{
    CannedServer server({ reply(nextReply) });
    HttpClient client(server.port());
    const QByteArray raw = "GET /%zz HTTP/1.1\r\nX-Odd:   spaced  \r\nHost: h\r\n\r\n"_ba;
    QCOMPARE(client.sendRaw(raw).body, "next"_ba);
    QCOMPARE(server.requests(), QList<QByteArray> { raw });
}

void TestHttpClient::pipelinedResponses()
{
    CannedServer server({ reply("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"_ba),
                          reply("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo"_ba) });
    HttpClient client(server.port());
    const HttpResponse first = client.sendRaw("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"
                                              "GET /2 HTTP/1.1\r\nHost: h\r\n\r\n"_ba);
    QCOMPARE(first.body, "one"_ba);
    QCOMPARE(client.readResponse().body, "two"_ba);
}

void TestHttpClient::headResponseHasNoBody()
{
    CannedServer server(
        { reply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"_ba), reply(nextReply) });
    HttpClient client(server.port());
    const HttpResponse head = client.request("HEAD"_ba, "/"_ba);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("content-length"_ba), "100"_ba);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(client.get("/"_ba).body, "next"_ba);
}

void TestHttpClient::headerLookupAndJson()
{
    CannedServer server(
        { reply("HTTP/1.1 200 OK\r\ncontent-TYPE: application/json\r\n"
                "X-Request-Id: abc\r\nContent-Length: 16\r\n\r\n{\"a\":1,\"b\":\"ł\"}"_ba) });
    HttpClient client(server.port());
    const HttpResponse response = client.get("/"_ba);
    QCOMPARE(response.header("Content-Type"_ba), "application/json"_ba);
    QCOMPARE(response.header("x-request-id"_ba), "abc"_ba);
    QVERIFY(response.hasHeader("X-REQUEST-ID"_ba));
    QVERIFY(!response.hasHeader("Location"_ba));
    QVERIFY(response.header("Location"_ba).isEmpty());
    QCOMPARE(response.json().object().value(u"a"_s).toInt(), 1);
    QCOMPARE(response.json().object().value(u"b"_s).toString(), u"ł"_s);
}

void TestHttpClient::timeoutGivesStatusZero()
{
    CannedServer server({ Step { {}, false, true }, reply(nextReply) });
    HttpClient client(server.port());
    client.setTimeoutMs(300);
    const HttpResponse response = client.get("/slow"_ba);
    QCOMPARE(response.status, 0);
    QVERIFY(!client.isConnected());

    client.setTimeoutMs(30'000);
    QCOMPARE(client.get("/"_ba).body, "next"_ba); // a fresh connection, not the stale one
    QCOMPARE(server.connections(), 2);
}

void TestHttpClient::refusedConnectionGivesStatusZero()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    HttpClient client(port);
    const HttpResponse response = client.get("/"_ba);
    QCOMPARE(response.status, 0);
    QVERIFY(!client.isConnected());
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
