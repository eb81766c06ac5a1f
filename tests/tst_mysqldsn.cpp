#include "config/serviceconfig.h"
#include "db/backends.h"
#include "db/dialect.h"
#include "db/dsnsecret.h"
#include "db/mysql/mysqldialect.h"
#include "db/mysql/mysqldsn.h"
#include "db/sql/sqlbuilder.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;

Q_DECLARE_METATYPE(sluice::ErrorKind)
Q_DECLARE_METATYPE(sluice::StatementKind)

// The MySQL/MariaDB dialect without a server: its driver names, a DSN applied to a connection,
// password split/merge, and the SQL text the dialect writes (tst_dsn reads its DSNs, row by row
// with PostgreSQL's). tst_dialect_mysql runs the same SQL against a real MariaDB.
class TestMysqlDsn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void drivers_data();
    void drivers();
    void appliedToConnection();
    void passwordRoundTrip_data();
    void passwordRoundTrip();
    void quoteIdentifier_data();
    void quoteIdentifier();
    void sqlFragments();
    void returning_data();
    void returning();
    void upsert_data();
    void upsert();
    void classify_data();
    void classify();
};

void TestMysqlDsn::drivers_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("mysql") << u"mysql"_s << u"mysql"_s;
    QTest::newRow("MySQL") << u" MySQL "_s << u"mysql"_s;
    QTest::newRow("mariadb") << u"mariadb"_s << u"mysql"_s;
    QTest::newRow("MariaDB") << u"MariaDB"_s << u"mysql"_s;
}

void TestMysqlDsn::drivers()
{
    QFETCH(QString, driver);
    QFETCH(QString, canonical);
    QCOMPARE(canonicalDriver(driver), canonical);
    const Dialect *dialect = dialectForDriver(driver);
    QVERIFY(dialect);
    QCOMPARE(dialect->id(), DialectId::MySQL);
    QCOMPARE(dialect->name(), canonical);
    QCOMPARE(dialect->qtDriver(), u"QMYSQL"_s);
    QVERIFY(QSqlDatabase::isDriverAvailable(dialect->qtDriver()));
}

void TestMysqlDsn::appliedToConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, u"applied"_s);
        const Status applied =
            dialectForDriver(u"mariadb")
                ->applyDsn(db, u"mariadb://app:p%3Bw@db:3307/shop?connect_timeout=7"_s);
        QVERIFY(applied.ok());
        QCOMPARE(db.hostName(), u"db"_s);
        QCOMPARE(db.port(), 3307);
        QCOMPARE(db.databaseName(), u"shop"_s);
        QCOMPARE(db.userName(), u"app"_s);
        QCOMPARE(db.password(), u"p;w"_s); // a ';' is fine here: it is not a connect option
        QCOMPARE(db.connectOptions(), u"CLIENT_FOUND_ROWS;MYSQL_OPT_CONNECT_TIMEOUT=7"_s);
    }
    QSqlDatabase::removeDatabase(u"applied"_s);
}

void TestMysqlDsn::passwordRoundTrip_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("without");
    QTest::addColumn<QString>("password");

    QTest::newRow("plain") << u"mysql://u:pw@h:3306/d?connect_timeout=3"_s
                           << u"mysql://u@h:3306/d?connect_timeout=3"_s << u"pw"_s;
    QTest::newRow("encoded") << u"mariadb://u:p%40%3A%2F%3F%25@h/d"_s << u"mariadb://u@h/d"_s
                             << u"p@:/?%"_s;
    QTest::newRow("raw @") << u"mysql://u:a@b@h/d"_s << u"mysql://u@h/d"_s << u"a@b"_s;
    QTest::newRow("no user") << u"mysql://:pw@h/d"_s << u"mysql://@h/d"_s << u"pw"_s;
    QTest::newRow("none") << u"mysql://u@h/d"_s << u"mysql://u@h/d"_s << QString();
    QTest::newRow("no user info") << u"mysql://h:1/d?ssl-mode=required"_s
                                  << u"mysql://h:1/d?ssl-mode=required"_s << QString();
    QTest::newRow("unicode") << u"mysql://u:gr%C3%BC%C3%9Fe@h/d"_s << u"mysql://u@h/d"_s
                             << u"grüße"_s;
}

void TestMysqlDsn::passwordRoundTrip()
{
    QFETCH(QString, dsn);
    QFETCH(QString, without);
    QFETCH(QString, password);

    const Result<SplitDsn> split = splitDsnPassword(u"mysql"_s, dsn);
    QVERIFY2(split, split ? "" : qPrintable(split.error().message));
    QCOMPARE(split->dsnWithoutPassword, without);
    QCOMPARE(split->password, password);
    QCOMPARE(split->hadPassword, !password.isEmpty());

    const Result<QString> merged = mergeDsnPassword(u"mysql"_s, without, password);
    QVERIFY2(merged, merged ? "" : qPrintable(merged.error().message));
    const Result<MysqlDsn> parsed = MysqlDsn::parse(*merged);
    const Result<MysqlDsn> original = MysqlDsn::parse(dsn);
    QVERIFY(parsed && original);
    QCOMPARE(parsed->password, password);
    QCOMPARE(parsed->user, original->user);
    QCOMPARE(parsed->host, original->host);
    QCOMPARE(parsed->port, original->port);
    QCOMPARE(parsed->database, original->database);
    QCOMPARE(parsed->connectOptions(), original->connectOptions());

    // Merging replaces a password already there.
    const Result<QString> replaced = mergeDsnPassword(u"mysql"_s, dsn, u"n:e@w"_s);
    QVERIFY(replaced);
    QCOMPARE(MysqlDsn::parse(*replaced)->password, u"n:e@w"_s);
}

void TestMysqlDsn::quoteIdentifier_data()
{
    QTest::addColumn<QString>("identifier");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << u"books"_s << u"`books`"_s;
    QTest::newRow("backtick doubled") << u"a`b"_s << u"`a``b`"_s;
    QTest::newRow("only backticks") << u"``"_s << u"``````"_s;
    QTest::newRow("double quote kept") << u"a\"b"_s << u"`a\"b`"_s;
    QTest::newRow("unicode") << u"prix €"_s << u"`prix €`"_s;
}

void TestMysqlDsn::quoteIdentifier()
{
    QFETCH(QString, identifier);
    QTEST(dialectForDriver(u"mysql")->quoteIdentifier(identifier), "quoted");
    QTEST(dialectForDriver(u"mariadb")->quoteIdentifier(identifier), "quoted");
}

void TestMysqlDsn::sqlFragments()
{
    const Dialect *dialect = dialectForDriver(u"mysql");
    QCOMPARE(dialect->limitClause(10, 20), u" LIMIT 10 OFFSET 20"_s);
    // In SQL text: ESCAPE '\\' (a one-character string under MySQL's backslash rules).
    QCOMPARE(dialect->likeEscape(), u" ESCAPE '\\\\'"_s);
}

void TestMysqlDsn::returning_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<StatementKind>("kind");
    QTest::addColumn<bool>("supported");
    QTest::newRow("mysql insert") << u"mysql"_s << StatementKind::Insert << false;
    QTest::newRow("mysql update") << u"mysql"_s << StatementKind::Update << false;
    QTest::newRow("mysql delete") << u"mysql"_s << StatementKind::Delete << false;
    QTest::newRow("mariadb insert") << u"mariadb"_s << StatementKind::Insert << false;
    QTest::newRow("mariadb delete") << u"mariadb"_s << StatementKind::Delete << false;
    QTest::newRow("sqlite update") << u"sqlite"_s << StatementKind::Update << true;
    QTest::newRow("postgres update") << u"postgres"_s << StatementKind::Update << true;
}

void TestMysqlDsn::returning()
{
    QFETCH(QString, driver);
    QFETCH(StatementKind, kind);
    QTEST(dialectForDriver(driver)->supportsReturning(kind), "supported");
    const bool any = driver != u"mysql"_s && driver != u"mariadb"_s;
    QCOMPARE(dialectForDriver(driver)->returningClause(u"`id`"_s),
             any ? u" RETURNING `id`"_s : QString());
    Table table;
    table.name = u"t"_s;
    Column id;
    id.name = u"id"_s;
    table.columns = { id };
    table.primaryKey = { u"id"_s };
    const SqlBuilder builder(*dialectForDriver(driver), table);
    const Result<BoundSql> insert = builder.insert({ u"id"_s }, { 1 }, false);
    const Result<BoundSql> update = builder.updateByKey({ u"id"_s }, { 2 }, 1);
    RowSelection rows;
    rows.ids = { u"1"_s };
    const Result<BoundSql> remove = builder.remove(rows);
    QVERIFY(insert && update && remove);
    const QString sql = kind == StatementKind::Insert ? insert->sql
        : kind == StatementKind::Update               ? update->sql
                                                      : remove->sql;
    QFETCH(bool, supported);
    QCOMPARE(sql.contains(u" RETURNING "_s), supported);
}

void TestMysqlDsn::upsert_data()
{
    QTest::addColumn<QStringList>("key");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("clause");
    QTest::newRow("one column") << QStringList { u"id"_s } << QStringList { u"id"_s, u"name"_s }
                                << u" ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)"_s;
    QTest::newRow("several") << QStringList { u"a"_s, u"b"_s }
                             << QStringList { u"a"_s, u"x`y"_s, u"b"_s, u"z"_s }
                             << u" ON DUPLICATE KEY UPDATE `x``y` = VALUES(`x``y`),"
                                " `z` = VALUES(`z`)"_s;
    QTest::newRow("key only: no-op update")
        << QStringList { u"a"_s, u"b"_s } << QStringList { u"a"_s, u"b"_s }
        << u" ON DUPLICATE KEY UPDATE `a` = `a`"_s;
}

void TestMysqlDsn::upsert()
{
    QFETCH(QStringList, key);
    QFETCH(QStringList, columns);
    Table table;
    table.name = u"t"_s;
    table.primaryKey = key;
    QTEST(dialectForDriver(u"mysql")->upsertClause(table, columns), "clause");
}

void TestMysqlDsn::classify_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<ErrorKind>("kind");
    QTest::newRow("duplicate") << u"1062"_s << ErrorKind::Conflict;
    QTest::newRow("not null") << u"1048"_s << ErrorKind::BadRequest;
    QTest::newRow("no default") << u"1364"_s << ErrorKind::BadRequest;
    QTest::newRow("referenced") << u"1451"_s << ErrorKind::BadRequest;
    QTest::newRow("no parent") << u"1452"_s << ErrorKind::BadRequest;
    QTest::newRow("mysql check") << u"3819"_s << ErrorKind::BadRequest;
    QTest::newRow("mariadb check") << u"4025"_s << ErrorKind::BadRequest;
    QTest::newRow("out of range") << u"1264"_s << ErrorKind::BadRequest;
    QTest::newRow("wrong value") << u"1366"_s << ErrorKind::BadRequest;
    QTest::newRow("bad date") << u"1292"_s << ErrorKind::BadRequest;
    QTest::newRow("too long") << u"1406"_s << ErrorKind::BadRequest;
    QTest::newRow("unknown column") << u"1054"_s << ErrorKind::BadRequest;
    QTest::newRow("no table") << u"1146"_s << ErrorKind::NotFound;
    QTest::newRow("table denied") << u"1142"_s << ErrorKind::Forbidden;
    QTest::newRow("database denied") << u"1044"_s << ErrorKind::Forbidden;
    QTest::newRow("read-only transaction") << u"1792"_s << ErrorKind::Forbidden;
    QTest::newRow("bad password") << u"1045"_s << ErrorKind::Unavailable;
    QTest::newRow("no socket") << u"2002"_s << ErrorKind::Unavailable;
    QTest::newRow("no host") << u"2003"_s << ErrorKind::Unavailable;
    QTest::newRow("gone away") << u"2006"_s << ErrorKind::Unavailable;
    QTest::newRow("lost") << u"2013"_s << ErrorKind::Unavailable;
    QTest::newRow("mariadb timeout") << u"1969"_s << ErrorKind::Timeout;
    QTest::newRow("mysql timeout") << u"3024"_s << ErrorKind::Timeout;
    QTest::newRow("syntax") << u"1064"_s << ErrorKind::Internal;
    QTest::newRow("no code") << QString() << ErrorKind::Internal;
}

void TestMysqlDsn::classify()
{
    QFETCH(QString, code);
    QFETCH(ErrorKind, kind);
    const QSqlError error(u"QMYSQL: Unable to execute statement"_s,
                          u"Server says hunter2 somewhere"_s, QSqlError::StatementError, code);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, u"classify"_s);
    db.setPassword(u"hunter2"_s);
    const Error classified = dialectForDriver(u"mysql")->classify(error, db);
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"classify"_s);
    QCOMPARE(classified.kind, kind);
    QCOMPARE(classified.sqlState, code);
    if (kind == ErrorKind::Timeout) {
        QVERIFY(classified.message.contains(u"timeout"_s));
    } else {
        // The server's own text, with the connection's password blanked out.
        QCOMPARE(classified.message, u"Server says *** somewhere"_s);
    }
}

QTEST_GUILESS_MAIN(TestMysqlDsn)
#include "tst_mysqldsn.moc"
