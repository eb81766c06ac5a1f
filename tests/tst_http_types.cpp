// Type fidelity over real HTTP, golden-tested per database: every kind of column comes back in
// the JSON form API.md §9 fixes, with the same bytes on SQLite, PostgreSQL and MariaDB. Compiled
// once per backend (support/testdatabase.h): SLUICE_TEST_PG, SLUICE_TEST_MARIADB, otherwise SQLite.
// SLUICE_TEST_ODBC_PG (with SLUICE_TEST_PG) serves the same PostgreSQL through ODBC (psqlODBC).
#include "api/apihandler.h"
#include "authfixture.h"
#include "db/serviceregistry.h"
#include "http/httpserver.h"
#include "httpclient.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

// One column of every kind, the same values on every database (row 1), and NULLs (row 2).
#if defined(SLUICE_TEST_PG)
const QStringList kSetup = {
    u"CREATE TABLE kinds (id INTEGER PRIMARY KEY, amount NUMERIC(8,2), big BIGINT,"
    " ratio DOUBLE PRECISION, flag BOOLEAN, day DATE, moment TIMESTAMP WITH TIME ZONE,"
    " wall TIMESTAMP, tod TIME, uid UUID, doc JSONB, raw JSON, bytes BYTEA, note TEXT)"_s,
    u"INSERT INTO kinds VALUES (1, 12.50, 9007199254740993, 0.25, true, '2024-02-29',"
    " '2024-02-29 14:45:30.250+01', '2024-02-29 13:45:30', '13:45:30',"
    " '6f1c2a4e-8d7b-4c3a-9e0f-1a2b3c4d5e6f', '{\"a\":[1,2],\"b\":\"ü\"}',"
    " '{\"a\":[1,2],\"b\":\"ü\"}', '\\x000102ff', 'Grüße, 世界 🚀 \"q\"')"_s,
    u"INSERT INTO kinds (id) VALUES (2)"_s,
    // PostgreSQL's own kinds: text forms where JSON has no better one, arrays as JSON arrays.
    u"CREATE TABLE extras (id INTEGER PRIMARY KEY, tz TIME WITH TIME ZONE, span INTERVAL,"
    " ints INTEGER[], words TEXT[], grid INTEGER[][], plain NUMERIC, addr INET,"
    " nan DOUBLE PRECISION, bits BIT(4), ch CHAR(3), r REAL)"_s,
    u"INSERT INTO extras VALUES (1, '13:45:30+02', '1 day 02:00:00', '{1,2,3}',"
    " '{a,\"b \\\"c\",NULL}', '{{1,2},{3,4}}', 123.4500, '10.0.0.1/8', 'NaN', B'1010', 'ab',"
    " 0.1)"_s,
};
#elif defined(SLUICE_TEST_MARIADB)
const QStringList kSetup = {
    u"CREATE TABLE kinds (id INT PRIMARY KEY, amount DECIMAL(8,2), big BIGINT, ratio DOUBLE,"
    " flag BOOLEAN, day DATE, moment TIMESTAMP(3) NULL, wall DATETIME, tod TIME, uid UUID,"
    " doc JSON, raw JSON, bytes BLOB, note TEXT)"_s,
    u"INSERT INTO kinds VALUES (1, 12.50, 9007199254740993, 0.25, TRUE, '2024-02-29',"
    " '2024-02-29 13:45:30.250', '2024-02-29 13:45:30', '13:45:30',"
    " '6f1c2a4e-8d7b-4c3a-9e0f-1a2b3c4d5e6f', '{\"a\":[1,2],\"b\":\"ü\"}',"
    " '{\"a\":[1,2],\"b\":\"ü\"}', X'000102FF', 'Grüße, 世界 🚀 \"q\"')"_s,
    u"INSERT INTO kinds (id) VALUES (2)"_s,
};
#else
const QStringList kSetup = {
    u"CREATE TABLE kinds (id INTEGER PRIMARY KEY, amount NUMERIC(8,2), big BIGINT, ratio REAL,"
    " flag BOOLEAN, day DATE, moment TIMESTAMP WITH TIME ZONE, wall DATETIME, tod TIME,"
    " uid UUID, doc JSON, raw JSON, bytes BLOB, note TEXT)"_s,
    u"INSERT INTO kinds VALUES (1, 12.50, 9007199254740993, 0.25, 1, '2024-02-29',"
    " '2024-02-29T13:45:30.250Z', '2024-02-29 13:45:30', '13:45:30',"
    " '6f1c2a4e-8d7b-4c3a-9e0f-1a2b3c4d5e6f', '{\"a\":[1,2],\"b\":\"ü\"}',"
    " '{\"a\":[1,2],\"b\":\"ü\"}', X'000102FF', 'Grüße, 世界 🚀 \"q\"')"_s,
    u"INSERT INTO kinds (id) VALUES (2)"_s,
};
#endif

// The answer for row 1, byte for byte, on every database. (PostgreSQL's jsonb is compared as
// JSON: the database itself re-spaces it.)
const QByteArray kGolden =
    R"({"id":1,"amount":12.50,"big":9007199254740993,"ratio":0.25,"flag":true,)"
    R"("day":"2024-02-29","moment":"2024-02-29T13:45:30.250Z","wall":"2024-02-29T13:45:30",)"
    R"("tod":"13:45:30","uid":"6f1c2a4e-8d7b-4c3a-9e0f-1a2b3c4d5e6f",)"
    R"("doc":{"a":[1,2],"b":"ü"},"raw":{"a":[1,2],"b":"ü"},"bytes":"AAEC/w==",)"
    "\"note\":\"Gr\xc3\xbc\xc3\x9f"
    "e, \xe4\xb8\x96\xe7\x95\x8c \xf0\x9f\x9a\x80 \\\"q\\\"\"}";

// Numbers with more digits than a double holds, written as JSON numbers (docs/api.md, Values).
// SQLite has no exact decimal: a NUMERIC column makes such text a double, so there the exact
// digits are kept in TEXT columns (read back as strings).
#if defined(SLUICE_TEST_PG)
const QString kExactTable =
    u"CREATE TABLE exact (id INTEGER PRIMARY KEY, n20 NUMERIC(20,8), n38 NUMERIC(38,10),"
    " doc JSON, note TEXT)"_s;
#elif defined(SLUICE_TEST_MARIADB)
const QString kExactTable =
    u"CREATE TABLE exact (id INT PRIMARY KEY, n20 DECIMAL(20,8), n38 DECIMAL(38,10), doc JSON,"
    " note TEXT)"_s;
#else
const QString kExactTable =
    u"CREATE TABLE exact (id INTEGER PRIMARY KEY, n20 TEXT, n38 TEXT, doc JSON, note TEXT)"_s;
#endif
#if defined(SLUICE_TEST_PG) || defined(SLUICE_TEST_MARIADB)
#define EXACT(digits) #digits // a NUMERIC reads back as a number
#else
#define EXACT(digits) "\"" #digits "\"" // a TEXT column as a string
#endif

const QByteArray kGoldenNulls =
    R"({"id":2,"amount":null,"big":null,"ratio":null,"flag":null,"day":null,"moment":null,)"
    R"("wall":null,"tod":null,"uid":null,"doc":null,"raw":null,"bytes":null,"note":null})";

} // namespace

class TestHttpTypes : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    sluice::test::AuthFixture m_auth;
    std::unique_ptr<ServiceRegistry> m_registry;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;

    std::optional<sluice::test::TestDatabase> m_db;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The table is made through the database's own client library.
        m_db = sluice::test::createTestDatabase(sluice::test::kCompiledBackend, u"http_types"_s,
                                                m_dir.path());
        QVERIFY2(m_db, "fixture (see the warnings above)");
        for (const QString &sql : kSetup)
            QVERIFY(m_db->run(sql));
        QVERIFY(m_db->run(kExactTable));
        ServiceConfig service;
        service.name = u"t"_s;
        service.driver = m_db->driver;
        service.dsn = m_db->dsn;
        service.rawSql = true; // numbersKeepEveryDigit binds _sql parameters
        m_registry = std::make_unique<ServiceRegistry>(30'000);
        m_registry->setServices({ service });
        m_registry->refreshAll();
        QVERIFY2(m_registry->find(u"t"_s)->schema,
                 qPrintable(m_registry->find(u"t"_s)->schemaError.message));
        QVERIFY(m_auth.init());
        const QByteArray key =
            m_auth.createKey(u"all"_s, { u"*:*:*"_s, u"t:_sql:GET,POST"_s }).toLatin1();
        ApiContext context;
        context.registry = m_registry.get();
        m_auth.fill(context);
        ServerOptions options;
        options.port = 0;
        options.workers = 1;
        m_server = std::make_unique<HttpServer>(options, ApiHandler::factory(context));
        QVERIFY(m_server->start().ok());
        m_client = std::make_unique<HttpClient>(m_server->port());
        m_client->setDefaultHeaders({ { "X-API-Key", key } });
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
        m_registry.reset();
        if (m_db)
            m_db->close();
    }

    void everyKindReadsAsGolden()
    {
        const HttpResponse r = m_client->get("/api/v1/t/_table/kinds/1");
        QCOMPARE(r.status, 200);
        QByteArray body = r.body;
#if defined(SLUICE_TEST_PG)
        // jsonb comes back re-spaced by PostgreSQL: equal as JSON, not as bytes.
        const QByteArray jsonb = R"({"a": [1, 2], "b": "ü"})";
        QVERIFY2(body.contains(jsonb), body.constData());
        body.replace(jsonb, R"({"a":[1,2],"b":"ü"})");
#endif
        QCOMPARE(body, kGolden);
        QCOMPARE(m_client->get("/api/v1/t/_table/kinds/2").body, kGoldenNulls);
    }

    void postgresKinds()
    {
#if !defined(SLUICE_TEST_PG)
        QSKIP("PostgreSQL's own column kinds");
#endif
        const QByteArray golden =
            R"({"id":1,"tz":"13:45:30+02","span":"1 day 02:00:00","ints":[1,2,3],)"
            // (Not a raw string: moc misreads an escaped quote inside one.)
            "\"words\":[\"a\",\"b \\\"c\",null],\"grid\":[[1,2],[3,4]],\"plain\":123.4500,"
            R"("addr":"10.0.0.1/8","nan":null,"bits":"1010","ch":"ab ","r":0.1})";
        QCOMPARE(m_client->get("/api/v1/t/_table/extras/1").body, golden);
        // Arrays are written as JSON arrays too, and come back the same; so do zoned times.
        QByteArray record = golden;
        record.replace(R"({"id":1,)", R"({"id":2,)");
        record.replace(R"("nan":null,)", R"("nan":0.5,)");
        // An unconstrained NUMERIC keeps the digits it is sent as a string (JSON numbers in a
        // body are doubles, which would make 123.4500 into 123.45).
        QByteArray sent = record;
        sent.replace(R"("plain":123.4500,)", R"("plain":"123.4500",)");
        HttpResponse r = m_client->request("POST", "/api/v1/t/_table/extras", sent,
                                           { { "Content-Type", "application/json" } });
        QVERIFY2(r.status == 201, r.body.constData());
        QCOMPARE(m_client->get("/api/v1/t/_table/extras/2").body, record);
        r = m_client->request("POST", "/api/v1/t/_table/extras", R"({"id":3,"ints":[{"a":1}]})",
                              { { "Content-Type", "application/json" } });
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.contains("ints"));
    }

    void filtersCompareTypedValues_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::newRow("decimal") << u"amount = 12.5"_s;
        QTest::newRow("bigint beyond 2^53") << u"big = 9007199254740993"_s;
        QTest::newRow("boolean") << u"flag = true"_s;
        QTest::newRow("date") << u"day = '2024-02-29'"_s;
        QTest::newRow("uuid") << u"uid = '6f1c2a4e-8d7b-4c3a-9e0f-1a2b3c4d5e6f'"_s;
        QTest::newRow("non-ascii") << u"note CONTAINS '世界'"_s;
    }

    void filtersCompareTypedValues()
    {
        QFETCH(QString, filter);
        const HttpResponse r = m_client->get("/api/v1/t/_table/kinds?fields=id&filter="
                                             + QUrl::toPercentEncoding(filter));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"resource"_s).toArray(),
                 QJsonArray({ QJsonObject { { u"id"_s, 1 } } }));
    }

    // What a client writes comes back the same: the golden row, posted as a new row.
    void everyKindRoundTrips()
    {
        QByteArray record = kGolden;
        record.replace(R"({"id":1,)", R"({"id":3,)");
        const HttpResponse r = m_client->request("POST", "/api/v1/t/_table/kinds", record,
                                                 { { "Content-Type", "application/json" } });
        QVERIFY2(r.status == 201, r.body.constData());
        QByteArray stored = m_client->get("/api/v1/t/_table/kinds/3").body;
#if defined(SLUICE_TEST_PG)
        stored.replace(R"({"a": [1, 2], "b": "ü"})", R"({"a":[1,2],"b":"ü"})");
#endif
        QCOMPARE(stored, record);
    }

    // The records of GET _table/exact?`query`, as the API writes them (the meta left out).
    QByteArray recordsOf(const QByteArray &query)
    {
        const QByteArray body = m_client->get("/api/v1/t/_table/exact?" + query).body;
        const qsizetype end = body.indexOf(R"(],"meta":)");
        if (!body.startsWith(R"({"resource":[)") || end < 0)
            return body;
        return body.sliced(13, end - 13);
    }
    QByteArray fieldsOf(int id, const QByteArray &fields)
    {
        return recordsOf("fields=" + fields + "&ids=" + QByteArray::number(id));
    }

    HttpResponse send(const QByteArray &method, const QByteArray &path, const QByteArray &body)
    {
        return m_client->request(method, path, body, { { "Content-Type", "application/json" } });
    }

    // JSON numbers a double cannot hold reach the database with every digit: in POST and PATCH
    // bodies of every shape, nested in a JSON column, in a text column and as _sql parameters.
    // (QJsonDocument alone made 987654321098.87654321 into 987654321098.8766.)
    void numbersKeepEveryDigit()
    {
        HttpResponse r = send("POST", "/api/v1/t/_table/exact",
                              R"({"id":1,"n20":987654321098.87654321,)"
                              R"("n38":1234567890123456789012345678.0123456789,)"
                              R"("doc":{"x":1.2345678901234567890123,"y":[100000000000000000001]},)"
                              R"("note":12345678901234567890.5})");
        QVERIFY2(r.status == 201, r.body.constData());
        QCOMPARE(
            m_client->get("/api/v1/t/_table/exact/1").body,
            QByteArray(R"({"id":1,"n20":)" EXACT(987654321098.87654321) R"(,"n38":)" EXACT(
                1234567890123456789012345678.0123456789) R"(,"doc":{"x":1.2345678901234567890123,"y":[100000000000000000001]},)"
                                                         R"("note":"12345678901234567890.5"})"));
        r = send(
            "PATCH", "/api/v1/t/_table/exact/1",
            R"({"n20":-123456789012.12345678,"n38":-9999999999999999999999999999.9999999999})");
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(fieldsOf(1, "n20,n38"),
                 QByteArray(R"({"n20":)" EXACT(-123456789012.12345678) R"(,"n38":)" EXACT(
                     -9999999999999999999999999999.9999999999) "}"));
        r = send("POST", "/api/v1/t/_table/exact",
                 R"({"resource":[{"id":2,"n20":11111111111.11111111},)"
                 R"({"id":3,"n20":22222222222.22222222}]})");
        QVERIFY2(r.status == 201, r.body.constData());
        r = send("PATCH", "/api/v1/t/_table/exact", R"([{"id":3,"n20":33333333333.33333333}])");
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(recordsOf("fields=id,n20&filter=id%3E1&order=id"),
                 QByteArray(R"({"id":2,"n20":)" EXACT(
                     11111111111.11111111) R"(},{"id":3,"n20":)" EXACT(33333333333.33333333) "}"));
        // Raw SQL parameters are bound as their digits.
        r = send("POST", "/api/v1/t/_sql",
                 R"({"sql":"UPDATE exact SET n38 = ? WHERE id = 2",)"
                 R"("params":[4444444444444444444444444444.4444444444]})");
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(fieldsOf(2, "n38"),
                 QByteArray(R"({"n38":)" EXACT(4444444444444444444444444444.4444444444) "}"));
        // Numbers a double holds are bound as before.
        r = send("PATCH", "/api/v1/t/_table/exact/2",
                 R"({"note":0.1,"doc":[0.1,9007199254740993]})");
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(fieldsOf(2, "doc,note"),
                 QByteArray(R"({"doc":[0.1,9007199254740993],"note":"0.1"})"));
    }

    // The body's marker for exact numbers (U+FDD0, a noncharacter) cannot be forged: a string
    // that begins with it is refused, never read as a number; inside a string it is just text.
    void markerCannotBeForged_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("escaped") << QByteArray(R"({"id":4,"note":"\uFDD0123.5"})") << 400;
        QTest::newRow("escaped, lower case")
            << QByteArray(R"({"id":4,"note":"\ufdd0123.5"})") << 400;
        QTest::newRow("UTF-8") << QByteArray("{\"id\":4,\"note\":\"\xEF\xB7\x90"
                                             "123.5\"}")
                               << 400;
        QTest::newRow("nested") << QByteArray(R"({"id":4,"doc":{"a":["\uFDD01"]}})") << 400;
        QTest::newRow("inside a string") << QByteArray(R"({"id":4,"note":"x\uFDD0123.5"})") << 201;
    }

    void markerCannotBeForged()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const HttpResponse r = send("POST", "/api/v1/t/_table/exact", body);
        QVERIFY2(r.status == status, r.body.constData());
        if (status == 400) {
            QVERIFY2(r.body.contains("U+FDD0"), r.body.constData());
            QCOMPARE(m_client->get("/api/v1/t/_table/exact/4").status, 404);
        } else {
            QCOMPARE(fieldsOf(4, "note"),
                     QByteArray("{\"note\":\"x\xEF\xB7\x90"
                                "123.5\"}"));
            QCOMPARE(send("DELETE", "/api/v1/t/_table/exact/4", {}).status, 200);
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpTypes)
#include "tst_http_types.moc"
