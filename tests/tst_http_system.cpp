// The system API over real HTTP (API.md §5): admin sessions only, services whose DSN password
// never reaches config.db nor a response, roles with structured filters, admins, API keys,
// the audit trail and info, each with its error paths.
#include "adminclient.h"
#include "api/apihandler.h"
#include "auth/apikey.h"
#include "authfixture.h"
#include "config/configstore.h"
#include "db/serviceregistry.h"
#include "http/httpserver.h"
#include "httpclient.h"
#include "pgserver.h"
#include "runtime/runtime.h"
#include "secrets/lockedsecretstore.h"
#include "secrets/secretbackend.h"
#include "secrets/servicesecrets.h"
#include "sqlitefile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpResponse;
using sluice::test::jsonBody;

namespace {

const QString kSecret = u"Sup3r-S3cret-pw"_s;
const QString kRoot = u"root@example.com"_s;
const QString kRootPassword = u"correct horse battery"_s;

bool makeSqlite(const QString &path, const QStringList &statements)
{
    bool ok = true;
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"system-setup"_s);
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString &sql : statements) {
            QSqlQuery q(db);
            if (ok && !q.exec(sql)) {
                qWarning().noquote() << sql << q.lastError().text();
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"system-setup"_s);
    return ok;
}

} // namespace

class TestHttpSystem : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_mainDb;
    QString m_shopDb;
    sluice::test::AuthFixture m_auth;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ServiceRegistry> m_registry;
    std::unique_ptr<HttpServer> m_server;
    sluice::test::AdminClient m_api; // signed in as root
    QByteArray m_anyKey; // an API key whose role may do everything

    // Every byte config.db keeps on disk, its write-ahead log included.
    QByteArray configBytes() { return sluice::test::sqliteBytesOnDisk(m_auth.config().path()); }
    QList<QJsonObject> auditEntries(const QByteArray &query)
    {
        const HttpResponse r = m_api.asAdmin("GET", "/api/v1/system/audit?" + query);
        QList<QJsonObject> out;
        for (const QJsonValue &v : r.resource())
            out << v.toObject();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_mainDb = m_dir.filePath(u"main.sqlite"_s);
        m_shopDb = m_dir.filePath(u"shop.sqlite"_s);
        QVERIFY(makeSqlite(m_mainDb,
                           { u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, "
                             "author_id INTEGER NOT NULL)"_s,
                             u"INSERT INTO books VALUES (1, 'Blindness', 1), (2, 'Seeing', 1), "
                             "(3, 'Ficciones', 2)"_s }));
        QVERIFY(makeSqlite(m_shopDb,
                           { u"CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT)"_s,
                             u"INSERT INTO products VALUES (1, 'kettle'), (2, 'teapot')"_s }));

        QVERIFY(m_auth.init());
        // An empty environment: no SLUICE_SECRET_* of the machine may shadow the file store.
        m_secrets = std::make_unique<LockedSecretStore>(
            makeSecretStore(m_auth.dataDir(), SecretBackend::File, QProcessEnvironment()));
        ServiceConfig main;
        main.name = u"main"_s;
        main.driver = u"sqlite"_s;
        main.dsn = m_mainDb;
        QVERIFY(m_auth.config().run([&](ConfigStore &store) { return store.addService(main); }));
        m_registry = std::make_unique<ServiceRegistry>(30'000);
        m_registry->setServices({ main });
        m_registry->refreshAll();

        m_anyKey = m_auth.createKey(u"any"_s, { u"*:*:*"_s }).toLatin1();
        QVERIFY(!m_anyKey.isEmpty());
        QVERIFY(m_auth.createAdmin(kRoot, kRootPassword) > 0);

        ApiContext context;
        context.registry = m_registry.get();
        m_auth.fill(context);
        context.secrets = m_secrets.get();
        ServerOptions options;
        options.port = 0;
        options.workers = 2;
        m_server = std::make_unique<HttpServer>(options, ApiHandler::factory(context));
        QVERIFY(m_server->start());
        m_api.setPort(m_server->port());
        QVERIFY(m_api.signInAsAdmin(kRoot, kRootPassword));
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_registry.reset();
    }

    void everyRouteNeedsAnAdminSession_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        const QList<std::pair<QByteArray, QByteArray>> routes = {
            { "GET", "/api/v1/system/service" },
            { "POST", "/api/v1/system/service" },
            { "GET", "/api/v1/system/service/main" },
            { "PUT", "/api/v1/system/service/main" },
            { "PATCH", "/api/v1/system/service/main" },
            { "DELETE", "/api/v1/system/service/main" },
            { "GET", "/api/v1/system/service/main/test" },
            { "POST", "/api/v1/system/connection/test" },
            { "GET", "/api/v1/system/role" },
            { "POST", "/api/v1/system/role" },
            { "GET", "/api/v1/system/role/any" },
            { "PUT", "/api/v1/system/role/any" },
            { "PATCH", "/api/v1/system/role/any" },
            { "DELETE", "/api/v1/system/role/any" },
            { "GET", "/api/v1/system/admin" },
            { "POST", "/api/v1/system/admin" },
            { "GET", "/api/v1/system/admin/1" },
            { "PUT", "/api/v1/system/admin/1" },
            { "PATCH", "/api/v1/system/admin/1" },
            { "DELETE", "/api/v1/system/admin/1" },
            { "POST", "/api/v1/system/admin/1/password" },
            { "GET", "/api/v1/system/api-key" },
            { "POST", "/api/v1/system/api-key" },
            { "GET", "/api/v1/system/api-key/1" },
            { "DELETE", "/api/v1/system/api-key/1" },
            { "POST", "/api/v1/system/api-key/1/revoke" },
            { "GET", "/api/v1/system/audit" },
            { "GET", "/api/v1/system/info" },
            { "GET", "/api/v1/system/explain?method=GET&path=/api/v1/main/_table/books" },
        };
        for (const auto &[method, target] : routes)
            QTest::addRow("%s %s", method.constData(), target.constData()) << method << target;
    }

    void everyRouteNeedsAnAdminSession()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        const QByteArray body = "{\"name\":\"x\"}";
        HttpResponse r = m_api.send(method, target, body);
        QCOMPARE(r.status, 401);
        r = m_api.withKey(method, target, m_anyKey, body);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorMessage(), u"The system API needs an admin session"_s);
        r = m_api.withBearer(method, target, "not.a.token", body);
        QCOMPARE(r.status, 401);
        // Nothing was changed by the refused calls.
        QVERIFY(m_registry->find(u"main"_s));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/role/any").status, 200);
    }

    void serviceLifecycle()
    {
        // Not served yet.
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/shop/_table").status, 404);
        HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/service",
                                       jsonBody({ { u"name"_s, u"shop"_s },
                                                  { u"driver"_s, u"sqlite"_s },
                                                  { u"dsn"_s, m_shopDb },
                                                  { u"label"_s, u"The shop"_s } }));
        QCOMPARE(r.status, 201);
        QJsonObject s = r.json().object();
        QCOMPARE(s.value(u"name"_s).toString(), u"shop"_s);
        QCOMPARE(s.value(u"label"_s).toString(), u"The shop"_s);
        QCOMPARE(s.value(u"dsn"_s).toString(), m_shopDb);
        QCOMPARE(s.value(u"read_only"_s).toBool(true), false);
        QVERIFY(!s.contains(u"schema_error"_s));

        // Usable at once, by an admin and by a key whose role covers every service.
        r = m_api.asAdmin("GET", "/api/v1/shop/_table/products");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.resource().size(), 2);
        QCOMPARE(m_api.withKey("GET", "/api/v1/shop/_table/products/2", m_anyKey).json()[u"name"_s],
                 u"teapot"_s);

        r = m_api.asAdmin("GET", "/api/v1/system/service");
        QCOMPARE(r.status, 200);
        QStringList names;
        for (const QJsonValue &v : r.resource())
            names << v[u"name"_s].toString();
        QCOMPARE(names, QStringList({ u"main"_s, u"shop"_s }));
        QCOMPARE(r.json().object()[u"meta"_s][u"count"_s].toInt(), 2);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/service/shop").json()[u"label"_s],
                 u"The shop"_s);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/service/shop/test").json()[u"ok"_s], true);

        // PATCH changes one field; read_only takes effect on the next request.
        r = m_api.asAdmin("PATCH", "/api/v1/system/service/shop", "{\"read_only\":true}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object()[u"label"_s], u"The shop"_s);
        QCOMPARE(r.json().object()[u"read_only"_s], true);
        QCOMPARE(m_api.asAdmin("POST", "/api/v1/shop/_table/products", "{\"name\":\"cup\"}").status,
                 403);
        // PUT replaces: what it leaves out takes its default.
        r = m_api.asAdmin("PUT", "/api/v1/system/service/shop",
                          jsonBody({ { u"driver"_s, u"sqlite"_s }, { u"dsn"_s, m_shopDb } }));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object()[u"label"_s], u""_s);
        QCOMPARE(r.json().object()[u"read_only"_s], false);
        QCOMPARE(m_api.asAdmin("POST", "/api/v1/shop/_table/products", "{\"name\":\"cup\"}").status,
                 201);

        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/shop").status, 200);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/shop/_table/products").status, 404);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/service/shop").status, 404);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/shop").status, 404);

        const QList<QJsonObject> entries = auditEntries("service=shop");
        QStringList actions;
        for (const QJsonObject &e : entries)
            actions << e[u"action"_s].toString();
        QCOMPARE(actions.first(), u"service.delete"_s); // newest first
        QCOMPARE(actions.last(), u"service.create"_s);
        QCOMPARE(actions.count(u"service.update"_s), 2);
        QVERIFY(actions.contains(u"data.write"_s));
        QCOMPARE(entries.last()[u"actor"_s].toString(), u"admin:"_s + kRoot);
        QCOMPARE(entries.last()[u"detail"_s], u"service shop (sqlite)"_s);
    }

    void serviceErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QByteArray post = "POST";
        const QByteArray list = "/api/v1/system/service";
        QTest::newRow("duplicate")
            << post << list << "{\"name\":\"main\",\"driver\":\"sqlite\",\"dsn\":\"/tmp/x.db\"}"_ba
            << 409 << u"already exists"_s;
        QTest::newRow("no name") << post << list
                                 << "{\"driver\":\"sqlite\",\"dsn\":\"/tmp/x.db\"}"_ba << 400
                                 << u"'name'"_s;
        QTest::newRow("no dsn") << post << list << "{\"name\":\"a\",\"driver\":\"sqlite\"}"_ba
                                << 400 << u"'dsn'"_s;
        QTest::newRow("bad name") << post << list
                                  << "{\"name\":\"a b\",\"driver\":\"sqlite\",\"dsn\":\"/x\"}"_ba
                                  << 400 << u"invalid service name"_s;
        QTest::newRow("reserved") << post << list
                                  << "{\"name\":\"system\",\"driver\":\"sqlite\",\"dsn\":\"/x\"}"_ba
                                  << 400 << u"reserved"_s;
        QTest::newRow("driver") << post << list
                                << "{\"name\":\"a\",\"driver\":\"oracle\",\"dsn\":\"/x\"}"_ba << 400
                                << u"unknown driver 'oracle'"_s;
        QTest::newRow("type")
            << post << list
            << "{\"name\":\"a\",\"driver\":\"sqlite\",\"dsn\":\"/x\",\"read_only\":\"yes\"}"_ba
            << 400 << u"'read_only'"_s;
        QTest::newRow("sqlite password")
            << post << list
            << "{\"name\":\"a\",\"driver\":\"sqlite\",\"dsn\":\"/x\",\"password\":\"p\"}"_ba << 400
            << u"takes no password"_s;
        QTest::newRow("bad pg dsn")
            << post << list
            << "{\"name\":\"a\",\"driver\":\"postgres\",\"dsn\":\"postgres://h:notaport/\"}"_ba
            << 400 << u"Invalid DSN"_s;
        QTest::newRow("not json") << post << list << "{nope"_ba << 400 << u"Invalid JSON"_s;
        QTest::newRow("array") << post << list << "[{}]"_ba << 400 << u"one JSON object"_s;
        QTest::newRow("rename") << "PATCH"_ba
                                << "/api/v1/system/service/main"_ba
                                << "{\"name\":\"other\"}"_ba << 400 << u"cannot be renamed"_s;
        QTest::newRow("put partial") << "PUT"_ba
                                     << "/api/v1/system/service/main"_ba
                                     << "{\"label\":\"x\"}"_ba << 400 << u"PUT replaces"_s;
        QTest::newRow("patch missing") << "PATCH"_ba
                                       << "/api/v1/system/service/nope"_ba
                                       << "{\"label\":\"x\"}"_ba << 404 << u"nope"_s;
        QTest::newRow("test missing")
            << "GET"_ba
            << "/api/v1/system/service/nope/test"_ba << QByteArray() << 404 << u"nope"_s;
        QTest::newRow("probe without dsn") << post << "/api/v1/system/connection/test"_ba
                                           << "{\"driver\":\"sqlite\"}"_ba << 400 << u"dsn"_s;
        QTest::newRow("probe missing file")
            << post << "/api/v1/system/connection/test"_ba
            << "{\"driver\":\"sqlite\",\"dsn\":\"/nonexistent/no.db\"}"_ba << 503
            << u"does not exist"_s;
    }

    void serviceErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        const HttpResponse r = m_api.asAdmin(method, target, body);
        QCOMPARE(r.status, status);
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
        // main is untouched.
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/main/_table/books").status, 200);
    }

    void probeAConnection()
    {
        HttpResponse r =
            m_api.asAdmin("POST", "/api/v1/system/connection/test",
                          jsonBody({ { u"driver"_s, u"sqlite"_s }, { u"dsn"_s, m_mainDb } }));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object(), QJsonObject({ { u"ok"_s, true } }));
        // Probing saves nothing.
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/service").resource().size(), 1);
    }

    void dsnPasswordIsNeverStoredNorShown()
    {
        // Port 1 on the loopback refuses at once: the service is saved, its schema waits.
        const QString dsn = u"postgres://app:%1@127.0.0.1:1/shop"_s.arg(kSecret);
        HttpResponse r = m_api.asAdmin(
            "POST", "/api/v1/system/service",
            jsonBody(
                { { u"name"_s, u"pg"_s }, { u"driver"_s, u"postgresql"_s }, { u"dsn"_s, dsn } }));
        QCOMPARE(r.status, 201);
        QVERIFY(!r.body.contains(kSecret.toUtf8()));
        QCOMPARE(r.json().object()[u"driver"_s], u"postgres"_s);
        QCOMPARE(r.json().object()[u"dsn"_s], u"postgres://app:***@127.0.0.1:1/shop"_s);
        QCOMPARE(r.json().object()[u"password_set"_s], true);
        QVERIFY(r.json().object().contains(u"schema_error"_s));

        // Served with the password, stored without it.
        const ServiceHandle served = m_registry->find(u"pg"_s);
        QVERIFY(served);
        QCOMPARE(served->config.password, kSecret);
        QVERIFY(!served->config.dsn.contains(kSecret));
        QCOMPARE(m_secrets->read(u"service/pg/password"_s).value(), kSecret);
        QVERIFY(!configBytes().contains(kSecret.toUtf8()));

        for (const QByteArray &target :
             { "/api/v1/system/service"_ba, "/api/v1/system/service/pg"_ba,
               "/api/v1/system/service/pg/test"_ba, "/api/v1/pg/_table"_ba }) {
            r = m_api.asAdmin("GET", target);
            QVERIFY2(!r.body.contains(kSecret.toUtf8()), target.constData());
            QVERIFY2(r.body.contains("***") || r.status >= 500, target.constData());
        }
        r = m_api.asAdmin("GET", "/api/v1/system/service/pg/test");
        QCOMPARE(r.status, 503);
        QVERIFY(!r.errorMessage().isEmpty());
        r = m_api.asAdmin("POST", "/api/v1/system/connection/test",
                          jsonBody({ { u"driver"_s, u"postgres"_s }, { u"dsn"_s, dsn } }));
        QCOMPARE(r.status, 503);
        QVERIFY(!r.body.contains(kSecret.toUtf8()));

        // Sending the listed (masked) DSN back keeps the password; a new one replaces it.
        const QString listed =
            m_api.asAdmin("GET", "/api/v1/system/service/pg").json()[u"dsn"_s].toString();
        r = m_api.asAdmin("PATCH", "/api/v1/system/service/pg",
                          jsonBody({ { u"dsn"_s, listed }, { u"label"_s, u"PG"_s } }));
        QCOMPARE(r.status, 200);
        QCOMPARE(m_registry->find(u"pg"_s)->config.password, kSecret);
        r = m_api.asAdmin(
            "PATCH", "/api/v1/system/service/pg",
            jsonBody({ { u"dsn"_s, u"host=127.0.0.1 port=1 user=app password='n3w-Secret'"_s } }));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object()[u"dsn"_s], u"host=127.0.0.1 port=1 user=app password=***"_s);
        QCOMPARE(m_registry->find(u"pg"_s)->config.password, u"n3w-Secret"_s);
        QCOMPARE(m_secrets->read(u"service/pg/password"_s).value(), u"n3w-Secret"_s);
        QVERIFY(!configBytes().contains("n3w-Secret"));
        // An explicit empty password removes it.
        r = m_api.asAdmin("PATCH", "/api/v1/system/service/pg", "{\"password\":\"\"}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object()[u"password_set"_s], false);
        QCOMPARE(m_secrets->read(u"service/pg/password"_s).error().kind, ErrorKind::NotFound);

        // Nor does the audit trail hold it.
        r = m_api.asAdmin("GET", "/api/v1/system/audit?service=pg");
        QCOMPARE(r.status, 200);
        QVERIFY(r.resource().size() >= 3);
        QVERIFY(!r.body.contains(kSecret.toUtf8()));
        QVERIFY(!r.body.contains("n3w-Secret"));

        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/pg").status, 200);
        QVERIFY(!m_registry->find(u"pg"_s));
    }

    // --driver odbc: the password inside an ODBC connection string (Pwd=, braces and all) goes to
    // the secret store as well, and listings show PWD=***.
    void odbcDsnPasswordIsNeverStoredNorShown()
    {
        const QString dsn =
            u"Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=1;Database=shop;Uid=app;Pwd={%1;}}x}"_s
                .arg(kSecret);
        HttpResponse r = m_api.asAdmin(
            "POST", "/api/v1/system/service",
            jsonBody(
                { { u"name"_s, u"viaodbc"_s }, { u"driver"_s, u"ODBC"_s }, { u"dsn"_s, dsn } }));
        QCOMPARE(r.status, 201);
        QVERIFY(!r.body.contains(kSecret.toUtf8()));
        QCOMPARE(r.json().object()[u"driver"_s], u"odbc"_s);
        const QString listed = r.json().object()[u"dsn"_s].toString();
        QCOMPARE(
            listed,
            u"Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=1;Database=shop;Uid=app;PWD=***"_s);
        QCOMPARE(r.json().object()[u"password_set"_s], true);
        QVERIFY(r.json().object().contains(u"schema_error"_s)); // nothing listens on port 1

        const ServiceHandle served = m_registry->find(u"viaodbc"_s);
        QVERIFY(served);
        QCOMPARE(served->config.password, kSecret + u";}x"_s);
        QVERIFY(!served->config.dsn.contains(kSecret));
        QCOMPARE(m_secrets->read(u"service/viaodbc/password"_s).value(), kSecret + u";}x"_s);
        QVERIFY(!configBytes().contains(kSecret.toUtf8()));
        r = m_api.asAdmin("GET", "/api/v1/system/service/viaodbc/test");
        QCOMPARE(r.status, 503);
        QVERIFY(!r.body.contains(kSecret.toUtf8()));

        // The listed DSN sent back keeps the password.
        r = m_api.asAdmin("PATCH", "/api/v1/system/service/viaodbc",
                          jsonBody({ { u"dsn"_s, listed } }));
        QCOMPARE(r.status, 200);
        QCOMPARE(m_registry->find(u"viaodbc"_s)->config.password, kSecret + u";}x"_s);

        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/viaodbc").status, 200);
    }

    // With a real PostgreSQL that wants a password: the one kept in the secret store is the one
    // the connection uses.
    void passwordFromTheSecretStoreConnects()
    {
        sluice::test::PgServer *pg = sluice::test::PgServer::shared();
        if (!pg)
            QSKIP("no PostgreSQL server binaries on this machine");
        QVERIFY(pg->exec(u"DROP TABLE IF EXISTS gadgets; CREATE TABLE gadgets (id int PRIMARY "
                         "KEY, name text); INSERT INTO gadgets VALUES (1, 'sprocket')"_s));
        HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/service",
                                       jsonBody({ { u"name"_s, u"pgreal"_s },
                                                  { u"driver"_s, u"postgres"_s },
                                                  { u"dsn"_s, pg->dsn() } }));
        QCOMPARE(r.status, 201);
        QVERIFY(!r.body.contains(pg->dsn().toUtf8()));
        QVERIFY(!m_registry->find(u"pgreal"_s)->config.dsn.contains(u":sluice@"_s));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/service/pgreal/test").status, 200);
        r = m_api.asAdmin("GET", "/api/v1/pgreal/_table/gadgets/1");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object()[u"name"_s], u"sprocket"_s);
        // A wrong password is refused by the server: proof the stored one was used.
        QCOMPARE(m_api.asAdmin("PATCH", "/api/v1/system/service/pgreal", "{\"password\":\"wrong\"}")
                     .status,
                 200);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/service/pgreal/test").status, 503);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/pgreal/_table/gadgets/1").status, 503);
        // And the right one again, live.
        QCOMPARE(m_api
                     .asAdmin("PATCH", "/api/v1/system/service/pgreal",
                              jsonBody({ { u"password"_s, pg->password() } }))
                     .status,
                 200);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/pgreal/_table/gadgets/1").status, 200);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/pgreal").status, 200);
    }

    void roleWithFiltersRoundTrips()
    {
        const QByteArray body =
            "{\"name\":\"author1\",\"description\":\"Saramago "
            "only\",\"rate_limit_per_minute\":600,\"access\":[{\"service\":\"main\",\"component\":"
            "\"_table/"
            "books\",\"verbs\":[\"GET\",\"POST\"],\"filters\":[{\"name\":\"author_id\","
            "\"operator\":\"=\",\"value\":1},{\"name\":\"title\",\"operator\":\"not "
            "like\",\"value\":\"O'B%\"}],\"filter_op\":\"AND\"},{\"service\":\"*\",\"component\":"
            "\"_schema\",\"verbs\":1,\"filter\":\"\"},{\"service\":\"main\",\"component\":\"_table/"
            "notes\",\"verbs\":\"*\",\"filter\":\"owner IN ('a', 'b') OR id BETWEEN 1 AND 5\"}]}";
        HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/role", body);
        QCOMPARE(r.status, 201);
        const QJsonObject created = r.json().object();
        QCOMPARE(created[u"name"_s], u"author1"_s);
        QCOMPARE(created[u"rate_limit_per_minute"_s], 600);
        const QJsonArray access = created[u"access"_s].toArray();
        QCOMPARE(access.size(), 3);
        QCOMPARE(access[0][u"filter"_s], u"author_id = 1 AND title NOT LIKE 'O''B%'"_s);
        QCOMPARE(access[0][u"verbs"_s], QJsonArray({ u"GET"_s, u"POST"_s }));
        QCOMPARE(access[0][u"filter_op"_s], u"AND"_s);
        const QJsonArray filters = access[0][u"filters"_s].toArray();
        QCOMPARE(filters.size(), 2);
        QCOMPARE(
            filters[0].toObject(),
            QJsonObject(
                { { u"name"_s, u"author_id"_s }, { u"operator"_s, u"="_s }, { u"value"_s, 1 } }));
        QCOMPARE(filters[1].toObject(),
                 QJsonObject({ { u"name"_s, u"title"_s },
                               { u"operator"_s, u"NOT LIKE"_s },
                               { u"value"_s, u"O'B%"_s } }));
        QCOMPARE(access[1][u"verbs"_s], QJsonArray({ u"GET"_s }));
        QCOMPARE(access[1][u"filters"_s], QJsonArray());
        QCOMPARE(access[2][u"verbs"_s].toArray().size(), 5);
        QCOMPARE(access[2][u"filter_op"_s], u"OR"_s);
        QCOMPARE(access[2][u"filters"_s][0][u"value"_s], QJsonArray({ u"a"_s, u"b"_s }));
        QCOMPARE(access[2][u"filters"_s][1][u"value"_s], QJsonArray({ 1, 5 }));

        // By id and by name alike; the structured form goes back in unchanged.
        const QByteArray id = QByteArray::number(created[u"id"_s].toInteger());
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/role/" + id).json().object(), created);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/role/author1").json().object(), created);
        QJsonObject again = created;
        again.remove(u"id"_s);
        again[u"name"_s] = u"author1-copy"_s;
        r = m_api.asAdmin("POST", "/api/v1/system/role", jsonBody(again));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().object()[u"access"_s], created[u"access"_s]);

        // The stored rule governs data at once.
        r = m_api.asAdmin("POST", "/api/v1/system/api-key",
                          "{\"role\":\"author1\",\"label\":\"t\"}");
        QCOMPARE(r.status, 201);
        const QByteArray key = r.json().object()[u"api_key"_s].toString().toLatin1();
        r = m_api.withKey("GET", "/api/v1/main/_table/books", key);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.resource().size(), 2);
        QCOMPARE(m_api.withKey("DELETE", "/api/v1/main/_table/books/1", key).status, 403);

        // PATCH keeps the rules it is not given; PUT replaces them.
        r = m_api.asAdmin("PATCH", "/api/v1/system/role/author1", "{\"description\":\"changed\"}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object()[u"access"_s].toArray().size(), 3);
        QCOMPARE(r.json().object()[u"rate_limit_per_minute"_s], 600);
        r = m_api.asAdmin("PUT", "/api/v1/system/role/author1",
                          "{\"access\":[{\"service\":\"main\",\"component\":\"_table/"
                          "books\",\"verbs\":[\"GET\"]}]}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object()[u"access"_s].toArray().size(), 1);
        QCOMPARE(r.json().object()[u"description"_s], u""_s);
        QCOMPARE(r.json().object()[u"rate_limit_per_minute"_s], 0);
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", key).resource().size(), 3);

        // In use: 409 naming the keys; unused: gone.
        r = m_api.asAdmin("DELETE", "/api/v1/system/role/author1");
        QCOMPARE(r.status, 409);
        QVERIFY2(r.errorMessage().contains(u"1 API key"_s), qPrintable(r.errorMessage()));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/role/author1").status, 200);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/role/author1-copy").status, 200);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/role/author1-copy").status, 404);

        QStringList actions;
        for (const QJsonObject &e : auditEntries("limit=6"))
            actions << e[u"action"_s].toString();
        QVERIFY(actions.contains(u"role.delete"_s));
        QVERIFY(actions.contains(u"role.update"_s));
    }

    void roleErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const auto rule = [](const QByteArray &inner) -> QByteArray {
            return "{\"name\":\"bad\",\"access\":[{\"service\":\"main\",\"component\":\"_table/"
                   "books\","
                + inner + "}]}";
        };
        QTest::newRow("no name") << "{\"access\":[]}"_ba << 400 << u"'name'"_s;
        QTest::newRow("bad name") << "{\"name\":\"a b\"}"_ba << 400 << u"name"_s;
        QTest::newRow("taken") << "{\"name\":\"any\"}"_ba << 409 << u"any"_s;
        QTest::newRow("access not array")
            << "{\"name\":\"bad\",\"access\":{}}"_ba << 400 << u"'access'"_s;
        QTest::newRow("invalid filter")
            << rule("\"verbs\":[\"GET\"],\"filter\":\"author_id = = 1\"") << 400
            << u"Invalid row filter"_s;
        QTest::newRow("unbalanced")
            << rule("\"verbs\":[\"GET\"],\"filter\":\"(a = 1\"") << 400 << u"Invalid row filter"_s;
        QTest::newRow("unknown operator") << rule(
            "\"verbs\":[\"GET\"],\"filters\":[{\"name\":\"a\",\"operator\":\"~\",\"value\":1}]")
                                          << 400 << u"unknown operator '~'"_s;
        QTest::newRow("column injection") << rule("\"verbs\":[\"GET\"],\"filters\":[{\"name\":\"a "
                                                  "= 1 OR b\",\"operator\":\"=\",\"value\":1}]")
                                          << 400 << u"column name"_s;
        QTest::newRow("null value") << rule(
            "\"verbs\":[\"GET\"],\"filters\":[{\"name\":\"a\",\"operator\":\"=\",\"value\":null}]")
                                    << 400 << u"IS NULL"_s;
        QTest::newRow("between one") << rule("\"verbs\":[\"GET\"],\"filters\":[{\"name\":\"a\","
                                             "\"operator\":\"between\",\"value\":[1]}]")
                                     << 400 << u"BETWEEN"_s;
        QTest::newRow("is null value") << rule("\"verbs\":[\"GET\"],\"filters\":[{\"name\":\"a\","
                                               "\"operator\":\"is null\",\"value\":1}]")
                                       << 400 << u"takes no value"_s;
        QTest::newRow("filter_op") << rule("\"verbs\":[\"GET\"],\"filter_op\":\"XOR\",\"filters\":["
                                           "{\"name\":\"a\",\"operator\":\"=\",\"value\":1}]")
                                   << 400 << u"filter_op"_s;
        QTest::newRow("forms disagree")
            << rule("\"verbs\":[\"GET\"],\"filter\":\"a = 2\","
                    "\"filters\":[{\"name\":\"a\",\"operator\":\"=\",\"value\":1}]")
            << 400 << u"say different things"_s;
        QTest::newRow("bad verb") << rule("\"verbs\":[\"GET\",\"FETCH\"]") << 400 << u"FETCH"_s;
        QTest::newRow("no verbs") << rule("\"verbs\":[]") << 400 << u"verbs"_s;
        QTest::newRow("mask") << rule("\"verbs\":32") << 400 << u"mask"_s;
        QTest::newRow("component")
            << "{\"name\":\"bad\",\"access\":[{\"service\":\"main\",\"component\":\"tables\",\"verbs\":1}]}"_ba
            << 400 << u"Invalid component"_s;
        QTest::newRow("rate limit") << "{\"name\":\"bad\",\"rate_limit_per_minute\":-1}"_ba << 400
                                    << u"rate_limit_per_minute"_s;
    }

    void roleErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        const HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/role", body);
        QCOMPARE(r.status, status);
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/role/bad").status, 404);
        // The same checks guard updates.
        if (status == 400 && body.contains("\"access\":[{")) {
            const HttpResponse u = m_api.asAdmin("PATCH", "/api/v1/system/role/any",
                                                 body.replace("\"name\":\"bad\",", ""));
            QCOMPARE(u.status, 400);
            QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/role/any")
                         .json()[u"access"_s][0][u"component"_s],
                     u"*"_s);
        }
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/role/nope").status, 404);
    }

    void adminLifecycle()
    {
        // Weak password, bad email, duplicate.
        HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/admin",
                                       "{\"email\":\"ann@example.com\",\"password\":\"short\"}");
        QCOMPARE(r.status, 400);
        QVERIFY(r.errorMessage().contains(u"8"_s));
        QCOMPARE(m_api
                     .asAdmin("POST", "/api/v1/system/admin",
                              "{\"email\":\"not an email\",\"password\":\"long enough pw\"}")
                     .status,
                 400);
        QCOMPARE(m_api
                     .asAdmin("POST", "/api/v1/system/admin",
                              jsonBody({ { u"email"_s, kRoot },
                                         { u"password"_s, u"long enough pw"_s } }))
                     .status,
                 409);

        r = m_api.asAdmin("POST", "/api/v1/system/admin",
                          "{\"email\":\"ann@example.com\",\"password\":\"ann's long "
                          "password\",\"name\":\"Ann\"}");
        QCOMPARE(r.status, 201);
        const QJsonObject ann = r.json().object();
        QCOMPARE(ann[u"name"_s], u"Ann"_s);
        QCOMPARE(ann[u"disabled"_s], false);
        const QByteArray annId = QByteArray::number(ann[u"id"_s].toInteger());
        r = m_api.asAdmin("GET", "/api/v1/system/admin");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.resource().size(), 2);
        QVERIFY(!r.body.contains("argon2"));
        QVERIFY(!r.body.contains("hash"));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/admin/" + annId).json().object(), ann);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/admin/999").status, 404);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/admin/abc").status, 404);

        // Ann signs in; her session works until she is disabled, then at once it does not.
        QByteArray annToken = m_api.signIn(u"ann@example.com"_s, u"ann's long password"_s);
        QVERIFY(!annToken.isEmpty());
        QCOMPARE(m_api.withBearer("GET", "/api/v1/system/info", annToken).status, 200);
        r = m_api.asAdmin("PATCH", "/api/v1/system/admin/" + annId,
                          "{\"disabled\":true,\"name\":\"A.\"}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object()[u"disabled"_s], true);
        QCOMPARE(r.json().object()[u"name"_s], u"A."_s);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/system/info", annToken).status, 401);
        int status = 0;
        m_api.signIn(u"ann@example.com"_s, u"ann's long password"_s, &status);
        QCOMPARE(status, 401);
        QCOMPARE(
            m_api.asAdmin("PATCH", "/api/v1/system/admin/" + annId, "{\"disabled\":false}").status,
            200);
        annToken = m_api.signIn(u"ann@example.com"_s, u"ann's long password"_s);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/system/info", annToken).status, 200);

        // Passwords: another admin's needs no current one, and ends their sessions.
        QCOMPARE(m_api
                     .asAdmin("POST", "/api/v1/system/admin/" + annId + "/password",
                              "{\"password\":\"tiny\"}")
                     .status,
                 400);
        r = m_api.asAdmin("POST", "/api/v1/system/admin/" + annId + "/password",
                          "{\"password\":\"ann's second password\"}");
        QCOMPARE(r.status, 200);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/system/info", annToken).status, 401);
        annToken = m_api.signIn(u"ann@example.com"_s, u"ann's second password"_s);
        QVERIFY(!annToken.isEmpty());
        // Her own: current_password required and checked.
        const QByteArray own = "/api/v1/system/admin/" + annId + "/password";
        r = m_api.withBearer("POST", own, annToken, "{\"password\":\"ann's third password\"}");
        QCOMPARE(r.status, 400);
        QVERIFY(r.errorMessage().contains(u"current_password"_s));
        r = m_api.withBearer(
            "POST", own, annToken,
            "{\"password\":\"ann's third password\",\"current_password\":\"wrong one\"}");
        QCOMPARE(r.status, 403);
        r = m_api.withBearer("POST", own, annToken,
                             "{\"password\":\"ann's third password\",\"current_password\":"
                             "\"ann's second password\"}");
        QCOMPARE(r.status, 200);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/system/info", annToken).status, 401);
        annToken = m_api.signIn(u"ann@example.com"_s, u"ann's third password"_s);
        QVERIFY(!annToken.isEmpty());

        // Nobody deletes or disables themselves; root deletes Ann, whose session dies with her.
        QByteArray rootId;
        for (const QJsonValue &v : m_api.asAdmin("GET", "/api/v1/system/admin").resource()) {
            if (v[u"email"_s] == kRoot)
                rootId = QByteArray::number(v[u"id"_s].toInteger());
        }
        QVERIFY(!rootId.isEmpty());
        r = m_api.withBearer("DELETE", "/api/v1/system/admin/" + annId, annToken);
        QCOMPARE(r.status, 409);
        QVERIFY(r.errorMessage().contains(u"your own"_s));
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/admin/" + rootId).status, 409);
        QCOMPARE(
            m_api.asAdmin("PATCH", "/api/v1/system/admin/" + rootId, "{\"disabled\":true}").status,
            409);
        QCOMPARE(
            m_api.asAdmin("PATCH", "/api/v1/system/admin/" + rootId, "{\"password\":\"x\"}").status,
            400);
        QCOMPARE(m_api
                     .asAdmin("PATCH", "/api/v1/system/admin/" + annId,
                              jsonBody({ { u"email"_s, kRoot } }))
                     .status,
                 409);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/admin/" + annId).status, 200);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/system/info", annToken).status, 401);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/admin/" + annId).status, 404);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/info").status, 200); // root is still in

        QStringList actions;
        for (const QJsonObject &e : auditEntries("actor=admin:" + kRoot.toUtf8() + "&limit=20"))
            actions << e[u"action"_s].toString();
        for (const QString &action :
             { u"admin.create"_s, u"admin.update"_s, u"admin.password"_s, u"admin.delete"_s })
            QVERIFY2(actions.contains(action), qPrintable(action));
        QVERIFY(!auditEntries("limit=50").isEmpty());
        QVERIFY(!m_api.asAdmin("GET", "/api/v1/system/audit?limit=1000")
                     .body.contains("third password"));
    }

    void apiKeyLifecycle()
    {
        HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/role",
                                       "{\"name\":\"reader\",\"access\":[{\"service\":\"main\","
                                       "\"component\":\"_table/*\",\"verbs\":[\"GET\"]}]}");
        QCOMPARE(r.status, 201);
        r = m_api.asAdmin(
            "POST", "/api/v1/system/api-key",
            "{\"role\":\"reader\",\"label\":\"ci\",\"expires_in_days\":30,\"rate_limit_per_"
            "minute\":100}");
        QCOMPARE(r.status, 201);
        const QJsonObject created = r.json().object();
        const QString plaintext = created[u"api_key"_s].toString();
        QVERIFY(looksLikeApiKey(plaintext));
        QCOMPARE(created[u"key_prefix"_s].toString(), plaintext.left(15));
        QCOMPARE(created[u"role"_s], u"reader"_s);
        QCOMPARE(created[u"label"_s], u"ci"_s);
        QCOMPARE(created[u"rate_limit_per_minute"_s], 100);
        const QDateTime expires =
            QDateTime::fromString(created[u"expires_at"_s].toString(), Qt::ISODateWithMs);
        QVERIFY(expires > QDateTime::currentDateTimeUtc().addDays(29));
        QVERIFY(expires < QDateTime::currentDateTimeUtc().addDays(31));
        QCOMPARE(created[u"revoked_at"_s], QJsonValue::Null);
        QVERIFY(!created.contains(u"key_hash"_s));

        // It works, within its role.
        const QByteArray key = plaintext.toLatin1();
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", key).status, 200);
        QCOMPARE(
            m_api.withKey("POST", "/api/v1/main/_table/books", key, "{\"title\":\"x\"}").status,
            403);

        // Listed and fetched without the key itself, with its last use.
        const QByteArray id = QByteArray::number(created[u"id"_s].toInteger());
        r = m_api.asAdmin("GET", "/api/v1/system/api-key");
        QCOMPARE(r.status, 200);
        QVERIFY(!r.body.contains(key));
        QVERIFY(!r.body.contains(hashApiKey(plaintext).toLatin1()));
        QJsonObject listed;
        for (const QJsonValue &v : r.resource()) {
            if (v[u"id"_s].toInteger() == created[u"id"_s].toInteger())
                listed = v.toObject();
        }
        QCOMPARE(listed[u"key_prefix"_s], created[u"key_prefix"_s]);
        QVERIFY(listed[u"last_used"_s].isString());
        r = m_api.asAdmin("GET", "/api/v1/system/api-key/" + id);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.json().object().contains(u"api_key"_s));
        QCOMPARE(r.json().object()[u"label"_s], u"ci"_s);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/api-key/" + plaintext.left(15).toLatin1())
                     .json()[u"id"_s]
                     .toInteger(),
                 created[u"id"_s].toInteger());

        // Revoked: the very next request with it is 401.
        r = m_api.asAdmin("DELETE", "/api/v1/system/api-key/" + id);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().object()[u"revoked_at"_s].isString());
        r = m_api.withKey("GET", "/api/v1/main/_table/books", key);
        QCOMPARE(r.status, 401);
        QVERIFY(r.errorMessage().contains(u"revoked"_s));

        // The other spelling, by role id.
        const qint64 roleId =
            m_api.asAdmin("GET", "/api/v1/system/role/reader").json()[u"id"_s].toInteger();
        r = m_api.asAdmin("POST", "/api/v1/system/api-key",
                          jsonBody({ { u"role"_s, roleId },
                                     { u"expires_at"_s, u"2099-01-01T00:00:00+02:00"_s } }));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().object()[u"expires_at"_s], u"2098-12-31T22:00:00.000Z"_s);
        const QByteArray second = r.json().object()[u"api_key"_s].toString().toLatin1();
        const QByteArray secondId = QByteArray::number(r.json().object()[u"id"_s].toInteger());
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", second).status, 200);
        QCOMPARE(m_api.asAdmin("POST", "/api/v1/system/api-key/" + secondId + "/revoke").status,
                 200);
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", second).status, 401);

        QStringList actions;
        for (const QJsonObject &e : auditEntries("action=api_key.revoke"))
            actions << e[u"detail"_s].toString();
        QCOMPARE(actions.size(), 2);
        QVERIFY(actions.first().contains(QString::fromLatin1(second.left(15))));
        QVERIFY(!m_api.asAdmin("GET", "/api/v1/system/audit?limit=1000").body.contains(second));
    }

    // Faucet's body: {"label", "role_id"}, the id a number or a numeric string.
    void apiKeyByRoleId()
    {
        HttpResponse r =
            m_api.asAdmin("POST", "/api/v1/system/role",
                          "{\"name\":\"faucetreader\",\"access\":[{\"service\":\"main\","
                          "\"component\":\"_table/*\",\"verbs\":[\"GET\"]}]}");
        QCOMPARE(r.status, 201);
        const qint64 roleId = r.json().object()[u"id"_s].toInteger();
        for (const QJsonValue &id : { QJsonValue(roleId), QJsonValue(QString::number(roleId)) }) {
            r = m_api.asAdmin("POST", "/api/v1/system/api-key",
                              jsonBody({ { u"label"_s, u"faucet"_s }, { u"role_id"_s, id } }));
            QCOMPARE(r.status, 201);
            const QJsonObject created = r.json().object();
            QCOMPARE(created[u"role"_s], u"faucetreader"_s);
            QCOMPARE(created[u"role_id"_s].toInteger(), roleId);
            QCOMPARE(created[u"label"_s], u"faucet"_s);
            const QByteArray key = created[u"api_key"_s].toString().toLatin1();
            QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", key).status, 200);
            QCOMPARE(
                m_api.withKey("POST", "/api/v1/main/_table/books", key, "{\"title\":\"x\"}").status,
                403);
        }
        // Both fields, naming the same role.
        r = m_api.asAdmin("POST", "/api/v1/system/api-key",
                          jsonBody({ { u"role"_s, u"faucetreader"_s }, { u"role_id"_s, roleId } }));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().object()[u"role_id"_s].toInteger(), roleId);
        // Naming two roles is a mistake, not a choice between them.
        const int before = m_api.asAdmin("GET", "/api/v1/system/api-key").resource().size();
        r = m_api.asAdmin("POST", "/api/v1/system/api-key",
                          jsonBody({ { u"role"_s, u"any"_s }, { u"role_id"_s, roleId } }));
        QCOMPARE(r.status, 400);
        QVERIFY2(r.errorMessage().contains(u"name different roles ('any' and 'faucetreader')"_s),
                 qPrintable(r.errorMessage()));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/api-key").resource().size(), before);
    }

    void apiKeyErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("no role") << "{\"label\":\"x\"}"_ba << u"'role'"_s;
        QTest::newRow("unknown role") << "{\"role\":\"ghost\"}"_ba << u"no role 'ghost'"_s;
        QTest::newRow("unknown role_id")
            << "{\"label\":\"x\",\"role_id\":9999}"_ba << u"'role_id': no role with id 9999"_s;
        QTest::newRow("unknown role_id as text")
            << "{\"role_id\":\"9999\"}"_ba << u"'role_id': no role with id 9999"_s;
        QTest::newRow("role_id not a number")
            << "{\"role_id\":\"any\"}"_ba << u"'role_id' must be a role's id"_s;
        QTest::newRow("role_id fractional")
            << "{\"role_id\":1.5}"_ba << u"'role_id' must be a role's id"_s;
        QTest::newRow("role, and a role_id naming none")
            << "{\"role\":\"any\",\"role_id\":9999}"_ba << u"'role_id': no role with id 9999"_s;
        QTest::newRow("both expiries")
            << "{\"role\":\"any\",\"expires_in_days\":1,\"expires_at\":\"2099-01-01T00:00:00Z\"}"_ba
            << u"not both"_s;
        QTest::newRow("past") << "{\"role\":\"any\",\"expires_at\":\"2001-01-01T00:00:00Z\"}"_ba
                              << u"past"_s;
        QTest::newRow("not a time")
            << "{\"role\":\"any\",\"expires_at\":\"next tuesday\"}"_ba << u"RFC 3339"_s;
        QTest::newRow("no offset")
            << "{\"role\":\"any\",\"expires_at\":\"2099-01-01T00:00:00\"}"_ba << u"RFC 3339"_s;
        QTest::newRow("zero days")
            << "{\"role\":\"any\",\"expires_in_days\":0}"_ba << u"expires_in_days"_s;
        QTest::newRow("fractional days")
            << "{\"role\":\"any\",\"expires_in_days\":1.5}"_ba << u"expires_in_days"_s;
        QTest::newRow("rate") << "{\"role\":\"any\",\"rate_limit_per_minute\":\"fast\"}"_ba
                              << u"rate_limit_per_minute"_s;
    }

    void apiKeyErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const int before = m_api.asAdmin("GET", "/api/v1/system/api-key").resource().size();
        const HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/api-key", body);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/api-key").resource().size(), before);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/api-key/9999").status, 404);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/api-key/9999").status, 404);
        QCOMPARE(m_api.asAdmin("POST", "/api/v1/system/api-key/x/revoke").status, 404);
    }

    // Mutual TLS: "client_cert" binds a certificate's SHA-256 (as openssl computes it) to the
    // new key; listings show it; a certificate is one key's; a key without one shows null.
    void apiKeyClientCertificate()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess openssl;
        openssl.setWorkingDirectory(dir.path());
        openssl.start(u"openssl"_s,
                      { u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                        u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s, u"client.key"_s,
                        u"-out"_s, u"client.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                        u"/CN=client"_s });
        QVERIFY(openssl.waitForFinished(60'000) && openssl.exitCode() == 0);
        openssl.start(
            u"openssl"_s,
            { u"x509"_s, u"-in"_s, u"client.pem"_s, u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s });
        QVERIFY(openssl.waitForFinished(60'000) && openssl.exitCode() == 0);
        const QString sha256 = QString::fromLatin1(openssl.readAllStandardOutput())
                                   .section(u'=', 1)
                                   .trimmed()
                                   .remove(u':')
                                   .toLower();
        QCOMPARE(sha256.size(), 64);
        QFile pemFile(dir.filePath(u"client.pem"_s));
        QVERIFY(pemFile.open(QIODevice::ReadOnly));
        const QString pem = QString::fromLatin1(pemFile.readAll());

        HttpResponse r =
            m_api.asAdmin("POST", "/api/v1/system/role",
                          "{\"name\":\"certified\",\"access\":[{\"service\":"
                          "\"main\",\"component\":\"_table/*\",\"verbs\":[\"GET\"]}]}");
        QCOMPARE(r.status, 201);
        r = m_api.asAdmin("POST", "/api/v1/system/api-key",
                          jsonBody({ { u"role"_s, u"certified"_s }, { u"client_cert"_s, pem } }));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json()[u"client_cert_sha256"_s].toString(), sha256);
        const qint64 id = r.json()[u"id"_s].toInteger();
        QVERIFY(auditEntries("action=api_key.create")
                    .value(0)[u"detail"_s]
                    .toString()
                    .contains(sha256));
        r = m_api.asAdmin("GET", "/api/v1/system/api-key");
        bool listed = false;
        for (const QJsonValue &key : r.resource()) {
            if (key[u"id"_s].toInteger() == id) {
                QCOMPARE(key[u"client_cert_sha256"_s].toString(), sha256);
                listed = true;
            } else {
                QVERIFY(key.toObject().contains(u"client_cert_sha256"_s));
            }
        }
        QVERIFY(listed);
        QVERIFY(!r.body.contains("BEGIN CERTIFICATE"));

        // One certificate, one key.
        r = m_api.asAdmin("POST", "/api/v1/system/api-key",
                          jsonBody({ { u"role"_s, u"certified"_s }, { u"client_cert"_s, pem } }));
        QCOMPARE(r.status, 409);
        QVERIFY2(r.errorMessage().contains(u"already bound"_s), qPrintable(r.errorMessage()));
        r = m_api.asAdmin("POST", "/api/v1/system/api-key",
                          jsonBody({ { u"role"_s, u"certified"_s },
                                     { u"client_cert"_s, u"not a certificate"_s } }));
        QCOMPARE(r.status, 400);
        QVERIFY2(r.errorMessage().contains(u"'client_cert' holds no PEM certificate"_s),
                 qPrintable(r.errorMessage()));
        r = m_api.asAdmin("POST", "/api/v1/system/api-key",
                          jsonBody({ { u"role"_s, u"certified"_s } }));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json()[u"client_cert_sha256"_s], QJsonValue(QJsonValue::Null));
    }

    void auditQueries()
    {
        // Something of every kind: a change, a refused sign-in, data written.
        QCOMPARE(m_api.asAdmin("POST", "/api/v1/system/role", "{\"name\":\"audited\"}").status,
                 201);
        int status = 0;
        m_api.signIn(kRoot, u"wrong password"_s, &status);
        QCOMPARE(status, 401);

        HttpResponse r = m_api.asAdmin("GET", "/api/v1/system/audit");
        QCOMPARE(r.status, 200);
        const QJsonObject meta = r.json().object()[u"meta"_s].toObject();
        QCOMPARE(meta[u"limit"_s], 100);
        QCOMPARE(meta[u"offset"_s], 0);
        QVERIFY(meta[u"total"_s].toInteger() >= meta[u"count"_s].toInteger());
        const QJsonObject newest = r.resource().first().toObject();
        for (const QString &key :
             { u"id"_s, u"at"_s, u"actor"_s, u"action"_s, u"status"_s, u"request_id"_s })
            QVERIFY2(newest.contains(key), qPrintable(key));

        QList<QJsonObject> entries = auditEntries("action=role.create");
        QVERIFY(!entries.isEmpty());
        for (const QJsonObject &e : entries) {
            QCOMPARE(e[u"action"_s], u"role.create"_s);
            QCOMPARE(e[u"status"_s], 201);
            QCOMPARE(e[u"verb"_s], u"POST"_s);
        }
        QCOMPARE(entries.first()[u"detail"_s], u"role audited (0 rules)"_s);
        entries = auditEntries("actor=admin:" + kRoot.toUtf8() + "&action=auth.login");
        QVERIFY(entries.size() >= 2);
        QCOMPARE(entries.first()[u"status"_s], 401); // newest first: the failed one

        r = m_api.asAdmin("GET", "/api/v1/system/audit?limit=1&offset=1");
        QCOMPARE(r.resource().size(), 1);
        QCOMPARE(r.json().object()[u"meta"_s][u"count"_s], 1);
        QCOMPARE(r.json().object()[u"meta"_s][u"offset"_s], 1);
        QCOMPARE(r.json().object()[u"meta"_s][u"total"_s],
                 meta[u"total"_s]); // reads are not audited

        const QByteArray future =
            QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate).toLatin1();
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/audit?since=" + future).resource().size(), 0);
        QVERIFY(m_api.asAdmin("GET", "/api/v1/system/audit?until=" + future).resource().size() > 0);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/audit?until=2001-01-01").resource().size(),
                 0);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/audit?service=nothing").resource().size(), 0);

        for (const QByteArray &bad :
             { "since=yesterday"_ba, "until=2024-13-01T00:00:00Z"_ba, "limit=0"_ba, "limit=1001"_ba,
               "limit=ten"_ba, "offset=-1"_ba }) {
            r = m_api.asAdmin("GET", "/api/v1/system/audit?" + bad);
            QCOMPARE(r.status, 400);
            QVERIFY2(r.errorMessage().contains(QString::fromLatin1(bad.left(bad.indexOf('=')))),
                     bad.constData());
        }
    }

    // `sluice serve` after a restart: the runtime takes each service's password from the
    // secret store it opens (secrets.backend) and hands that store to the system API.
    void runtimeLoadsStoredPasswords()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        auto config = ConfigService::open(dataDir.path());
        QVERIFY(config);
        ServiceConfig pg;
        pg.name = u"stored"_s;
        pg.driver = u"postgres"_s;
        pg.dsn = u"postgres://app@127.0.0.1:1/shop"_s;
        QVERIFY((*config)->run([&](ConfigStore &store) { return store.addService(pg); }));
        {
            auto store =
                makeSecretStore(dataDir.path(), SecretBackend::File, QProcessEnvironment());
            QVERIFY(store->write(servicePasswordKey(u"stored"_s), kSecret));
        }
        Settings settings;
        settings.server.port = 0;
        settings.server.workers = 1;
        settings.secrets.backend = u"file"_s;
        Runtime runtime(settings, **config, generateSecret(32));
        QVERIFY(runtime.start({ pg }));
        QVERIFY(runtime.secrets());
        QCOMPARE(runtime.secrets()->name(), u"file"_s);
        const ServiceHandle served = runtime.registry().find(u"stored"_s);
        QVERIFY(served);
        QCOMPARE(served->config.password, kSecret);
        QCOMPARE(served->config.dsn, pg.dsn);
        runtime.stop();
    }

    void explain()
    {
        const QByteArray key =
            m_auth
                .createKey(
                    u"explained"_s,
                    { u"main:_table/authors:GET"_s,
                      u"main:_table/books:GET:author_id = '{key.id}' OR title = '{key.label}'"_s })
                .toLatin1();
        QVERIFY(!key.isEmpty());
        const QByteArray prefix = key.left(15);
        // The key's GET of books: rule 2, its filter filled in as the key's requests have it.
        HttpResponse r = m_api.asAdmin("GET",
                                       "/api/v1/system/explain?method=GET&path=/api/v1/main/_table/"
                                       "books/3&key="
                                           + prefix);
        QCOMPARE(r.status, 200);
        QJsonObject o = r.json().object();
        QCOMPARE(o[u"allowed"_s], true);
        QCOMPARE(o[u"status"_s], 200);
        QCOMPARE(o[u"role"_s], u"explained"_s);
        QCOMPARE(o[u"identity"_s][u"kind"_s], u"api_key"_s);
        QCOMPARE(o[u"identity"_s][u"key_prefix"_s], QString::fromLatin1(prefix));
        QCOMPARE(o[u"request"_s][u"component"_s], u"_table/books"_s);
        QCOMPARE(o[u"rule"_s][u"position"_s], 2);
        const QString keyId = o[u"identity"_s][u"key_id"_s].toVariant().toString();
        const QString label = o[u"identity"_s][u"key_label"_s].toString();
        QCOMPARE(o[u"row_filter"_s], u"author_id = '%1' OR title = '%2'"_s.arg(keyId, label));
        // What it says is what the request path does: the key reads books, may not write them.
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", key).status, 200);

        r = m_api.asAdmin("GET",
                          "/api/v1/system/explain?method=DELETE&path=/api/v1/main/_table/books&key="
                              + prefix);
        QCOMPARE(r.status, 200);
        o = r.json().object();
        QCOMPARE(o[u"allowed"_s], false);
        QCOMPARE(o[u"status"_s], 403);
        QCOMPARE(o[u"outcome"_s], u"no_verb_rule"_s);
        QCOMPARE(o[u"rule"_s][u"position"_s], 2);
        QCOMPARE(o[u"row_filter"_s], QJsonValue());
        QCOMPARE(m_api.withKey("DELETE", "/api/v1/main/_table/books/1", key).status, 403);

        // As a role, by name; and the calling admin without key or role.
        r = m_api.asAdmin(
            "GET", "/api/v1/system/explain?method=GET&path=/api/v1/main/_schema&role=explained");
        o = r.json().object();
        QCOMPARE(o[u"identity"_s][u"kind"_s], u"role"_s);
        QCOMPARE(o[u"outcome"_s], u"no_component_rule"_s);
        QCOMPARE(o[u"rule"_s][u"position"_s], 1);
        QVERIFY(!o[u"note"_s].toString().isEmpty()); // listings are shaped, not just allowed
        r = m_api.asAdmin("GET", "/api/v1/system/explain?method=POST&path=/api/v1/main/_sql");
        o = r.json().object();
        QCOMPARE(o[u"identity"_s][u"kind"_s], u"admin"_s);
        QCOMPARE(o[u"identity"_s][u"email"_s], kRoot);
        QCOMPARE(o[u"allowed"_s], true);

        // Bad questions.
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/explain?method=GET").status, 400);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/explain?method=GET&path=/healthz").status,
                 400);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/explain?method=GET&path=/api/v1/nope/_table")
                     .status,
                 404);
        QCOMPARE(m_api
                     .asAdmin("GET",
                              "/api/v1/system/explain?method=GET&path=/api/v1/main/_table&key="
                              "sluice_ffffffff")
                     .status,
                 404);
        QCOMPARE(m_api
                     .asAdmin("GET",
                              "/api/v1/system/explain?method=GET&path=/api/v1/main/_table&role=x&"
                              "key=1")
                     .status,
                 400);
    }

    void info()
    {
        const HttpResponse r = m_api.asAdmin("GET", "/api/v1/system/info");
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json().object();
        QCOMPARE(o[u"name"_s], u"sluice"_s);
        QCOMPARE(o[u"version"_s], QStringLiteral(SLUICE_VERSION));
        QCOMPARE(o[u"qt"_s], QString::fromLatin1(qVersion()));
        // Drivers as --driver names them (what `sluice db add --driver` and the system API's
        // service "driver" take), not Qt's plugin names.
        QStringList expected;
        for (const auto &[plugin, driver] :
             { std::pair { "QSQLITE", "sqlite" }, std::pair { "QPSQL", "postgres" },
               std::pair { "QMYSQL", "mysql" }, std::pair { "QODBC", "odbc" } }) {
            if (QSqlDatabase::isDriverAvailable(QString::fromLatin1(plugin)))
                expected << QString::fromLatin1(driver);
        }
        QStringList drivers;
        for (const QJsonValue &d : o[u"drivers"_s].toArray())
            drivers << d.toString();
        QCOMPARE(drivers, expected);
        QVERIFY(drivers.contains(u"sqlite"_s));
        QCOMPARE(o[u"services"_s], int(m_registry->all().size()));
        QCOMPARE(o[u"secret_store"_s], u"file"_s);
    }
};

QTEST_GUILESS_MAIN(TestHttpSystem)
#include "tst_http_system.moc"
