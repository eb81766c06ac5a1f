// MySQL/MariaDB over real HTTP: reads work like on every other database; writes are refused with
// 501 until rows can be re-read by key (QMYSQL drops RETURNING rows), and change nothing.
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
    sluice::test::MariaDbServer *m_db = nullptr;
    sluice::test::AuthFixture m_auth;
    std::unique_ptr<ServiceRegistry> m_registry;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;

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
            "INSERT INTO books (title, price, in_stock) VALUES ('Blindness', 12.50, TRUE),"
            " ('Seeing', 15.00, FALSE), ('Ficciones', 9.99, TRUE);"_s));
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

    void reads()
    {
        HttpResponse r = m_client->get("/api/v1/shop/_table/books?filter="
                                       + QUrl::toPercentEncoding(u"price > 10"_s)
                                       + "&order=price%20DESC&include_count=true");
        QCOMPARE(r.status, 200);
        const QJsonArray rows = r.json().object().value(u"resource"_s).toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0)[u"title"_s].toString(), u"Seeing"_s);
        QVERIFY(r.body.contains("\"price\":15.00")); // exact DECIMAL digits
        QCOMPARE(rows.at(0)[u"in_stock"_s], QJsonValue(false));
        QCOMPARE(r.json().object().value(u"meta"_s)[u"total"_s].toInt(), 2);
        r = m_client->get("/api/v1/shop/_table/books/3");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"title"_s).toString(), u"Ficciones"_s);
        QCOMPARE(m_client->get("/api/v1/shop/_table/books/99").status, 404);
        QCOMPARE(m_client->get("/api/v1/shop/_table/books?filter=nope%3D1").status, 400);
    }

    void writesAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("POST") << "POST"_ba
                              << "/api/v1/shop/_table/books"_ba;
        QTest::newRow("PATCH by id") << "PATCH"_ba
                                     << "/api/v1/shop/_table/books/1"_ba;
        QTest::newRow("PATCH by filter") << "PATCH"_ba
                                         << "/api/v1/shop/_table/books?ids=1"_ba;
        QTest::newRow("PUT") << "PUT"_ba
                             << "/api/v1/shop/_table/books"_ba;
        QTest::newRow("DELETE") << "DELETE"_ba
                                << "/api/v1/shop/_table/books?ids=1"_ba;
    }

    void writesAreRefusedAndChangeNothing()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        const HttpResponse r =
            m_client->request(method, target, R"({"id":1,"title":"Changed","price":1})");
        QCOMPARE(r.status, 501);
        QVERIFY(r.json().object().value(u"error"_s)[u"message"_s].toString().contains(
            u"not supported yet"_s));
        const HttpResponse check =
            m_client->get("/api/v1/shop/_table/books?include_count=true&fields=title");
        QCOMPARE(check.json().object().value(u"meta"_s)[u"total"_s].toInt(), 3);
        QVERIFY(!check.body.contains("Changed"));
    }
};

QTEST_GUILESS_MAIN(TestHttpMysql)
#include "tst_http_mysql.moc"
