// The table API over real HTTP, with the same expectations on every backend. Compiled once per
// backend: SLUICE_TEST_PG selects a real PostgreSQL and SLUICE_TEST_MARIADB a real MariaDB, both
// started by the harness, SLUICE_TEST_ODBC_PG the same PostgreSQL through ODBC (--driver odbc,
// Debian's psqlODBC); otherwise SQLite. Only the fixture (DDL, how to connect, how to reset
// key sequences) differs per backend — never an expectation.
#include "api/apihandler.h"
#include "authfixture.h"
#include "db/serviceregistry.h"
#include "http/httpserver.h"
#include "httpclient.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

using sluice::test::Backend;
constexpr Backend kBackend = sluice::test::kCompiledBackend;

const QStringList kSchemaSqlite = {
    u"CREATE TABLE authors (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, country TEXT)"_s,
    u"CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL,"
    " author_id INTEGER REFERENCES authors (id), price NUMERIC(8,2) NOT NULL CHECK (price >= 0),"
    " published DATE, in_stock BOOLEAN NOT NULL DEFAULT 1, notes TEXT)"_s,
    u"CREATE TABLE tags (book_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (book_id, tag))"_s,
    u"CREATE VIEW book_titles AS SELECT id, title FROM books"_s,
    // Never finishes: for the statement timeout.
    u"CREATE VIEW slow AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
    " SELECT max(x) AS x FROM c"_s,
};

const QStringList kSchemaPostgres = {
    u"CREATE TABLE authors (id SERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, country TEXT)"_s,
    u"CREATE TABLE books (id SERIAL PRIMARY KEY, title TEXT NOT NULL,"
    " author_id INTEGER REFERENCES authors (id), price NUMERIC(8,2) NOT NULL CHECK (price >= 0),"
    " published DATE, in_stock BOOLEAN NOT NULL DEFAULT true, notes TEXT)"_s,
    u"CREATE TABLE tags (book_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (book_id, tag))"_s,
    u"CREATE VIEW book_titles AS SELECT id, title FROM books"_s,
    u"CREATE VIEW slow AS SELECT 1 AS x FROM pg_sleep(30)"_s,
};

// Text columns compare case-sensitively on every backend (MariaDB's default collation would not:
// LIKE follows the column's collation, which is the database's business, not the API's).
const QStringList kSchemaMariaDb = {
    u"CREATE TABLE authors (id INT AUTO_INCREMENT PRIMARY KEY,"
    " name VARCHAR(200) COLLATE utf8mb4_bin NOT NULL UNIQUE, country VARCHAR(80))"_s,
    u"CREATE TABLE books (id INT AUTO_INCREMENT PRIMARY KEY,"
    " title VARCHAR(200) COLLATE utf8mb4_bin NOT NULL,"
    " author_id INT, price DECIMAL(8,2) NOT NULL CHECK (price >= 0),"
    " published DATE, in_stock BOOLEAN NOT NULL DEFAULT TRUE, notes TEXT COLLATE utf8mb4_bin,"
    " FOREIGN KEY (author_id) REFERENCES authors (id))"_s,
    u"CREATE TABLE tags (book_id INT NOT NULL, tag VARCHAR(50) NOT NULL,"
    " PRIMARY KEY (book_id, tag))"_s,
    u"CREATE VIEW book_titles AS SELECT id, title FROM books"_s,
    // (A recursive CTE stops after max_recursive_iterations, 1000 by default.)
    u"CREATE VIEW slow AS SELECT COUNT(*) AS x FROM information_schema.COLUMNS a,"
    " information_schema.COLUMNS b, information_schema.COLUMNS c"_s,
};

// id, title, author_id, price, published, in_stock, notes
struct BookRow
{
    int id;
    const char *title;
    int author;
    const char *price;
    const char *published;
    bool inStock;
    const char *notes;
};
const BookRow kBooks[] = {
    { 1, "Blindness", 1, "12.50", "1995-01-01", true, "epidemic" },
    { 2, "Seeing", 1, "15.00", "2004-03-01", false, nullptr },
    { 3, "Ficciones", 2, "9.99", "1944-06-01", true, "100% labyrinths" },
    { 4, "The Aleph", 2, "11.25", "1949-01-01", true, "under_score" },
    { 5, "Cien años de soledad", 3, "19.90", "1967-05-30", true, "Macondo" },
    { 6, "Love in the Time of Cholera", 3, "14.00", "1985-09-05", false, nullptr },
};

QByteArray enc(const QString &s)
{
    return QUrl::toPercentEncoding(s);
}

} // namespace

class TestHttpTable : public QObject
{
    Q_OBJECT

private:
    QSqlDatabase fixtureDb() const { return m_db->fixture(); }
    bool run(const QString &sql) { return m_db->run(sql); }
    QJsonObject object(const HttpResponse &r) const { return r.json().object(); }
    QJsonArray rows(const HttpResponse &r) const
    {
        return r.json().object().value(u"resource"_s).toArray();
    }
    QString message(const HttpResponse &r) const
    {
        return r.json().object().value(u"error"_s).toObject().value(u"message"_s).toString();
    }
    HttpResponse get(const QByteArray &target) { return m_client->get(target); }
    HttpResponse send(const QByteArray &method, const QByteArray &target,
                      const QByteArray &body = {})
    {
        return m_client->request(method, target, body, { { "Content-Type", "application/json" } });
    }
    static QByteArray table(const char *t) { return QByteArray("/api/v1/main/_table/") + t; }
    int countRows(const QString &tableName)
    {
        QSqlQuery q(fixtureDb());
        if (!q.exec(u"SELECT COUNT(*) FROM "_s + tableName) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    QTemporaryDir m_dir;
    std::optional<sluice::test::TestDatabase> m_db;
    std::unique_ptr<ServiceRegistry> m_registry;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;
    quint16 m_port = 0;
    sluice::test::AuthFixture m_auth;
    QByteArray m_key; // full access: this suite is about the table API, not about roles

private Q_SLOTS:
    void initTestCase()
    {
        QString downDsn;
        QTcpServer probe; // a port nothing listens on: the "down" service
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        QVERIFY(m_dir.isValid());
        m_db = sluice::test::createTestDatabase(kBackend, u"http_table"_s, m_dir.path());
        QVERIFY2(m_db, "fixture database (see the warnings above)");
        QStringList schema;
        switch (kBackend) {
        case Backend::PostgreSQL:
        case Backend::OdbcPostgreSQL:
            schema = kSchemaPostgres;
            if (kBackend == Backend::OdbcPostgreSQL) {
                // pqopt hands libpq options to psqlODBC: give up on the silent port quickly.
                downDsn =
                    u"Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=%1;Database=nowhere;"
                    "Uid=sluice;Pwd=sluice;pqopt={connect_timeout=2}"_s.arg(probe.serverPort());
            } else {
                downDsn = u"postgres://sluice:sluice@127.0.0.1:%1/nowhere?connect_timeout=2"_s.arg(
                    probe.serverPort());
            }
            break;
        case Backend::MariaDB:
            schema = kSchemaMariaDb;
            downDsn = u"mysql://sluice:sluice@127.0.0.1:%1/nowhere?connect_timeout=2"_s.arg(
                probe.serverPort());
            break;
        case Backend::SQLite:
            schema = kSchemaSqlite;
            downDsn = m_dir.filePath(u"missing.sqlite"_s);
            QVERIFY(run(u"PRAGMA journal_mode=WAL"_s));
            break;
        }
        for (const QString &sql : std::as_const(schema))
            QVERIFY(run(sql));

        auto service = [this](const QString &name, const QString &dsn, bool readOnly) {
            ServiceConfig config;
            config.name = name;
            config.driver = m_db->driver;
            config.dsn = dsn;
            config.readOnly = readOnly;
            return config;
        };
        m_registry = std::make_unique<ServiceRegistry>(30'000);
        m_registry->setServices({ service(u"main"_s, m_db->dsn, false),
                                  service(u"ro"_s, m_db->dsn, true),
                                  service(u"down"_s, downDsn, false) });
        m_registry->refreshAll();
        QVERIFY(m_registry->find(u"main"_s)->schema);
        QVERIFY(!m_registry->find(u"down"_s)->schema);
        if (kBackend == Backend::OdbcPostgreSQL) // really through ODBC, speaking PostgreSQL
            QVERIFY(m_registry->find(u"main"_s)->dialect->name() == u"odbc"_s
                    && m_registry->find(u"main"_s)->dialect->id() == DialectId::PostgreSQL);

        QVERIFY(m_auth.init());
        m_key = m_auth.createKey(u"full"_s, { u"*:*:*"_s }).toLatin1();
        QVERIFY(!m_key.isEmpty());
        ApiContext context;
        context.registry = m_registry.get();
        context.options.maxRecordsPerWrite = 50;
        m_auth.fill(context);
        ServerOptions options;
        options.port = 0;
        options.workers = 2;
        options.connection.limits.maxBodyBytes = 256 * 1024;
        m_server = std::make_unique<HttpServer>(options, ApiHandler::factory(context));
        auto port = m_server->start();
        QVERIFY2(port.ok(), port.ok() ? "" : qPrintable(port.error().message));
        m_port = *port;
        m_client = std::make_unique<HttpClient>(m_port);
        m_client->setDefaultHeaders({ { "X-API-Key", m_key } });
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
        m_registry.reset();
        if (m_db)
            m_db->close();
    }

    // Every test starts from the same rows.
    void init()
    {
        QVERIFY(run(u"DELETE FROM tags"_s));
        QVERIFY(run(u"DELETE FROM books"_s));
        QVERIFY(run(u"DELETE FROM authors"_s));
        QVERIFY(
            run(u"INSERT INTO authors (id, name, country) VALUES (1, 'José Saramago', 'Portugal'),"
                " (2, 'Jorge Luis Borges', 'Argentina'), (3, 'Gabriel García Márquez', NULL)"_s));
        for (const BookRow &b : kBooks) {
            QSqlQuery q(fixtureDb());
            q.prepare(u"INSERT INTO books (id, title, author_id, price, published, in_stock, notes)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
            q.addBindValue(b.id);
            q.addBindValue(QString::fromUtf8(b.title));
            q.addBindValue(b.author);
            q.addBindValue(QString::fromLatin1(b.price));
            q.addBindValue(QString::fromLatin1(b.published));
            q.addBindValue(b.inStock);
            q.addBindValue(b.notes ? QVariant(QString::fromUtf8(b.notes)) : QVariant());
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        QVERIFY(run(
            u"INSERT INTO tags (book_id, tag) VALUES (1, 'classic'), (1, 'nobel'), (3, 'short')"_s));
        // Generated keys continue after the fixture's rows.
        switch (kBackend) {
        case Backend::PostgreSQL:
        case Backend::OdbcPostgreSQL:
            QVERIFY(run(u"SELECT setval('authors_id_seq', 3)"_s));
            QVERIFY(run(u"SELECT setval('books_id_seq', 6)"_s));
            break;
        case Backend::MariaDB: // InnoDB raises a too-low AUTO_INCREMENT to max(id) + 1
            QVERIFY(run(u"ALTER TABLE authors AUTO_INCREMENT = 1"_s));
            QVERIFY(run(u"ALTER TABLE books AUTO_INCREMENT = 1"_s));
            break;
        case Backend::SQLite:
            QVERIFY(run(u"DELETE FROM sqlite_sequence"_s));
            QVERIFY(run(
                u"INSERT INTO sqlite_sequence (name, seq) VALUES ('authors', 3), ('books', 6)"_s));
            break;
        }
    }

    void healthAndReadiness()
    {
        HttpResponse r = get("/healthz");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("{\"status\":\"ok\"}"));
        r = get("/readyz");
        QCOMPARE(r.status, 503); // the "down" service is not reachable
        QCOMPARE(object(r).value(u"status"_s).toString(), u"degraded"_s);
        const QJsonObject checks = object(r).value(u"checks"_s).toObject();
        QCOMPARE(checks.value(u"main"_s).toString(), u"ok"_s);
        QVERIFY(checks.value(u"down"_s).toString().startsWith(u"error: "_s));
        QVERIFY(!r.header("Retry-After").isEmpty());
    }

    void listTables()
    {
        const HttpResponse r = get("/api/v1/main/_table");
        QCOMPARE(r.status, 200);
        QStringList names;
        for (const QJsonValue &v : rows(r))
            names << v[u"name"_s].toString() + u':' + v[u"type"_s].toString();
        QCOMPARE(names,
                 QStringList({ u"authors:table"_s, u"books:table"_s, u"tags:table"_s,
                               u"book_titles:view"_s, u"slow:view"_s }));
    }

    void readKeepsColumnOrderAndTypes()
    {
        const HttpResponse r = get(table("books") + "?ids=1");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        // Keys in the table's column order, straight from the database.
        const QByteArray body = r.body;
        const QList<QByteArray> keys = { "\"id\"",    "\"title\"",     "\"author_id\"",
                                         "\"price\"", "\"published\"", "\"in_stock\"",
                                         "\"notes\"" };
        qsizetype at = 0;
        for (const QByteArray &k : keys) {
            const qsizetype next = body.indexOf(k, at);
            QVERIFY2(next > at, k.constData());
            at = next;
        }
        const QJsonObject row = rows(r).first().toObject();
        QCOMPARE(row.value(u"id"_s).toInt(), 1);
        QCOMPARE(row.value(u"price"_s).toDouble(), 12.5);
        QCOMPARE(row.value(u"published"_s).toString(), u"1995-01-01"_s);
        QCOMPARE(row.value(u"in_stock"_s), QJsonValue(true));
        QVERIFY(body.contains("\"price\":12.50")); // the declared scale, on every database
        const QJsonObject meta = object(r).value(u"meta"_s).toObject();
        QCOMPARE(meta.value(u"count"_s).toInt(), 1);
        QCOMPARE(meta.value(u"limit"_s).toInt(), 25);
        QCOMPARE(meta.value(u"offset"_s).toInt(), 0);
        QVERIFY(meta.contains(u"took_ms"_s));
        QVERIFY(!meta.contains(u"total"_s));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QList<int>>("ids");
        QTest::newRow("eq") << u"id = 3"_s << QList<int> { 3 };
        QTest::newRow("ne") << u"author_id != 1"_s << QList<int> { 3, 4, 5, 6 };
        QTest::newRow("ne <>") << u"author_id <> 2"_s << QList<int> { 1, 2, 5, 6 };
        QTest::newRow("gt decimal") << u"price > 12.5"_s << QList<int> { 2, 5, 6 };
        QTest::newRow("ge le") << u"price >= 11.25 AND price <= 14"_s << QList<int> { 1, 4, 6 };
        QTest::newRow("lt") << u"price < 10"_s << QList<int> { 3 };
        QTest::newRow("string") << u"title = 'Seeing'"_s << QList<int> { 2 };
        QTest::newRow("non-ascii") << u"title = 'Cien años de soledad'"_s << QList<int> { 5 };
        QTest::newRow("in") << u"id IN (1, 3, 99)"_s << QList<int> { 1, 3 };
        QTest::newRow("not in") << u"id NOT IN (1,2,3)"_s << QList<int> { 4, 5, 6 };
        QTest::newRow("like") << u"title LIKE 'The%'"_s << QList<int> { 4 };
        QTest::newRow("not like") << u"title NOT LIKE '%ee%'"_s << QList<int> { 1, 3, 4, 5, 6 };
        QTest::newRow("like is case-sensitive") << u"title LIKE 'the%'"_s << QList<int> {};
        QTest::newRow("between") << u"published BETWEEN '1940-01-01' AND '1970-01-01'"_s
                                 << QList<int> { 3, 4, 5 };
        QTest::newRow("not between") << u"id NOT BETWEEN 2 AND 5"_s << QList<int> { 1, 6 };
        QTest::newRow("is null") << u"notes IS NULL"_s << QList<int> { 2, 6 };
        QTest::newRow("is not null") << u"notes IS NOT NULL"_s << QList<int> { 1, 3, 4, 5 };
        QTest::newRow("contains literal %") << u"notes CONTAINS '100%'"_s << QList<int> { 3 };
        QTest::newRow("contains literal _") << u"notes CONTAINS 'r_s'"_s << QList<int> { 4 };
        QTest::newRow("starts with") << u"title STARTS WITH 'Love'"_s << QList<int> { 6 };
        QTest::newRow("ends with") << u"title ENDS WITH 'ness'"_s << QList<int> { 1 };
        QTest::newRow("boolean") << u"in_stock = false"_s << QList<int> { 2, 6 };
        QTest::newRow("or and parens")
            << u"(author_id = 1 OR author_id = 3) AND in_stock = true"_s << QList<int> { 1, 5 };
        QTest::newRow("not") << u"NOT (author_id = 2)"_s << QList<int> { 1, 2, 5, 6 };
        QTest::newRow("keywords any case")
            << u"id in (1,2) and TITLE is not null or id = 6"_s.replace(u"TITLE"_s, u"title"_s)
            << QList<int> { 1, 2, 6 };
        QTest::newRow("quote escape") << u"title = 'O''Brien'"_s << QList<int> {};
    }

    void filters()
    {
        QFETCH(QString, filter);
        QFETCH(QList<int>, ids);
        const HttpResponse r = get(table("books") + "?fields=id&filter=" + enc(filter));
        QCOMPARE(r.status, 200);
        QList<int> got;
        for (const QJsonValue &v : rows(r))
            got << v[u"id"_s].toInt();
        QCOMPARE(got, ids);
    }

    void fieldsOrderLimitOffsetCount()
    {
        HttpResponse r =
            get(table("books")
                + "?fields=title,price&order=price%20DESC,id&limit=2&offset=1&include_count=true");
        QCOMPARE(r.status, 200);
        const QJsonArray list = rows(r);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).toObject().keys(),
                 QStringList({ u"price"_s, u"title"_s })); // (keys() sorts)
        QVERIFY(r.body.indexOf("\"title\"") < r.body.indexOf("\"price\""));
        QCOMPARE(list.at(0)[u"title"_s].toString(), u"Seeing"_s);
        QCOMPARE(list.at(1)[u"title"_s].toString(), u"Love in the Time of Cholera"_s);
        const QJsonObject meta = object(r).value(u"meta"_s).toObject();
        QCOMPARE(meta.value(u"total"_s).toInt(), 6);
        QCOMPARE(meta.value(u"count"_s).toInt(), 2);
        QCOMPARE(meta.value(u"offset"_s).toInt(), 1);
        r = get(table("books") + "?count=true&filter=" + enc(u"in_stock = true"_s) + "&limit=1");
        QCOMPARE(object(r).value(u"meta"_s).toObject().value(u"total"_s).toInt(), 4);
    }

    void aggregates()
    {
        const HttpResponse r = get(
            table("books")
            + "?fields=author_id,COUNT(*),SUM(price)%20AS%20total&group=author_id&order=author_id");
        QCOMPARE(r.status, 200);
        const QJsonArray list = rows(r);
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0)[u"author_id"_s].toInt(), 1);
        QCOMPARE(list.at(0)[u"count"_s].toInt(), 2);
        QCOMPARE(list.at(0)[u"total"_s].toDouble(), 27.5);
        QCOMPARE(list.at(2)[u"total"_s].toDouble(), 33.9);
        const HttpResponse bad = get(table("books") + "?fields=title,COUNT(*)");
        QCOMPARE(bad.status, 400);
        QVERIFY(message(bad).contains(u"title"_s));
    }

    // Faucet's answer to group without fields, and no other parameter left unused either: each
    // is a 400 naming it, where the read used to answer 200 as if it had not been given.
    void unusableParameters_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<QString>("message");
        QTest::newRow("group without fields")
            << table("books") + "?group=author_id" << QByteArray()
            << u"group parameter requires an explicit fields list"_s;
        QTest::newRow("group with fields=*")
            << table("books") + "?group=author_id&fields=*" << QByteArray()
            << u"group parameter requires an explicit fields list"_s;
        QTest::newRow("grouped column not in group")
            << table("books") + "?fields=author_id,title&group=author_id" << QByteArray()
            << u"Invalid fields: column 'title' must be listed in group or used inside an aggregate"_s;
        QTest::newRow("grouped order on another column")
            << table("books") + "?fields=author_id,COUNT(*)&group=author_id&order=title"
            << QByteArray()
            << u"Invalid order: 'title' is neither a group column nor a field of the grouped rows"_s;
        QTest::newRow("aggregate order on a column")
            << table("books") + "?fields=COUNT(*)&order=price" << QByteArray()
            << u"Invalid order: 'price' is neither a group column nor a field of the grouped rows"_s;
        QTest::newRow("limit twice") << table("books") + "?limit=1&limit=5" << QByteArray()
                                     << u"Invalid limit: given more than once"_s;
        QTest::newRow("filter twice")
            << table("books") + "?filter=" + enc(u"id = 1"_s) + "&filter=" + enc(u"id = 2"_s)
            << QByteArray() << u"Invalid filter: given more than once"_s;
        QTest::newRow("count and include_count disagree")
            << table("books") + "?include_count=true&count=false" << QByteArray()
            << u"Invalid count: disagrees with include_count; give one of them"_s;
        QTest::newRow("include_count in an export")
            << table("books") + "?include_count=true" << QByteArray("application/x-ndjson")
            << u"Invalid include_count: NDJSON and CSV exports have no meta"_s;
        QTest::newRow("by id with fields")
            << table("books") + "/3?fields=title" << QByteArray()
            << u"Invalid fields: a read by id returns the whole row"_s;
        QTest::newRow("by id with filter")
            << table("books") + "/3?filter=" + enc(u"id = 4"_s) << QByteArray()
            << u"Invalid filter: a read by id returns the whole row"_s;
        QTest::newRow("by id with limit") << table("books") + "/3?limit=1" << QByteArray()
                                          << u"Invalid limit: a read by id returns the whole row"_s;
    }

    void unusableParameters()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, accept);
        QFETCH(QString, message);
        sluice::test::HttpHeaders headers;
        if (!accept.isEmpty())
            headers.append({ "Accept", accept });
        const HttpResponse r = m_client->get(target, headers);
        QCOMPARE(r.status, 400);
        QVERIFY2(this->message(r).startsWith(message), qPrintable(this->message(r)));
    }

    // What remains accepted: names Sluice does not know (cache busters), blank values, fields=*
    // and related= on a read by id, and the same count asked for twice.
    void usableParameters()
    {
        HttpResponse r = get(table("books") + "?_=1712345678&limit=2");
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).size(), 2);
        r = get(table("books")
                + "?fields=author_id,COUNT(*)%20AS%20n&group=author_id&order=n%20DESC,"
                  "author_id");
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).size(), 3);
        QVERIFY(rows(r).first()[u"n"_s].toInt() >= rows(r).last()[u"n"_s].toInt());
        r = get(table("books") + "?include_count=true&count=1&limit=1");
        QCOMPARE(r.status, 200);
        QCOMPARE(object(r).value(u"meta"_s).toObject().value(u"total"_s).toInt(), 6);
        r = get(table("books") + "/3?fields=*&_=1");
        QCOMPARE(r.status, 200);
        QCOMPARE(object(r).value(u"title"_s).toString(), u"Ficciones"_s);
        r = get(table("books") + "/3?limit=&related=authors");
        QCOMPARE(r.status, 200);
        QVERIFY(object(r).value(u"authors"_s).isObject());
    }

    void viewsAreReadable()
    {
        const HttpResponse r = get("/api/v1/main/_table/book_titles?filter=" + enc(u"id = 2"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).first()[u"title"_s].toString(), u"Seeing"_s);
    }

    void byId()
    {
        HttpResponse r = get(table("books") + "/3");
        QCOMPARE(r.status, 200);
        QCOMPARE(object(r).value(u"title"_s).toString(), u"Ficciones"_s); // a bare row, no envelope
        r = get(table("books") + "/999");
        QCOMPARE(r.status, 404);
        QVERIFY(message(r).contains(u"999"_s));
        r = get(table("books") + "/abc");
        QCOMPARE(r.status, 400);
        QVERIFY(message(r).contains(u"'id'"_s));
        r = get(table("tags") + "/1");
        QCOMPARE(r.status, 400); // composite key
        QVERIFY(message(r).contains(u"composite"_s));
    }

    void readErrors_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown column in filter")
            << table("books") + "?filter=" + enc(u"colour = 'red'"_s) << 400 << u"colour"_s;
        QTest::newRow("malformed filter")
            << table("books") + "?filter=" + enc(u"price > "_s) << 400 << u"Invalid filter"_s;
        QTest::newRow("unbalanced filter")
            << table("books") + "?filter=" + enc(u"(id = 1"_s) << 400 << u"position"_s;
        QTest::newRow("bad token")
            << table("books") + "?filter=" + enc(u"id = 1 AND ; DROP TABLE books"_s) << 400
            << u"Invalid filter"_s;
        QTest::newRow("unknown field") << table("books") + "?fields=id,nope" << 400 << u"nope"_s;
        QTest::newRow("unknown order column") << table("books") + "?order=nope" << 400 << u"nope"_s;
        QTest::newRow("unknown group column")
            << table("books") + "?fields=COUNT(*)&group=nope" << 400 << u"nope"_s;
        QTest::newRow("bad limit") << table("books") + "?limit=abc" << 400 << u"limit"_s;
        QTest::newRow("zero limit") << table("books") + "?limit=0" << 400 << u"limit"_s;
        QTest::newRow("limit above max") << table("books") + "?limit=1001" << 400 << u"limit"_s;
        QTest::newRow("negative offset") << table("books") + "?offset=-1" << 400 << u"offset"_s;
        QTest::newRow("bad include_count")
            << table("books") + "?include_count=maybe" << 400 << u"include_count"_s;
        QTest::newRow("bad ids") << table("books") + "?ids=1,x" << 400 << u"ids"_s;
        QTest::newRow("unknown table")
            << QByteArray("/api/v1/main/_table/nope") << 404 << u"nope"_s;
        QTest::newRow("unknown service")
            << QByteArray("/api/v1/nope/_table/books") << 404 << u"nope"_s;
        QTest::newRow("unknown route")
            << QByteArray("/api/v2/whatever") << 404 << u"/api/v2/whatever"_s;
        QTest::newRow("service down")
            << QByteArray("/api/v1/down/_table/books") << 503 << u"down"_s;
    }

    void readErrors()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(QString, mentions);
        const HttpResponse r = get(target);
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(object(r).value(u"error"_s).toObject().value(u"code"_s).toInt(), status);
        QVERIFY2(message(r).contains(mentions), qPrintable(message(r)));
        if (status == 503)
            QVERIFY(!r.header("Retry-After").isEmpty());
    }

    void methodNotAllowed()
    {
        const HttpResponse r = send("POST", "/api/v1/main/_table");
        QCOMPARE(r.status, 405);
        QVERIFY(r.header("Allow").contains("GET"));
        QVERIFY(message(r).contains(u"POST"_s));
    }

    void insertOneAndMany()
    {
        HttpResponse r =
            send("POST", table("authors"), R"({"name":"Ursula K. Le Guin","country":"USA"})");
        QCOMPARE(r.status, 201);
        QJsonArray list = rows(r);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0)[u"id"_s].toInt(), 4); // generated key returned
        QCOMPARE(list.at(0)[u"country"_s].toString(), u"USA"_s);

        r = send("POST", table("authors"), R"([{"name":"A One"},{"name":"A Two","country":"X"}])");
        QCOMPARE(r.status, 201);
        list = rows(r);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(1)[u"id"_s].toInt(), 6);
        QVERIFY(list.at(0)[u"country"_s].isNull());

        r = send("POST", table("books"),
                 R"({"resource":[{"title":"New","author_id":1,"price":"7.10"}]})");
        QCOMPARE(r.status, 201);
        QCOMPARE(rows(r).at(0)[u"in_stock"_s], QJsonValue(true)); // database default came back
        QCOMPARE(rows(r).at(0)[u"price"_s].toDouble(), 7.1);
        QCOMPARE(object(r).value(u"meta"_s).toObject().value(u"count"_s).toInt(), 1);
        QCOMPARE(countRows(u"authors"_s), 6);
    }

    // Many records: the answer lists them as sent, whichever columns each names (PostgreSQL
    // inserts runs of records with the same columns as one statement), and one bad record
    // anywhere leaves nothing behind, named by its index.
    void insertManyKeepsOrderAndAtomicity()
    {
        QJsonArray records;
        for (int i = 0; i < 50; ++i) {
            QJsonObject book { { u"title"_s, u"Bulk %1"_s.arg(i, 2, 10, QChar(u'0')) },
                               { u"author_id"_s, 1 },
                               { u"price"_s, u"1.00"_s } };
            if (i < 20)
                book.insert(u"notes"_s, u"n%1"_s.arg(i));
            if (i >= 35)
                book.insert(u"published"_s, u"2020-01-01"_s);
            records.append(book);
        }
        HttpResponse r = send("POST", table("books"), QJsonDocument(records).toJson());
        QCOMPARE(r.status, 201);
        const QJsonArray stored = rows(r);
        QCOMPARE(stored.size(), 50);
        for (int i = 0; i < 50; ++i) {
            const QJsonObject row = stored.at(i).toObject();
            QCOMPARE(row.value(u"title"_s).toString(), u"Bulk %1"_s.arg(i, 2, 10, QChar(u'0')));
            QCOMPARE(row.value(u"id"_s).toInt(), 7 + i); // keys continue after the fixture's
            QCOMPARE(row.value(u"notes"_s).isNull(), i >= 20);
            QCOMPARE(row.value(u"published"_s).isNull(), i < 35);
        }
        QCOMPARE(countRows(u"books"_s), 56);

        QJsonObject bad = records.at(37).toObject();
        bad.insert(u"price"_s, u"-1"_s); // violates CHECK (price >= 0)
        records.replace(37, bad);
        r = send("POST", table("books"), QJsonDocument(records).toJson());
        QCOMPARE(r.status, 400);
        QVERIFY2(message(r).startsWith(u"Record 37: "_s), qPrintable(message(r)));
        QCOMPARE(countRows(u"books"_s), 56);
    }

    void insertIsAtomicByDefault()
    {
        const HttpResponse r =
            send("POST", table("authors"), R"([{"name":"Fine"},{"name":"José Saramago"}])");
        QCOMPARE(r.status, 409);
        QVERIFY(message(r).startsWith(u"Record 1: "_s));
        QCOMPARE(object(r)
                     .value(u"error"_s)
                     .toObject()
                     .value(u"context"_s)
                     .toObject()
                     .value(u"index"_s)
                     .toInt(),
                 1);
        QCOMPARE(countRows(u"authors"_s), 3); // "Fine" was rolled back
    }

    void insertContinue()
    {
        HttpResponse r = send(
            "POST", table("authors") + "?continue=true",
            R"([{"name":"Fine"},{"name":"José Saramago"},{"nme":"typo"},{"name":"Also fine"}])");
        QCOMPARE(r.status, 200);
        const QJsonArray list = rows(r);
        QCOMPARE(list.size(), 4);
        QCOMPARE(list.at(0)[u"name"_s].toString(), u"Fine"_s);
        QCOMPARE(list.at(1)[u"error"_s][u"code"_s].toInt(), 409);
        QCOMPARE(list.at(2)[u"error"_s][u"code"_s].toInt(), 400);
        QVERIFY(list.at(2)[u"error"_s][u"message"_s].toString().contains(u"nme"_s));
        const QJsonObject meta = object(r).value(u"meta"_s).toObject();
        QCOMPARE(meta.value(u"succeeded"_s).toInt(), 2);
        QCOMPARE(meta.value(u"failed"_s).toInt(), 2);
        QCOMPARE(meta.value(u"errors"_s).toArray(), QJsonArray({ 1, 2 }));
        QCOMPARE(countRows(u"authors"_s), 5);

        r = send("POST", table("authors") + "?continue=true", R"([{"name":"B"},{"name":"C"}])");
        QCOMPARE(r.status, 201); // all succeeded
    }

    void upsert()
    {
        HttpResponse r =
            send("POST", table("authors") + "?upsert=true",
                 R"([{"id":2,"name":"J. L. Borges","country":"AR"},{"id":10,"name":"New One"}])");
        QCOMPARE(r.status, 201);
        QCOMPARE(rows(r).at(0)[u"name"_s].toString(), u"J. L. Borges"_s);
        QCOMPARE(rows(r).at(1)[u"id"_s].toInt(), 10);
        QCOMPARE(countRows(u"authors"_s), 4);
        r = get(table("authors") + "/2");
        QCOMPARE(object(r).value(u"country"_s).toString(), u"AR"_s);
    }

    void constraintErrors_data()
    {
        QTest::addColumn<QByteArray>("tableName");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unique") << QByteArray("authors")
                                << QByteArray(R"({"name":"Jorge Luis Borges"})") << 409
                                << u"name"_s;
        QTest::newRow("primary key")
            << QByteArray("authors") << QByteArray(R"({"id":1,"name":"Dup"})") << 409 << u""_s;
        QTest::newRow("not null") << QByteArray("books")
                                  << QByteArray(R"({"author_id":1,"price":1})") << 400
                                  << u"title"_s;
        QTest::newRow("foreign key")
            << QByteArray("books") << QByteArray(R"({"title":"X","author_id":99,"price":1})") << 400
            << u"oreign"_s;
        QTest::newRow("check") << QByteArray("books")
                               << QByteArray(R"({"title":"X","author_id":1,"price":-1})") << 400
                               << u""_s;
        QTest::newRow("bad type") << QByteArray("books")
                                  << QByteArray(R"({"title":"X","author_id":"one","price":1})")
                                  << 400 << u"author_id"_s;
        QTest::newRow("object for text")
            << QByteArray("books") << QByteArray(R"({"title":{"a":1},"price":1})") << 400
            << u"title"_s;
        QTest::newRow("unknown column")
            << QByteArray("books") << QByteArray(R"({"title":"X","colour":"red"})") << 400
            << u"colour"_s;
        QTest::newRow("malformed json")
            << QByteArray("books") << QByteArray(R"({"title":)") << 400 << u"Invalid JSON"_s;
        QTest::newRow("empty body") << QByteArray("books") << QByteArray() << 400 << u"empty"_s;
        QTest::newRow("scalar body")
            << QByteArray("books") << QByteArray("42") << 400 << u"object"_s;
        QTest::newRow("array of scalars")
            << QByteArray("books") << QByteArray("[1,2]") << 400 << u"record 0"_s;
    }

    void constraintErrors()
    {
        QFETCH(QByteArray, tableName);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, mentions);
        const int before = countRows(QString::fromLatin1(tableName));
        const HttpResponse r = send("POST", table(tableName.constData()), body);
        QCOMPARE(r.status, status);
        QVERIFY2(message(r).contains(mentions, Qt::CaseInsensitive), qPrintable(message(r)));
        QCOMPARE(countRows(QString::fromLatin1(tableName)), before);
    }

    void nonJsonContentType()
    {
        const HttpResponse r =
            m_client->request("POST", table("authors"), "name=x",
                              { { "Content-Type", "application/x-www-form-urlencoded" } });
        QCOMPARE(r.status, 415);
        QVERIFY(message(r).contains(u"Content-Type"_s));
    }

    void tooManyRecords()
    {
        QByteArray body = "[";
        for (int i = 0; i < 51; ++i)
            body += (i ? "," : "") + QByteArray(R"({"name":"n)") + QByteArray::number(i) + "\"}";
        body += "]";
        const HttpResponse r = send("POST", table("authors"), body);
        QCOMPARE(r.status, 413);
        QVERIFY(message(r).contains(u"50"_s));
        QCOMPARE(countRows(u"authors"_s), 3);
    }

    void updateByFilterAndIds()
    {
        HttpResponse r = send("PATCH", table("books") + "?filter=" + enc(u"author_id = 2"_s),
                              R"({"in_stock":false})");
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).size(), 2);
        QCOMPARE(rows(r).at(0)[u"in_stock"_s], QJsonValue(false));
        r = send("PATCH", table("books") + "?ids=1,2", R"({"price":"1.00"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(object(r).value(u"meta"_s).toObject().value(u"count"_s).toInt(), 2);
        r = get(table("books") + "?fields=id&filter=" + enc(u"price = 1"_s));
        QCOMPARE(rows(r).size(), 2);
    }

    void updateWithoutSelectionIsRefused()
    {
        HttpResponse r = send("PATCH", table("books"), R"({"price":0})");
        QCOMPARE(r.status, 400);
        QVERIFY(message(r).contains(u"filter or ids"_s));
        r = send("PUT", table("books"), R"([{"price":0}])");
        QCOMPARE(r.status, 400);
        r = get(table("books") + "?fields=id&filter=" + enc(u"price = 0"_s));
        QCOMPARE(rows(r).size(), 0);
    }

    void replaceByKeysInBody()
    {
        HttpResponse r =
            send("PUT", table("authors"), R"([{"id":1,"country":"PT"},{"id":3,"country":"CO"}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).size(), 2);
        QCOMPARE(rows(r).at(1)[u"country"_s].toString(), u"CO"_s);
        // Atomic: a missing key undoes the whole request.
        r = send("PUT", table("authors"), R"([{"id":1,"country":"ZZ"},{"id":77,"country":"ZZ"}])");
        QCOMPARE(r.status, 404);
        r = get(table("authors") + "/1");
        QCOMPARE(object(r).value(u"country"_s).toString(), u"PT"_s);
    }

    void byIdWrites()
    {
        HttpResponse r = send("PATCH", table("books") + "/2", R"({"title":"Seeing, new edition"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(object(r).value(u"title"_s).toString(), u"Seeing, new edition"_s);
        r = send("PUT", table("books") + "/999", R"({"title":"x"})");
        QCOMPARE(r.status, 404);
        r = send("DELETE", table("tags") + "/1");
        QCOMPARE(r.status, 400);
        r = send("DELETE", table("books") + "/6");
        QCOMPARE(r.status, 200);
        QCOMPARE(object(r).value(u"id"_s).toInt(), 6);
        r = send("DELETE", table("books") + "/6");
        QCOMPARE(r.status, 404);
    }

    void deleteRows()
    {
        HttpResponse r = send("DELETE", table("books"));
        QCOMPARE(r.status, 400);
        QVERIFY(message(r).contains(u"filter or ids"_s));
        QCOMPARE(countRows(u"books"_s), 6);

        r = send("DELETE", table("books") + "?ids=5,6");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"resource"_s).toArray(),
                 QJsonArray({ QJsonObject { { u"id"_s, 5 } }, QJsonObject { { u"id"_s, 6 } } }));
        QCOMPARE(object(r).value(u"meta"_s).toObject().value(u"count"_s).toInt(), 2);

        r = send("DELETE", table("books"), R"({"ids":[4]})");
        QCOMPARE(r.status, 200);
        r = send("DELETE", table("books") + "?filter=" + enc(u"notes IS NULL"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).size(), 1); // book 2 (book 6 is gone)
        QCOMPARE(countRows(u"books"_s), 2);
        r = send("DELETE", table("tags") + "?filter=" + enc(u"book_id = 1"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).size(), 2); // composite key: both key columns returned
        QCOMPARE(rows(r).at(0).toObject().size(), 2);
    }

    // 40,000 ids in one DELETE body, on every backend: all deleted, each once. (SQLite took
    // seconds, growing with the square of the list; psqlODBC crashed past 32,767 parameters.)
    void deleteManyIds()
    {
        constexpr int Many = 40'000;
        constexpr int First = 7; // after the fixture's books, which stay
        QSqlDatabase db = fixtureDb();
        QVERIFY(db.transaction());
        for (int from = First; from < First + Many; from += 1000) {
            QString sql = u"INSERT INTO books (id, title, price) VALUES "_s;
            for (int id = from; id < from + 1000; ++id)
                sql += (id == from ? u""_s : u", "_s) + u"(%1, 'bulk', 1)"_s.arg(id);
            QVERIFY(run(sql));
        }
        QVERIFY(db.commit());
        QCOMPARE(countRows(u"books"_s), 6 + Many);

        QByteArray body = R"({"ids":[)";
        for (int id = First; id < First + Many; ++id)
            body += (id == First ? "" : ",") + QByteArray::number(id);
        body += "]}";
        const HttpResponse r = send("DELETE", table("books"), body);
        QVERIFY2(r.status == 200, r.body.left(300).constData());
        QCOMPARE(object(r).value(u"meta"_s).toObject().value(u"count"_s).toInt(), Many);
        const QJsonArray deleted = rows(r);
        QCOMPARE(deleted.size(), Many);
        QSet<int> seen;
        for (const QJsonValue &row : deleted)
            seen.insert(row[u"id"_s].toInt());
        QCOMPARE(seen.size(), Many);
        QVERIFY(!seen.contains(First - 1) && seen.contains(First)
                && seen.contains(First + Many - 1));
        QCOMPARE(countRows(u"books"_s), 6);
    }

    // U+0000 in a value is 400 naming the value and where it came from, on every backend and
    // every door; nothing is written.
    void nulInAValueIs400_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        const QByteArray books = table("books");
        const QString inFilter = u"Invalid filter: NUL character (U+0000) in the value 'a\\0b'"_s;
        const QString inTitle = u"column 'title': 'a\\0b' contains a NUL character (U+0000)"_s;
        const QString inId = u"Invalid ids: Invalid value for column 'id': '1\\0'"_s;
        QTest::newRow("filter") << "GET"_ba << books + "?filter=title%20%3D%20'a%00b'"
                                << QByteArray() << inFilter + u" at position 9"_s;
        QTest::newRow("filter IN")
            << "GET"_ba << books + "?filter=title%20IN%20('x','a%00b')" << QByteArray() << inFilter;
        QTest::newRow("filter CONTAINS")
            << "GET"_ba << books + "?filter=title%20CONTAINS%20'a%00b'" << QByteArray() << inFilter;
        QTest::newRow("filter of a delete")
            << "DELETE"_ba << books + "?filter=title%20%3D%20'a%00b'" << QByteArray() << inFilter;
        QTest::newRow("filter of an update")
            << "PATCH"_ba << books + "?filter=notes%20%3C%3E%20'a%00b'"
            << QByteArray(R"({"title":"x"})") << inFilter;
        QTest::newRow("insert") << "POST"_ba << books
                                << QByteArray(R"({"title":"a\u0000b","price":1})") << inTitle;
        QTest::newRow("insert, second record")
            << "POST"_ba << books
            << QByteArray(R"([{"title":"x","price":1},{"title":"a\u0000b","price":1}])")
            << u"Record 1: "_s + u"Invalid value for "_s + inTitle;
        QTest::newRow("upsert") << "POST"_ba << books + "?upsert=true"
                                << QByteArray(R"({"id":1,"title":"a\u0000b","price":1})")
                                << inTitle;
        QTest::newRow("update by ids")
            << "PATCH"_ba << books + "?ids=1" << QByteArray(R"({"title":"a\u0000b"})") << inTitle;
        QTest::newRow("update by key in records")
            << "PUT"_ba << books << QByteArray(R"([{"id":1,"title":"a\u0000b"}])") << inTitle;
        QTest::newRow("update by id")
            << "PATCH"_ba << books + "/1" << QByteArray(R"({"title":"a\u0000b"})") << inTitle;
        QTest::newRow("ids in the query")
            << "GET"_ba << books + "?ids=1%00" << QByteArray() << inId;
        QTest::newRow("ids in a delete body")
            << "DELETE"_ba << books << QByteArray(R"({"ids":["1\u0000"]})") << inId;
        QTest::newRow("key in a delete record")
            << "DELETE"_ba << books << QByteArray(R"([{"id":"1\u0000"}])") << inId;
        QTest::newRow("id in the path")
            << "DELETE"_ba << books + "/1%00" << QByteArray()
            << u"column 'id': '1\\0' contains a NUL character (U+0000)"_s;
    }

    void nulInAValueIs400()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        const HttpResponse r = send(method, target, body);
        QVERIFY2(r.status == 400, r.body.constData());
        QVERIFY2(message(r).contains(says), qPrintable(message(r)));
        QCOMPARE(countRows(u"books"_s), 6);
        QSqlQuery q(fixtureDb());
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM books WHERE title = 'Blindness'"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void readOnlyServiceRefusesWrites()
    {
        HttpResponse r = get("/api/v1/ro/_table/books?limit=1");
        QCOMPARE(r.status, 200);
        for (const QByteArray &method :
             { QByteArray("POST"), QByteArray("PUT"), QByteArray("PATCH"), QByteArray("DELETE") }) {
            r = send(method, "/api/v1/ro/_table/books?ids=1", R"({"title":"x"})");
            QCOMPARE(r.status, 403);
            QVERIFY(message(r).contains(u"read-only"_s));
        }
        QCOMPARE(countRows(u"books"_s), 6);
    }

    void ndjsonStreaming()
    {
        const HttpResponse r = m_client->get(table("books") + "?fields=id,title&order=id",
                                             { { "Accept", "application/x-ndjson" } });
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/x-ndjson"));
        QCOMPARE(r.header("Transfer-Encoding"), QByteArray("chunked"));
        const QList<QByteArray> lines = r.body.trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines.first(), QByteArray(R"({"id":1,"title":"Blindness"})"));
        // The connection stays usable after a streamed response.
        QCOMPARE(get("/healthz").status, 200);
    }

    // Pages through `target` by next_cursor; the ids in the order they came, page sizes in
    // `pages`. Fails the test (empty list) on a non-200 answer.
    QList<int> walk(const QByteArray &target, QList<int> *pages = nullptr,
                    const std::function<void(int)> &afterPage = {})
    {
        QList<int> ids;
        QByteArray next = target;
        for (int page = 0; page < 20; ++page) {
            const HttpResponse r = get(next);
            if (r.status != 200) {
                qWarning() << "cursor walk:" << r.status << r.body;
                return {};
            }
            for (const QJsonValue &v : rows(r))
                ids << v[u"id"_s].toInt();
            if (pages)
                *pages << int(rows(r).size());
            if (afterPage)
                afterPage(page);
            const QJsonValue cursor = object(r).value(u"meta"_s)[u"next_cursor"_s];
            if (cursor.isUndefined())
                return ids;
            next = target + "&cursor=" + enc(cursor.toString());
        }
        return ids;
    }

    void cursorWalk()
    {
        // price DESC ties nothing here; the key is appended as the last tie-breaker.
        QList<int> pages;
        QCOMPARE(walk(table("books") + "?fields=id&order=price%20DESC&limit=2", &pages),
                 QList<int>({ 5, 2, 6, 1, 4, 3 }));
        QCOMPARE(pages, QList<int>({ 2, 2, 2 })); // no empty last page: +1 row look-ahead
        QCOMPARE(walk(table("books") + "?fields=title&limit=4&filter=" + enc(u"in_stock = true"_s)),
                 QList<int>({ 0, 0, 0, 0 })); // ids not selected: the cursor works without them
        QCOMPARE(walk(table("books") + "?limit=4&filter=" + enc(u"in_stock = true"_s), &pages),
                 QList<int>({ 1, 3, 4, 5 }));
        // Composite key, default order.
        const HttpResponse tags = get(table("tags") + "?limit=2");
        QVERIFY(object(tags).value(u"meta"_s)[u"next_cursor"_s].isString());
        const HttpResponse rest =
            get(table("tags") + "?limit=2&cursor="
                + enc(object(tags).value(u"meta"_s)[u"next_cursor"_s].toString()));
        QCOMPARE(rest.status, 200);
        QCOMPARE(rows(rest).size(), 1);
        QCOMPARE(rows(rest).at(0)[u"tag"_s].toString(), u"short"_s);
    }

    void cursorIsStableUnderInserts()
    {
        // Rows inserted behind the cursor are not seen again; rows ahead of it are.
        const QList<int> ids = walk(
            table("books") + "?fields=id,price&order=price&limit=2", nullptr, [this](int page) {
                if (page != 0)
                    return;
                QVERIFY(run(u"INSERT INTO books (id, title, author_id, price, in_stock) VALUES"
                            " (20, 'Cheap', 1, 0.50, TRUE), (21, 'Dear', 1, 99.00, TRUE)"_s));
            });
        QCOMPARE(ids, QList<int>({ 3, 4, 1, 6, 2, 5, 21 }));
    }

    void cursorErrors_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("tampered") << QByteArray("limit=2&cursor=") << u"Invalid cursor"_s;
        QTest::newRow("other filter")
            << QByteArray("limit=2&filter=id%3E0&cursor=") << u"same filter"_s;
        QTest::newRow("other order") << QByteArray("limit=2&order=title&cursor=") << u"order"_s;
        QTest::newRow("with offset") << QByteArray("limit=2&offset=2&cursor=") << u"offset"_s;
        QTest::newRow("nullable order")
            << QByteArray("limit=2&order=notes&cursor=") << u"'notes'"_s;
        QTest::newRow("garbage") << QByteArray("cursor=%E2%9C%93") << u"Invalid cursor"_s;
    }

    void cursorErrors()
    {
        QFETCH(QByteArray, query);
        QFETCH(QString, mentions);
        const HttpResponse first = get(table("books") + "?limit=2");
        QString token = object(first).value(u"meta"_s)[u"next_cursor"_s].toString();
        QVERIFY(!token.isEmpty());
        if (QByteArray(QTest::currentDataTag()) == "tampered")
            token[1] = token[1] == u'A' ? u'B' : u'A';
        const HttpResponse r =
            get(table("books") + '?' + query + (query.endsWith('=') ? enc(token) : QByteArray()));
        QCOMPARE(r.status, 400);
        QVERIFY2(message(r).contains(mentions), qPrintable(message(r)));
        // Views have no key to page by: no cursor offered, and one given is refused.
        const HttpResponse view = get("/api/v1/main/_table/book_titles?limit=1");
        QVERIFY(!object(view).value(u"meta"_s).toObject().contains(u"next_cursor"_s));
    }

    void relatedToOneAndToMany()
    {
        QVERIFY(run(
            u"INSERT INTO books (id, title, price, in_stock) VALUES (7, 'Anonymous', 1, TRUE)"_s));
        HttpResponse r = get(table("books") + "?fields=id,title&ids=1,3,7&related=authors");
        QCOMPARE(r.status, 200);
        QJsonArray list = rows(r);
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0)[u"authors"_s][u"name"_s].toString(), u"José Saramago"_s);
        QCOMPARE(list.at(1)[u"authors"_s][u"country"_s].toString(), u"Argentina"_s);
        QVERIFY(list.at(2)[u"authors"_s].isNull()); // no author
        QCOMPARE(list.at(0).toObject().keys(),
                 QStringList({ u"authors"_s, u"id"_s, u"title"_s })); // author_id not added

        r = get(table("authors") + "?order=id&related=books");
        QCOMPARE(r.status, 200);
        list = rows(r);
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(2)[u"books"_s].toArray().size(), 2);
        QCOMPARE(list.at(2)[u"books"_s][0][u"title"_s].toString(), u"Cien años de soledad"_s);
        QVERIFY(r.body.contains("\"price\":19.9")); // embedded rows keep their types

        // By id too.
        r = get(table("authors") + "/2?related=books");
        QCOMPARE(r.status, 200);
        QCOMPARE(object(r).value(u"name"_s).toString(), u"Jorge Luis Borges"_s);
        QCOMPARE(object(r).value(u"books"_s).toArray().size(), 2);
        r = get(table("books") + "/5?related=authors");
        QCOMPARE(object(r).value(u"authors"_s)[u"name"_s].toString(), u"Gabriel García Márquez"_s);
        QCOMPARE(get(table("books") + "/5?related=tags").status, 400);

        // Related rows follow filters on the main read only through the link.
        r = get(table("authors") + "?related=books&filter=" + enc(u"country = 'Portugal'"_s));
        QCOMPARE(rows(r).size(), 1);
        QCOMPARE(rows(r).at(0)[u"books"_s].toArray().size(), 2);
    }

    void relatedErrors_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown table") << table("books") + "?related=nope" << 404 << u"nope"_s;
        QTest::newRow("not linked") << table("books") + "?related=tags" << 400 << u"tags"_s;
        QTest::newRow("twice") << table("books") + "?related=authors,authors" << 400 << u"twice"_s;
        QTest::newRow("with aggregates")
            << table("books") + "?fields=COUNT(*)&related=authors" << 400 << u"related"_s;
    }

    void relatedErrors()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(QString, mentions);
        const HttpResponse r = get(target);
        QCOMPARE(r.status, status);
        QVERIFY2(message(r).contains(mentions), qPrintable(message(r)));
    }

    void relatedIsPermissionChecked()
    {
        // A role that may read books but not authors cannot reach authors through books.
        const QByteArray booksOnly =
            m_auth.createKey(u"books_only"_s, { u"main:_table/books:GET"_s }).toLatin1();
        HttpResponse r =
            m_client->get(table("books") + "?related=authors", { { "X-API-Key", booksOnly } });
        QCOMPARE(r.status, 403);
        QVERIFY(message(r).contains(u"authors"_s));
        // The related table's row filter applies to the embedded rows.
        const QByteArray portugal =
            m_auth
                .createKey(u"portugal"_s,
                           { u"main:_table/books:GET"_s,
                             u"main:_table/authors:GET:country = 'Portugal'"_s })
                .toLatin1();
        r = m_client->get(table("books") + "?fields=id&ids=1,3&related=authors",
                          { { "X-API-Key", portugal } });
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).at(0)[u"authors"_s][u"name"_s].toString(), u"José Saramago"_s);
        QVERIFY(rows(r).at(1)[u"authors"_s].isNull()); // Borges is hidden from this role
    }

    void csvExport()
    {
        QVERIFY(run(u"INSERT INTO books (id, title, author_id, price, in_stock, notes) VALUES"
                    " (8, 'Say \"hi\", world', 1, 2, FALSE, 'line one\nline two')"_s));
        const HttpResponse r =
            m_client->get(table("books") + "?fields=id,title,in_stock,notes&order=id",
                          { { "Accept", "text/csv" } });
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("text/csv"));
        QCOMPARE(r.header("Transfer-Encoding"), QByteArray("chunked"));
        const QList<QByteArray> lines = r.body.split('\n');
        QCOMPARE(lines.at(0), QByteArray("id,title,in_stock,notes\r"));
        QCOMPARE(lines.at(1), QByteArray("1,Blindness,true,epidemic\r"));
        QCOMPARE(lines.at(2), QByteArray("2,Seeing,false,\r")); // NULL is an empty field
        QCOMPARE(lines.at(5), QByteArray("5,Cien años de soledad,true,Macondo\r"));
        QVERIFY(r.body.endsWith("8,\"Say \"\"hi\"\", world\",false,\"line one\nline two\"\r\n"));
        // Exports are not capped by the page limit, and refuse related=.
        const HttpResponse related =
            m_client->get(table("books") + "?related=authors", { { "Accept", "text/csv" } });
        QCOMPARE(related.status, 400);
    }

    void etagAndNotModified()
    {
        HttpResponse r = get(table("books") + "?ids=1,2");
        QCOMPARE(r.status, 200);
        const QByteArray etag = r.header("ETag");
        QVERIFY(etag.startsWith('"') && etag.endsWith('"') && etag.size() > 20);
        QCOMPARE(get(table("books") + "?ids=1,2").header("ETag"), etag); // took_ms aside
        r = m_client->get(table("books") + "?ids=1,2", { { "If-None-Match", etag } });
        QCOMPARE(r.status, 304);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.header("ETag"), etag);
        r = m_client->get(table("books") + "?ids=1,2",
                          { { "If-None-Match", "\"other\", W/" + etag } });
        QCOMPARE(r.status, 304);
        QCOMPARE(send("PATCH", table("books") + "/2", R"({"title":"Changed"})").status, 200);
        r = m_client->get(table("books") + "?ids=1,2", { { "If-None-Match", etag } });
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("ETag") != etag);

        r = get(table("books") + "/1");
        const QByteArray one = r.header("ETag");
        QVERIFY(!one.isEmpty());
        QCOMPARE(m_client->get(table("books") + "/1", { { "If-None-Match", one } }).status, 304);
        QCOMPARE(m_client->get(table("books") + "/3", { { "If-None-Match", one } }).status, 200);
    }

    void requestIdEchoedOrGenerated()
    {
        HttpResponse r = m_client->get("/healthz", { { "X-Request-ID", "abc-123" } });
        QCOMPARE(r.header("X-Request-ID"), QByteArray("abc-123"));
        r = m_client->get("/healthz", { { "X-Request-ID", "bad id with spaces" } });
        QVERIFY(!r.header("X-Request-ID").isEmpty());
        QVERIFY(r.header("X-Request-ID") != "bad id with spaces");
        r = get(table("nope"));
        QVERIFY(!r.header("X-Request-ID").isEmpty());
    }

    void keepAliveReusesOneConnection()
    {
        HttpClient client(m_port);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(client.get("/healthz").status, 200);
        QCOMPARE(client.connectionCount(), 1);
        const HttpResponse last =
            client.request("GET", "/healthz", {}, { { "Connection", "close" } });
        QCOMPARE(last.status, 200);
        QVERIFY(last.closed);
    }

    void limitsBeforeParsing()
    {
        HttpClient client(m_port);
        HttpResponse r = client.get("/healthz?x=" + QByteArray(9000, 'a'));
        QCOMPARE(r.status, 414);
        QVERIFY(r.json()
                    .object()
                    .value(u"error"_s)
                    .toObject()
                    .value(u"message"_s)
                    .toString()
                    .contains(u"8192"_s));

        HttpClient client2(m_port);
        r = client2.get("/healthz", { { "X-Big", QByteArray(70 * 1024, 'b') } });
        QCOMPARE(r.status, 431);

        // Announced size over the limit: refused before a single body byte is sent.
        HttpClient client3(m_port);
        r = client3.sendRaw("POST /api/v1/main/_table/authors HTTP/1.1\r\nHost: x\r\nContent-Type: "
                            "application/json\r\n"
                            "Content-Length: 300000\r\n\r\n");
        QCOMPARE(r.status, 413);
        QVERIFY(r.json()
                    .object()
                    .value(u"error"_s)
                    .toObject()
                    .value(u"message"_s)
                    .toString()
                    .contains(u"262144"_s));

        HttpClient client4(m_port);
        r = client4.sendRaw("POST /api/v1/main/_table/authors HTTP/1.1\r\nHost: "
                            "x\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "40000\r\n"
                            + QByteArray(0x40000, 'x') + "\r\n10\r\n");
        QCOMPARE(r.status, 413);
        QCOMPARE(countRows(u"authors"_s), 3);
    }

    void chunkedAndContinueBodies()
    {
        HttpClient client(m_port);
        const QByteArray json = R"({"name":"Chunky"})";
        HttpResponse r = client.sendRaw(
            "POST /api/v1/main/_table/authors HTTP/1.1\r\nHost: x\r\nX-API-Key: " + m_key
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + QByteArray::number(json.size(), 16) + "\r\n" + json + "\r\n0\r\n\r\n");
        QCOMPARE(r.status, 201);
        QCOMPARE(rows(r).at(0)[u"name"_s].toString(), u"Chunky"_s);

        // Expect: 100-continue gets the interim response before the body is sent. (The test
        // client skips 1xx responses, so this one speaks raw TCP.)
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(raw.waitForConnected(5000));
        const QByteArray body = R"({"name":"Patient"})";
        raw.write("POST /api/v1/main/_table/authors HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                  "X-API-Key: "
                  + m_key
                  + "\r\n"
                    "Content-Type: application/json\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\n\r\n");
        QByteArray received;
        while (!received.contains("\r\n\r\n") && raw.waitForReadyRead(5000))
            received += raw.readAll();
        QCOMPARE(received, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        raw.write(body);
        while (!received.contains("Patient") && raw.waitForReadyRead(5000))
            received += raw.readAll();
        QVERIFY2(received.contains("HTTP/1.1 201 Created"), received.constData());
    }

    void statementTimeoutIs504()
    {
        // A second server over the same services whose statements may run 300 ms.
        ApiContext context;
        context.registry = m_registry.get();
        context.options.statementTimeoutMs = 300;
        m_auth.fill(context);
        ServerOptions options;
        options.port = 0;
        options.workers = 1;
        HttpServer server(options, ApiHandler::factory(context));
        auto port = server.start();
        QVERIFY(port.ok());
        HttpClient client(*port);
        client.setDefaultHeaders({ { "X-API-Key", m_key } });
        const HttpResponse r = client.get("/api/v1/main/_table/slow");
        QCOMPARE(r.status, 504);
        QCOMPARE(r.json().object().value(u"error"_s).toObject().value(u"code"_s).toInt(), 504);
        // The connection that timed out is still good for the next request.
        QCOMPARE(client.get("/api/v1/main/_table/books?limit=1").status, 200);
    }

    void http10ClosesByDefault()
    {
        HttpClient client(m_port);
        const HttpResponse r = client.sendRaw("GET /healthz HTTP/1.0\r\n\r\n");
        QCOMPARE(r.status, 200);
        QVERIFY(r.closed);
    }
};

QTEST_GUILESS_MAIN(TestHttpTable)
#include "tst_http_table.moc"
