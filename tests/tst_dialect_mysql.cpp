#include "config/serviceconfig.h"
#include "db/backends.h"
#include "db/connectionfactory.h"
#include "db/dialect.h"
#include "db/sql/sqlbuilder.h"
#include "dialecttest.h"
#include "mariadbserver.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using namespace sluice::test;

// The MySQL/MariaDB dialect against a real MariaDB (the harness's throw-away server): DSNs end
// to end, session settings, introspection of every column kind, keys, indexes, views and
// routines, error classification by really violating each constraint, upserts, LIKE escapes,
// paging and RETURNING. Fails when no server can start.
class TestDialectMysql : public DialectTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void openFailureIsUnavailable_data();
    void openFailureIsUnavailable();
    void sessionSettings();
    void tablesAndViews();
    void defaultDatabase();
    void columnTypes_data();
    void columnDetails();
    void primaryKeys_data();
    void foreignKeys();
    void indexes();
    void procedures();
    void classify_data();
    void preparedStatementErrors();
    void permissionDeniedIsForbidden();
    void sleepIsCutShortNotFailed();
    void upsert();
    void likeEscape_data();
    void likeEscape();
    void limitAndReturning();

private:
    ServiceConfig service() const override { return service(m_server->dsn()); }
    ServiceConfig service(const QString &dsn, const QString &driver = u"mysql"_s) const;
    Refusal readOnlyRefusal() const override;
    Refusal timeoutRefusal() const override;

    MariaDbServer *m_server = nullptr;
};

ServiceConfig TestDialectMysql::service(const QString &dsn, const QString &driver) const
{
    ServiceConfig config;
    config.name = u"shop"_s;
    config.driver = driver;
    config.dsn = dsn;
    return config;
}

void TestDialectMysql::initTestCase()
{
    m_server = MariaDbServer::shared();
    QVERIFY2(m_server, "the MariaDB test server cannot start (see the warning above)");

    // One statement per line: the harness splits at ';', so no body or literal holds one.
    const QStringList statements = {
        u"CREATE TABLE authors (id int AUTO_INCREMENT PRIMARY KEY, name varchar(80) NOT NULL,"
        " email varchar(120) UNIQUE, born date, active boolean NOT NULL DEFAULT 1,"
        " nick varchar(20) NOT NULL)"_s,
        u"CREATE TABLE books (id bigint AUTO_INCREMENT PRIMARY KEY,"
        " author_id int NOT NULL, title varchar(200) NOT NULL, isbn varchar(20),"
        " price decimal(10,2) CHECK (price >= 0), qty tinyint unsigned,"
        " CONSTRAINT books_author FOREIGN KEY (author_id) REFERENCES authors (id),"
        " UNIQUE KEY books_isbn (isbn), KEY books_author_title (author_id, title),"
        " UNIQUE KEY books_title_prefix (title(10)))"_s,
        u"CREATE TABLE editions (book_id bigint NOT NULL, number int NOT NULL, year smallint,"
        " PRIMARY KEY (number, book_id), FOREIGN KEY (book_id) REFERENCES books (id))"_s,
        u"CREATE TABLE `odd ``name`` table` (`a ``quoted`` col` varchar(10) PRIMARY KEY,"
        " `ed num` int, `ed book` bigint, CONSTRAINT odd_edition FOREIGN KEY (`ed num`, `ed book`)"
        " REFERENCES editions (number, book_id))"_s,
        u"CREATE TABLE kinds (ti tinyint, b1 tinyint(1), bo bool, si smallint, mi mediumint,"
        " i int, bi bigint, biu bigint unsigned, yr year, de decimal(12,3), nu numeric(5),"
        " fl float, db double, da date, dt datetime(3), ts timestamp NULL, tm time,"
        " js json, bn binary(16), vb varbinary(32), bl blob, lb longblob, ch char(36),"
        " vc varchar(80), tx text, lt longtext, en enum('a','b'), st set('x','y'),"
        " bt bit(8), gen int AS (i * 2) VIRTUAL, gs int AS (i + 1) PERSISTENT)"_s,
        u"CREATE TABLE lookups (code varchar(10) PRIMARY KEY, label varchar(40) NOT NULL)"_s,
        u"CREATE TABLE patterns (id int PRIMARY KEY, txt varchar(40) NOT NULL)"_s,
        u"CREATE VIEW author_names AS SELECT id, name FROM authors"_s,
        u"CREATE FUNCTION add_one(x int) RETURNS int DETERMINISTIC RETURN x + 1"_s,
        u"CREATE PROCEDURE clear_editions() DELETE FROM editions"_s,
        u"CREATE USER 'reader'@'%' IDENTIFIED BY 'reader'"_s,
        u"GRANT SELECT ON sluice_test.lookups TO 'reader'@'%'"_s,
        u"INSERT INTO authors (name, email, nick) VALUES ('A', 'a@x', 'a')"_s,
        u"INSERT INTO books (author_id, title, isbn, price) VALUES (1, 'T', '978', 10)"_s,
        u"INSERT INTO editions VALUES (1, 1, 1999)"_s,
        u"INSERT INTO patterns VALUES (1, 'a%b'), (2, 'axb'), (3, 'a_b'), (4, 'a\\\\b'),"
        " (5, 'a\\\\%b')"_s,
    };
    for (const QString &statement : statements)
        QVERIFY2(m_server->exec(statement), qPrintable(statement));
    QVERIFY(m_server->createDatabase(u"other_db"_s));
    QVERIFY(m_server->execIn(u"other_db"_s, u"CREATE TABLE elsewhere (id int PRIMARY KEY)"_s));

    openFixture(service());
    introspectFixture(QString());
}

void TestDialectMysql::cleanupTestCase()
{
    closeFixture();
}

Refusal TestDialectMysql::readOnlyRefusal() const
{
    return { u"SELECT count(*) FROM authors"_s,
             u"INSERT INTO lookups VALUES ('ro', 'RO')"_s,
             ErrorKind::Forbidden,
             u"1792"_s,
             {} };
}

Refusal TestDialectMysql::timeoutRefusal() const
{
    // A real scan, which the timeout fails (SLEEP() it cuts short instead: see below).
    return { {},
             u"SELECT count(*) FROM information_schema.COLUMNS a,"
             " information_schema.COLUMNS b, information_schema.COLUMNS c"_s,
             ErrorKind::Timeout,
             u"1969"_s,
             u"SELECT 1"_s };
}

void TestDialectMysql::openFailureIsUnavailable_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("code");
    QTest::newRow("wrong password") << u"WRONG"_s << u"1045"_s;
    QTest::newRow("closed port") << u"PORT"_s << u"2002"_s;
    QTest::newRow("unknown database") << u"DB"_s << u"1049"_s;
}

void TestDialectMysql::openFailureIsUnavailable()
{
    QFETCH(QString, dsn);
    QFETCH(QString, code);
    const QString secret = u"s3cr3t-pw"_s;
    if (dsn == u"WRONG"_s)
        dsn = m_server->dsnFor(u"sluice"_s, secret);
    else if (dsn == u"PORT"_s)
        dsn = u"mysql://sluice:%1@127.0.0.1:1/sluice_test?connect_timeout=5"_s.arg(secret);
    else
        dsn = u"mysql://sluice:sluice@127.0.0.1:%1/no_such_db"_s.arg(m_server->port());
    const Result<QSqlDatabase> opened = openDatabase(service(dsn), u"failing"_s, 0);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Unavailable);
    QCOMPARE(opened.error().sqlState, code);
    QVERIFY2(!opened.error().message.contains(secret), qPrintable(opened.error().message));
    QVERIFY(!QSqlDatabase::contains(u"failing"_s));
}

void TestDialectMysql::sessionSettings()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(u"SELECT @@session.time_zone, @@session.sql_mode,"
                       " @@session.character_set_client, @@session.max_statement_time"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), u"+00:00"_s);
    const QStringList modes = query.value(1).toString().split(u',');
    QVERIFY(modes.contains(u"STRICT_ALL_TABLES"_s));
    QVERIFY(!modes.contains(u"NO_BACKSLASH_ESCAPES"_s));
    QVERIFY(!modes.contains(u"ANSI_QUOTES"_s));
    QCOMPARE(query.value(2).toString(), u"utf8mb4"_s);
    QCOMPARE(query.value(3).toDouble(), 0.0);

    // Four-byte UTF-8 survives a round trip.
    QVERIFY(query.exec(u"SELECT CONVERT('\U0001F600' USING utf8mb4)"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), u"\U0001F600"_s);
}

void TestDialectMysql::tablesAndViews()
{
    QStringList names;
    QList<bool> views;
    for (const Table &t : schema().tables) {
        names << t.name;
        views << t.isView;
    }
    QCOMPARE(names,
             QStringList({ u"authors"_s, u"books"_s, u"editions"_s, u"kinds"_s, u"lookups"_s,
                           u"odd `name` table"_s, u"patterns"_s, u"author_names"_s }));
    QCOMPARE(views.count(true), 1);
    QVERIFY(table(u"author_names"_s)->isView);
    QCOMPARE(table(u"author_names"_s)->columns.size(), 2);
    QVERIFY(!table(u"elsewhere"_s));
}

void TestDialectMysql::defaultDatabase()
{
    QSqlDatabase connection = db();
    const Result<Schema> other = dialect().introspect(connection, u"other_db"_s);
    QVERIFY(other.ok());
    QCOMPARE(other->tables.size(), 1);
    QCOMPARE(other->tables.first().name, u"elsewhere"_s);
    QCOMPARE(other->tables.first().primaryKey, QStringList { u"id"_s });
}

void TestDialectMysql::columnTypes_data()
{
    addColumnTypeColumns();
    const auto row = [](const char *column, const QString &dbType, JsonType type,
                        int maxLength = -1) {
        QTest::newRow(column) << QString::fromLatin1(column) << dbType << type << maxLength;
    };
    row("ti", u"tinyint(4)"_s, JsonType::Integer);
    row("b1", u"tinyint(1)"_s, JsonType::Boolean);
    row("bo", u"tinyint(1)"_s, JsonType::Boolean);
    row("si", u"smallint(6)"_s, JsonType::Integer);
    row("mi", u"mediumint(9)"_s, JsonType::Integer);
    row("i", u"int(11)"_s, JsonType::Integer);
    row("bi", u"bigint(20)"_s, JsonType::Integer);
    row("biu", u"bigint(20) unsigned"_s, JsonType::Integer);
    row("yr", u"year(4)"_s, JsonType::Integer);
    row("de", u"decimal(12,3)"_s, JsonType::Decimal);
    row("nu", u"decimal(5,0)"_s, JsonType::Decimal);
    row("fl", u"float"_s, JsonType::Float);
    row("db", u"double"_s, JsonType::Float);
    row("da", u"date"_s, JsonType::Date);
    row("dt", u"datetime(3)"_s, JsonType::DateTime);
    row("ts", u"timestamp"_s, JsonType::DateTime);
    row("tm", u"time"_s, JsonType::Time);
    row("js", u"longtext"_s, JsonType::Json); // MariaDB: LONGTEXT CHECK (json_valid(`js`))
    row("bn", u"binary(16)"_s, JsonType::Binary);
    row("vb", u"varbinary(32)"_s, JsonType::Binary);
    row("bl", u"blob"_s, JsonType::Binary);
    row("lb", u"longblob"_s, JsonType::Binary);
    row("ch", u"char(36)"_s, JsonType::String, 36);
    row("vc", u"varchar(80)"_s, JsonType::String, 80);
    row("tx", u"text"_s, JsonType::String);
    row("lt", u"longtext"_s, JsonType::String);
    row("en", u"enum('a','b')"_s, JsonType::String);
    row("st", u"set('x','y')"_s, JsonType::String);
    row("bt", u"bit(8)"_s, JsonType::String);
    row("gen", u"int(11)"_s, JsonType::Integer);
}

void TestDialectMysql::columnDetails()
{
    QStringList order;
    for (const Column &c : table(u"kinds"_s)->columns)
        order << c.name;
    QCOMPARE(order.first(), u"ti"_s);
    QCOMPARE(order.last(), u"gs"_s);
    QCOMPARE(order.indexOf(u"js"_s), 17);

    const Table *authors = table(u"authors"_s);
    const Column *id = authors->column(u"id");
    QVERIFY(id->autoIncrement && id->hasDefault && id->primaryKey && !id->nullable);
    const Column *name = authors->column(u"name");
    QVERIFY(!name->nullable && !name->hasDefault && !name->autoIncrement);
    QCOMPARE(name->maxLength, 80);
    const Column *email = authors->column(u"email");
    QVERIFY(email->nullable && !email->hasDefault); // MariaDB reports its default as "NULL"
    const Column *active = authors->column(u"active");
    QVERIFY(active->hasDefault && !active->nullable);
    QCOMPARE(active->defaultValue, u"1"_s);
    QCOMPARE(table(u"kinds"_s)->column(u"ch")->maxLength, 36);
    QCOMPARE(table(u"kinds"_s)->column(u"tx")->maxLength, -1);
    // Generated columns are filled in by the server.
    QVERIFY(table(u"kinds"_s)->column(u"gen")->hasDefault);
    QVERIFY(table(u"kinds"_s)->column(u"gs")->hasDefault);
    QVERIFY(!table(u"kinds"_s)->column(u"i")->hasDefault);
}

void TestDialectMysql::primaryKeys_data()
{
    addPrimaryKeyColumns();

    const QStringList id { u"id"_s };
    QTest::newRow("AUTO_INCREMENT") << u"authors"_s << id << id;
    QTest::newRow("multi-column, key order")
        << u"editions"_s << QStringList { u"number"_s, u"book_id"_s } << QStringList();
    QTest::newRow("text key") << u"odd `name` table"_s << QStringList { u"a `quoted` col"_s }
                              << QStringList();
    QTest::newRow("none") << u"kinds"_s << QStringList() << QStringList();
    QTest::newRow("view") << u"author_names"_s << QStringList() << QStringList();
}

void TestDialectMysql::foreignKeys()
{
    const QList<ForeignKey> books = table(u"books"_s)->foreignKeys;
    QCOMPARE(books.size(), 1);
    QCOMPARE(books.first().name, u"books_author"_s);
    QCOMPARE(books.first().columns, QStringList { u"author_id"_s });
    QCOMPARE(books.first().refTable, u"authors"_s);
    QCOMPARE(books.first().refColumns, QStringList { u"id"_s });

    const QList<ForeignKey> odd = table(u"odd `name` table"_s)->foreignKeys;
    QCOMPARE(odd.size(), 1);
    QCOMPARE(odd.first().name, u"odd_edition"_s);
    QCOMPARE(odd.first().columns, QStringList({ u"ed num"_s, u"ed book"_s }));
    QCOMPARE(odd.first().refTable, u"editions"_s);
    QCOMPARE(odd.first().refColumns, QStringList({ u"number"_s, u"book_id"_s }));
    QVERIFY(table(u"authors"_s)->foreignKeys.isEmpty());
}

void TestDialectMysql::indexes()
{
    QHash<QString, Index> byName;
    for (const Index &index : table(u"books"_s)->indexes)
        byName.insert(index.name, index);
    // PRIMARY, books_isbn, books_author_title, books_title_prefix: the foreign key reuses
    // books_author_title, which starts with its column, instead of getting its own index.
    QCOMPARE(byName.size(), 4);
    QVERIFY(byName.value(u"PRIMARY"_s).primary && byName.value(u"PRIMARY"_s).unique);
    QCOMPARE(byName.value(u"PRIMARY"_s).columns, QStringList { u"id"_s });
    QVERIFY(byName.value(u"books_isbn"_s).unique && !byName.value(u"books_isbn"_s).primary);
    QCOMPARE(byName.value(u"books_author_title"_s).columns,
             QStringList({ u"author_id"_s, u"title"_s }));
    QVERIFY(!byName.value(u"books_author_title"_s).unique);
    // The foreign key's own index, which InnoDB shares with books_author_title: not there.
    QVERIFY(!byName.contains(u"books_author"_s) || !byName.value(u"books_author"_s).unique);
    // A unique prefix does not make whole titles unique.
    QVERIFY(byName.contains(u"books_title_prefix"_s));
    QVERIFY(!byName.value(u"books_title_prefix"_s).unique);

    QHash<QString, Index> editions;
    for (const Index &index : table(u"editions"_s)->indexes)
        editions.insert(index.name, index);
    QCOMPARE(editions.value(u"PRIMARY"_s).columns, QStringList({ u"number"_s, u"book_id"_s }));
}

void TestDialectMysql::procedures()
{
    QCOMPARE(schema().procedures.size(), 2);
    QCOMPARE(schema().procedures.at(0).name, u"add_one"_s);
    QCOMPARE(schema().procedures.at(0).kind, u"function"_s);
    QCOMPARE(schema().procedures.at(1).name, u"clear_editions"_s);
    QCOMPARE(schema().procedures.at(1).kind, u"procedure"_s);
}

void TestDialectMysql::classify_data()
{
    addClassifyColumns(); // sqlState: MariaDB's error number; mentions: a column or key

    QTest::newRow("duplicate primary key")
        << u"INSERT INTO authors (id, name, nick) VALUES (1, 'B', 'b')"_s << ErrorKind::Conflict
        << u"1062"_s << u"PRIMARY"_s;
    QTest::newRow("duplicate unique")
        << u"INSERT INTO authors (name, email, nick) VALUES ('B', 'a@x', 'b')"_s
        << ErrorKind::Conflict << u"1062"_s << u"email"_s;
    QTest::newRow("null into not null") << u"INSERT INTO authors (name, nick) VALUES (NULL, 'b')"_s
                                        << ErrorKind::BadRequest << u"1048"_s << u"name"_s;
    QTest::newRow("not null left out") << u"INSERT INTO authors (name) VALUES ('B')"_s
                                       << ErrorKind::BadRequest << u"1364"_s << u"nick"_s;
    QTest::newRow("foreign key to nowhere")
        << u"INSERT INTO books (author_id, title) VALUES (999, 'X')"_s << ErrorKind::BadRequest
        << u"1452"_s << u"books_author"_s;
    QTest::newRow("referenced row") << u"DELETE FROM authors WHERE id = 1"_s
                                    << ErrorKind::BadRequest << u"1451"_s << u"books_author"_s;
    QTest::newRow("check") << u"UPDATE books SET price = -1"_s << ErrorKind::BadRequest << u"4025"_s
                           << u"price"_s;
    QTest::newRow("json check") << u"INSERT INTO kinds (js) VALUES ('{not json')"_s
                                << ErrorKind::BadRequest << u"4025"_s << u"js"_s;
    QTest::newRow("out of range") << u"INSERT INTO kinds (ti) VALUES (300)"_s
                                  << ErrorKind::BadRequest << u"1264"_s << u"ti"_s;
    QTest::newRow("not a number") << u"INSERT INTO kinds (i) VALUES ('abc')"_s
                                  << ErrorKind::BadRequest << u"1366"_s << u"i"_s;
    QTest::newRow("bad date") << u"INSERT INTO kinds (da) VALUES ('2024-02-30')"_s
                              << ErrorKind::BadRequest << u"1292"_s << u"da"_s;
    QTest::newRow("too long") << u"INSERT INTO lookups VALUES ('12345678901', 'x')"_s
                              << ErrorKind::BadRequest << u"1406"_s << u"code"_s;
    QTest::newRow("unknown column")
        << u"SELECT nope FROM authors"_s << ErrorKind::BadRequest << u"1054"_s << u"nope"_s;
    QTest::newRow("unknown table")
        << u"SELECT * FROM nowhere"_s << ErrorKind::NotFound << u"1146"_s << u"nowhere"_s;
    QTest::newRow("syntax") << u"SELEKT 1"_s << ErrorKind::Internal << u"1064"_s << u"SELEKT"_s;
}

void TestDialectMysql::preparedStatementErrors()
{
    // Server-side prepared statements report the same errno as plain ones.
    QSqlDatabase connection = db();
    QSqlQuery query(connection);
    QVERIFY(query.prepare(u"INSERT INTO authors (id, name, nick) VALUES (?, ?, ?)"_s));
    query.addBindValue(1);
    query.addBindValue(u"B"_s);
    query.addBindValue(u"b"_s);
    QVERIFY(!query.exec());
    const Error error = dialect().classify(query.lastError(), connection);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QCOMPARE(error.sqlState, u"1062"_s);

    // A backslash in a bound value is just a character.
    QVERIFY(query.prepare(u"SELECT CHAR_LENGTH(?)"_s));
    query.addBindValue(u"a\\'b"_s);
    QVERIFY(query.exec() && query.next());
    QCOMPARE(query.value(0).toInt(), 4);
}

void TestDialectMysql::permissionDeniedIsForbidden()
{
    const ScratchConnection reader(service(m_server->dsnFor(u"reader"_s, u"reader"_s)),
                                   u"reader"_s);
    checkRefusal(dialect(), reader,
                 { u"SELECT * FROM lookups"_s,
                   u"SELECT * FROM authors"_s,
                   ErrorKind::Forbidden,
                   u"1142"_s,
                   {} });
    if (QTest::currentTestFailed())
        return;
    QSqlDatabase connection = reader.database();
    const std::optional<Error> error =
        failureOf(dialect(), connection, u"INSERT INTO lookups VALUES ('x', 'y')"_s);
    QVERIFY(error);
    QCOMPARE(error->kind, ErrorKind::Forbidden);

    // Introspection shows only what the user may see.
    const Result<Schema> schema = dialect().introspect(connection, QString());
    QVERIFY(schema.ok());
    QCOMPARE(schema->tables.size(), 1);
    QCOMPARE(schema->tables.first().name, u"lookups"_s);
}

// What timeoutRefusal() works around: MariaDB ends SLEEP() at the statement timeout and returns 1
// rather than failing. Ten minutes: only the timeout can end it within the test's time limit.
void TestDialectMysql::sleepIsCutShortNotFailed()
{
    const ScratchConnection slow(service(), u"slow"_s, 50);
    QVERIFY2(slow.isOpen(), qPrintable(slow.openError()));
    QSqlQuery sleep(slow.database());
    QVERIFY(!sleep.exec(u"SELECT SLEEP(600) FROM authors"_s) || !sleep.next()
            || sleep.value(0).toInt() == 1);
}

void TestDialectMysql::upsert()
{
    const Table *lookups = table(u"lookups"_s);
    SqlBuilder builder(dialect(), *lookups);
    QSqlDatabase connection = db();
    QSqlQuery query(connection);
    const auto run = [&](const QStringList &columns, const QVariantList &values) {
        const Result<BoundSql> sql = builder.insert(columns, values, true);
        QVERIFY(sql.ok());
        QVERIFY(!sql->sql.contains(u"RETURNING"_s));
        QVERIFY(query.prepare(sql->sql));
        for (const QVariant &v : sql->binds)
            query.addBindValue(v);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    };
    run({ u"code"_s, u"label"_s }, { u"k"_s, u"first"_s });
    run({ u"code"_s, u"label"_s }, { u"k"_s, u"second"_s });
    QVERIFY(query.exec(u"SELECT label FROM lookups WHERE code = 'k'"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"second"_s);

    // Only the key: the row stays as it is.
    Table keyOnly = *table(u"patterns"_s);
    const QString clause = dialect().upsertClause(keyOnly, { u"id"_s });
    QVERIFY2(query.exec(u"INSERT INTO patterns (id, txt) VALUES (1, 'new')"_s + clause),
             qPrintable(query.lastError().text()));
    QVERIFY(query.exec(u"SELECT txt FROM patterns WHERE id = 1"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"a%b"_s);
}

void TestDialectMysql::likeEscape_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QList<int>>("ids");
    // The builder escapes %, _ and \ with a backslash; the ESCAPE clause must say the same.
    QTest::newRow("literal percent") << u"a\\%b"_s << QList<int> { 1 };
    QTest::newRow("literal underscore") << u"a\\_b"_s << QList<int> { 3 };
    QTest::newRow("literal backslash") << u"a\\\\b"_s << QList<int> { 4 };
    QTest::newRow("backslash then percent") << u"a\\\\\\%b"_s << QList<int> { 5 };
    QTest::newRow("wildcard") << u"a_b"_s << QList<int> { 1, 2, 3, 4 };
}

void TestDialectMysql::likeEscape()
{
    QFETCH(QString, pattern);
    QFETCH(QList<int>, ids);
    QSqlQuery query(db());
    QVERIFY(query.prepare(u"SELECT id FROM patterns WHERE txt LIKE ?"_s + dialect().likeEscape()
                          + u" ORDER BY id"_s));
    query.addBindValue(pattern);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QList<int> found;
    while (query.next())
        found << query.value(0).toInt();
    QCOMPARE(found, ids);
}

void TestDialectMysql::limitAndReturning()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(u"SELECT id FROM patterns ORDER BY id"_s + dialect().limitClause(2, 1)));
    QList<int> ids;
    while (query.next())
        ids << query.value(0).toInt();
    QCOMPARE(ids, QList<int>({ 2, 3 }));

    // No RETURNING from the builder: the API re-reads rows by key. The statements still run.
    SqlBuilder builder(dialect(), *table(u"lookups"_s));
    const auto run = [&](const Result<BoundSql> &sql) {
        QVERIFY(sql.ok());
        QVERIFY(!sql->sql.contains(u"RETURNING"_s));
        QVERIFY(query.prepare(sql->sql));
        for (const QVariant &v : sql->binds)
            query.addBindValue(v);
        QVERIFY2(query.exec(), qPrintable(sql->sql + u": "_s + query.lastError().text()));
    };
    run(builder.insert({ u"code"_s, u"label"_s }, { u"r"_s, u"ret"_s }, false));
    QCOMPARE(query.numRowsAffected(), 1);
    // CLIENT_FOUND_ROWS: an UPDATE that changes nothing still counts the row it matched.
    run(builder.updateByKey({ u"label"_s }, { u"ret"_s }, u"r"_s));
    QCOMPARE(query.numRowsAffected(), 1);
    RowSelection rows;
    rows.ids = { u"r"_s };
    run(builder.remove(rows));
    QCOMPARE(query.numRowsAffected(), 1);

    // Why MariaDB's INSERT … RETURNING is not used: the server runs it, but QMYSQL loses the
    // rows of a prepared statement. When this fails, Qt has fixed it and
    // MysqlDialect::supportsReturning can say true for INSERT and DELETE on MariaDB 10.5+.
    QVERIFY(query.prepare(u"INSERT INTO lookups VALUES (?, ?) RETURNING code"_s));
    query.addBindValue(u"r2"_s);
    query.addBindValue(u"x"_s);
    QVERIFY(query.exec());
    QVERIFY(!query.isSelect());
    QVERIFY(query.exec(u"SELECT count(*) FROM lookups WHERE code = 'r2'"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestDialectMysql)
#include "tst_dialect_mysql.moc"
