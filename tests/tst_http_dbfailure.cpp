// A database that goes away, over real HTTP against the real server the harness started
// (compiled for PostgreSQL and for MariaDB, see support/testdatabase.h):
// - sessions the database ends while they sit in the pool (terminated, as by an admin or a
//   failover) cost no failed request;
// - a database that stops answering altogether (PostgreSQL under SIGSTOP) is answered with 504
//   at its statement timeout instead of holding the worker, so a request for another service on
//   the same worker is served, and the service works again once the database is back.
#include "apiserver.h"
#include "httpclient.h"
#include "pgserver.h"
#include "testdatabase.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::Backend;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

constexpr int kStatementTimeoutMs = 1000;

// The postmaster and every process it started (its backends), by /proc.
QList<qint64> clusterProcesses(const QString &clusterDir)
{
    QFile pidFile(QDir(clusterDir).filePath(u"data/postmaster.pid"_s));
    if (!pidFile.open(QIODevice::ReadOnly))
        return {};
    const qint64 postmaster = pidFile.readLine().trimmed().toLongLong();
    QList<qint64> pids = { postmaster };
    for (const QString &entry : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
        QFile stat(u"/proc/"_s + entry + u"/stat"_s);
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid …; comm may hold spaces, so read after its closing ')'.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> rest = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (rest.size() > 1 && rest.at(1).toLongLong() == postmaster)
            pids << entry.toLongLong();
    }
    return pids;
}

} // namespace

class TestHttpDbFailure : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<sluice::test::TestDatabase> m_db;
    sluice::test::AuthFixture m_auth;
    sluice::test::ApiServer m_server;
    QByteArray m_key;

    HttpResponse call(HttpClient &client, const QByteArray &method, const QByteArray &target,
                      const QByteArray &body = {})
    {
        return client.request(method, target, body, { { "X-API-Key", m_key } });
    }

    // Ends every session of the test database but the fixture's own, as an admin would.
    bool terminateOtherSessions()
    {
        QSqlQuery q(m_db->fixture());
        if (sluice::test::kCompiledBackend == Backend::MariaDB) {
            if (!q.exec(u"SELECT id FROM information_schema.processlist WHERE db = DATABASE()"
                        " AND id <> CONNECTION_ID()"_s))
                return false;
            QList<qint64> ids;
            while (q.next())
                ids << q.value(0).toLongLong();
            for (const qint64 id : ids) {
                if (!q.exec(u"KILL CONNECTION %1"_s.arg(id)))
                    qWarning() << "KILL" << id << q.lastError().text();
            }
            return !ids.isEmpty();
        }
        if (!q.exec(u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"_s)
            || !q.next() || q.value(0).toInt() == 0)
            return false;
        // pg_terminate_backend() only signals: wait until the sessions have ended, as they
        // would have long before the next request in real life.
        for (QDeadlineTimer deadline(10'000); !deadline.hasExpired(); QTest::qWait(20)) {
            if (q.exec(u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                       " AND pid <> pg_backend_pid()"_s)
                && q.next() && q.value(0).toInt() == 0)
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = sluice::test::createTestDatabase(sluice::test::kCompiledBackend, u"http_dbfailure"_s,
                                                m_dir.path());
        QVERIFY2(m_db, "fixture database (see the warnings above)");
        QVERIFY(m_db->run(u"CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40))"_s));
        QVERIFY(m_db->run(u"INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two')"_s));
        // A second service on a SQLite file, served by the same worker.
        const QString litePath = m_dir.filePath(u"lite.sqlite"_s);
        {
            auto lite = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"lite-fixture"_s);
            lite.setDatabaseName(litePath);
            QVERIFY(lite.open());
            QSqlQuery q(lite);
            QVERIFY(q.exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"_s));
            QVERIFY(q.exec(u"INSERT INTO notes VALUES (1, 'still here')"_s));
        }
        QSqlDatabase::removeDatabase(u"lite-fixture"_s);

        QVERIFY(m_auth.init());
        m_key = m_auth.createKey(u"all"_s, { u"*:*:*"_s }).toLatin1();
        ServiceConfig db;
        db.name = u"db"_s;
        db.driver = m_db->driver;
        // A short connect timeout, so reconnecting to a frozen server gives up quickly too.
        db.dsn = m_db->dsn + u"?connect_timeout=2"_s;
        ServiceConfig lite;
        lite.name = u"lite"_s;
        lite.driver = u"sqlite"_s;
        lite.dsn = litePath;
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

    void terminatedSessionsCostNoFailedRequest()
    {
        HttpClient client(m_server.port());
        for (int round = 0; round < 3; ++round) {
            QCOMPARE(call(client, "GET", "/api/v1/db/_table/items").status, 200);
            QVERIFY(terminateOtherSessions());
            // Reads: lists and single rows.
            HttpResponse r = call(client, "GET", "/api/v1/db/_table/items?order=id");
            QVERIFY2(r.status == 200, r.body.constData());
            QCOMPARE(r.resource().size(), 2);
            QVERIFY(terminateOtherSessions());
            r = call(client, "GET", "/api/v1/db/_table/items/2");
            QVERIFY2(r.status == 200, r.body.constData());
        }
        if (sluice::test::kCompiledBackend == Backend::PostgreSQL) {
            // PostgreSQL connections are checked before they are lent: writes are safe too.
            QVERIFY(terminateOtherSessions());
            const HttpResponse r =
                call(client, "PATCH", "/api/v1/db/_table/items/1", R"({"name":"uno"})");
            QVERIFY2(r.status == 200, r.body.constData());
        }
    }

    void frozenDatabaseDoesNotHoldTheWorker()
    {
        if (sluice::test::kCompiledBackend != Backend::PostgreSQL)
            QSKIP("SIGSTOP needs the harness's own server process: PostgreSQL's");
        sluice::test::PgServer *pg = sluice::test::PgServer::shared();
        QVERIFY(pg);
        HttpClient client(m_server.port());
        QCOMPARE(call(client, "GET", "/api/v1/db/_table/items").status, 200); // a warm connection
        const QList<qint64> processes = clusterProcesses(pg->directory());
        QVERIFY(processes.size() > 1);
        const auto signalAll = [&processes](int signal) {
            for (const qint64 pid : processes)
                ::kill(pid_t(pid), signal);
        };
        signalAll(SIGSTOP);
        auto resume = qScopeGuard([&] { signalAll(SIGCONT); });

        // A request for the frozen database, then one for SQLite on the same (only) worker.
        QTcpSocket frozen;
        frozen.connectToHost(QHostAddress::LocalHost, m_server.port());
        QVERIFY(frozen.waitForConnected(5000));
        frozen.write("GET /api/v1/db/_table/items HTTP/1.1\r\nHost: x\r\nX-API-Key: " + m_key
                     + "\r\n\r\n");
        QVERIFY(frozen.waitForBytesWritten(5000));
        HttpClient other(m_server.port());
        other.setTimeoutMs(60'000);
        const HttpResponse lite = call(other, "GET", "/api/v1/lite/_table/notes");
        QVERIFY2(lite.status == 200, lite.body.constData());
        QCOMPARE(lite.resource()[0][u"body"_s].toString(), u"still here"_s);
        // The frozen database's request was answered, with the statement timeout.
        QByteArray answer;
        for (QDeadlineTimer deadline(60'000);
             !answer.contains("\r\n\r\n") && !deadline.hasExpired();)
            if (frozen.waitForReadyRead(1000))
                answer += frozen.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 504"), answer.constData());
        // Opening a new connection to a frozen server gives up too (connect_timeout).
        client.setTimeoutMs(60'000);
        HttpResponse r = call(client, "GET", "/api/v1/db/_table/items");
        QVERIFY2(r.status == 503 || r.status == 504, r.body.constData());

        resume.dismiss();
        signalAll(SIGCONT);
        // Back: the service answers again, on a new connection.
        int status = 0;
        for (QDeadlineTimer deadline(30'000); status != 200 && !deadline.hasExpired();
             QTest::qWait(100))
            status = call(client, "GET", "/api/v1/db/_table/items").status;
        QCOMPARE(status, 200);
    }
};

QTEST_GUILESS_MAIN(TestHttpDbFailure)
#include "tst_http_dbfailure.moc"
