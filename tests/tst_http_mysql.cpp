// What MySQL/MariaDB write paths do differently underneath, over real HTTP. The behaviour suite
// (tst_http_table compiled as tst_http_mariadb) holds the expectations every database shares;
// these are the cases where finding written rows by key instead of RETURNING could go wrong:
// updates that change nothing (MySQL counts only changed rows as affected), updates that move a
// row to a new key, upserts of existing rows, tables without a primary key, and row filters.
#include "api/apihandler.h"
#include "authfixture.h"
#include "db/serviceregistry.h"
#include "http/httpserver.h"
#include "httpclient.h"
#include "mariadbserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

class TestHttpMysql : public QObject
{
    Q_OBJECT

private:
    QJsonArray rows(const HttpResponse &r) const
    {
        return r.json().object().value(u"resource"_s).toArray();
    }
    int metaCount(const HttpResponse &r) const
    {
        return r.json().object().value(u"meta"_s)[u"count"_s].toInt();
    }
    HttpResponse send(const QByteArray &method, const QByteArray &target, const QByteArray &body)
    {
        return m_client->request(method, "/api/v1/shop/_table/" + target, body,
                                 { { "Content-Type", "application/json" } });
    }

    sluice::test::MariaDbServer *m_db = nullptr;
    sluice::test::AuthFixture m_auth;
    std::unique_ptr<ServiceRegistry> m_registry;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;
    QByteArray m_cheapOnlyKey; // a role that may only write books priced under 20

private Q_SLOTS:
    void initTestCase()
    {
        m_db = sluice::test::MariaDbServer::shared();
        QVERIFY2(m_db, "MariaDB could not be started (see the warning above)");
        QVERIFY(m_db->createDatabase(u"http_mysql"_s));
        QVERIFY(m_db->execIn(
            u"http_mysql"_s,
            u"CREATE TABLE books (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(200) NOT NULL,"
            " price DECIMAL(8,2) NOT NULL, in_stock BOOLEAN NOT NULL DEFAULT TRUE);"
            "CREATE TABLE codes (code CHAR(3) PRIMARY KEY, label VARCHAR(50) NOT NULL);"
            "CREATE TABLE events (what VARCHAR(50) NOT NULL, at_day DATE);"_s));
        ServiceConfig service;
        service.name = u"shop"_s;
        service.driver = u"mysql"_s;
        service.dsn = u"mysql://%1:%2@127.0.0.1:%3/http_mysql"_s.arg(m_db->user(), m_db->password())
                          .arg(m_db->port());
        m_registry = std::make_unique<ServiceRegistry>(30'000);
        m_registry->setServices({ service });
        m_registry->refreshAll();
        QVERIFY2(m_registry->find(u"shop"_s)->schema,
                 qPrintable(m_registry->find(u"shop"_s)->schemaError.message));

        QVERIFY(m_auth.init());
        const QByteArray key = m_auth.createKey(u"all"_s, { u"*:*:*"_s }).toLatin1();
        m_cheapOnlyKey =
            m_auth.createKey(u"cheap"_s, { u"shop:_table/books:*:price < 20"_s }).toLatin1();
        ApiContext context;
        context.registry = m_registry.get();
        m_auth.fill(context);
        ServerOptions options;
        options.port = 0;
        options.workers = 2;
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
    }

    void init()
    {
        QVERIFY(m_db->execIn(u"http_mysql"_s,
                             u"DELETE FROM books; ALTER TABLE books AUTO_INCREMENT = 1;"
                             "INSERT INTO books (id, title, price, in_stock) VALUES"
                             " (1, 'Blindness', 12.50, TRUE), (2, 'Seeing', 15.00, FALSE),"
                             " (3, 'Ficciones', 9.99, TRUE);"
                             "DELETE FROM codes; INSERT INTO codes VALUES ('abc', 'First');"
                             "DELETE FROM events; INSERT INTO events VALUES ('launch', NULL),"
                             " ('party', NULL), ('audit', '2026-01-01');"_s));
    }

    void updateThatChangesNothingStillAnswersWithTheRow()
    {
        HttpResponse r = send("PATCH", "books/1", R"({"title":"Blindness"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"title"_s).toString(), u"Blindness"_s);
        r = send("PATCH", "books?ids=1,2", R"({"in_stock":false})"); // book 2 already false
        QCOMPARE(r.status, 200);
        QCOMPARE(metaCount(r), 2);
        QCOMPARE(rows(r).size(), 2);
    }

    void updateThatMovesTheKey()
    {
        HttpResponse r = send("PATCH", "codes/abc", R"({"code":"xyz","label":"Moved"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"code"_s).toString(), u"xyz"_s);
        QCOMPARE(r.json().object().value(u"label"_s).toString(), u"Moved"_s);
        QCOMPARE(m_client->get("/api/v1/shop/_table/codes/abc").status, 404);
        QCOMPARE(m_client->get("/api/v1/shop/_table/codes/xyz").status, 200);
    }

    void insertWithGivenKeyAndUpsertOfAnExistingRow()
    {
        HttpResponse r = send("POST", "codes", R"({"code":"def","label":"Given"})");
        QCOMPARE(r.status, 201);
        QCOMPARE(rows(r).at(0)[u"code"_s].toString(), u"def"_s);
        r = send("POST", "books?upsert=true",
                 R"([{"id":2,"title":"Seeing","price":"16.00"},{"title":"New","price":1}])");
        QCOMPARE(r.status, 201);
        QCOMPARE(rows(r).size(), 2);
        QVERIFY(r.body.contains("\"price\":16.00"));
        QCOMPARE(rows(r).at(0)[u"in_stock"_s], QJsonValue(false)); // the stored row, not the input
        QCOMPARE(rows(r).at(1)[u"id"_s].toInt(), 4);
    }

    void tableWithoutKeyCountsRows()
    {
        HttpResponse r = send("POST", "events", R"([{"what":"a"},{"what":"b"}])");
        QCOMPARE(r.status, 201);
        QCOMPARE(metaCount(r), 2);
        r = send("PATCH", "events?filter=" + QUrl::toPercentEncoding(u"at_day IS NULL"_s),
                 R"({"what":"same"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(metaCount(r), 4);
        r = send("PATCH", "events?filter=" + QUrl::toPercentEncoding(u"at_day IS NULL"_s),
                 R"({"what":"same"})");
        QCOMPARE(metaCount(r), 4); // matched rows, though MySQL reports none changed
        r = send("DELETE", "events?filter=" + QUrl::toPercentEncoding(u"what = 'same'"_s), {});
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).size(), 4); // whole rows: there is no key to name them by
        QCOMPARE(rows(r).at(0)[u"what"_s].toString(), u"same"_s);
    }

    void rowFilterHoldsOnRereadRows()
    {
        HttpClient cheap(m_server->port());
        cheap.setDefaultHeaders({ { "X-API-Key", m_cheapOnlyKey } });
        HttpResponse r = cheap.request("PATCH", "/api/v1/shop/_table/books/1", R"({"price":500})",
                                       { { "Content-Type", "application/json" } });
        QCOMPARE(r.status, 403);
        r = cheap.request("POST", "/api/v1/shop/_table/books", R"({"title":"Dear","price":99})",
                          { { "Content-Type", "application/json" } });
        QCOMPARE(r.status, 403);
        r = m_client->get("/api/v1/shop/_table/books?include_count=true");
        QCOMPARE(r.json().object().value(u"meta"_s)[u"total"_s].toInt(), 3); // nothing inserted
        QVERIFY(r.body.contains("\"price\":12.50")); // nothing changed
        r = cheap.request("PATCH", "/api/v1/shop/_table/books/3", R"({"price":"19.50"})",
                          { { "Content-Type", "application/json" } });
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("\"price\":19.50"));
    }
};

QTEST_GUILESS_MAIN(TestHttpMysql)
#include "tst_http_mysql.moc"
