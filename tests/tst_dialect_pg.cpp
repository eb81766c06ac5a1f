#include "config/serviceconfig.h"
#include "db/backends.h"
#include "db/connectionfactory.h"
#include "db/dialect.h"
#include "dialecttest.h"
#include "pgserver.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using namespace sluice::test;

// The PostgreSQL dialect against a real server (the harness's throw-away cluster): DSNs end to
// end, session settings, introspection of a non-public schema, error classification by actually
// violating each constraint, upserts, paging and RETURNING. Fails when no server can start.
class TestDialectPg : public DialectTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void dsnForms_data();
    void dsnForms();
    void openFailureIsUnavailable_data();
    void openFailureIsUnavailable();
    void sessionSettings();
    void testConnection();
    void tablesAndViews();
    void publicIsTheDefaultSchema();
    void columnTypes_data();
    void columnDetails();
    void primaryKeys_data();
    void foreignKeys();
    void indexes();
    void procedures();
    void classify_data();
    void permissionDeniedIsForbidden();
    void terminatedConnectionIsUnavailable();
    void upsert();
    void limitAndReturning();
    void rawStatementsAreConfirmedOneByOne();

private:
    ServiceConfig service() const override { return service(m_server->dsn()); }
    ServiceConfig service(const QString &dsn, const QString &name = u"shop"_s) const;
    Refusal readOnlyRefusal() const override;
    Refusal timeoutRefusal() const override;
    void checkClassifiedMessage(const Error &error) const override;

    PgServer *m_server = nullptr;
};

ServiceConfig TestDialectPg::service(const QString &dsn, const QString &name) const
{
    ServiceConfig config;
    config.name = name;
    config.driver = u"postgres"_s;
    config.dsn = dsn;
    config.schema = u"shop"_s;
    return config;
}

void TestDialectPg::initTestCase()
{
    m_server = PgServer::shared();
    QVERIFY2(m_server, "the PostgreSQL test server cannot start (see the warning above)");

    QVERIFY(m_server->exec(uR"sql(
CREATE EXTENSION btree_gist;
CREATE SCHEMA shop;
CREATE EXTENSION pgcrypto SCHEMA shop;
CREATE DOMAIN shop.short_text AS varchar(20);
CREATE TABLE shop.authors (id serial PRIMARY KEY, name varchar(80) NOT NULL,
    email text UNIQUE, born date, active boolean NOT NULL DEFAULT true);
CREATE TABLE shop.books (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author_id int NOT NULL REFERENCES shop.authors (id), title text NOT NULL, isbn text,
    price numeric(10,2) CHECK (price >= 0));
CREATE UNIQUE INDEX books_isbn ON shop.books (isbn);
CREATE INDEX books_author_title ON shop.books (author_id, title) INCLUDE (isbn);
CREATE INDEX books_lower_title ON shop.books (lower(title));
CREATE UNIQUE INDEX books_untitled ON shop.books (title) WHERE isbn IS NULL;
CREATE TABLE shop.editions (book_id bigint NOT NULL REFERENCES shop.books (id),
    number int NOT NULL, year smallint, PRIMARY KEY (number, book_id));
CREATE TABLE shop."odd ""name"" table" ("a ""quoted"" col" text PRIMARY KEY, "ed num" int,
    "ed book" bigint,
    FOREIGN KEY ("ed num", "ed book") REFERENCES shop.editions (number, book_id));
CREATE TABLE shop.kinds (i2 int2, i4 int4, i8 int8, s serial, bs bigserial, n numeric,
    n2 numeric(12,3), f4 float4, f8 float8, b bool, d date, ts timestamp, tstz timestamptz,
    t time, ttz timetz, j json, jb jsonb, by bytea, u uuid, txt text, vc varchar(80),
    ch char(2), dom shop.short_text, arr int[], iv interval,
    gen int GENERATED ALWAYS AS (i4 * 2) STORED);
CREATE TABLE shop.rooms (room int, during tsrange,
    CONSTRAINT rooms_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));
CREATE TABLE public.elsewhere (id int PRIMARY KEY);
CREATE TABLE shop.refs_public (id int REFERENCES public.elsewhere (id));
CREATE TABLE shop.measurements (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE shop.measurements_2024 PARTITION OF shop.measurements
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE VIEW shop.author_names AS SELECT id, name FROM shop.authors;
CREATE MATERIALIZED VIEW shop.book_counts AS
    SELECT author_id, count(*) AS n FROM shop.books GROUP BY author_id;
CREATE FUNCTION shop.add(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b';
CREATE FUNCTION shop.add(a numeric, b numeric) RETURNS numeric LANGUAGE sql AS 'SELECT a + b';
CREATE PROCEDURE shop.clear_editions() LANGUAGE sql AS 'DELETE FROM shop.editions';
CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE ROLE reader LOGIN PASSWORD 'reader';
CREATE ROLE "odd user" LOGIN PASSWORD 'p@ss w''rd;\x';
INSERT INTO shop.authors (name, email) VALUES ('A', 'a@x');
INSERT INTO shop.books (author_id, title, isbn, price) VALUES (1, 'T', '978', 10);
INSERT INTO shop.editions VALUES (1, 1, 1999);
)sql"_s));

    openFixture(service());
    introspectFixture(u"shop"_s);
}

void TestDialectPg::cleanupTestCase()
{
    closeFixture();
}

Refusal TestDialectPg::readOnlyRefusal() const
{
    return { u"SELECT count(*) FROM shop.authors"_s,
             u"INSERT INTO shop.authors (name) VALUES ('RO')"_s,
             ErrorKind::Forbidden,
             u"25006"_s,
             {} };
}

Refusal TestDialectPg::timeoutRefusal() const
{
    // Ten minutes: only the timeout can end it within the test's time limit.
    return { {}, u"SELECT pg_sleep(600)"_s, ErrorKind::Timeout, u"57014"_s, u"SELECT 1"_s };
}

// The server's primary message only: no severity, no DETAIL with row values.
void TestDialectPg::checkClassifiedMessage(const Error &error) const
{
    QVERIFY2(!error.message.startsWith(u"ERROR"_s), qPrintable(error.message));
    QVERIFY2(!error.message.contains(u"DETAIL"_s), qPrintable(error.message));
    QVERIFY2(!error.message.contains(u"Failing row"_s), qPrintable(error.message));
}

void TestDialectPg::dsnForms_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("expectedUser");
    const QString host = m_server ? m_server->host() : QString();
    const QString port = m_server ? QString::number(m_server->port()) : QString();
    const QString database = m_server ? m_server->database() : QString();

    QTest::newRow("url") << (m_server ? m_server->dsnFor(u"sluice"_s, m_server->password())
                                      : QString())
                         << u"sluice"_s;
    QTest::newRow("url, odd user and password")
        << (m_server ? m_server->dsnFor(u"odd user"_s, u"p@ss w'rd;\\x"_s) : QString())
        << u"odd user"_s;
    QTest::newRow("url with options")
        << (m_server ? m_server->dsnFor(u"sluice"_s, m_server->password())
                    + u"?sslmode=disable&connect_timeout=5&application_name=my%20app"_s
                     : QString())
        << u"sluice"_s;
    QTest::newRow("keywords, quoted password")
        << u"host=%1 port=%2 dbname=%3 user='odd user' password='p@ss w\\'rd;\\\\x'"_s.arg(
               host, port, database)
        << u"odd user"_s;
}

void TestDialectPg::dsnForms()
{
    QFETCH(QString, dsn);
    QFETCH(QString, expectedUser);
    {
        const Result<QSqlDatabase> opened = openDatabase(service(dsn), u"dsn"_s, 0);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QSqlQuery query(*opened);
        QVERIFY(query.exec(u"SELECT current_user, current_setting('application_name')"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), expectedUser);
        if (dsn.contains(u"application_name"_s))
            QCOMPARE(query.value(1).toString(), u"my app"_s);
    }
    closeDatabase(u"dsn"_s);
}

void TestDialectPg::openFailureIsUnavailable_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("password");
    if (!m_server)
        return;
    QTest::newRow("wrong password")
        << m_server->dsnFor(u"sluice"_s, u"Wr0ng-pw"_s) << u"Wr0ng-pw"_s;
    QTest::newRow("unknown database") << u"postgres://sluice:%1@%2:%3/no_such_db"_s.arg(
        m_server->password(), m_server->host(), QString::number(m_server->port()))
                                      << m_server->password();
    QTest::newRow("unknown user") << m_server->dsnFor(u"nobody"_s, u"N0body-pw"_s)
                                  << u"N0body-pw"_s;
}

void TestDialectPg::openFailureIsUnavailable()
{
    QFETCH(QString, dsn);
    QFETCH(QString, password);
    const Result<QSqlDatabase> opened = openDatabase(service(dsn), u"fail"_s, 0);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Unavailable);
    QVERIFY2(!opened.error().message.contains(password), qPrintable(opened.error().message));
    QVERIFY(!QSqlDatabase::contains(u"fail"_s));
}

void TestDialectPg::sessionSettings()
{
    {
        const Result<QSqlDatabase> opened = openDatabase(service(m_server->dsn()), u"s"_s, 1500);
        QVERIFY(opened.ok());
        QSqlQuery query(*opened);
        QVERIFY(query.exec(u"SELECT current_setting('TimeZone'),"
                           " current_setting('statement_timeout'),"
                           " current_setting('client_encoding'),"
                           " current_setting('default_transaction_read_only')"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"UTC"_s);
        QCOMPARE(query.value(1).toString(), u"1500ms"_s);
        QCOMPARE(query.value(2).toString(), u"UTF8"_s);
        QCOMPARE(query.value(3).toString(), u"off"_s);
    }
    closeDatabase(u"s"_s);
}

void TestDialectPg::testConnection()
{
    const Status ok = sluice::testConnection(service(m_server->dsn()));
    QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().message));
    const Status bad =
        sluice::testConnection(service(m_server->dsnFor(u"sluice"_s, u"Wr0ng-pw"_s)));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().kind, ErrorKind::Unavailable);
}

void TestDialectPg::tablesAndViews()
{
    QStringList names;
    QStringList views;
    for (const Table &table : std::as_const(schema().tables)) {
        names << table.name;
        if (table.isView)
            views << table.name;
    }
    // Tables by name, then views (materialized ones too); partitions and other schemas' tables
    // are not listed.
    const QStringList expected = {
        u"authors"_s,     u"books"_s,        u"editions"_s,
        u"kinds"_s,       u"measurements"_s, u"odd \"name\" table"_s,
        u"refs_public"_s, u"rooms"_s,        u"author_names"_s,
        u"book_counts"_s,
    };
    QCOMPARE(names, expected);
    QCOMPARE(views, (QStringList { u"author_names"_s, u"book_counts"_s }));

    const Table *counts = table(u"book_counts"_s);
    QCOMPARE(counts->columns.size(), 2);
    QCOMPARE(counts->columns.at(1).name, u"n"_s);
    QCOMPARE(counts->columns.at(1).jsonType, JsonType::Integer);
}

void TestDialectPg::publicIsTheDefaultSchema()
{
    QSqlDatabase connection = db();
    const Result<Schema> schema = dialect().introspect(connection, QString());
    QVERIFY(schema.ok());
    QCOMPARE(schema->tables.size(), 1);
    QCOMPARE(schema->tables.at(0).name, u"elsewhere"_s);
    // btree_gist lives in public but is an extension: none of its functions are listed.
    QVERIFY(schema->procedures.isEmpty());

    const Result<Schema> none = dialect().introspect(connection, u"no_such_schema"_s);
    QVERIFY(none.ok());
    QVERIFY(none->tables.isEmpty());
}

void TestDialectPg::columnTypes_data()
{
    addColumnTypeColumns();

    QTest::newRow("int2") << u"i2"_s << u"smallint"_s << JsonType::Integer << -1;
    QTest::newRow("int4") << u"i4"_s << u"integer"_s << JsonType::Integer << -1;
    QTest::newRow("int8") << u"i8"_s << u"bigint"_s << JsonType::Integer << -1;
    QTest::newRow("serial") << u"s"_s << u"integer"_s << JsonType::Integer << -1;
    QTest::newRow("bigserial") << u"bs"_s << u"bigint"_s << JsonType::Integer << -1;
    QTest::newRow("numeric") << u"n"_s << u"numeric"_s << JsonType::Decimal << -1;
    QTest::newRow("numeric(12,3)") << u"n2"_s << u"numeric(12,3)"_s << JsonType::Decimal << -1;
    QTest::newRow("float4") << u"f4"_s << u"real"_s << JsonType::Float << -1;
    QTest::newRow("float8") << u"f8"_s << u"double precision"_s << JsonType::Float << -1;
    QTest::newRow("bool") << u"b"_s << u"boolean"_s << JsonType::Boolean << -1;
    QTest::newRow("date") << u"d"_s << u"date"_s << JsonType::Date << -1;
    QTest::newRow("timestamp") << u"ts"_s << u"timestamp without time zone"_s << JsonType::DateTime
                               << -1;
    QTest::newRow("timestamptz") << u"tstz"_s << u"timestamp with time zone"_s << JsonType::DateTime
                                 << -1;
    QTest::newRow("time") << u"t"_s << u"time without time zone"_s << JsonType::Time << -1;
    QTest::newRow("timetz") << u"ttz"_s << u"time with time zone"_s << JsonType::Time << -1;
    QTest::newRow("json") << u"j"_s << u"json"_s << JsonType::Json << -1;
    QTest::newRow("jsonb") << u"jb"_s << u"jsonb"_s << JsonType::Json << -1;
    QTest::newRow("bytea") << u"by"_s << u"bytea"_s << JsonType::Binary << -1;
    QTest::newRow("uuid") << u"u"_s << u"uuid"_s << JsonType::Uuid << -1;
    QTest::newRow("text") << u"txt"_s << u"text"_s << JsonType::String << -1;
    QTest::newRow("varchar(80)") << u"vc"_s << u"character varying(80)"_s << JsonType::String << 80;
    QTest::newRow("char(2)") << u"ch"_s << u"character(2)"_s << JsonType::String << 2;
    // Named as the service's own schema sees it: its sessions' search_path starts there.
    QTest::newRow("domain over varchar(20)")
        << u"dom"_s << u"short_text"_s << JsonType::String << 20;
    QTest::newRow("int[]") << u"arr"_s << u"integer[]"_s << JsonType::Json
                           << -1; // read via to_json()
    QTest::newRow("interval") << u"iv"_s << u"interval"_s << JsonType::String << -1;
    QTest::newRow("generated") << u"gen"_s << u"integer"_s << JsonType::Integer << -1;
}

void TestDialectPg::columnDetails()
{
    const Table *authors = table(u"authors"_s);
    QVERIFY(authors);
    QStringList names;
    for (const Column &c : authors->columns)
        names << c.name;
    QCOMPARE(names, (QStringList { u"id"_s, u"name"_s, u"email"_s, u"born"_s, u"active"_s }));
    const Column *id = authors->column(u"id");
    QVERIFY(id->hasDefault);
    QVERIFY(id->defaultValue.startsWith(u"nextval("_s));
    QVERIFY(!authors->column(u"name")->nullable);
    QVERIFY(!authors->column(u"name")->hasDefault);
    QVERIFY(authors->column(u"email")->nullable);
    QCOMPARE(authors->column(u"active")->defaultValue, u"true"_s);

    const Column *gen = table(u"kinds"_s)->column(u"gen");
    QVERIFY(gen->hasDefault);
    QVERIFY(!gen->autoIncrement);

    const Table *odd = table(u"odd \"name\" table"_s);
    QVERIFY(odd);
    QCOMPARE(odd->columns.at(0).name, u"a \"quoted\" col"_s);
    QVERIFY(!odd->columns.at(0).nullable);
}

void TestDialectPg::primaryKeys_data()
{
    addPrimaryKeyColumns();

    QTest::newRow("serial") << u"authors"_s << QStringList { u"id"_s } << QStringList { u"id"_s };
    QTest::newRow("identity") << u"books"_s << QStringList { u"id"_s } << QStringList { u"id"_s };
    QTest::newRow("multi-column, key order")
        << u"editions"_s << QStringList { u"number"_s, u"book_id"_s } << QStringList();
    QTest::newRow("text key") << u"odd \"name\" table"_s << QStringList { u"a \"quoted\" col"_s }
                              << QStringList();
    QTest::newRow("none, serials")
        << u"kinds"_s << QStringList() << QStringList { u"s"_s, u"bs"_s };
    QTest::newRow("view") << u"author_names"_s << QStringList() << QStringList();
}

void TestDialectPg::foreignKeys()
{
    const Table *books = table(u"books"_s);
    QCOMPARE(books->foreignKeys.size(), 1);
    QCOMPARE(books->foreignKeys.at(0).name, u"books_author_id_fkey"_s);
    QCOMPARE(books->foreignKeys.at(0).columns, QStringList { u"author_id"_s });
    QCOMPARE(books->foreignKeys.at(0).refTable, u"authors"_s);
    QCOMPARE(books->foreignKeys.at(0).refColumns, QStringList { u"id"_s });

    const Table *odd = table(u"odd \"name\" table"_s);
    QCOMPARE(odd->foreignKeys.size(), 1);
    QCOMPARE(odd->foreignKeys.at(0).columns, (QStringList { u"ed num"_s, u"ed book"_s }));
    QCOMPARE(odd->foreignKeys.at(0).refTable, u"editions"_s);
    QCOMPARE(odd->foreignKeys.at(0).refColumns, (QStringList { u"number"_s, u"book_id"_s }));

    const Table *refs = table(u"refs_public"_s);
    QCOMPARE(refs->foreignKeys.size(), 1);
    QCOMPARE(refs->foreignKeys.at(0).refTable, u"public.elsewhere"_s);

    QVERIFY(table(u"authors"_s)->foreignKeys.isEmpty());
}

void TestDialectPg::indexes()
{
    const Table *books = table(u"books"_s);
    QStringList names;
    for (const Index &index : books->indexes)
        names << index.name;
    // books_lower_title is an expression index and left out.
    QCOMPARE(names,
             (QStringList { u"books_author_title"_s, u"books_isbn"_s, u"books_pkey"_s,
                            u"books_untitled"_s }));
    const Index &authorTitle = books->indexes.at(0);
    QCOMPARE(authorTitle.columns, (QStringList { u"author_id"_s, u"title"_s })); // not INCLUDE
    QVERIFY(!authorTitle.unique);
    QVERIFY(books->indexes.at(1).unique);
    QVERIFY(!books->indexes.at(1).primary);
    QVERIFY(books->indexes.at(2).unique);
    QVERIFY(books->indexes.at(2).primary);
    QVERIFY(!books->indexes.at(3).unique); // partial: title is not unique across the table

    const Table *editions = table(u"editions"_s);
    QCOMPARE(editions->indexes.size(), 1);
    QCOMPARE(editions->indexes.at(0).columns, (QStringList { u"number"_s, u"book_id"_s }));
    QVERIFY(editions->indexes.at(0).primary);
}

void TestDialectPg::procedures()
{
    QStringList found;
    for (const Procedure &p : std::as_const(schema().procedures))
        found << p.name + u':' + p.kind;
    // Each overload is an entry with its own parameters (GET _schema shows them as one);
    // pgcrypto's functions and the trigger function are not listed.
    QCOMPARE(found,
             (QStringList { u"add:function"_s, u"add:function"_s, u"clear_editions:procedure"_s }));
    QStringList addTypes;
    for (const Procedure &p : std::as_const(schema().procedures)) {
        if (p.name == u"add"_s) {
            QCOMPARE(p.parameters.size(), 2);
            QCOMPARE(p.parameters.at(0).name, u"a"_s);
            QCOMPARE(p.parameters.at(0).mode, u"in"_s);
            addTypes << p.parameters.at(0).type + u"->"_s + p.returnType;
        }
    }
    addTypes.sort();
    QCOMPARE(addTypes, (QStringList { u"integer->integer"_s, u"numeric->numeric"_s }));
}

void TestDialectPg::classify_data()
{
    addClassifyColumns();

    QTest::newRow("primary key") << u"INSERT INTO shop.editions VALUES (1, 1, 2000)"_s
                                 << ErrorKind::Conflict << u"23505"_s << u"editions_pkey"_s;
    QTest::newRow("unique") << u"INSERT INTO shop.authors (name, email) VALUES ('B', 'a@x')"_s
                            << ErrorKind::Conflict << u"23505"_s << u"authors_email_key"_s;
    QTest::newRow("not null") << u"INSERT INTO shop.books (author_id, title) VALUES (1, NULL)"_s
                              << ErrorKind::BadRequest << u"23502"_s << u"\"title\""_s;
    QTest::newRow("foreign key") << u"INSERT INTO shop.books (author_id, title) VALUES (99, 'T')"_s
                                 << ErrorKind::BadRequest << u"23503"_s
                                 << u"books_author_id_fkey"_s;
    QTest::newRow("check") << u"UPDATE shop.books SET price = -1 WHERE id = 1"_s
                           << ErrorKind::BadRequest << u"23514"_s << u"books_price_check"_s;
    QTest::newRow("exclusion") << u"INSERT INTO shop.rooms VALUES (1, '[2024-01-01,2024-01-03)'),"
                                  " (1, '[2024-01-02,2024-01-04)')"_s
                               << ErrorKind::BadRequest << u"23P01"_s << u"rooms_no_overlap"_s;
    QTest::newRow("bad input") << u"INSERT INTO shop.authors (id, name) VALUES ('x', 'B')"_s
                               << ErrorKind::BadRequest << u"22P02"_s << u"integer"_s;
    QTest::newRow("out of range") << u"INSERT INTO shop.editions VALUES (1, 2, 99999)"_s
                                  << ErrorKind::BadRequest << u"22003"_s << u"smallint"_s;
    QTest::newRow("too long") << u"INSERT INTO shop.kinds (ch) VALUES ('abc')"_s
                              << ErrorKind::BadRequest << u"22001"_s << u"character(2)"_s;
    QTest::newRow("undefined table")
        << u"SELECT * FROM shop.nope"_s << ErrorKind::NotFound << u"42P01"_s << u"\"shop.nope\""_s;
    QTest::newRow("undefined column") << u"SELECT nope FROM shop.authors"_s << ErrorKind::BadRequest
                                      << u"42703"_s << u"\"nope\""_s;
    QTest::newRow("syntax") << u"SELEC 1"_s << ErrorKind::Internal << u"42601"_s << u"syntax"_s;
}

void TestDialectPg::permissionDeniedIsForbidden()
{
    const ScratchConnection reader(service(m_server->dsnFor(u"reader"_s, u"reader"_s)),
                                   u"reader"_s);
    checkRefusal(dialect(), reader,
                 { {}, u"SELECT * FROM shop.authors"_s, ErrorKind::Forbidden, u"42501"_s, {} });
    if (QTest::currentTestFailed())
        return;
    // Introspecting a schema the role may not use: an empty schema, not an error.
    QSqlDatabase connection = reader.database();
    QVERIFY(dialect().introspect(connection, u"shop"_s).ok());
}

void TestDialectPg::terminatedConnectionIsUnavailable()
{
    {
        const Result<QSqlDatabase> opened = openDatabase(service(m_server->dsn()), u"doomed"_s, 0);
        QVERIFY(opened.ok());
        QSqlQuery query(*opened);
        QVERIFY(query.exec(u"SELECT pg_backend_pid()"_s));
        QVERIFY(query.next());
        const int pid = query.value(0).toInt();
        query.finish();

        QSqlQuery killer(db());
        QVERIFY(killer.exec(u"SELECT pg_terminate_backend(%1)"_s.arg(pid)));

        QVERIFY(!query.exec(u"SELECT 1"_s));
        const Error error = dialect().classify(query.lastError(), *opened);
        QVERIFY2(error.kind == ErrorKind::Unavailable,
                 qPrintable(error.sqlState + u' ' + error.message));
    }
    closeDatabase(u"doomed"_s);
}

void TestDialectPg::upsert()
{
    QSqlDatabase connection = db();
    const Table *odd = table(u"odd \"name\" table"_s);
    QVERIFY(odd);
    const QStringList columns = { u"a \"quoted\" col"_s, u"ed num"_s };
    QCOMPARE(dialect().upsertClause(*odd, columns),
             u" ON CONFLICT (\"a \"\"quoted\"\" col\") DO UPDATE SET"
             " \"ed num\" = EXCLUDED.\"ed num\""_s);
    const QString insert = u"INSERT INTO shop."_s + dialect().quoteIdentifier(odd->name)
        + u" (\"a \"\"quoted\"\" col\", \"ed num\") VALUES (?, ?)"_s
        + dialect().upsertClause(*odd, columns);
    for (int number : { 7, 8 }) {
        QSqlQuery query(connection);
        QVERIFY(query.prepare(insert));
        query.addBindValue(u"k"_s);
        query.addBindValue(number);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    }
    QSqlQuery check(connection);
    QVERIFY(check.exec(u"SELECT count(*), max(\"ed num\") FROM shop.\"odd \"\"name\"\" table\""_s));
    QVERIFY(check.next());
    QCOMPARE(check.value(0).toInt(), 1);
    QCOMPARE(check.value(1).toInt(), 8);

    const QStringList keyOnly = { u"a \"quoted\" col"_s };
    QCOMPARE(dialect().upsertClause(*odd, keyOnly),
             u" ON CONFLICT (\"a \"\"quoted\"\" col\") DO NOTHING"_s);
    QVERIFY(check.exec(u"INSERT INTO shop.\"odd \"\"name\"\" table\" (\"a \"\"quoted\"\" col\")"
                       " VALUES ('k')"_s
                       + dialect().upsertClause(*odd, keyOnly)));
    QCOMPARE(check.numRowsAffected(), 0);
}

void TestDialectPg::limitAndReturning()
{
    QSqlQuery query(db());
    QVERIFY2(query.exec(u"INSERT INTO shop.authors (name) VALUES ('P'), ('Q'), ('R')"_s
                        + dialect().returningClause(u"\"id\", \"name\""_s)),
             qPrintable(query.lastError().text()));
    QList<int> ids;
    while (query.next())
        ids << query.value(0).toInt();
    QCOMPARE(ids.size(), 3);

    QVERIFY(query.exec(u"SELECT name FROM shop.authors WHERE name IN ('P', 'Q', 'R')"
                       " ORDER BY name"_s
                       + dialect().limitClause(2, 1)));
    QStringList names;
    while (query.next())
        names << query.value(0).toString();
    QCOMPARE(names, (QStringList { u"Q"_s, u"R"_s }));
}

// QPSQL runs a prepared statement as "PREPARE … AS <text>" through the simple-query protocol,
// which would run a second statement too; raw SQL has PostgreSQL's own parser confirm the exact
// text first (tst_rawstatement covers the reader in front of it).
void TestDialectPg::rawStatementsAreConfirmedOneByOne()
{
    QSqlDatabase database = db();
    using RawExecution = Dialect::RawExecution;
    auto confirmed = dialect().confirmOneStatement(database, u"SELECT 1"_s, false);
    QVERIFY(confirmed);
    QCOMPARE(*confirmed, RawExecution::Direct); // PREPARE takes no DDL: run without parameters
    confirmed = dialect().confirmOneStatement(database, u"SELECT ?::int + 1"_s, true);
    QVERIFY(confirmed);
    QCOMPARE(*confirmed, RawExecution::Prepared);
    for (const auto &[text, parameters] :
         { std::pair { u"SELECT 1; DELETE FROM shop.authors"_s, false },
           std::pair { u"SELECT 1; COMMIT; DELETE FROM shop.authors"_s, false },
           // Qt turns the '?' inside the dollar quote into $1, which closes it early: what is
           // confirmed is the text QPSQL sends, not the text the caller wrote.
           std::pair { u"SELECT $$ $? ; DELETE FROM shop.authors; SELECT $$"_s, true } }) {
        confirmed = dialect().confirmOneStatement(database, text, parameters);
        QVERIFY2(!confirmed, qPrintable(text));
        // (What kind the runner answers with is tst_http_rawsql_pg's business.)
        QVERIFY(!confirmed.error().message.isEmpty());
    }
    QSqlQuery count(database);
    QVERIFY(count.exec(u"SELECT COUNT(*) FROM shop.authors"_s) && count.next());
    QVERIFY(count.value(0).toInt() > 0);
}

QTEST_GUILESS_MAIN(TestDialectPg)
#include "tst_dialect_pg.moc"
