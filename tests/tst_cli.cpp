#include "clirun.h"
#include "httpclient.h"
#include "isolatedcli.h"
#include "nodescript.h"
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

using Run = sluice::test::CliRun;
using sluice::test::kProcessTimeoutMs;

// Fills a fresh SQLite file with a small table and a view.
bool createSqliteFile(const QString &path)
{
    const QString connection = u"tst_cli_fixture"_s;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            ok =
                q.exec(
                    u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price NUMERIC(10,2))"_s)
                && q.exec(
                    u"INSERT INTO books (title, price) VALUES ('Dune', 9.99), ('Emma', 4.50)"_s)
                && q.exec(u"CREATE VIEW cheap AS SELECT title FROM books WHERE price < 5"_s);
            if (!ok)
                qWarning("fixture: %s", qPrintable(q.lastError().text()));
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

} // namespace

// The real `sluice` binary run as a user would: each test gets its own --data-dir, and output,
// exit codes and files are checked. `serve --demo --port 0` is started, queried over HTTP and
// stopped with SIGTERM.
class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void version();
    void versionJson();
    void unknownCommand_data();
    void unknownCommand();
    void desktopWithoutADisplaySaysWhatToRun_data();
    void desktopWithoutADisplaySaysWhatToRun();
    void dbAddListTestSchemaRemove();
    void dbAddRejected_data();
    void dbAddRejected();
    void dbListMasksPasswords();
    void dbTestFailsForMissingFile();
    void openApi();
    void authExplain();
    void authExplainToken();
    void configInit();
    void configShowNamesSources();
    void serveDemo();
    void serveFlightSql();
    void largeBodiesLeaveNoMemoryBehind();

private:
    sluice::test::IsolatedCli m_cli { QStringLiteral(SLUICE_BINARY) };
};

void TestCli::init()
{
    QVERIFY(m_cli.init());
}

void TestCli::version()
{
    const Run run = m_cli.run({ u"version"_s });
    QVERIFY2(run.exitCode == 0 && !run.crashed, qPrintable(run.describe()));
    QVERIFY2(
        QRegularExpression(u"\\Asluice \\d+\\.\\d+\\.\\d+\\S* \\(Qt 6\\.\\d+\\.\\d+\\)\\n\\z"_s)
            .match(run.out)
            .hasMatch(),
        qPrintable(run.out));
    QCOMPARE(run.err, QString());
}

void TestCli::versionJson()
{
    const Run run = m_cli.run({ u"version"_s, u"--json"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(run.out));
    const QJsonObject info = doc.object();
    QCOMPARE(info.value(u"name"_s).toString(), u"sluice"_s);
    QVERIFY(QRegularExpression(u"\\A\\d+\\.\\d+\\.\\d+"_s)
                .match(info.value(u"version"_s).toString())
                .hasMatch());
    QVERIFY(info.value(u"drivers"_s).isArray());
    // --driver names, as the system API's /system/info gives them, not Qt's plugin names.
    const QJsonArray drivers = info.value(u"drivers"_s).toArray();
    QVERIFY2(drivers.contains(u"sqlite"_s), qPrintable(run.out));
    for (const QJsonValue &driver : drivers)
        QVERIFY2(!driver.toString().startsWith(u'Q'), qPrintable(run.out));
    // The plain and JSON forms report the same version.
    const Run plain = m_cli.run({ u"version"_s });
    QVERIFY(plain.out.contains(info.value(u"version"_s).toString()));
}

void TestCli::unknownCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("unknown command") << QStringList { u"frobnicate"_s } << u"frobnicate"_s;
    QTest::newRow("unknown db subcommand") << QStringList { u"db"_s, u"drop"_s } << u"drop"_s;
    QTest::newRow("db without subcommand") << QStringList { u"db"_s } << u"subcommand"_s;
    QTest::newRow("unknown config subcommand")
        << QStringList { u"config"_s, u"edit"_s } << u"edit"_s;
    QTest::newRow("unknown option") << QStringList { u"version"_s, u"--jsn"_s } << u"--jsn"_s;
    QTest::newRow("option without value")
        << QStringList { u"db"_s, u"schema"_s, u"x"_s, u"--table"_s } << u"--table"_s;
    QTest::newRow("db add without driver")
        << QStringList { u"db"_s, u"add"_s, u"books"_s, u"--dsn"_s, u"/tmp/x.db"_s }
        << u"db add: missing --driver (usage: sluice db add NAME"_s;
    QTest::newRow("db add without anything")
        << QStringList { u"db"_s, u"add"_s } << u"missing NAME, --driver, --dsn"_s;
}

void TestCli::unknownCommand()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);

    const Run run = m_cli.run(args);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QCOMPARE(run.out, QString());
    // One line, prefixed, naming the bad part (API.md §7).
    QVERIFY2(run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.errLines().first().startsWith(u"sluice: "_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
}

void TestCli::desktopWithoutADisplaySaysWhatToRun_data()
{
    QTest::addColumn<QString>("display"); // empty: none set
    QTest::newRow("no display set") << QString();
    // Named but not there: Qt's platform plugin used to abort (exit 134, a core dump).
    QTest::newRow("a display that does not answer") << u":97"_s;
}

void TestCli::desktopWithoutADisplaySaysWhatToRun()
{
    QFETCH(QString, display);
    const QString desktop =
        QFileInfo(QStringLiteral(SLUICE_BINARY)).dir().filePath(u"sluice-desktop"_s);
    if (!display.isEmpty() && !QFileInfo(desktop).isExecutable())
        QSKIP("this build has no desktop app");
    QProcessEnvironment environment = m_cli.environment();
    for (const char *name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
        environment.remove(QString::fromLatin1(name));
    if (!display.isEmpty())
        environment.insert(u"DISPLAY"_s, display);
    const Run run = sluice::test::runCli(QStringLiteral(SLUICE_BINARY),
                                         { u"--data-dir"_s, m_cli.dataDir() }, environment);
    QVERIFY2(!run.crashed && run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"'sluice serve'"_s), qPrintable(run.err));
}

void TestCli::dbAddListTestSchemaRemove()
{
    const QString file = m_cli.homePath(u"shop.sqlite"_s);
    QVERIFY(createSqliteFile(file));

    Run run = m_cli.run({ u"db"_s, u"list"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith(u"No services"_s), qPrintable(run.out));

    run = m_cli.run({ u"db"_s, u"add"_s, u"shop"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, file,
                      u"--label"_s, u"The shop"_s, u"--read-only"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(u"Added service 'shop'"_s), qPrintable(run.out));

    run = m_cli.run({ u"db"_s, u"add"_s, u"shop"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, file });
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(u"'shop' already exists"_s), qPrintable(run.err));

    run = m_cli.run({ u"db"_s, u"list"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).startsWith(u"NAME"_s));
    QVERIFY2(lines.at(1).startsWith(u"shop "_s) && lines.at(1).contains(u"sqlite"_s)
                 && lines.at(1).contains(u"read-only"_s) && lines.at(1).contains(file),
             qPrintable(lines.at(1)));

    run = m_cli.run({ u"db"_s, u"list"_s, u"--json"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonArray list = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(list.size(), 1);
    const QJsonObject shop = list.first().toObject();
    QCOMPARE(shop.value(u"name"_s).toString(), u"shop"_s);
    QCOMPARE(shop.value(u"driver"_s).toString(), u"sqlite"_s);
    QCOMPARE(shop.value(u"dsn"_s).toString(), file);
    QCOMPARE(shop.value(u"label"_s).toString(), u"The shop"_s);
    QCOMPARE(shop.value(u"read_only"_s).toBool(), true);

    run = m_cli.run({ u"db"_s, u"test"_s, u"shop"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith(u"ok: "_s), qPrintable(run.out));

    run = m_cli.run({ u"db"_s, u"schema"_s, u"shop"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QJsonParseError error;
    const QJsonObject schema = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(run.out));
    QCOMPARE(schema.value(u"tables"_s).toArray().size(), 1);
    QCOMPARE(schema.value(u"tables"_s)[0][u"name"_s].toString(), u"books"_s);
    QCOMPARE(schema.value(u"views"_s).toArray().size(), 1);
    QCOMPARE(schema.value(u"views"_s)[0][u"name"_s].toString(), u"cheap"_s);

    run = m_cli.run({ u"db"_s, u"schema"_s, u"shop"_s, u"--table"_s, u"books"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonObject books = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(run.out));
    QCOMPARE(books.value(u"name"_s).toString(), u"books"_s);
    QStringList columns;
    for (const QJsonValue &c : books.value(u"columns"_s).toArray())
        columns.append(c[u"name"_s].toString());
    QCOMPARE(columns, (QStringList { u"id"_s, u"title"_s, u"price"_s }));
    QCOMPARE(books.value(u"primary_key"_s).toArray(), QJsonArray { u"id"_s });

    run = m_cli.run({ u"db"_s, u"schema"_s, u"shop"_s, u"--table"_s, u"nope"_s });
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"nope"_s), qPrintable(run.err));

    run = m_cli.run({ u"db"_s, u"schema"_s, u"ghost"_s });
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"ghost"_s), qPrintable(run.err));

    run = m_cli.run({ u"db"_s, u"remove"_s, u"shop"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(u"Removed service 'shop'"_s), qPrintable(run.out));
    QVERIFY(QFile::exists(file)); // removing a service never touches its database

    run = m_cli.run({ u"db"_s, u"remove"_s, u"shop"_s });
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(u"'shop' does not exist"_s), qPrintable(run.err));

    run = m_cli.run({ u"db"_s, u"list"_s, u"--json"_s });
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 0);
}

void TestCli::dbAddRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("space in name")
        << u"my shop"_s << u"sqlite"_s << u"invalid service name 'my shop'"_s;
    QTest::newRow("slash in name") << u"a/b"_s << u"sqlite"_s << u"invalid service name"_s;
    QTest::newRow("reserved name") << u"system"_s << u"sqlite"_s << u"reserved"_s;
    QTest::newRow("name too long") << QString(65, u'x') << u"sqlite"_s << u"invalid service name"_s;
    QTest::newRow("unknown driver") << u"shop"_s << u"oracle"_s << u"unknown driver 'oracle'"_s;
}

void TestCli::dbAddRejected()
{
    QFETCH(QString, name);
    QFETCH(QString, driver);
    QFETCH(QString, mentions);

    const Run run = m_cli.run({ u"db"_s, u"add"_s, name, u"--driver"_s, driver, u"--dsn"_s,
                                m_cli.homePath(u"x.sqlite"_s) });
    QVERIFY2(run.exitCode != 0 && !run.crashed, qPrintable(run.describe()));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    const Run list = m_cli.run({ u"db"_s, u"list"_s, u"--json"_s });
    QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 0);
}

void TestCli::dbListMasksPasswords()
{
    // Port 1 on loopback: nothing listens, so `db test` fails at once and must not say why
    // with the password in it.
    const QString url = u"postgres://alice:s3cret@127.0.0.1:1/shop?sslmode=disable"_s;
    const QString keywords = u"host=127.0.0.1 port=1 user=bob password=s3cret dbname=shop"_s;
    Run run = m_cli.run(
        { u"db"_s, u"add"_s, u"pg_url"_s, u"--driver"_s, u"postgres"_s, u"--dsn"_s, url });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(!run.out.contains(u"s3cret"_s));
    run = m_cli.run(
        { u"db"_s, u"add"_s, u"pg_kw"_s, u"--driver"_s, u"postgresql"_s, u"--dsn"_s, keywords });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));

    for (const QStringList &args :
         { QStringList { u"db"_s, u"list"_s }, QStringList { u"db"_s, u"list"_s, u"--json"_s } }) {
        run = m_cli.run(args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(!run.out.contains(u"s3cret"_s) && !run.err.contains(u"s3cret"_s),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(u"alice"_s) && run.out.contains(u"bob"_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"***"_s), qPrintable(run.out));
    }
    run = m_cli.run({ u"db"_s, u"list"_s, u"--json"_s });
    const QJsonArray list = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(list.size(), 2);
    for (const QJsonValue &service : list)
        QCOMPARE(service[u"driver"_s].toString(), u"postgres"_s); // aliases are stored canonically

    run = m_cli.run({ u"db"_s, u"test"_s, u"pg_url"_s });
    QVERIFY2(run.exitCode != 0 && !run.crashed, qPrintable(run.describe()));
    QVERIFY2(!run.err.contains(u"s3cret"_s) && !run.out.contains(u"s3cret"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"pg_url"_s), qPrintable(run.err));
}

void TestCli::dbTestFailsForMissingFile()
{
    const QString missing = m_cli.homePath(u"missing.sqlite"_s);
    Run run = m_cli.run(
        { u"db"_s, u"add"_s, u"gone"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, missing });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    run = m_cli.run({ u"db"_s, u"test"_s, u"gone"_s });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.errLines().first().startsWith(u"sluice: service 'gone': "_s), qPrintable(run.err));
    // A failed test must not create the file it could not find.
    QVERIFY(!QFile::exists(missing));

    run = m_cli.run({ u"db"_s, u"test"_s, u"nobody"_s });
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"'nobody' does not exist"_s), qPrintable(run.err));
}

void TestCli::openApi()
{
    const QString file = m_cli.homePath(u"shop.sqlite"_s);
    QVERIFY(createSqliteFile(file));
    Run run =
        m_cli.run({ u"db"_s, u"add"_s, u"shop"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, file });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    run = m_cli.run({ u"db"_s, u"add"_s, u"gone"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s,
                      m_cli.homePath(u"missing/none.sqlite"_s) });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));

    run = m_cli.run({ u"openapi"_s });
    QCOMPARE(run.exitCode, 2);
    run = m_cli.run({ u"openapi"_s, u"nope"_s });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"nope"_s), qPrintable(run.err));
    run = m_cli.run({ u"openapi"_s, u"gone"_s });
    QCOMPARE(run.exitCode, 1); // the one asked for cannot be read

    const QString out = m_cli.homePath(u"shop.json"_s);
    run = m_cli.run({ u"openapi"_s, u"shop"_s, u"-o"_s, out });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QFile written(out);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QJsonObject document = QJsonDocument::fromJson(written.readAll()).object();
    QCOMPARE(document.value(u"openapi"_s).toString(), u"3.1.0"_s);
    const QJsonObject paths = document.value(u"paths"_s).toObject();
    QVERIFY(paths.contains(u"/api/v1/shop/_table/books"_s));
    QVERIFY(paths.value(u"/api/v1/shop/_table/books"_s).toObject().contains(u"post"_s));
    QVERIFY(paths.contains(u"/api/v1/shop/_table/cheap"_s));

    // --all leaves an unreachable service out, says so, and documents the rest.
    run = m_cli.run({ u"openapi"_s, u"--all"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"'gone' left out"_s), qPrintable(run.err));
    const QJsonObject everything = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QVERIFY(everything.value(u"paths"_s).toObject().contains(u"/api/v1/shop/_table"_s));
}

// sluice auth explain: exit 0 allowed, 1 denied (as `kubectl auth can-i`), 2 for a bad question.
void TestCli::authExplain()
{
    const QString file = m_cli.homePath(u"shop.sqlite"_s);
    QVERIFY(createSqliteFile(file));
    Run run =
        m_cli.run({ u"db"_s, u"add"_s, u"shop"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, file });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    run = m_cli.run({ u"role"_s, u"create"_s, u"--name"_s, u"reader"_s, u"--access"_s,
                      u"shop:_table/cheap:GET"_s, u"--access"_s,
                      u"shop:_table/books:GET:price < 5 OR title = '{key.label}'"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    run = m_cli.run({ u"key"_s, u"create"_s, u"--role"_s, u"reader"_s, u"--label"_s, u"Dune"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QString key = run.outLines().last().trimmed();
    const QString prefix = key.left(15);

    run = m_cli.run(
        { u"auth"_s, u"explain"_s, u"--key"_s, prefix, u"GET"_s, u"/api/v1/shop/_table/books"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(u"API key "_s + prefix), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"rule:       2: shop:_table/books:GET"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"row filter: price < 5 OR title = 'Dune'"_s), qPrintable(run.out));

    // Denied: exit 1, naming the nearest rule and what it lacks; the whole key works too.
    run = m_cli.run({ u"auth"_s, u"explain"_s, u"--key"_s, key, u"--json"_s, u"DELETE"_s,
                      u"/api/v1/shop/_table/books/1"_s });
    QCOMPARE(run.exitCode, 1);
    QJsonObject o = run.jsonObject();
    QCOMPARE(o[u"allowed"_s], false);
    QCOMPARE(o[u"outcome"_s], u"no_verb_rule"_s);
    QCOMPARE(o[u"rule"_s][u"position"_s], 2);
    QCOMPARE(o[u"identity"_s][u"key_prefix"_s], prefix);

    run = m_cli.run({ u"auth"_s, u"explain"_s, u"--role"_s, u"reader"_s, u"--json"_s, u"GET"_s,
                      u"/api/v1/shop/_schema/books"_s });
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.jsonObject()[u"outcome"_s], u"no_component_rule"_s);

    // Without --key: the CLI's admin, who passes every rule.
    run = m_cli.run({ u"auth"_s, u"explain"_s, u"POST"_s, u"/api/v1/shop/_sql"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(u"identity:   admin cli:"_s), qPrintable(run.out));

    // Bad questions.
    run = m_cli.run({ u"auth"_s, u"explain"_s, u"GET"_s });
    QCOMPARE(run.exitCode, 2);
    run = m_cli.run({ u"auth"_s, u"explain"_s, u"GET"_s, u"/healthz"_s });
    QCOMPARE(run.exitCode, 2);
    run = m_cli.run({ u"auth"_s, u"explain"_s, u"--token"_s, u"x.y.z"_s, u"--key"_s, prefix,
                      u"GET"_s, u"/api/v1/shop/_table"_s });
    QCOMPARE(run.exitCode, 2);
    run = m_cli.run({ u"auth"_s, u"explain"_s, u"--key"_s, u"sluice_fffffff"_s, u"GET"_s,
                      u"/api/v1/shop/_table"_s });
    QCOMPARE(run.exitCode, 1);
    run = m_cli.run({ u"auth"_s, u"explain"_s, u"GET"_s, u"/api/v1/nope/_table"_s });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"nope"_s), qPrintable(run.err));
}

// sluice auth explain --token: an identity provider's token verified as the server verifies it,
// with keys from a jwks_file or fetched from the provider (jose-made, on loopback).
void TestCli::authExplainToken()
{
    const QString file = m_cli.homePath(u"shop.sqlite"_s);
    QVERIFY(createSqliteFile(file));
    Run run =
        m_cli.run({ u"db"_s, u"add"_s, u"shop"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, file });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    run = m_cli.run({ u"role"_s, u"create"_s, u"--name"_s, u"reader"_s, u"--access"_s,
                      u"shop:_table/books:GET:title = '{jwt.sub}'"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));

    const QString issuer = u"https://keycloak.test/realms/acme"_s;
    const QJsonObject claims { { u"realm_access"_s,
                                 QJsonObject { { u"roles"_s, QJsonArray { u"reader"_s } } } },
                               { u"tenant_id"_s, u"acme"_s } };
    const auto made = sluice::test::makeJoseTokens(
        m_cli.home(), issuer, u"sluice"_s,
        { QJsonObject { { u"name"_s, u"reader"_s }, { u"claims"_s, claims } } });
    QVERIFY2(made.problem.isEmpty(), qPrintable(made.problem));
    const QString jwks = made.jwksFile;
    const auto issuers = [](const QJsonObject &entry) {
        QJsonObject with = entry;
        with.insert(u"audience"_s, u"sluice"_s);
        with.insert(u"role_claim"_s, u"realm_access.roles"_s);
        return QHash<QString, QString> {
            { u"SLUICE_AUTH_ISSUERS"_s,
              QString::fromUtf8(QJsonDocument(QJsonArray { with }).toJson(QJsonDocument::Compact)) }
        };
    };
    const auto fromFile = issuers({ { u"issuer"_s, issuer }, { u"jwks_file"_s, jwks } });
    const auto explain = [&](const QByteArray &token, const QString &method,
                             const QHash<QString, QString> &env) {
        return m_cli.run({ u"auth"_s, u"explain"_s, u"--token"_s, QString::fromLatin1(token),
                           method, u"/api/v1/shop/_table/books"_s },
                         {}, env);
    };

    run = explain(made.tokens.value(u"reader"_s), u"GET"_s, fromFile);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(u"identity:   token from "_s + issuer + u", subject user-42"_s),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(u"role:       reader\ntenant:     acme\n"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"decision:   allowed"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"row filter: title = 'user-42'"_s), qPrintable(run.out));

    run = m_cli.run({ u"auth"_s, u"explain"_s, u"--json"_s, u"--token"_s,
                      QString::fromLatin1(made.tokens.value(u"reader"_s)), u"DELETE"_s,
                      u"/api/v1/shop/_table/books/1"_s },
                    {}, fromFile);
    QCOMPARE(run.exitCode, 1);
    const QJsonObject denied = run.jsonObject();
    QCOMPARE(denied[u"identity"_s][u"kind"_s], u"token"_s);
    QCOMPARE(denied[u"identity"_s][u"issuer"_s], issuer);
    QCOMPARE(denied[u"identity"_s][u"subject"_s], u"user-42"_s);
    QCOMPARE(denied[u"tenant"_s], u"acme"_s);
    QCOMPARE(denied[u"outcome"_s], u"no_verb_rule"_s);

    // A token the server would refuse: refused here, saying why.
    run = explain(made.tokens.value(u"expired"_s), u"GET"_s, fromFile);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"Token expired"_s), qPrintable(run.err));
    run = explain(made.tokens.value(u"rs256"_s), u"GET"_s, fromFile); // names no Sluice role
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"names no Sluice role"_s), qPrintable(run.err));

    // Keys fetched from the provider's jwks_url, waited for by the command.
    sluice::test::NodeServer idp;
    const QString problem =
        idp.start(u"idp-server.mjs"_s, u"jose"_s, { { u"audience"_s, u"sluice"_s } },
                  m_cli.homePath(u"idp.json"_s));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QString idpIssuer = idp.ready().value(u"issuer"_s).toString();
    const auto fromUrl =
        issuers({ { u"issuer"_s, idpIssuer }, { u"jwks_url"_s, QString(idpIssuer + u"/jwks"_s) } });
    sluice::test::HttpClient client(idp.port());
    const QByteArray signedByIdp =
        client
            .request("POST", "/sign",
                     QJsonDocument(QJsonObject { { u"claims"_s, claims } }).toJson())
            .json()
            .object()
            .value(u"token"_s)
            .toString()
            .toLatin1();
    run = explain(signedByIdp, u"GET"_s, fromUrl);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(u"identity:   token from "_s + idpIssuer), qPrintable(run.out));
    // The provider failing: refused, with the provider's failure.
    client.request("POST", "/control", "{\"mode\":\"error\"}");
    run = explain(signedByIdp, u"GET"_s, fromUrl);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"are not loaded yet"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"answered HTTP 500"_s), qPrintable(run.err));
}

void TestCli::configInit()
{
    const QString path = QDir(m_cli.dataDir()).filePath(u"sluice.yaml"_s);
    Run run = m_cli.run({ u"config"_s, u"init"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(path), qPrintable(run.out));
    QVERIFY(QFile::exists(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("port"));
    file.close();

    run = m_cli.run({ u"config"_s, u"init"_s });
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(u"--force"_s), qPrintable(run.err));

    // --force overwrites a changed file with the defaults again.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("# edited\n");
    file.close();
    run = m_cli.run({ u"config"_s, u"init"_s, u"--force"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), written);

    // The file written by init is one the loader accepts.
    run = m_cli.run({ u"config"_s, u"show"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
}

void TestCli::configShowNamesSources()
{
    Run run = m_cli.run({ u"config"_s, u"show"_s }, {}, { { u"SLUICE_SERVER_PORT"_s, u"9999"_s } });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(m_cli.dataDir()), qPrintable(run.out));
    const QStringList portLines = run.out.split(u'\n').filter(u"server.port"_s);
    QCOMPARE(portLines.size(), 1);
    QVERIFY2(portLines.first().contains(u"9999"_s)
                 && portLines.first().contains(u"SLUICE_SERVER_PORT"_s),
             qPrintable(portLines.first()));

    run = m_cli.run({ u"config"_s, u"show"_s, u"--json"_s }, {},
                    { { u"SLUICE_SERVER_PORT"_s, u"9999"_s } });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QJsonParseError error;
    const QJsonArray values = QJsonDocument::fromJson(run.out.toUtf8(), &error).array();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(run.out));
    QJsonObject port;
    QJsonObject host;
    for (const QJsonValue &v : values) {
        if (v[u"key"_s].toString() == u"server.port"_s)
            port = v.toObject();
        if (v[u"key"_s].toString() == u"server.host"_s)
            host = v.toObject();
    }
    QCOMPARE(port.value(u"value"_s).toVariant().toString(), u"9999"_s);
    QCOMPARE(port.value(u"source"_s).toString(), u"environment"_s);
    QCOMPARE(port.value(u"where"_s).toString(), u"SLUICE_SERVER_PORT"_s);
    QCOMPARE(host.value(u"source"_s).toString(), u"default"_s);

    // Without the variable the port is the default again.
    run = m_cli.run({ u"config"_s, u"show"_s, u"--json"_s });
    for (const QJsonValue &v : QJsonDocument::fromJson(run.out.toUtf8()).array()) {
        if (v[u"key"_s].toString() == u"server.port"_s)
            QCOMPARE(v[u"source"_s].toString(), u"default"_s);
    }

    // A bad value is refused with a message naming the variable.
    run = m_cli.run({ u"config"_s, u"show"_s }, {}, { { u"SLUICE_SERVER_PORT"_s, u"http"_s } });
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"SLUICE_SERVER_PORT"_s), qPrintable(run.err));
}

void TestCli::serveDemo()
{
    QProcess server;
    server.setProcessEnvironment(m_cli.environment());
    server.start(
        QStringLiteral(SLUICE_BINARY),
        { u"--data-dir"_s, m_cli.dataDir(), u"serve"_s, u"--demo"_s, u"--port"_s, u"0"_s });
    QVERIFY(server.waitForStarted());
    auto stop = qScopeGuard([&server] {
        if (server.state() != QProcess::NotRunning) {
            server.kill();
            server.waitForFinished();
        }
    });

    // The banner names the real port: wait for it.
    QByteArray banner;
    QString base;
    const QRegularExpression url(u"(http://127\\.0\\.0\\.1:(\\d+))"_s);
    QDeadlineTimer deadline(kProcessTimeoutMs);
    while (base.isEmpty() && !deadline.hasExpired() && server.state() == QProcess::Running) {
        server.waitForReadyRead(1000);
        banner += server.readAllStandardOutput();
        const QRegularExpressionMatch m = url.match(QString::fromUtf8(banner));
        if (m.hasMatch() && banner.contains("Ctrl+C"))
            base = m.captured(1);
    }
    QVERIFY2(!base.isEmpty(), banner.constData());
    const int port = url.match(base).captured(2).toInt();
    QVERIFY2(port > 0 && port != 8080, qPrintable(base));
    QVERIFY(QFile::exists(QDir(m_cli.dataDir()).filePath(u"demo.sqlite"_s)));

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy); // loopback only, whatever the environment says
    auto send = [&](const QByteArray &method, const QString &path, int *status,
                    const QByteArray &body = {},
                    const QList<QPair<QByteArray, QByteArray>> &headers = {}) {
        QNetworkRequest request(QUrl(base + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        QNetworkReply *reply = network.sendCustomRequest(request, method, body);
        const bool finished =
            QTest::qWaitFor([reply] { return reply->isFinished(); }, kProcessTimeoutMs);
        *status =
            finished ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : -1;
        const QByteArray answer = reply->readAll();
        reply->deleteLater();
        return answer;
    };
    auto get = [&](const QString &path, int *status) {
        return send("GET", path, status);
    };

    int status = 0;
    QByteArray body = get(u"/healthz"_s, &status);
    QCOMPARE(status, 200);
    QCOMPARE(QJsonDocument::fromJson(body).object().value(u"status"_s).toString(), u"ok"_s);

    // A second server on the held port (another data directory) fails with the usual one
    // line instead of joining the port and taking half of the requests.
    {
        QProcess second;
        second.setProcessEnvironment(m_cli.environment());
        second.start(QStringLiteral(SLUICE_BINARY),
                     { u"--data-dir"_s, m_cli.homePath(u"second"_s), u"serve"_s, u"--demo"_s,
                       u"--port"_s, QString::number(port) });
        QVERIFY(second.waitForFinished(kProcessTimeoutMs));
        const QString err = QString::fromUtf8(second.readAllStandardError());
        QVERIFY2(second.exitCode() != 0 && err.contains(u"Address already in use"_s),
                 qPrintable(err));
        QVERIFY2(!second.readAllStandardOutput().contains("Ctrl+C"), qPrintable(err));
    }

    // No credentials, no data.
    body = get(u"/api/v1/demo/_table/books?limit=2"_s, &status);
    QVERIFY2(status == 401, body.constData());
    // The banner's ready-to-paste line carries a key for the demo service.
    const QByteArray demoKey = QRegularExpression(u"X-API-Key: (sluice_[0-9a-f]{64})"_s)
                                   .match(QString::fromUtf8(banner))
                                   .captured(1)
                                   .toLatin1();
    QVERIFY2(!demoKey.isEmpty(), banner.constData());
    body = send("GET", u"/api/v1/demo/_table/books?limit=1"_s, &status, {},
                { { "X-API-Key", demoKey } });
    QVERIFY2(status == 200, body.constData());

    // `sluice benchmark` drives the running server (a second, short-lived process).
    const QString books = base + u"/api/v1/demo/_table/books?limit=2"_s;
    Run bench = m_cli.run({ u"benchmark"_s, books, u"--key"_s, QString::fromLatin1(demoKey),
                            u"--duration"_s, u"0.5"_s, u"--concurrency"_s, u"4"_s, u"--json"_s });
    QVERIFY2(bench.exitCode == 0 && !bench.crashed, qPrintable(bench.describe()));
    const QJsonObject load = QJsonDocument::fromJson(bench.out.toUtf8()).object();
    QVERIFY2(load.value(u"requests"_s).toInteger() > 0, qPrintable(bench.describe()));
    QCOMPARE(load.value(u"non_2xx"_s).toInteger(), 0);
    QCOMPARE(load.value(u"broken"_s).toInteger(), 0);
    QCOMPARE(load.value(u"concurrency"_s).toInt(), 4);
    QVERIFY(load.value(u"p50_ms"_s).toDouble() <= load.value(u"p99_ms"_s).toDouble());
    QVERIFY(load.value(u"p99_ms"_s).toDouble() <= load.value(u"max_ms"_s).toDouble());
    bench = m_cli.run({ u"benchmark"_s, books, u"--duration"_s, u"0.2"_s, u"--concurrency"_s,
                        u"1"_s }); // no key: every answer is 401, and it says so
    QVERIFY2(bench.exitCode == 0, qPrintable(bench.describe()));
    QVERIFY2(bench.out.contains(u"requests"_s) && bench.out.contains(u"p99"_s),
             qPrintable(bench.describe()));
    QVERIFY2(bench.errLines().join(u'\n').contains(u"were not 2xx"_s),
             qPrintable(bench.describe()));
    bench = m_cli.run({ u"benchmark"_s, u"https://127.0.0.1/"_s });
    QCOMPARE(bench.exitCode, 2);

    // First run: the banner on stderr carries the one-time setup token.
    QByteArray errors;
    QString setupToken;
    const QRegularExpression tokenLine(u"Setup token: ([0-9a-f]+)"_s);
    for (QDeadlineTimer wait(kProcessTimeoutMs); setupToken.isEmpty() && !wait.hasExpired();) {
        server.waitForReadyRead(200);
        errors += server.readAllStandardError();
        setupToken = tokenLine.match(QString::fromUtf8(errors)).captured(1);
    }
    QVERIFY2(!setupToken.isEmpty(), errors.constData());
    // Once each: the banner's token line (it was logged again right after the banner) and the
    // secret store's choice (it was said for each of the three times serve opens the store).
    for (QDeadlineTimer wait(5000); errors.count(QByteArray(72, '=')) < 2 && !wait.hasExpired();) {
        server.waitForReadyRead(200);
        errors += server.readAllStandardError();
    }
    QCOMPARE(errors.count("Setup token:"), 1);
    QCOMPARE(errors.count("secrets: "), 1);
    const QByteArray admin = R"({"email":"ops@example.com","password":"correct horse battery"})";
    send("POST", u"/api/v1/setup"_s, &status, admin);
    QCOMPARE(status, 403);
    send("POST", u"/api/v1/setup"_s, &status, admin, { { "X-Setup-Token", "0000" } });
    QCOMPARE(status, 403);
    body = send("POST", u"/api/v1/setup"_s, &status, admin,
                { { "X-Setup-Token", setupToken.toLatin1() } });
    QVERIFY2(status == 201, body.constData());
    send("POST", u"/api/v1/setup"_s, &status, admin,
         { { "X-Setup-Token", setupToken.toLatin1() } });
    QCOMPARE(status, 403); // once only
    body = get(u"/api/v1/setup"_s, &status);
    QCOMPARE(QJsonDocument::fromJson(body).object().value(u"setup_complete"_s).toBool(), true);

    // Sign in, read with the session, sign out: the token is dead.
    body = send("POST", u"/api/v1/system/admin/session"_s, &status, admin);
    QVERIFY2(status == 200, body.constData());
    const QByteArray token =
        QJsonDocument::fromJson(body).object().value(u"session_token"_s).toString().toLatin1();
    QVERIFY(!token.isEmpty());
    const QList<QPair<QByteArray, QByteArray>> bearer = { { "Authorization", "Bearer " + token } };
    body = send("GET", u"/api/v1/demo/_table/books?limit=2"_s, &status, {}, bearer);
    QVERIFY2(status == 200, body.constData());
    QJsonParseError error;
    const QJsonObject page = QJsonDocument::fromJson(body, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, body.constData());
    QCOMPARE(page.value(u"resource"_s).toArray().size(), 2);
    QCOMPARE(page.value(u"meta"_s)[u"limit"_s].toInt(), 2);

    body = send("GET", u"/api/v1/demo/_table/no_such_table"_s, &status, {}, bearer);
    QCOMPARE(status, 404);
    QCOMPARE(QJsonDocument::fromJson(body).object().value(u"error"_s)[u"code"_s].toInt(), 404);

    send("DELETE", u"/api/v1/system/admin/session"_s, &status, {}, bearer);
    QCOMPARE(status, 200);
    send("GET", u"/api/v1/demo/_table/books?limit=2"_s, &status, {}, bearer);
    QCOMPARE(status, 401);

    server.terminate(); // SIGTERM
    QVERIFY(server.waitForFinished(kProcessTimeoutMs));
    const QByteArray rest = server.readAllStandardOutput();
    errors += server.readAllStandardError();
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QVERIFY2(server.exitCode() == 0, errors.constData());
    const QByteArray output = banner + rest;
    QVERIFY2(output.contains("Sluice stopped."), output.constData());

    // A second start: an admin exists, so no setup banner, and the revoked token stays revoked.
    QProcess again;
    again.setProcessEnvironment(m_cli.environment());
    again.start(QStringLiteral(SLUICE_BINARY),
                { u"--data-dir"_s, m_cli.dataDir(), u"serve"_s, u"--demo"_s, u"--port"_s,
                  QString::number(port) });
    QVERIFY(again.waitForStarted());
    auto stopAgain = qScopeGuard([&again] {
        again.kill();
        again.waitForFinished();
    });
    QByteArray second;
    for (QDeadlineTimer wait(kProcessTimeoutMs);
         !second.contains("Ctrl+C") && !wait.hasExpired();) {
        again.waitForReadyRead(200);
        second += again.readAllStandardOutput();
    }
    QVERIFY2(second.contains("Ctrl+C"), second.constData());
    send("GET", u"/api/v1/demo/_table/books?limit=2"_s, &status, {}, bearer);
    QCOMPARE(status, 401);
    again.terminate();
    QVERIFY(again.waitForFinished(kProcessTimeoutMs));
    QVERIFY(!again.readAllStandardError().contains("Setup token"));
}

namespace {

// Resident memory of a process, from /proc (Linux); -1 elsewhere.
qint64 residentMiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() / 1024;
    }
    return -1;
}

// Sends `head` and then `body` whole, whatever the server answers meanwhile (as a client that
// does not wait for the answer would: a half-closed connection is written on until it breaks),
// and returns the status line's code. POSIX sockets: QTcpSocket stops writing at the half-close.
int sendRegardless(quint16 port, const QByteArray &head, const QList<QByteArray> &body)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
        return 0;
    const auto sendAll = [fd](const QByteArray &bytes) {
        for (qsizetype sent = 0; sent < bytes.size();) {
            const ssize_t n =
                ::send(fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    };
    bool open = sendAll(head);
    for (const QByteArray &part : body) {
        if (!(open = open && sendAll(part)))
            break;
    }
    ::shutdown(fd, SHUT_WR);
    const timeval wait { 10, 0 }; // never hang the test on a server that does not answer
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    QByteArray answer(4096, '\0');
    const ssize_t got = ::recv(fd, answer.data(), size_t(answer.size()), 0);
    ::close(fd);
    return got > 12 ? answer.mid(9, 3).toInt() : 0;
}

} // namespace

void TestCli::largeBodiesLeaveNoMemoryBehind()
{
    // Bursts of oversized bodies (refused with 413 from their Content-Length or part way
    // through a chunked body, the client sending on regardless) used to leave the service
    // 75-130 MiB fatter for good: the refused bytes piled up in QtHttpServer's read buffer, and
    // glibc kept what was freed (bench/body-memory measures it phase by phase).
    QProcess server;
    server.setProcessEnvironment(m_cli.environment());
    server.start(
        QStringLiteral(SLUICE_BINARY),
        { u"--data-dir"_s, m_cli.dataDir(), u"serve"_s, u"--demo"_s, u"--port"_s, u"0"_s });
    QVERIFY(server.waitForStarted());
    auto stop = qScopeGuard([&server] {
        server.kill();
        server.waitForFinished();
    });
    QByteArray banner;
    int port = 0;
    const QRegularExpression url(u"http://127\\.0\\.0\\.1:(\\d+)"_s);
    for (QDeadlineTimer deadline(kProcessTimeoutMs); port == 0 && !deadline.hasExpired();) {
        server.waitForReadyRead(200);
        banner += server.readAllStandardOutput();
        if (banner.contains("Ctrl+C"))
            port = url.match(QString::fromUtf8(banner)).captured(1).toInt();
    }
    QVERIFY2(port > 0, banner.constData());
    const qint64 pid = server.processId();
    const qint64 before = residentMiB(pid);
    if (before < 0)
        QSKIP("no /proc on this system");

    const QByteArray mib(1 << 20, 'x');
    const QList<QByteArray> fifty(50, mib);
    const QList<QByteArray> fiftyChunks(50, "100000\r\n" + mib + "\r\n");
    const QByteArray post = "POST /api/v1/demo/_table/books HTTP/1.1\r\nHost: x\r\n"
                            "Content-Type: application/json\r\n";
    for (int i = 0; i < 12; ++i)
        QCOMPARE(sendRegardless(quint16(port), post + "Content-Length: 52428800\r\n\r\n", fifty),
                 413);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(
            sendRegardless(quint16(port), post + "Transfer-Encoding: chunked\r\n\r\n", fiftyChunks),
            413);
    // Given back once the connections are gone: 40 MiB of slack, far below the 1.2 GiB sent.
    qint64 after = residentMiB(pid);
    for (QDeadlineTimer deadline(20'000); after >= before + 40 && !deadline.hasExpired();
         QTest::qWait(100))
        after = residentMiB(pid);
    QVERIFY2(after < before + 40,
             qPrintable(u"%1 MiB before, %2 MiB after"_s.arg(before).arg(after)));
}

// `serve --flight-port`: the binary loads its Flight SQL plugin (libsluice-flight, beside it),
// names the port in the banner, and an independent Flight SQL client (grpc-js + apache-arrow)
// reads the demo with the banner's key.
void TestCli::serveFlightSql()
{
    QTcpServer probe; // a free port for Flight (0 there means off)
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 flightPort = probe.serverPort();
    probe.close();

    QProcess server;
    server.setProcessEnvironment(m_cli.environment());
    server.start(QStringLiteral(SLUICE_BINARY),
                 { u"--data-dir"_s, m_cli.dataDir(), u"serve"_s, u"--demo"_s, u"--port"_s, u"0"_s,
                   u"--flight-port"_s, QString::number(flightPort) });
    QVERIFY(server.waitForStarted());
    auto stop = qScopeGuard([&server] {
        if (server.state() != QProcess::NotRunning) {
            server.kill();
            server.waitForFinished();
        }
    });
    QByteArray banner;
    QDeadlineTimer deadline(kProcessTimeoutMs);
    while (!banner.contains("Ctrl+C") && !deadline.hasExpired()
           && server.state() == QProcess::Running) {
        server.waitForReadyRead(1000);
        banner += server.readAllStandardOutput();
    }
    const QByteArray announced =
        "Arrow Flight SQL: grpc://127.0.0.1:"_ba + QByteArray::number(flightPort);
    QVERIFY2(banner.contains(announced), banner.constData());
    const QRegularExpressionMatch key =
        QRegularExpression(u"X-API-Key: (sluice_[0-9a-f]+)"_s).match(QString::fromUtf8(banner));
    QVERIFY2(key.hasMatch(), banner.constData());

    const QJsonObject plan {
        { u"address"_s, u"127.0.0.1:%1"_s.arg(flightPort) },
        { u"steps"_s,
          QJsonArray {
              QJsonObject { { u"op"_s, u"setToken"_s }, { u"value"_s, key.captured(1) } },
              QJsonObject { { u"op"_s, u"query"_s },
                            { u"sql"_s, u"SELECT id, title FROM books WHERE id = 1"_s } },
          } },
    };
    const auto run = sluice::test::runNodeScript(u"flight-client.mjs"_s, u"@grpc/grpc-js"_s, plan,
                                                 QDir(m_cli.dataDir()).filePath(u"plan.json"_s));
    QVERIFY2(run.ok, qPrintable(run.problem + QString::fromUtf8(run.output)));
    const QJsonArray results =
        QJsonDocument::fromJson(run.output).object().value(u"results"_s).toArray();
    QCOMPARE(results.size(), 2);
    const QJsonArray rows = results.at(1).toObject().value(u"rows"_s).toArray();
    QVERIFY2(rows.size() == 1, QJsonDocument(results.at(1).toObject()).toJson().constData());
    QCOMPARE(rows.at(0).toObject().value(u"id"_s).toString(), u"1"_s); // int64, exact as text
    QCOMPARE(rows.at(0).toObject().value(u"title"_s).toString(), u"Blindness"_s);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
