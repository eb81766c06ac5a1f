#include "mariadbserver.h"
#include "pgserver.h"

#include <QDir>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpSocket>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace sluice::test;

namespace {

// What differs between the harness's servers; the promises tested below are the same.
struct ServerUnderTest
{
    const char *name; // the class, which prefixes its warnings
    QString qtDriver;
    QString scheme;
    QString whoAmI; // SQL: the session's user and database
    QString sessionUser; // what whoAmI answers for user()
    QString wrongPasswordError;
    QString emptyPasswordError;
    QString serialKey; // DDL: an auto-numbered integer primary key
    QString missingTable; // how an error names table `v` of database()
};

#if defined(SLUICE_TEST_MARIADB)
using Server = MariaDbServer;
const ServerUnderTest kServer {
    "MariaDbServer",
    u"QMYSQL"_s,
    u"mysql"_s,
    u"SELECT current_user(), database()"_s,
    u"sluice@%"_s, // a real grant, not skip-grant-tables
    u"Access denied"_s,
    u"Access denied"_s,
    u"id int AUTO_INCREMENT PRIMARY KEY"_s,
    u"\\.v'"_s,
};
#else
using Server = PgServer;
const ServerUnderTest kServer {
    "PgServer",
    u"QPSQL"_s,
    u"postgres"_s,
    u"SELECT current_user, current_database()"_s,
    u"sluice"_s,
    u"password authentication failed"_s,
    u"no password supplied"_s,
    u"id serial PRIMARY KEY"_s,
    u"\"v\""_s,
};
#endif

// The warning exec() logs for a failed statement whose error matches `pattern`.
void expectSqlFailure(const QString &pattern)
{
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(QLatin1StringView(kServer.name) + u": SQL failed: .*"_s + pattern));
}

bool portRefuses(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    return !socket.waitForConnected(5'000)
        && socket.error() == QAbstractSocket::ConnectionRefusedError;
}

} // namespace

// The test harness's own database server (tst_pgserver: PostgreSQL, tst_mariadbserver: MariaDB):
// the other tests of that backend rely on every promise made here.
class TestLocalServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void passwordLogin();
    void serverSettings();
    void wrongPasswordRejected();
    void execRunsSeveralStatements();
    void execStopsAtFirstError();
    void createDatabase();
    void sharedServerIsReused();
    void destructorStopsServerAndRemovesDirectory();
    void watchdogCleansUpAfterCrash();

private:
    QSqlDatabase connect(const Server &server, const QString &password,
                         const QString &database = {});
    // The first row `sql` returns on a fresh connection as user(); empty (and a warning) when
    // it cannot connect or the query fails.
    QVariantList queryRow(const QString &sql, const QString &database = {});

    std::unique_ptr<Server> m_server;
    int m_connections = 0;
};

QSqlDatabase TestLocalServer::connect(const Server &server, const QString &password,
                                      const QString &database)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(kServer.qtDriver, u"c%1"_s.arg(++m_connections));
    db.setHostName(server.host());
    db.setPort(server.port());
    db.setUserName(server.user());
    db.setPassword(password);
    db.setDatabaseName(database.isEmpty() ? server.database() : database);
    db.open();
    return db;
}

QVariantList TestLocalServer::queryRow(const QString &sql, const QString &database)
{
    QSqlDatabase db = connect(*m_server, m_server->password(), database);
    if (!db.isOpen()) {
        qWarning().noquote() << db.lastError().text();
        return {};
    }
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        qWarning().noquote() << sql << query.lastError().text();
        return {};
    }
    QVariantList row;
    for (int i = 0; i < query.record().count(); ++i)
        row << query.value(i);
    return row;
}

void TestLocalServer::init()
{
    // One server per test function keeps them independent; a start takes a second or two.
    m_server = std::make_unique<Server>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestLocalServer::cleanup()
{
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names) {
        if (name.startsWith(u'c'))
            QSqlDatabase::removeDatabase(name);
    }
    m_server.reset();
}

void TestLocalServer::passwordLogin()
{
    QCOMPARE(m_server->host(), u"127.0.0.1"_s);
    QVERIFY(m_server->port() > 0);
    QCOMPARE(
        m_server->dsn(),
        u"%1://sluice:sluice@127.0.0.1:%2/sluice_test"_s.arg(kServer.scheme).arg(m_server->port()));
    const QVariantList row = queryRow(kServer.whoAmI);
    QCOMPARE(row.size(), 2);
    QCOMPARE(row.at(0).toString(), kServer.sessionUser);
    QCOMPARE(row.at(1).toString(), u"sluice_test"_s);
}

// The server the backend's tests expect: its version, TCP on the promised port, UTF-8.
void TestLocalServer::serverSettings()
{
#if defined(SLUICE_TEST_MARIADB)
    const QVariantList row =
        queryRow(u"SELECT version(), @@port, @@character_set_server, 'Wisława'"_s);
    QCOMPARE(row.size(), 4);
    QVERIFY2(row.at(0).toString().contains(u"MariaDB"_s), qPrintable(row.at(0).toString()));
    QCOMPARE(row.at(1).toInt(), m_server->port());
    QCOMPARE(row.at(2).toString(), u"utf8mb4"_s);
    QCOMPARE(row.at(3).toString(), u"Wisława"_s);
#else
    const QVariantList row = queryRow(u"SELECT current_setting('server_version_num')::int,"
                                      " current_setting('port')::int, 'Wisława'"_s);
    QCOMPARE(row.size(), 3);
    QVERIFY(row.at(0).toInt() >= 150000);
    QCOMPARE(row.at(1).toInt(), m_server->port());
    QCOMPARE(row.at(2).toString(), u"Wisława"_s);
#endif
}

void TestLocalServer::wrongPasswordRejected()
{
    for (const auto &[password, error] :
         { std::pair { u"not-the-password"_s, kServer.wrongPasswordError },
           std::pair { QString(), kServer.emptyPasswordError } }) {
        QSqlDatabase db = connect(*m_server, password);
        QVERIFY(!db.isOpen());
        QVERIFY2(db.lastError().text().contains(error), qPrintable(db.lastError().text()));
    }
}

void TestLocalServer::execRunsSeveralStatements()
{
    QVERIFY(m_server->exec(u"CREATE TABLE t (%1, name text NOT NULL);"
                           "INSERT INTO t (name) VALUES ('a'), ('b');\n"
                           "INSERT INTO t (name) VALUES ('Wisława');"_s.arg(kServer.serialKey)));
    const QVariantList row =
        queryRow(u"SELECT count(*), (SELECT name FROM t WHERE id = 3) FROM t"_s);
    QCOMPARE(row.size(), 2);
    QCOMPARE(row.at(0).toInt(), 3);
    QCOMPARE(row.at(1).toString(), u"Wisława"_s);
}

void TestLocalServer::execStopsAtFirstError()
{
    expectSqlFailure(u"no_such_table"_s);
    QVERIFY(!m_server->exec(u"SELECT * FROM no_such_table"_s));
    // An error in a later statement of a batch is reported too, and stops the batch there.
    expectSqlFailure(u"missing"_s);
    QVERIFY(!m_server->exec(
        u"CREATE TABLE u (x int); SELECT * FROM missing; CREATE TABLE v (x int);"_s));
    QVERIFY(m_server->exec(u"SELECT * FROM u"_s));
    expectSqlFailure(kServer.missingTable);
    QVERIFY(!m_server->exec(u"SELECT * FROM v"_s));
}

void TestLocalServer::createDatabase()
{
    QVERIFY(m_server->createDatabase(u"second"_s));
    QVERIFY(m_server->execIn(u"second"_s, u"CREATE TABLE only_here (x int)"_s));
    const QVariantList row = queryRow(kServer.whoAmI, u"second"_s);
    QCOMPARE(row.size(), 2);
    QCOMPARE(row.at(1).toString(), u"second"_s);
    QCOMPARE(queryRow(u"SELECT count(*) FROM only_here"_s, u"second"_s).size(), 1);

    expectSqlFailure(u"exists"_s);
    QVERIFY(!m_server->createDatabase(u"second"_s));
}

void TestLocalServer::sharedServerIsReused()
{
    Server *shared = Server::shared();
    QVERIFY(shared);
    QCOMPARE(Server::shared(), shared);
    QVERIFY(shared->port() != m_server->port());
    QVERIFY(shared->exec(u"CREATE TABLE IF NOT EXISTS marker (x int)"_s));
    QSqlDatabase db = connect(*shared, shared->password());
    QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
}

void TestLocalServer::destructorStopsServerAndRemovesDirectory()
{
    const quint16 port = quint16(m_server->port());
    const QString directory = m_server->directory();
    QVERIFY(QDir(directory).exists());
    {
        QSqlDatabase db = connect(*m_server, m_server->password());
        QVERIFY(db.isOpen()); // an open session must not keep the server alive
    }

    m_server.reset();

    QVERIFY(!QDir(directory).exists());
    QVERIFY(portRefuses(port));
}

void TestLocalServer::watchdogCleansUpAfterCrash()
{
    // A child process starts a server and dies without running any destructor, as a crashing
    // test would; its watchdog must stop the server and delete the directory.
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::close(fds[0]);
        auto *server = new Server; // leaked on purpose
        QByteArray report;
        if (server->start())
            report =
                QByteArray::number(server->port()) + ' ' + QFile::encodeName(server->directory());
        else
            report = "failed " + server->errorString().toUtf8();
        (void)!::write(fds[1], report.constData(), size_t(report.size()));
        ::_exit(0);
    }
    ::close(fds[1]);
    QByteArray report;
    char buffer[512];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) != 0;) {
        if (n > 0)
            report.append(buffer, n);
        else if (errno != EINTR)
            break;
    }
    ::close(fds[0]);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(!report.startsWith("failed"), report.constData());
    const qsizetype space = report.indexOf(' ');
    QVERIFY2(space > 0, report.constData());
    const quint16 port = quint16(report.left(space).toUShort());
    const QString directory = QFile::decodeName(report.mid(space + 1));
    QVERIFY(port > 0);

    QTRY_VERIFY_WITH_TIMEOUT(!QDir(directory).exists(), 60'000);
    QTRY_VERIFY_WITH_TIMEOUT(portRefuses(port), 60'000);
}

QTEST_GUILESS_MAIN(TestLocalServer)
#include "tst_localserver.moc"
