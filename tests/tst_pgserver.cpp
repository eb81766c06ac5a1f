#include "pgserver.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using sluice::test::PgServer;

// The test harness's own PostgreSQL server: other db-pg tests rely on every promise made here.
class TestPgServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void passwordLogin();
    void wrongPasswordRejected();
    void execRunsSeveralStatements();
    void execReportsErrors();
    void createDatabase();
    void sharedServerIsReused();
    void destructorStopsServerAndRemovesDirectory();

private:
    QSqlDatabase connect(const PgServer &server, const QString &password,
                         const QString &database = {});
    std::unique_ptr<PgServer> m_server;
    int m_connections = 0;
};

QSqlDatabase TestPgServer::connect(const PgServer &server, const QString &password,
                                   const QString &database)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"c%1"_s.arg(++m_connections));
    db.setHostName(server.host());
    db.setPort(server.port());
    db.setUserName(server.user());
    db.setPassword(password);
    db.setDatabaseName(database.isEmpty() ? server.database() : database);
    db.open();
    return db;
}

void TestPgServer::init()
{
    // One server per test function keeps them independent; it costs a second or two each.
    m_server = std::make_unique<PgServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestPgServer::cleanup()
{
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names) {
        if (name.startsWith(u'c'))
            QSqlDatabase::removeDatabase(name);
    }
    m_server.reset();
}

void TestPgServer::passwordLogin()
{
    QCOMPARE(m_server->host(), u"127.0.0.1"_s);
    QVERIFY(m_server->port() > 0);
    QCOMPARE(m_server->dsn(),
             u"postgres://sluice:sluice@127.0.0.1:%1/sluice_test"_s.arg(m_server->port()));
    {
        QSqlDatabase db = connect(*m_server, m_server->password());
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY2(query.exec(u"SELECT current_user, current_database(), "
                            "current_setting('server_version_num')::int"_s),
                 qPrintable(query.lastError().text()));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"sluice"_s);
        QCOMPARE(query.value(1).toString(), u"sluice_test"_s);
        QVERIFY(query.value(2).toInt() >= 150000);
    }
}

void TestPgServer::wrongPasswordRejected()
{
    {
        QSqlDatabase db = connect(*m_server, u"not-the-password"_s);
        QVERIFY(!db.isOpen());
        QVERIFY2(db.lastError().text().contains(u"password authentication failed"_s),
                 qPrintable(db.lastError().text()));
    }
    {
        QSqlDatabase db = connect(*m_server, QString());
        QVERIFY(!db.isOpen());
    }
}

void TestPgServer::execRunsSeveralStatements()
{
    QVERIFY(m_server->exec(u"CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL);"
                           "INSERT INTO t (name) VALUES ('a'), ('b');"
                           "INSERT INTO t (name) VALUES ('Wisława');"_s));
    QSqlDatabase db = connect(*m_server, m_server->password());
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY(query.exec(u"SELECT count(*), (SELECT name FROM t WHERE id = 3) FROM t"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 3);
    QCOMPARE(query.value(1).toString(), u"Wisława"_s);
}

void TestPgServer::execReportsErrors()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"PgServer: SQL failed: .*no_such_table"_s));
    QVERIFY(!m_server->exec(u"SELECT * FROM no_such_table"_s));
    // An error in a later statement of a batch is reported too, and stops the batch there.
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"PgServer: SQL failed: .*division by zero"_s));
    QVERIFY(!m_server->exec(u"CREATE TABLE u (x int); SELECT 1/0; CREATE TABLE v (x int);"_s));
    QVERIFY(m_server->exec(u"SELECT * FROM u"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"PgServer: SQL failed: .*\"v\".*"_s));
    QVERIFY(!m_server->exec(u"SELECT * FROM v"_s));
}

void TestPgServer::createDatabase()
{
    QVERIFY(m_server->createDatabase(u"second"_s));
    QSqlDatabase db = connect(*m_server, m_server->password(), u"second"_s);
    QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
    QSqlQuery query(db);
    QVERIFY(query.exec(u"SELECT current_database()"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), u"second"_s);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"PgServer: SQL failed: .*exists.*"_s));
    QVERIFY(!m_server->createDatabase(u"second"_s));
}

void TestPgServer::sharedServerIsReused()
{
    PgServer *shared = PgServer::shared();
    QVERIFY(shared);
    QCOMPARE(PgServer::shared(), shared);
    QVERIFY(shared->port() != m_server->port());
    QVERIFY(shared->exec(u"CREATE TABLE IF NOT EXISTS marker (x int)"_s));
    QSqlDatabase db = connect(*shared, shared->password());
    QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
}

void TestPgServer::destructorStopsServerAndRemovesDirectory()
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
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    QVERIFY(!socket.waitForConnected(5'000));
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
}

QTEST_GUILESS_MAIN(TestPgServer)
#include "tst_pgserver.moc"
