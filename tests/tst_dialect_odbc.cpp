#include "config/serviceconfig.h"
#include "core/jsonwriter.h"
#include "db/connection.h"
#include "db/connectionfactory.h"
#include "db/odbc/odbcdialect.h"
#include "db/rowwriter.h"
#include "db/serviceregistry.h"
#include "db/sql/sqlbuilder.h"
#include "db/sql/writestatement.h"
#include "db/transaction.h"
#include "db/valuecoercion.h"
#include "pgserver.h"
#include "query/readspec.h"
#include "querytools.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

using namespace Qt::StringLiterals;
using namespace sluice;
using namespace sluice::test;

Q_DECLARE_METATYPE(sluice::ErrorKind)

namespace {
constexpr int kTimeoutMs = 30000;
} // namespace

// --driver odbc end to end, against the ODBC drivers Debian ships: psqlODBC ("PostgreSQL
// Unicode") to the harness's PostgreSQL and sqliteodbc ("SQLite3") to a temporary file. Each
// goes the way a request goes: the service registry connects, detects the database behind the
// driver, introspects; a Connection runs what SqlBuilder makes; RowWriter writes the JSON. The
// process runs in a time zone east of UTC, so a timestamp shifted by the local offset shows.
class TestDialectOdbc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void detection_data();
    void detection();
    void passwordStaysOutOfErrors();
    void unknownDriverIsUnavailable();
    void introspection_data();
    void introspection();
    void readsWithFilters_data();
    void readsWithFilters();
    void pgWritesReturnRows();
    void pgUpsert();
    void sqliteWrites();
    void constraintErrors_data();
    void constraintErrors();
    void readOnlyService_data();
    void readOnlyService();
    void pgStatementTimeout();
    void sqliteStatementTimeout();

private:
    ServiceConfig pgService() const;
    ServiceConfig sqliteService() const;
    ServiceConfig service(const QString &backend) const
    {
        return backend == u"pg"_s ? pgService() : sqliteService();
    }
    // The service as requests see it after the registry's refresh.
    ServiceHandle refreshed(const ServiceConfig &config);
    // Runs `sql` on `connection` and writes every row as the API does.
    QByteArray rows(Connection &connection, const BoundSql &sql,
                    const QList<OutputColumn> &columns);
    // A row from the JSON `body` for `table`: columns and values bound as the API binds them.
    bool bindRow(const Table &table, const QJsonObject &body, QStringList &columns,
                 QVariantList &values);

    PgServer *m_pg = nullptr;
    QTemporaryDir m_dir;
    QString m_sqlitePath;
    ServiceRegistry m_registry { kTimeoutMs };
};

ServiceConfig TestDialectOdbc::pgService() const
{
    ServiceConfig config;
    config.name = u"pg"_s;
    config.driver = u"odbc"_s;
    // BoolsAsChar=0: booleans as SQL_BIT, not the text "1"/"0".
    config.dsn = u"Driver={PostgreSQL Unicode};Server=%1;Port=%2;Database=%3;Uid=%4;"
                 "BoolsAsChar=0"_s.arg(m_pg->host(), QString::number(m_pg->port()),
                                       m_pg->database(), m_pg->user());
    config.password = m_pg->password(); // from the secret store, merged at open
    return config;
}

ServiceConfig TestDialectOdbc::sqliteService() const
{
    ServiceConfig config;
    config.name = u"lite"_s;
    config.driver = u"odbc"_s;
    // sqliteodbc takes values literally: no braces, even around a path with spaces.
    config.dsn = u"Driver={SQLite3};Database=%1"_s.arg(m_sqlitePath);
    return config;
}

ServiceHandle TestDialectOdbc::refreshed(const ServiceConfig &config)
{
    m_registry.upsert(config);
    if (Status s = m_registry.refresh(config.name); !s) {
        qWarning("refresh of %s: %s", qPrintable(config.name), qPrintable(s.error().message));
        return {};
    }
    return m_registry.find(config.name);
}

QByteArray TestDialectOdbc::rows(Connection &connection, const BoundSql &sql,
                                 const QList<OutputColumn> &columns)
{
    Result<QSqlQuery *> query = connection.execute(sql.sql, sql.binds);
    if (!query) {
        qWarning("%s: %s", qPrintable(sql.sql), qPrintable(query.error().message));
        return "error: " + query.error().message.toUtf8();
    }
    QByteArray out;
    JsonWriter w(out);
    const RowWriter writer(columns);
    w.beginArray();
    while ((*query)->next())
        writer.writeRow(w, **query);
    w.endArray();
    (*query)->finish();
    return out;
}

bool TestDialectOdbc::bindRow(const Table &table, const QJsonObject &body, QStringList &columns,
                              QVariantList &values)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        const Column *column = table.column(it.key());
        if (!column)
            return false;
        const Result<QVariant> value = bindableFromJson(*column, it.value());
        if (!value) {
            qWarning("%s", qPrintable(value.error().message));
            return false;
        }
        columns << it.key();
        values << *value;
    }
    return true;
}

void TestDialectOdbc::initTestCase()
{
    QVERIFY2(QSqlDatabase::isDriverAvailable(u"QODBC"_s), "Qt's QODBC driver is not installed");
    m_pg = PgServer::shared();
    QVERIFY2(m_pg, "the PostgreSQL test server cannot start (see the warning above)");
    QVERIFY(m_pg->exec(uR"sql(
CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE books (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    author_id int REFERENCES authors (id), title text NOT NULL,
    price numeric(30,10) CHECK (price >= 0), in_stock boolean NOT NULL DEFAULT true,
    published date, added timestamptz, local_at timestamp, notes text, data jsonb, tag uuid);
CREATE VIEW cheap AS SELECT id, title FROM books WHERE price < 10;
INSERT INTO authors (name) VALUES ('Ana'), ('Bo');
INSERT INTO books (author_id, title, price, in_stock, published, added, local_at, notes,
    data, tag) VALUES
  (1, 'Ünïcode ✓ 書', 12345678901234567890.1234567891, true, '2024-02-29',
   '2024-01-02 03:04:05.123+00', '2024-01-02 03:04:05.5', NULL, '{"a": [1, 2]}',
   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
  (2, 'Cheap 50%_off', 9.5, false, NULL, NULL, NULL, 'n', NULL, NULL);
CREATE ROLE reader LOGIN PASSWORD 'reader';
)sql"_s));

    QVERIFY(m_dir.isValid());
    m_sqlitePath = m_dir.filePath(u"lite ödbc.db"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"setup"_s);
        db.setDatabaseName(m_sqlitePath);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &sql :
             { u"CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"_s,
               u"CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, author_id INTEGER"
               " REFERENCES authors (id), title TEXT NOT NULL, price NUMERIC(10,2)"
               " CHECK (price >= 0), in_stock BOOLEAN NOT NULL DEFAULT 1, published DATE,"
               " added TIMESTAMP, local_at TIMESTAMP, notes TEXT, data JSON, tag TEXT)"_s,
               u"CREATE VIEW cheap AS SELECT id, title FROM books WHERE price < 10"_s,
               u"INSERT INTO authors (name) VALUES ('Ana'), ('Bo')"_s,
               u"INSERT INTO books (author_id, title, price, in_stock, published, added,"
               " local_at, notes, data, tag) VALUES (1, 'Ünïcode ✓ 書', 15.5, 1, '2024-02-29',"
               " '2024-01-02T03:04:05.123Z', '2024-01-02T03:04:05.5', NULL, '{\"a\": [1, 2]}',"
               " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (2, 'Cheap 50%_off', 9.5, 0, NULL,"
               " NULL, NULL, 'n', NULL, NULL)"_s }) {
            QVERIFY2(query.exec(sql), qPrintable(sql));
        }
    }
    QSqlDatabase::removeDatabase(u"setup"_s);
}

void TestDialectOdbc::detection_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("dbms");
    QTest::addColumn<int>("id");
    QTest::addColumn<bool>("returning");
    QTest::newRow("psqlODBC") << u"pg"_s << u"PostgreSQL"_s << int(DialectId::PostgreSQL) << true;
    // sqliteodbc loses the rows of … RETURNING.
    QTest::newRow("sqliteodbc") << u"lite"_s << u"SQLite"_s << int(DialectId::SQLite) << false;
}

void TestDialectOdbc::detection()
{
    QFETCH(QString, backend);
    const ServiceConfig config = service(backend);
    {
        const Result<OpenedDatabase> opened = openService(config, u"detect"_s, kTimeoutMs);
        QVERIFY2(opened, qPrintable(errorOf(opened)));
        QTEST(odbcDbmsName(opened->db), "dbms");
        QCOMPARE(opened->db.driverName(), u"QODBC"_s);
        QTEST(int(opened->dialect->id()), "id");
        QCOMPARE(opened->dialect->name(), u"odbc"_s);
        QTEST(opened->dialect->supportsReturning(StatementKind::Insert), "returning");
    }
    closeDatabase(u"detect"_s);
    QVERIFY(testConnection(config).ok());

    // The registry's state has no dialect until it has connected once.
    ServiceConfig fresh = config;
    fresh.name = backend + u"-fresh"_s;
    m_registry.upsert(fresh);
    QVERIFY(!m_registry.find(fresh.name)->dialect);
    const ServiceHandle handle = refreshed(fresh);
    QVERIFY(handle && handle->dialect && handle->schema);
    QTEST(int(handle->dialect->id()), "id");
}

void TestDialectOdbc::passwordStaysOutOfErrors()
{
    ServiceConfig config = pgService();
    config.password = u"Wr0ng;pw}x"_s;
    const Status status = testConnection(config);
    QVERIFY(!status);
    QCOMPARE(status.error().kind, ErrorKind::Unavailable);
    QVERIFY2(status.error().message.contains(u"password authentication failed"_s),
             qPrintable(status.error().message));
    QVERIFY2(!status.error().message.contains(u"Wr0ng"_s), qPrintable(status.error().message));
}

void TestDialectOdbc::unknownDriverIsUnavailable()
{
    ServiceConfig config = sqliteService();
    config.dsn = u"Driver={No Such Driver};Database=x"_s;
    const Status status = testConnection(config);
    QVERIFY(!status);
    QCOMPARE(status.error().kind, ErrorKind::Unavailable);
    QVERIFY2(status.error().message.contains(u"cannot connect"_s),
             qPrintable(status.error().message));

    config.dsn = u"Database=x;Uid=u"_s; // neither a driver nor a data source
    const Status malformed = testConnection(config);
    QVERIFY(!malformed);
    QCOMPARE(malformed.error().kind, ErrorKind::BadRequest);
}

void TestDialectOdbc::introspection_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("psqlODBC") << u"pg"_s;
    QTest::newRow("sqliteodbc") << u"lite"_s;
}

void TestDialectOdbc::introspection()
{
    QFETCH(QString, backend);
    const ServiceHandle handle = refreshed(service(backend));
    QVERIFY(handle && handle->schema);
    const Schema &schema = *handle->schema;
    QStringList names;
    for (const Table &t : schema.tables)
        names << t.name + (t.isView ? u" (view)"_s : QString());
    QCOMPARE(names, (QStringList { u"authors"_s, u"books"_s, u"cheap (view)"_s }));

    const Table *books = schema.table(u"books");
    QVERIFY(books);
    QCOMPARE(books->primaryKey, QStringList { u"id"_s });
    QVERIFY(books->column(u"id")->autoIncrement);
    QVERIFY(!books->column(u"title")->nullable);
    QCOMPARE(books->foreignKeys.size(), 1);
    QCOMPARE(books->foreignKeys.first().refTable, u"authors"_s);
    QCOMPARE(books->foreignKeys.first().columns, QStringList { u"author_id"_s });
    const QList<std::pair<QString, JsonType>> types = {
        { u"id"_s, JsonType::Integer },       { u"price"_s, JsonType::Decimal },
        { u"in_stock"_s, JsonType::Boolean }, { u"published"_s, JsonType::Date },
        { u"added"_s, JsonType::DateTime },   { u"local_at"_s, JsonType::DateTime },
        { u"data"_s, JsonType::Json },
    };
    for (const auto &[name, type] : types)
        QVERIFY2(books->column(name)->jsonType == type, qPrintable(name));
}

void TestDialectOdbc::readsWithFilters_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("json");

    // Exact NUMERIC digits, booleans as JSON booleans, dates, RFC 3339 timestamps (UTC with Z
    // for timestamptz, the stored wall clock for timestamp), NULLs, embedded JSON, non-ASCII.
    QTest::newRow("pg: one row, every type")
        << u"pg"_s << u"filter=title = 'Ünïcode ✓ 書'"_s
        << uR"([{"id":1,"author_id":1,"title":"Ünïcode ✓ 書","price":12345678901234567890.1234567891,"in_stock":true,"published":"2024-02-29","added":"2024-01-02T03:04:05.123Z","local_at":"2024-01-02T03:04:05.500","notes":null,"data":{"a": [1, 2]},"tag":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}])"_s;
    QTest::newRow("pg: contains with wildcards taken literally, false, NULLs")
        << u"pg"_s << u"fields=id,title,in_stock,published&filter=title CONTAINS '50%_'"_s
        << uR"([{"id":2,"title":"Cheap 50%_off","in_stock":false,"published":null}])"_s;
    QTest::newRow("pg: decimal compare, order, limit, offset")
        << u"pg"_s
        << u"fields=id&filter=price > 9.25 AND in_stock IN (true, false)&order=price DESC&limit=1&offset=1"_s
        << uR"([{"id":2}])"_s;
    QTest::newRow("pg: date and aggregates")
        << u"pg"_s
        << u"fields=COUNT(*),MAX(price) AS top&filter=published >= '2024-01-01' OR published IS NULL"_s
        << uR"([{"count":2,"top":12345678901234567890.1234567891}])"_s;
    // sqliteodbc parses the text of a column declared TIMESTAMP into date and time fields: a
    // zone suffix does not survive it (QSQLITE returns the stored text), the wall clock does.
    QTest::newRow("sqlite: one row")
        << u"lite"_s << u"filter=title = 'Ünïcode ✓ 書'"_s
        << uR"([{"id":1,"author_id":1,"title":"Ünïcode ✓ 書","price":15.5,"in_stock":true,"published":"2024-02-29","added":"2024-01-02T03:04:05.123","local_at":"2024-01-02T03:04:05.500","notes":null,"data":{"a": [1, 2]},"tag":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}])"_s;
    QTest::newRow("sqlite: contains, false, NULLs")
        << u"lite"_s << u"fields=id,title,in_stock,published&filter=title CONTAINS '50%_'"_s
        << uR"([{"id":2,"title":"Cheap 50%_off","in_stock":false,"published":null}])"_s;
    QTest::newRow("sqlite: compare, order, limit, offset")
        << u"lite"_s << u"fields=id&filter=price > 9.25&order=price DESC&limit=1&offset=1"_s
        << uR"([{"id":2}])"_s;
}

void TestDialectOdbc::readsWithFilters()
{
    QFETCH(QString, backend);
    QFETCH(QString, query);
    QFETCH(QString, json);
    const ServiceHandle handle = refreshed(service(backend));
    QVERIFY(handle && handle->schema);
    const Result<ReadSpec> spec = parseReadSpec(params(query), ReadLimits {});
    QVERIFY2(spec, qPrintable(errorOf(spec)));
    const SqlBuilder builder(*handle->dialect, *handle->schema->table(u"books"));
    const Result<SelectPlan> plan = builder.select(*spec);
    QVERIFY2(plan, qPrintable(errorOf(plan)));
    Connection connection(handle->config, *handle->dialect, u"read-"_s + backend, kTimeoutMs);
    const QByteArray out = rows(connection, plan->sql, plan->columns);
    QVERIFY2(QString::fromUtf8(out) == json, out.constData()); // the whole text when it differs
    QVERIFY(!QJsonDocument::fromJson(out).isNull());
}

void TestDialectOdbc::pgWritesReturnRows()
{
    const ServiceHandle handle = refreshed(pgService());
    QVERIFY(handle && handle->schema);
    const Table &books = *handle->schema->table(u"books");
    const SqlBuilder builder(*handle->dialect, books);
    Connection connection(handle->config, *handle->dialect, u"pg-writes"_s, kTimeoutMs);

    const QJsonObject body = QJsonDocument::fromJson(R"({"author_id": 2, "title": "Nuevo ñ",
        "price": 0.0000000001, "in_stock": false, "published": "1999-12-31",
        "added": "2025-06-30T23:59:58.250Z", "data": {"k": null}})")
                                 .object();
    QStringList columns;
    QVariantList values;
    QVERIFY(bindRow(books, body, columns, values));
    const Result<BoundSql> insert = builder.insert(columns, values, false);
    QVERIFY2(insert, qPrintable(errorOf(insert)));
    QCOMPARE(
        QString::fromUtf8(rows(connection, *insert, builder.allColumns())),
        uR"([{"id":3,"author_id":2,"title":"Nuevo ñ","price":0.0000000001,"in_stock":false,"published":"1999-12-31","added":"2025-06-30T23:59:58.250Z","local_at":null,"notes":null,"data":{"k": null},"tag":null}])"_s);

    const Result<BoundSql> update =
        builder.updateByKey({ u"price"_s, u"in_stock"_s }, { u"19.99"_s, true }, qlonglong(3));
    QVERIFY2(update, qPrintable(errorOf(update)));
    const QByteArray updated = rows(connection, *update, builder.allColumns());
    QVERIFY2(updated.contains(R"("price":19.9900000000,"in_stock":true)"), updated.constData());

    auto filter = parseFilter(u"title STARTS WITH 'Nuevo'"_s);
    QVERIFY(filter);
    const Result<BoundSql> removed = builder.remove({ *filter, {} });
    QVERIFY2(removed, qPrintable(errorOf(removed)));
    QCOMPARE(QString::fromUtf8(rows(connection, *removed, builder.deletedColumns())),
             uR"([{"id":3}])"_s);
}

void TestDialectOdbc::pgUpsert()
{
    const ServiceHandle handle = refreshed(pgService());
    QVERIFY(handle && handle->schema);
    const Table &authors = *handle->schema->table(u"authors");
    const SqlBuilder builder(*handle->dialect, authors);
    Connection connection(handle->config, *handle->dialect, u"pg-upsert"_s, kTimeoutMs);
    const Result<BoundSql> upsert =
        builder.insert({ u"id"_s, u"name"_s }, { 2, u"Bo renamed"_s }, true);
    QVERIFY2(upsert, qPrintable(errorOf(upsert)));
    QCOMPARE(QString::fromUtf8(rows(connection, *upsert, builder.allColumns())),
             uR"([{"id":2,"name":"Bo renamed"}])"_s);
    const Result<BoundSql> back = builder.insert({ u"id"_s, u"name"_s }, { 2, u"Bo"_s }, true);
    QCOMPARE(QString::fromUtf8(rows(connection, *back, builder.allColumns())),
             uR"([{"id":2,"name":"Bo"}])"_s);
}

void TestDialectOdbc::sqliteWrites()
{
    // sqliteodbc loses RETURNING rows, so writes go the read-back way (WriteStatement, as the
    // API runs them): the generated key from last_insert_rowid(), the rows read back by key in
    // the write's transaction.
    const ServiceHandle handle = refreshed(sqliteService());
    QVERIFY(handle && handle->schema);
    const Table &books = *handle->schema->table(u"books");
    const SqlBuilder builder(*handle->dialect, books);
    Connection connection(handle->config, *handle->dialect, u"lite-writes"_s, kTimeoutMs);
    QVERIFY(connection.ensureOpen());
    const RowWriter all(builder.allColumns());
    const auto run = [&](const Result<WriteStatement> &statement,
                         const RowWriter &writer) -> QByteArray {
        if (!statement)
            return "error: " + statement.error().message.toUtf8();
        QByteArray out;
        JsonWriter w(out);
        TransactionGuard transaction(connection.database());
        w.beginArray();
        const Result<qint64> n = statement->run(connection, writer, &w, -1, nullptr);
        w.endArray();
        if (!n)
            return "error: " + n.error().message.toUtf8();
        if (!transaction.commit())
            return QByteArray("error: commit");
        return out;
    };

    const QJsonObject body = QJsonDocument::fromJson(R"({"author_id": 2, "title": "Nuevo ñ",
        "price": 7.25, "in_stock": false, "published": "1999-12-31"})")
                                 .object();
    QStringList columns;
    QVariantList values;
    QVERIFY(bindRow(books, body, columns, values));
    const Result<WriteStatement> insert = WriteStatement::insert(builder, columns, values, false);
    QVERIFY(insert && insert->needsTransaction());
    QCOMPARE(
        QString::fromUtf8(run(insert, all)),
        uR"([{"id":3,"author_id":2,"title":"Nuevo ñ","price":7.25,"in_stock":false,"published":"1999-12-31","added":null,"local_at":null,"notes":null,"data":null,"tag":null}])"_s);

    QCOMPARE(QString::fromUtf8(run(WriteStatement::updateByKey(builder, { u"in_stock"_s }, { true },
                                                               qlonglong(3), {}),
                                   RowWriter({ builder.allColumns().at(4) }))),
             uR"([{"in_stock":true}])"_s);

    QCOMPARE(QString::fromUtf8(run(WriteStatement::remove(builder, { {}, { u"3"_s } }),
                                   RowWriter(builder.deletedColumns()))),
             uR"([{"id":3}])"_s);
    const Result<BoundSql> byKey = builder.selectByKey(u"3"_s);
    QVERIFY(byKey);
    QCOMPARE(QString::fromUtf8(rows(connection, *byKey, builder.allColumns())), u"[]"_s);
}

void TestDialectOdbc::constraintErrors_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("body");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("mentions");

    for (const QString &backend : { u"pg"_s, u"lite"_s }) {
        const QByteArray tag = backend.toLatin1();
        QTest::addRow("%s: unique → 409", tag.constData())
            << backend << u"authors"_s << uR"({"name": "Ana"})"_s << ErrorKind::Conflict
            << (backend == u"pg"_s ? u"authors_name_key"_s : u"authors.name"_s);
        QTest::addRow("%s: duplicate key → 409", tag.constData())
            << backend << u"authors"_s << uR"({"id": 1, "name": "Zed"})"_s << ErrorKind::Conflict
            << (backend == u"pg"_s ? u"authors_pkey"_s : u"authors.id"_s);
        QTest::addRow("%s: not null → 400", tag.constData())
            << backend << u"books"_s << uR"({"title": null})"_s << ErrorKind::BadRequest
            << u"title"_s;
        QTest::addRow("%s: foreign key → 400", tag.constData())
            << backend << u"books"_s << uR"({"title": "x", "author_id": 99})"_s
            << ErrorKind::BadRequest
            << (backend == u"pg"_s ? u"books_author_id_fkey"_s : u"FOREIGN KEY"_s);
        QTest::addRow("%s: check → 400", tag.constData())
            << backend << u"books"_s << uR"({"title": "x", "price": -1})"_s << ErrorKind::BadRequest
            << (backend == u"pg"_s ? u"books_price_check"_s : u"price >= 0"_s);
    }
}

void TestDialectOdbc::constraintErrors()
{
    QFETCH(QString, backend);
    QFETCH(QString, table);
    QFETCH(QString, body);
    const ServiceHandle handle = refreshed(service(backend));
    QVERIFY(handle && handle->schema);
    const Table &target = *handle->schema->table(table);
    const SqlBuilder builder(*handle->dialect, target);
    QStringList columns;
    QVariantList values;
    QVERIFY(bindRow(target, QJsonDocument::fromJson(body.toUtf8()).object(), columns, values));
    const Result<BoundSql> insert = builder.insert(columns, values, false);
    QVERIFY2(insert, qPrintable(errorOf(insert)));
    Connection connection(handle->config, *handle->dialect, u"errors-"_s + backend, kTimeoutMs);
    const Result<QSqlQuery *> result = connection.execute(insert->sql, insert->binds);
    QVERIFY(!result);
    QTEST(result.error().kind, "kind");
    QFETCH(QString, mentions);
    const QString message = result.error().message;
    QVERIFY2(message.contains(mentions), qPrintable(message));
    // The database's sentence only: no driver prefixes, no DETAIL quoting row values.
    QVERIFY2(!message.contains(u"DETAIL"_s) && !message.contains(u"Failing row"_s)
                 && !message.startsWith(u'[') && !message.startsWith(u"ERROR"_s)
                 && !message.contains(u"Error while"_s),
             qPrintable(message));

    // An unknown table is 404 (a schema older than the database).
    const Result<QSqlQuery *> missing = connection.execute(u"SELECT * FROM nowhere"_s, {});
    QVERIFY(!missing);
    if (backend == u"pg"_s) // SQLite's "no such table" has no code of its own
        QCOMPARE(missing.error().kind, ErrorKind::NotFound);
}

void TestDialectOdbc::readOnlyService_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("psqlODBC") << u"pg"_s;
    QTest::newRow("sqliteodbc") << u"lite"_s;
}

void TestDialectOdbc::readOnlyService()
{
    QFETCH(QString, backend);
    ServiceConfig config = service(backend);
    config.name += u"-ro"_s;
    config.readOnly = true;
    const ServiceHandle handle = refreshed(config);
    QVERIFY(handle && handle->schema);
    Connection connection(handle->config, *handle->dialect, u"ro-"_s + backend, kTimeoutMs);
    const Result<QSqlQuery *> read = connection.execute(u"SELECT COUNT(*) FROM authors"_s, {});
    QVERIFY2(read || backend == u"pg"_s, "reads stay allowed");
    if (read)
        (*read)->finish();
    const Result<QSqlQuery *> write =
        connection.execute(u"UPDATE authors SET name = name || '!'"_s, {});
    QVERIFY(!write);
    QCOMPARE(write.error().kind, ErrorKind::Forbidden);
}

void TestDialectOdbc::pgStatementTimeout()
{
    ServiceConfig config = pgService();
    const ServiceHandle handle = refreshed(config);
    QVERIFY(handle && handle->dialect);
    Connection connection(handle->config, *handle->dialect, u"slow"_s, 300);
    const Result<QSqlQuery *> slow = connection.execute(u"SELECT pg_sleep(5)"_s, {});
    QVERIFY(!slow);
    QCOMPARE(slow.error().kind, ErrorKind::Timeout);
    // The connection is still usable afterwards.
    const Result<QSqlQuery *> next = connection.execute(u"SELECT 1"_s, {});
    QVERIFY2(next, qPrintable(errorOf(next)));
}

void TestDialectOdbc::sqliteStatementTimeout()
{
    // SQLite has no timeout of its own and sqliteodbc ignores the ODBC query timeout: the
    // watchdog cancels the statement at its deadline.
    const ServiceHandle handle = refreshed(sqliteService());
    QVERIFY(handle && handle->dialect);
    Connection connection(handle->config, *handle->dialect, u"lite-slow"_s, 500);
    // About 50 million rows: some ten seconds here, finite should the cancel never come.
    const QString slowSql =
        u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000)"
        " SELECT max(x) FROM c"_s;
    const Result<QSqlQuery *> slow = connection.execute(slowSql, {});
    QVERIFY(!slow);
    QCOMPARE(slow.error().kind, ErrorKind::Timeout);
    // The connection and the same statement work afterwards.
    const Result<QSqlQuery *> next = connection.execute(u"SELECT COUNT(*) FROM authors"_s, {});
    QVERIFY2(next, qPrintable(errorOf(next)));
    QVERIFY((*next)->next());
    QCOMPARE((*next)->value(0).toInt(), 2);
    (*next)->finish();
    // A statement that ends in time is not disturbed by the watch.
    Connection patient(handle->config, *handle->dialect, u"lite-patient"_s, 60000);
    const Result<QSqlQuery *> quick = patient.execute(
        u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000)"
        " SELECT max(x) FROM c"_s,
        {});
    QVERIFY2(quick, qPrintable(errorOf(quick)));
    QVERIFY((*quick)->next());
    QCOMPARE((*quick)->value(0).toInt(), 1000);
}

int main(int argc, char **argv)
{
    // East of UTC, no daylight saving: a timestamp shifted by the local offset cannot pass.
    qputenv("TZ", "Asia/Kolkata");
    tzset();
    QCoreApplication app(argc, argv);
    TestDialectOdbc test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_dialect_odbc.moc"
