#include "config/dsnmask.h"
#include "config/serviceconfig.h"
#include "db/dsnsecret.h"
#include "db/odbc/odbcdsn.h"

#include <QSqlDatabase>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;

// ODBC connection strings (--driver odbc): parsing with braces, what QODBC is handed as its
// database name, the password taken out for the secret store and put back, masking for display.
class TestOdbcDsn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void driverName();
    void parse_data();
    void parse();
    void rejected_data();
    void rejected();
    void qodbcDatabaseName_data();
    void qodbcDatabaseName();
    void split_data();
    void split();
    void merge();
    void mask_data();
    void mask();
};

void TestOdbcDsn::driverName()
{
    QCOMPARE(canonicalDriver(u"ODBC"_s), u"odbc"_s);
    ServiceConfig service;
    service.name = u"mssql"_s;
    service.driver = u" Odbc "_s;
    service.dsn = u"DSN=x"_s;
    const Result<ServiceConfig> valid = validatedService(service);
    QVERIFY(valid);
    QCOMPARE(valid->driver, u"odbc"_s);
}

void TestOdbcDsn::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("written");

    QTest::newRow("braced driver")
        << u"Driver={PostgreSQL Unicode};Server=h;Port=5432"_s << u"driver"_s
        << u"PostgreSQL Unicode"_s << u"Driver={PostgreSQL Unicode};Server=h;Port=5432"_s;
    QTest::newRow("semicolon and doubled brace in a braced value")
        << u"DSN=x;PWD={a;b}}c}"_s << u"pwd"_s << u"a;b}c"_s << u"DSN=x;PWD={a;b}}c}"_s;
    QTest::newRow("last one wins")
        << u"DSN=a;UID=u1;UID=u2"_s << u"UID"_s << u"u2"_s << u"DSN=a;UID=u1;UID=u2"_s;
    QTest::newRow("spaces and empty segments")
        << u" Driver = {X} ; ;Database = /tmp/a b.db ;"_s << u"database"_s << u"/tmp/a b.db"_s
        << u"Driver={X};Database=/tmp/a b.db"_s;
    QTest::newRow("equals in a value")
        << u"DSN=x;Options=a=b"_s << u"options"_s << u"a=b"_s << u"DSN=x;Options=a=b"_s;
}

void TestOdbcDsn::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    const Result<OdbcConnectionString> parsed = OdbcConnectionString::parse(text);
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
    QTEST(parsed->value(key), "value");
    QTEST(parsed->toString(), "written");
}

void TestOdbcDsn::rejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("no driver or dsn") << u"Server=h;PWD=hunter2"_s << u"Driver={"_s;
    QTest::newRow("unclosed brace") << u"DSN=x;PWD={hunter2"_s << u"not closed"_s;
    QTest::newRow("text after brace") << u"DSN=x;PWD={hunter2}x"_s << u"after the braced"_s;
    QTest::newRow("no equals") << u"DSN=x;hunter2"_s << u"has no '='"_s;
    QTest::newRow("empty") << QString() << u"Driver={"_s;
}

void TestOdbcDsn::rejected()
{
    QFETCH(QString, text);
    const Result<OdbcConnectionString> parsed = OdbcConnectionString::parse(text);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().kind, ErrorKind::BadRequest);
    QFETCH(QString, message);
    QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    QVERIFY2(!parsed.error().message.contains(u"hunter2"_s), qPrintable(parsed.error().message));
}

void TestOdbcDsn::qodbcDatabaseName_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("databaseName"); // empty: refused
    // QODBC 6.4 passes the name whole when it contains DRIVER= or SERVER=, prefixes FILEDSN=
    // when it contains ".dsn", and DSN= otherwise.
    QTest::newRow("driver string whole") << u"Driver={FreeTDS};Server=db;Port=1433;Database=shop"_s
                                         << u"Driver={FreeTDS};Server=db;Port=1433;Database=shop"_s;
    QTest::newRow("spaces around = removed")
        << u"Driver = {SQLite3}; Database=/tmp/x.db"_s << u"Driver={SQLite3};Database=/tmp/x.db"_s;
    QTest::newRow("data source: DSN= left for QODBC")
        << u"DSN=shop;UID=u;PWD={p;w}"_s << u"shop;UID=u;PWD={p;w}"_s;
    QTest::newRow("data source with a server attribute")
        << u"DSN=shop;Server=h"_s << u"DSN=shop;Server=h"_s;
    QTest::newRow("file dsn") << u"FILEDSN=/etc/shop.dsn;PWD=x"_s << u"/etc/shop.dsn;PWD=x"_s;
    QTest::newRow(".dsn elsewhere is refused") << u"Driver={X};Database=/a.dsnx"_s << QString();
    QTest::newRow("file dsn not ending in .dsn") << u"FILEDSN=/etc/shop"_s << QString();
}

void TestOdbcDsn::qodbcDatabaseName()
{
    QFETCH(QString, dsn);
    QFETCH(QString, databaseName);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QODBC"_s, u"name"_s);
        const Status applied = applyOdbcDsn(db, dsn);
        if (databaseName.isEmpty()) {
            QVERIFY(!applied);
            QCOMPARE(applied.error().kind, ErrorKind::BadRequest);
        } else {
            QVERIFY2(applied, applied ? "" : qPrintable(applied.error().message));
            QCOMPARE(db.databaseName(), databaseName);
            QVERIFY(db.userName().isEmpty() && db.password().isEmpty());
        }
    }
    QSqlDatabase::removeDatabase(u"name"_s);
}

void TestOdbcDsn::split_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("stripped");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("hadPassword");
    QTest::newRow("PWD") << u"Driver={PostgreSQL Unicode};Server=h;Uid=u;PWD=s3cret;Database=d"_s
                         << u"Driver={PostgreSQL Unicode};Server=h;Uid=u;Database=d"_s
                         << u"s3cret"_s << true;
    QTest::newRow("braced Password, any case")
        << u"DSN=x;password={a;b}}c}"_s << u"DSN=x"_s << u"a;b}c"_s << true;
    QTest::newRow("several: the last wins, all removed")
        << u"DSN=x;PWD=a;Password=b"_s << u"DSN=x"_s << u"b"_s << true;
    QTest::newRow("none") << u"DSN=x;UID=u"_s << u"DSN=x;UID=u"_s << QString() << false;
    QTest::newRow("empty one") << u"DSN=x;PWD="_s << u"DSN=x"_s << QString() << true;
}

void TestOdbcDsn::split()
{
    QFETCH(QString, dsn);
    const Result<SplitDsn> split = splitDsnPassword(u"odbc"_s, dsn);
    QVERIFY2(split, split ? "" : qPrintable(split.error().message));
    QTEST(split->dsnWithoutPassword, "stripped");
    QTEST(split->password, "password");
    QTEST(split->hadPassword, "hadPassword");
    // Back together, the connection string holds the same password.
    const Result<QString> merged =
        mergeDsnPassword(u"odbc"_s, split->dsnWithoutPassword, split->password);
    QVERIFY(merged);
    QCOMPARE(OdbcConnectionString::parse(*merged)->value(u"PWD"), split->password);
}

void TestOdbcDsn::merge()
{
    const Result<QString> merged =
        mergeDsnPassword(u"odbc"_s, u"Driver={FreeTDS};Server=h;PWD=old"_s, u"n;e}w"_s);
    QVERIFY(merged);
    QCOMPARE(*merged, u"Driver={FreeTDS};Server=h;PWD={n;e}}w}"_s);
    QCOMPARE(*mergeDsnPassword(u"odbc"_s, u"DSN=x;PWD=old"_s, QString()), u"DSN=x"_s);
    const Result<QString> invalid = mergeDsnPassword(u"odbc"_s, u"Server=h"_s, u"hunter2"_s);
    QVERIFY(!invalid);
    QVERIFY(!invalid.error().message.contains(u"hunter2"_s));
}

void TestOdbcDsn::mask_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("masked");
    QTest::newRow("PWD") << u"DSN=x;PWD=s3cret;UID=u"_s << u"DSN=x;PWD=***;UID=u"_s;
    QTest::newRow("braced with ; and }}")
        << u"Driver={X};Pwd={a;b}}c};Server=h"_s << u"Driver={X};Pwd=***;Server=h"_s;
    QTest::newRow("last") << u"DSN=x;PWD=abc"_s << u"DSN=x;PWD=***"_s;
}

void TestOdbcDsn::mask()
{
    QFETCH(QString, dsn);
    QTEST(maskDsn(dsn), "masked");
}

QTEST_GUILESS_MAIN(TestOdbcDsn)
#include "tst_odbcdsn.moc"
