#include "mariadbserver.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using sluice::test::MariaDbServer;

// The test harness's own MariaDB server: other db-mysql tests rely on every promise made here.
class TestMariaDbServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void passwordLogin();
    void wrongPasswordRejected();
    void execRunsSeveralStatements();
    void execStopsAtFirstError();
    void createDatabase();
    void sharedServerIsReused();
    void destructorStopsServerAndRemovesDirectory();
    void watchdogCleansUpAfterCrash();

private:
    QSqlDatabase connect(const MariaDbServer &server, const QString &password,
                         const QString &database = {});
    static bool portRefuses(quint16 port);
    std::unique_ptr<MariaDbServer> m_server;
    int m_connections = 0;
};

QSqlDatabase TestMariaDbServer::connect(const MariaDbServer &server, const QString &password,
                                        const QString &database)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, u"c%1"_s.arg(++m_connections));
    db.setHostName(server.host());
    db.setPort(server.port());
    db.setUserName(server.user());
    db.setPassword(password);
    db.setDatabaseName(database.isEmpty() ? server.database() : database);
    db.open();
    return db;
}

bool TestMariaDbServer::portRefuses(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    return !socket.waitForConnected(5'000)
        && socket.error() == QAbstractSocket::ConnectionRefusedError;
}

void TestMariaDbServer::init()
{
    // One server per test function keeps them independent; a start takes well under a second.
    m_server = std::make_unique<MariaDbServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestMariaDbServer::cleanup()
{
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names) {
        if (name.startsWith(u'c'))
            QSqlDatabase::removeDatabase(name);
    }
    m_server.reset();
}

void TestMariaDbServer::passwordLogin()
{
    QCOMPARE(m_server->host(), u"127.0.0.1"_s);
    QVERIFY(m_server->port() > 0);
    QCOMPARE(m_server->dsn(),
             u"mysql://sluice:sluice@127.0.0.1:%1/sluice_test"_s.arg(m_server->port()));
    {
        QSqlDatabase db = connect(*m_server, m_server->password());
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY2(query.exec(u"SELECT current_user(), database(), version(), @@port, "
                            "@@character_set_server, 'Wisława'"_s),
                 qPrintable(query.lastError().text()));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"sluice@%"_s); // a real grant, not skip-grant-tables
        QCOMPARE(query.value(1).toString(), u"sluice_test"_s);
        QVERIFY2(query.value(2).toString().contains(u"MariaDB"_s),
                 qPrintable(query.value(2).toString()));
        QCOMPARE(query.value(3).toInt(), m_server->port()); // TCP, on the promised port
        QCOMPARE(query.value(4).toString(), u"utf8mb4"_s);
        QCOMPARE(query.value(5).toString(), u"Wisława"_s);
    }
}

void TestMariaDbServer::wrongPasswordRejected()
{
    {
        QSqlDatabase db = connect(*m_server, u"not-the-password"_s);
        QVERIFY(!db.isOpen());
        QVERIFY2(db.lastError().text().contains(u"Access denied"_s),
                 qPrintable(db.lastError().text()));
    }
    {
        QSqlDatabase db = connect(*m_server, QString());
        QVERIFY(!db.isOpen());
        QVERIFY2(db.lastError().text().contains(u"Access denied"_s),
                 qPrintable(db.lastError().text()));
    }
}

void TestMariaDbServer::execRunsSeveralStatements()
{
    QVERIFY(
        m_server->exec(u"CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY, name text NOT NULL);"
                       "INSERT INTO t (name) VALUES ('a'), ('b');\n"
                       "INSERT INTO t (name) VALUES ('Wisława');"_s));
    QSqlDatabase db = connect(*m_server, m_server->password());
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY(query.exec(u"SELECT count(*), (SELECT name FROM t WHERE id = 3) FROM t"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 3);
    QCOMPARE(query.value(1).toString(), u"Wisława"_s);
}

void TestMariaDbServer::execStopsAtFirstError()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"MariaDbServer: SQL failed: .*no_such_table"_s));
    QVERIFY(!m_server->exec(u"SELECT * FROM no_such_table"_s));
    // An error in a later statement of a batch is reported too, and stops the batch there.
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"MariaDbServer: SQL failed: .*missing.*"_s));
    QVERIFY(!m_server->exec(
        u"CREATE TABLE u (x int); SELECT * FROM missing; CREATE TABLE v (x int);"_s));
    QVERIFY(m_server->exec(u"SELECT * FROM u"_s));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"MariaDbServer: SQL failed: .*\\.v'.*"_s));
    QVERIFY(!m_server->exec(u"SELECT * FROM v"_s));
}

void TestMariaDbServer::createDatabase()
{
    QVERIFY(m_server->createDatabase(u"second"_s));
    QSqlDatabase db = connect(*m_server, m_server->password(), u"second"_s);
    QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
    QSqlQuery query(db);
    QVERIFY(query.exec(u"SELECT database()"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), u"second"_s);
    QVERIFY(m_server->execIn(u"second"_s, u"CREATE TABLE only_here (x int)"_s));
    QVERIFY(query.exec(u"SELECT count(*) FROM only_here"_s));

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"MariaDbServer: SQL failed: .*exists.*"_s));
    QVERIFY(!m_server->createDatabase(u"second"_s));
}

void TestMariaDbServer::sharedServerIsReused()
{
    MariaDbServer *shared = MariaDbServer::shared();
    QVERIFY(shared);
    QCOMPARE(MariaDbServer::shared(), shared);
    QVERIFY(shared->port() != m_server->port());
    QVERIFY(shared->exec(u"CREATE TABLE IF NOT EXISTS marker (x int)"_s));
    QSqlDatabase db = connect(*shared, shared->password());
    QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
}

void TestMariaDbServer::destructorStopsServerAndRemovesDirectory()
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

void TestMariaDbServer::watchdogCleansUpAfterCrash()
{
    // A child process starts a server and dies without running any destructor, as a crashing
    // test would; its watchdog must kill the server and delete the directory.
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::close(fds[0]);
        auto *server = new MariaDbServer; // leaked on purpose
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

QTEST_GUILESS_MAIN(TestMariaDbServer)
#include "tst_mariadbserver.moc"
