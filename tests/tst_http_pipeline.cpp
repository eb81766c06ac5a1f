// Pipelined PostgreSQL reads over real HTTP against a real server (the harness's): one worker
// keeps many requests' statements in flight on its libpq connection in pipeline mode and answers
// each when its rows arrive (LaterReply, PgPipeline).
// - many connections' reads at once, and several requests pipelined on one connection, each get
//   exactly their own rows, in the order asked;
// - while a read waits on the database, the worker serves other connections;
// - a read that fails at the database fails alone: the reads sent around it are answered;
// - a statement of a table dropped and made again is prepared afresh.
#include "apiserver.h"
#include "httpclient.h"
#include "sqlitefile.h"
#include "testdatabase.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

constexpr int kItems = 60;
constexpr int kStatementTimeoutMs = 3000;

// The bodies of the `count` responses a connection receives (Content-Length framed).
QList<QByteArray> readResponses(QTcpSocket &socket, int count)
{
    QList<QByteArray> bodies;
    QByteArray buffer;
    for (QDeadlineTimer deadline(30'000); bodies.size() < count && !deadline.hasExpired();) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QByteArray head = buffer.left(headEnd);
            const qsizetype at = head.toLower().indexOf("content-length: ");
            const qsizetype length =
                at < 0 ? 0 : head.mid(at + 16).split('\r').first().toLongLong();
            if (buffer.size() >= headEnd + 4 + length) {
                bodies << head.left(head.indexOf("\r\n")) + '\n' + buffer.mid(headEnd + 4, length);
                buffer.remove(0, headEnd + 4 + length);
                continue;
            }
        }
        if (socket.waitForReadyRead(1000))
            buffer += socket.readAll();
    }
    return bodies;
}

} // namespace

class TestHttpPipeline : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<sluice::test::TestDatabase> m_db;
    sluice::test::AuthFixture m_auth;
    sluice::test::ApiServer m_server;
    QByteArray m_key;

    QByteArray get(const QByteArray &target, bool close = false) const
    {
        return "GET " + target + " HTTP/1.1\r\nHost: x\r\nX-API-Key: " + m_key + "\r\n"
            + (close ? "Connection: close\r\n" : "") + "\r\n";
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = sluice::test::createTestDatabase(sluice::test::Backend::PostgreSQL,
                                                u"http_pipeline"_s, m_dir.path());
        QVERIFY2(m_db, "fixture database (see the warnings above)");
        QVERIFY(m_db->run(u"CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)"_s));
        QVERIFY(m_db->run(
            u"INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, %1) g"_s.arg(
                kItems)));
        // Reading row 3 divides by zero: a read that fails at the database, not before.
        QVERIFY(
            m_db->run(u"CREATE VIEW fragile AS SELECT id, 10 / (id - 3) AS ratio FROM items"_s));
        QVERIFY(m_db->run(u"CREATE TABLE scratch (id INTEGER PRIMARY KEY, note TEXT)"_s));
        QVERIFY(m_db->run(u"INSERT INTO scratch VALUES (1, 'first')"_s));
        // Under the statement timeout (3 s), yet long enough to be sure of what runs meanwhile.
        QVERIFY(m_db->run(u"CREATE VIEW slow AS SELECT id, pg_sleep(2) IS NULL AS slept"
                          " FROM items WHERE id = 1"_s));
        // A second service, on SQLite, served by the same worker.
        const QString litePath = m_dir.filePath(u"lite.sqlite"_s);
        {
            sluice::test::SqliteFileConnection lite(litePath);
            QCOMPARE(lite.exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"_s),
                     QString());
            QCOMPARE(lite.exec(u"INSERT INTO notes VALUES (1, 'served meanwhile')"_s), QString());
        }

        QVERIFY(m_auth.init());
        m_key = m_auth.createKey(u"all"_s, { u"*:*:*"_s }).toLatin1();
        ServiceConfig db;
        db.name = u"db"_s;
        db.driver = m_db->driver;
        db.dsn = m_db->dsn;
        ServiceConfig lite;
        lite.name = u"lite"_s;
        lite.driver = u"sqlite"_s;
        lite.dsn = litePath;
        // One worker: every PostgreSQL read on one pipelined connection.
        QVERIFY(m_server.start(m_auth, { db, lite }, 1, [](ApiContext &context) {
            context.options.statementTimeoutMs = kStatementTimeoutMs;
        }));
    }

    void cleanupTestCase()
    {
        m_server.stop();
        if (m_db)
            m_db->close();
    }

    void manyReadsAtOnceGetTheirOwnRows()
    {
        // Every connection sends its request before any answer is read.
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int id = 1; id <= kItems; ++id) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_server.port());
            QVERIFY(socket->waitForConnected(5000));
            const QByteArray target = QByteArray(id % 2 ? "/api/v1/db/_table/items/"
                                                        : "/api/v1/db/_table/items?filter=id%3D")
                + QByteArray::number(id);
            socket->write(get(target, true));
            sockets.push_back(std::move(socket));
        }
        for (int id = 1; id <= kItems; ++id) {
            const QList<QByteArray> answers = readResponses(*sockets[id - 1], 1);
            QCOMPARE(answers.size(), 1);
            QVERIFY2(answers.first().startsWith("HTTP/1.1 200"), answers.first().constData());
            const QJsonObject body =
                QJsonDocument::fromJson(answers.first().mid(answers.first().indexOf('\n') + 1))
                    .object();
            const QJsonObject row = id % 2 ? body : body[u"resource"_s].toArray().at(0).toObject();
            QCOMPARE(row[u"id"_s].toInt(), id);
            QCOMPARE(row[u"name"_s].toString(), u"item %1"_s.arg(id));
        }
    }

    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server.port());
        QVERIFY(socket.waitForConnected(5000));
        QByteArray requests;
        const QList<int> ids = { 7, 3, 42, 1, 60, 3 };
        for (const int id : ids)
            requests += get("/api/v1/db/_table/items/" + QByteArray::number(id));
        socket.write(requests);
        const QList<QByteArray> answers = readResponses(socket, int(ids.size()));
        QCOMPARE(answers.size(), ids.size());
        for (qsizetype i = 0; i < ids.size(); ++i) {
            const QJsonObject row =
                QJsonDocument::fromJson(answers.at(i).mid(answers.at(i).indexOf('\n') + 1))
                    .object();
            QCOMPARE(row[u"id"_s].toInt(), ids.at(i));
        }
    }

    void theWorkerServesOthersWhileAReadWaits()
    {
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, m_server.port());
        QVERIFY(slow.waitForConnected(5000));
        slow.write(get("/api/v1/db/_table/slow", true));
        QVERIFY(slow.waitForBytesWritten(5000));
        // The only worker has sent the slow read (two seconds in the database) and serves this
        // one meanwhile; before pipelining it sat in the slow read until the rows came.
        QTest::qWait(200); // (it has been read by then)
        HttpClient client(m_server.port());
        const HttpResponse r =
            client.request("GET", "/api/v1/lite/_table/notes", {}, { { "X-API-Key", m_key } });
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.resource().at(0)[u"body"_s].toString(), u"served meanwhile"_s);
        QVERIFY2(!slow.waitForReadyRead(100), "the slow read was answered first");
        const QList<QByteArray> answers = readResponses(slow, 1);
        QCOMPARE(answers.size(), 1);
        QVERIFY2(answers.first().contains("{\"id\":1,\"slept\":false}"),
                 answers.first().constData());
    }

    void readsQueuedBehindSlowOnesAreNotTimedOut()
    {
        // Three reads of 2 s each, one after another on the one connection: the last is answered
        // after some 6 s, past the statement timeout and its 2 s of grace counted from when it
        // was sent, yet each ran within its timeout once its turn came.
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 3; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_server.port());
            QVERIFY(socket->waitForConnected(5000));
            socket->write(get("/api/v1/db/_table/slow", true));
            sockets.push_back(std::move(socket));
        }
        for (auto &socket : sockets) {
            const QList<QByteArray> answers = readResponses(*socket, 1);
            QCOMPARE(answers.size(), 1);
            QVERIFY2(answers.first().startsWith("HTTP/1.1 200"), answers.first().constData());
        }
    }

    void aReadFailingAtTheDatabaseFailsAlone()
    {
        // Sent together, so they are in flight together: the failing read between two others.
        const QList<QByteArray> targets = {
            "/api/v1/db/_table/fragile?filter=id%3D1",
            "/api/v1/db/_table/fragile",
            "/api/v1/db/_table/items/5",
            "/api/v1/db/_table/fragile?filter=id%3D4",
        };
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (const QByteArray &target : targets) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_server.port());
            QVERIFY(socket->waitForConnected(5000));
            socket->write(get(target, true));
            sockets.push_back(std::move(socket));
        }
        QList<QByteArray> answers;
        for (auto &socket : sockets) {
            const QList<QByteArray> one = readResponses(*socket, 1);
            QCOMPARE(one.size(), 1);
            answers << one.first();
        }
        QVERIFY2(answers.at(0).startsWith("HTTP/1.1 200"), answers.at(0).constData());
        QVERIFY2(answers.at(0).contains("\"ratio\":-5"), answers.at(0).constData());
        QVERIFY2(answers.at(1).startsWith("HTTP/1.1 4"), answers.at(1).constData());
        QVERIFY2(answers.at(1).contains("division by zero"), answers.at(1).constData());
        QVERIFY2(answers.at(2).startsWith("HTTP/1.1 200"), answers.at(2).constData());
        QVERIFY2(answers.at(3).startsWith("HTTP/1.1 200"), answers.at(3).constData());
        QVERIFY2(answers.at(3).contains("\"ratio\":10"), answers.at(3).constData());
        // And the connection goes on.
        HttpClient client(m_server.port());
        const HttpResponse r =
            client.request("GET", "/api/v1/db/_table/items/9", {}, { { "X-API-Key", m_key } });
        QCOMPARE(r.status, 200);
    }

    void aTableMadeAgainIsReadAfresh()
    {
        HttpClient client(m_server.port());
        const auto read = [&] {
            return client.request("GET", "/api/v1/db/_table/scratch", {},
                                  { { "X-API-Key", m_key } });
        };
        HttpResponse r = read();
        QVERIFY2(r.status == 200, r.body.constData());
        // Dropped and made again behind Sluice's back, same columns: the statement prepared on
        // the pipelined connection is planned again by the server.
        QVERIFY(m_db->run(u"DROP TABLE scratch"_s));
        QVERIFY(m_db->run(u"CREATE TABLE scratch (id INTEGER PRIMARY KEY, note TEXT)"_s));
        QVERIFY(m_db->run(u"INSERT INTO scratch VALUES (2, 'second')"_s));
        r = read();
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.resource().size(), 1);
        QCOMPARE(r.resource().at(0)[u"note"_s].toString(), u"second"_s);
    }
};

QTEST_GUILESS_MAIN(TestHttpPipeline)
#include "tst_http_pipeline.moc"
