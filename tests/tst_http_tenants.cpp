// The management side of tenants over real HTTP (API.md §11): /api/v1/system/tenant, the
// tenancy of a service and its tenants' backends (/service/{name}/tenant/{tenant}), keys bound
// to a tenant; what each change does to the running server's registry, and the bad input of
// each, with messages that name what was wrong. DSN passwords never reach config.db nor an
// answer.
#include "adminclient.h"
#include "apiserver.h"
#include "auth/apikey.h"
#include "authfixture.h"
#include "config/configstore.h"
#include "config/tenantrepository.h"
#include "httpclient.h"
#include "runtime/runtime.h"
#include "secrets/lockedsecretstore.h"
#include "secrets/secretbackend.h"
#include "secrets/servicesecrets.h"
#include "sqlitefile.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpResponse;
using sluice::test::jsonBody;

namespace {

const QString kSecret = u"T3nant-S3cret-pw"_s;
const QString kRoot = u"root@example.com"_s;
const QString kRootPassword = u"correct horse battery"_s;
// PostgreSQL where nothing listens: port 1 on the loopback refuses at once, so services over it
// are made and routed without a server.
const QString kNoServerDsn = u"postgres://app@127.0.0.1:1/shop"_s;
// A backend there for tenant acme, with a password.
const QString kAcmeDsnWithPassword = u"postgres://acme:%1@127.0.0.1:1/acme"_s.arg(kSecret);

// The tenants of a service answer, by tenant name.
QHash<QString, QJsonObject> tenantsOf(const HttpResponse &r)
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue &v : r.json().object().value(u"tenants"_s).toArray())
        out.insert(v[u"tenant"_s].toString(), v.toObject());
    return out;
}

} // namespace

class TestHttpTenants : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    sluice::test::AuthFixture m_auth;
    std::unique_ptr<SecretStore> m_secrets;
    sluice::test::ApiServer m_server;
    sluice::test::AdminClient m_api; // signed in as root
    QByteArray m_anyKey; // an API key whose role may do everything

    QString file(const QString &name) const { return m_dir.filePath(name); }
    ServiceRegistry &registry() { return m_server.registry(); }

    bool createTenant(const QString &name)
    {
        const HttpResponse r =
            m_api.asAdmin("POST", "/api/v1/system/tenant", jsonBody({ { u"name"_s, name } }));
        if (r.status != 201)
            qWarning().noquote() << "creating tenant" << name << r.status << r.body;
        return r.status == 201;
    }
    // `tenancy`: none, database, schema or setting.
    bool createService(const QString &name, const QString &driver, const QString &dsn,
                       const QString &tenancy)
    {
        const HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/service",
                                             jsonBody({ { u"name"_s, name },
                                                        { u"driver"_s, driver },
                                                        { u"dsn"_s, dsn },
                                                        { u"tenancy"_s, tenancy } }));
        if (r.status != 201)
            qWarning().noquote() << "creating service" << r.status << r.body;
        return r.status == 201;
    }
    HttpResponse putBackend(const QByteArray &service, const QByteArray &tenant,
                            const QJsonObject &body)
    {
        return m_api.asAdmin("PUT", "/api/v1/system/service/" + service + "/tenant/" + tenant,
                             jsonBody(body));
    }
    // The stored secret, or an empty string when there is none.
    QString secretAt(const QString &key)
    {
        const Result<QString> secret = m_secrets->read(key);
        return secret ? *secret : QString();
    }
    // Every byte config.db keeps on disk, its write-ahead log included.
    QByteArray configBytes() { return sluice::test::sqliteBytesOnDisk(m_auth.config().path()); }
    QStringList auditActions(const QByteArray &query)
    {
        QStringList actions;
        for (const QJsonValue &v : m_api.asAdmin("GET", "/api/v1/system/audit?" + query).resource())
            actions << v[u"action"_s].toString();
        return actions;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_auth.init());
        m_secrets = std::make_unique<LockedSecretStore>(
            makeSecretStore(m_auth.dataDir(), SecretBackend::File, QProcessEnvironment()));
        auto main = sluice::test::sqliteService(
            u"main"_s, file(u"main.sqlite"_s),
            { u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"_s,
              u"INSERT INTO books VALUES (1, 'Blindness')"_s });
        QVERIFY(main);
        QVERIFY(m_auth.config().run([&](ConfigStore &store) { return store.addService(*main); }));
        m_anyKey = m_auth.createKey(u"any"_s, { u"*:*:*"_s }).toLatin1();
        QVERIFY(!m_anyKey.isEmpty());
        QVERIFY(m_auth.createAdmin(kRoot, kRootPassword) > 0);
        QVERIFY(m_server.start(m_auth, { *main }, 2,
                               [this](ApiContext &context) { context.secrets = m_secrets.get(); }));
        m_api.setPort(m_server.port());
        QVERIFY(m_api.signInAsAdmin(kRoot, kRootPassword));
        for (const QString &name : { u"acme"_s, u"beta"_s, u"gamma"_s }) {
            QVERIFY(sluice::test::sqliteService(
                name, file(name + u".sqlite"_s),
                { u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"_s,
                  u"INSERT INTO books VALUES (1, '%1')"_s.arg(name) }));
        }
    }

    void cleanupTestCase() { m_server.stop(); }

    // Each test starts with no tenants and only the shared service main, whatever the last one
    // left behind when it failed.
    void cleanup()
    {
        for (const QJsonValue &t : m_api.asAdmin("GET", "/api/v1/system/tenant").resource())
            m_api.asAdmin("DELETE", "/api/v1/system/tenant/" + t[u"name"_s].toString().toLatin1());
        for (const QJsonValue &s : m_api.asAdmin("GET", "/api/v1/system/service").resource()) {
            if (s[u"name"_s] != u"main"_s)
                m_api.asAdmin("DELETE",
                              "/api/v1/system/service/" + s[u"name"_s].toString().toLatin1());
        }
    }

    void everyRouteNeedsAnAdminSession_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        const QList<std::pair<QByteArray, QByteArray>> routes = {
            { "GET", "/api/v1/system/tenant" },
            { "POST", "/api/v1/system/tenant" },
            { "GET", "/api/v1/system/tenant/acme" },
            { "DELETE", "/api/v1/system/tenant/acme" },
            { "PUT", "/api/v1/system/service/main/tenant/acme" },
            { "DELETE", "/api/v1/system/service/main/tenant/acme" },
        };
        for (const auto &[method, target] : routes)
            QTest::addRow("%s %s", method.constData(), target.constData()) << method << target;
    }

    void everyRouteNeedsAnAdminSession()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        const QByteArray body = "{\"name\":\"eve\",\"dsn\":\"/tmp/eve.db\"}";
        QCOMPARE(m_api.send(method, target, body).status, 401);
        const HttpResponse r = m_api.withKey(method, target, m_anyKey, body);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorMessage(), u"The system API needs an admin session"_s);
        QVERIFY(!registry().tenants().contains(u"eve"_s));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/tenant").resource().size(), 0);
    }

    void tenantLifecycle()
    {
        HttpResponse r =
            m_api.asAdmin("POST", "/api/v1/system/tenant",
                          jsonBody({ { u"name"_s, u"acme"_s }, { u"label"_s, u"Acme Inc"_s } }));
        QCOMPARE(r.status, 201);
        QJsonObject t = r.json().object();
        QCOMPARE(t.value(u"name"_s).toString(), u"acme"_s);
        QCOMPARE(t.value(u"label"_s).toString(), u"Acme Inc"_s);
        QVERIFY(!t.value(u"created_at"_s).toString().isEmpty());
        // The running server knows it at once.
        QVERIFY(registry().tenants().contains(u"acme"_s));

        QVERIFY(createTenant(u"beta"_s));
        r = m_api.asAdmin("GET", "/api/v1/system/tenant");
        QCOMPARE(r.status, 200);
        QStringList names;
        for (const QJsonValue &v : r.resource())
            names << v[u"name"_s].toString();
        QCOMPARE(names, QStringList({ u"acme"_s, u"beta"_s }));
        QCOMPARE(r.json()[u"meta"_s][u"count"_s].toInt(), 2);
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/tenant/acme").json()[u"label"_s],
                 u"Acme Inc"_s);

        r = m_api.asAdmin("DELETE", "/api/v1/system/tenant/beta");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object(),
                 QJsonObject({ { u"success"_s, true },
                               { u"backends_removed"_s, 0 },
                               { u"keys_removed"_s, 0 } }));
        QCOMPARE(registry().tenants(), QSet<QString>({ u"acme"_s }));
        r = m_api.asAdmin("GET", "/api/v1/system/tenant/beta");
        QCOMPARE(r.status, 404);
        QVERIFY2(r.errorMessage().contains(u"'beta'"_s), qPrintable(r.errorMessage()));
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/tenant/beta").status, 404);

        const QStringList actions = auditActions("limit=1000");
        QVERIFY2(actions.contains(u"tenant.create"_s) && actions.contains(u"tenant.delete"_s),
                 qPrintable(actions.join(u',')));
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/tenant/acme").status, 200);
    }

    void tenantErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("upper case")
            << "{\"name\":\"Acme\"}"_ba << 400 << u"invalid tenant name 'Acme'"_s;
        QTest::newRow("slash") << "{\"name\":\"a/b\"}"_ba << 400 << u"invalid tenant name 'a/b'"_s;
        QTest::newRow("too long") << jsonBody({ { u"name"_s, QString(64, u'a') } }) << 400
                                  << u"invalid tenant name"_s;
        QTest::newRow("space") << "{\"name\":\"a b\"}"_ba << 400 << u"invalid tenant name 'a b'"_s;
        QTest::newRow("no name") << "{\"label\":\"x\"}"_ba << 400 << u"Field 'name'"_s;
        QTest::newRow("name not a string") << "{\"name\":5}"_ba << 400 << u"Field 'name'"_s;
        QTest::newRow("label too long")
            << jsonBody({ { u"name"_s, u"ok"_s }, { u"label"_s, QString(201, u'x') } }) << 400
            << u"label"_s;
        QTest::newRow("not an object") << "[]"_ba << 400 << u"one JSON object"_s;
    }

    void tenantErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        const HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/tenant", body);
        QCOMPARE(r.status, status);
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/tenant").resource().size(), 0);
        QVERIFY(registry().tenants().isEmpty());
    }

    void duplicateTenantIsAConflict()
    {
        QVERIFY(createTenant(u"dup"_s));
        const HttpResponse r =
            m_api.asAdmin("POST", "/api/v1/system/tenant", jsonBody({ { u"name"_s, u"dup"_s } }));
        QCOMPARE(r.status, 409);
        QVERIFY2(r.errorMessage().contains(u"'dup' already exists"_s),
                 qPrintable(r.errorMessage()));
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/tenant/dup").status, 200);
    }

    // A database per tenant: each tenant's backend is its own SQLite file, and the registry
    // routes a tenant to it from the next request on.
    void databaseTenancyBackends()
    {
        QVERIFY(createTenant(u"acme"_s));
        QVERIFY(createTenant(u"beta"_s));
        HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/service",
                                       jsonBody({ { u"name"_s, u"perdb"_s },
                                                  { u"driver"_s, u"sqlite"_s },
                                                  { u"dsn"_s, file(u"main.sqlite"_s) },
                                                  { u"tenancy"_s, u"database"_s } }));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json()[u"tenancy"_s], u"database"_s);
        QCOMPARE(r.json()[u"tenants"_s].toArray(), QJsonArray());
        // Not a backend yet: a per-tenant service never hands a tenant the service's own DSN.
        QVERIFY(!registry().forTenant(u"perdb"_s, u"acme"_s));

        r = putBackend("perdb", "acme", { { u"dsn"_s, file(u"acme.sqlite"_s) } });
        QCOMPARE(r.status, 200);
        QHash<QString, QJsonObject> tenants = tenantsOf(r);
        QCOMPARE(tenants.size(), 1);
        QCOMPARE(tenants[u"acme"_s][u"dsn"_s].toString(), file(u"acme.sqlite"_s));
        QCOMPARE(tenants[u"acme"_s][u"schema"_s].toString(), QString());
        QCOMPARE(tenants[u"acme"_s][u"password_set"_s].toBool(true), false);
        ServiceHandle acme = registry().forTenant(u"perdb"_s, u"acme"_s);
        QVERIFY(acme);
        QCOMPARE(acme->config.dsn, file(u"acme.sqlite"_s));
        QCOMPARE(acme->config.tenant, u"acme"_s);
        QVERIFY(!registry().forTenant(u"perdb"_s, u"beta"_s));

        QCOMPARE(putBackend("perdb", "beta", { { u"dsn"_s, file(u"beta.sqlite"_s) } }).status, 200);
        // Replaced: the running server takes the new file at once.
        QCOMPARE(putBackend("perdb", "acme", { { u"dsn"_s, file(u"gamma.sqlite"_s) } }).status,
                 200);
        acme = registry().forTenant(u"perdb"_s, u"acme"_s);
        QVERIFY(acme);
        QCOMPARE(acme->config.dsn, file(u"gamma.sqlite"_s));
        r = m_api.asAdmin("GET", "/api/v1/system/service/perdb");
        tenants = tenantsOf(r);
        QCOMPARE(tenants.keys().size(), 2);
        QCOMPARE(tenants[u"beta"_s][u"dsn"_s].toString(), file(u"beta.sqlite"_s));
        // The listing says the same.
        bool listed = false;
        for (const QJsonValue &s : m_api.asAdmin("GET", "/api/v1/system/service").resource()) {
            if (s[u"name"_s] == u"perdb"_s) {
                listed = true;
                QCOMPARE(s[u"tenancy"_s], u"database"_s);
                QCOMPARE(s[u"tenants"_s].toArray().size(), 2);
            } else {
                QCOMPARE(s[u"tenancy"_s], u"none"_s);
                QCOMPARE(s[u"tenants"_s].toArray(), QJsonArray());
            }
        }
        QVERIFY(listed);

        // Its tenancy cannot change under its backends.
        r = m_api.asAdmin("PATCH", "/api/v1/system/service/perdb", "{\"tenancy\":\"none\"}");
        QCOMPARE(r.status, 409);
        QVERIFY2(r.errorMessage().contains(u"acme, beta"_s), qPrintable(r.errorMessage()));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/service/perdb").json()[u"tenancy"_s],
                 u"database"_s);

        r = m_api.asAdmin("DELETE", "/api/v1/system/service/perdb/tenant/beta");
        QCOMPARE(r.status, 200);
        QVERIFY(!registry().forTenant(u"perdb"_s, u"beta"_s));
        QVERIFY(registry().forTenant(u"perdb"_s, u"acme"_s));
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/perdb/tenant/beta").status, 404);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/perdb/tenant/acme").status, 200);
        // Without backends the tenancy may change.
        r = m_api.asAdmin("PATCH", "/api/v1/system/service/perdb", "{\"tenancy\":\"none\"}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[u"tenancy"_s], u"none"_s);
        // Shared now: every tenant reaches the service itself.
        QCOMPARE(registry().forTenant(u"perdb"_s, u"acme"_s), registry().find(u"perdb"_s));

        const QStringList actions = auditActions("service=perdb");
        QCOMPARE(actions.count(u"service.tenant"_s), 3);
        QCOMPARE(actions.count(u"service.tenant.delete"_s), 2);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/perdb").status, 200);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/tenant/acme").status, 200);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/tenant/beta").status, 200);
    }

    void schemaTenancyBackends()
    {
        QVERIFY(createTenant(u"acme"_s));
        QVERIFY(createService(u"persch"_s, u"postgres"_s, kNoServerDsn, u"schema"_s));
        // Without a schema: the tenant's name.
        HttpResponse r = putBackend("persch", "acme", {});
        QCOMPARE(r.status, 200);
        QCOMPARE(tenantsOf(r)[u"acme"_s][u"schema"_s].toString(), u"acme"_s);
        QCOMPARE(tenantsOf(r)[u"acme"_s][u"dsn"_s].toString(), QString());
        ServiceHandle acme = registry().forTenant(u"persch"_s, u"acme"_s);
        QVERIFY(acme);
        QCOMPARE(acme->config.schema, u"acme"_s);
        QCOMPARE(acme->config.dsn, kNoServerDsn);

        r = putBackend("persch", "acme", { { u"schema"_s, u"customer_acme"_s } });
        QCOMPARE(r.status, 200);
        QCOMPARE(tenantsOf(r)[u"acme"_s][u"schema"_s].toString(), u"customer_acme"_s);
        acme = registry().forTenant(u"persch"_s, u"acme"_s);
        QVERIFY(acme);
        QCOMPARE(acme->config.schema, u"customer_acme"_s);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/persch").status, 200);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/tenant/acme").status, 200);
    }

    void backendErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QByteArray put = "PUT";
        QTest::newRow("tenant that does not exist")
            << put << "/api/v1/system/service/db/tenant/nobody"_ba
            << "{\"dsn\":\"/tmp/x.sqlite\"}"_ba << 404 << u"tenant 'nobody' does not exist"_s;
        QTest::newRow("invalid tenant name")
            << put << "/api/v1/system/service/db/tenant/Acme"_ba
            << "{\"dsn\":\"/tmp/x.sqlite\"}"_ba << 404 << u"tenant 'Acme' does not exist"_s;
        QTest::newRow("service that does not exist")
            << put << "/api/v1/system/service/nope/tenant/acme"_ba
            << "{\"dsn\":\"/tmp/x.sqlite\"}"_ba << 404 << u"service 'nope' does not exist"_s;
        QTest::newRow("shared service") << put << "/api/v1/system/service/main/tenant/acme"_ba
                                        << "{\"dsn\":\"/tmp/x.sqlite\"}"_ba << 400
                                        << u"service 'main' is shared by every tenant"_s;
        QTest::newRow("setting service")
            << put << "/api/v1/system/service/rls/tenant/acme"_ba
            << "{}"_ba << 400 << u"service 'rls' serves every tenant from one database"_s;
        QTest::newRow("dsn on a schema service")
            << put << "/api/v1/system/service/sch/tenant/acme"_ba
            << "{\"dsn\":\"postgres://x@127.0.0.1:1/y\"}"_ba << 400
            << u"give tenant 'acme' a schema, not a DSN"_s;
        QTest::newRow("schema on a database service")
            << put << "/api/v1/system/service/db/tenant/acme"_ba
            << "{\"schema\":\"acme\"}"_ba << 400 << u"give tenant 'acme' a DSN, not a schema"_s;
        QTest::newRow("database service without a dsn")
            << put << "/api/v1/system/service/db/tenant/acme"_ba
            << "{}"_ba << 400 << u"tenant 'acme' needs a DSN"_s;
        QTest::newRow("dsn not a string") << put << "/api/v1/system/service/db/tenant/acme"_ba
                                          << "{\"dsn\":5}"_ba << 400 << u"Field 'dsn'"_s;
        QTest::newRow("bad postgres dsn")
            << put << "/api/v1/system/service/pgdb/tenant/acme"_ba
            << "{\"dsn\":\"postgres://h:notaport/\"}"_ba << 400 << u"Invalid DSN"_s;
        QTest::newRow("remove a backend that is not there")
            << "DELETE"_ba
            << "/api/v1/system/service/db/tenant/acme"_ba << QByteArray() << 404
            << u"service 'db' has no backend for tenant 'acme'"_s;
        QTest::newRow("unknown tenancy")
            << "POST"_ba
            << "/api/v1/system/service"_ba
            << "{\"name\":\"t\",\"driver\":\"sqlite\",\"dsn\":\"/tmp/t.db\",\"tenancy\":\"row\"}"_ba
            << 400 << u"Field 'tenancy': unknown tenancy 'row'"_s;
        QTest::newRow("setting on sqlite")
            << "POST"_ba
            << "/api/v1/system/service"_ba
            << "{\"name\":\"t\",\"driver\":\"sqlite\",\"dsn\":\"/tmp/t.db\",\"tenancy\":\"setting\"}"_ba
            << 400 << u"tenancy 'setting' needs PostgreSQL"_s;
        QTest::newRow("schema on sqlite")
            << "POST"_ba
            << "/api/v1/system/service"_ba
            << "{\"name\":\"t\",\"driver\":\"sqlite\",\"dsn\":\"/tmp/t.db\",\"tenancy\":\"schema\"}"_ba
            << 400 << u"'schema'"_s;
    }

    void backendErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        QVERIFY(createTenant(u"acme"_s));
        QVERIFY(createService(u"db"_s, u"sqlite"_s, file(u"main.sqlite"_s), u"database"_s));
        QVERIFY(createService(u"pgdb"_s, u"postgres"_s, kNoServerDsn, u"database"_s));
        QVERIFY(createService(u"sch"_s, u"postgres"_s, kNoServerDsn, u"schema"_s));
        QVERIFY(createService(u"rls"_s, u"postgres"_s, kNoServerDsn, u"setting"_s));

        const HttpResponse r = m_api.asAdmin(method, target, body);
        QCOMPARE(r.status, status);
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
        // Nothing was stored.
        for (const QByteArray service : { "db", "pgdb", "sch", "rls", "main" }) {
            QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/service/" + service).json()[u"tenants"_s],
                     QJsonArray());
        }
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/service").resource().size(), 5);
        for (const QByteArray service : { "db", "pgdb", "sch", "rls" })
            QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/" + service).status, 200);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/tenant/acme").status, 200);
    }

    void backendPasswordIsNeverStoredNorShown()
    {
        QVERIFY(createTenant(u"acme"_s));
        QVERIFY(createService(u"pg"_s, u"postgres"_s, kNoServerDsn, u"database"_s));
        HttpResponse r = putBackend("pg", "acme", { { u"dsn"_s, kAcmeDsnWithPassword } });
        QCOMPARE(r.status, 200);
        QVERIFY(!r.body.contains(kSecret.toUtf8()));
        QCOMPARE(tenantsOf(r)[u"acme"_s][u"dsn"_s].toString(),
                 u"postgres://acme:***@127.0.0.1:1/acme"_s);
        QCOMPARE(tenantsOf(r)[u"acme"_s][u"password_set"_s].toBool(), true);
        QVERIFY(!configBytes().contains(kSecret.toUtf8()));
        const QString key = tenantPasswordKey(u"pg"_s, u"acme"_s);
        QCOMPARE(secretAt(key), kSecret);
        // Served with it.
        ServiceHandle acme = registry().forTenant(u"pg"_s, u"acme"_s);
        QVERIFY(acme);
        QCOMPARE(acme->config.password, kSecret);
        QVERIFY(!acme->config.dsn.contains(kSecret));

        // A listed DSN sent back keeps the password; a change of host keeps it too.
        r = putBackend("pg", "acme", { { u"dsn"_s, u"postgres://acme:***@127.0.0.2:1/acme"_s } });
        QCOMPARE(r.status, 200);
        QCOMPARE(secretAt(key), kSecret);
        acme = registry().forTenant(u"pg"_s, u"acme"_s);
        QVERIFY(acme);
        QCOMPARE(acme->config.password, kSecret);
        QCOMPARE(acme->config.dsn, u"postgres://acme@127.0.0.2:1/acme"_s);

        // A change of the service itself keeps serving its tenants with their passwords.
        QCOMPARE(m_api.asAdmin("PATCH", "/api/v1/system/service/pg", "{\"label\":\"PG\"}").status,
                 200);
        acme = registry().forTenant(u"pg"_s, u"acme"_s);
        QVERIFY(acme);
        QCOMPARE(acme->config.password, kSecret);

        for (const QByteArray &target :
             { "/api/v1/system/service"_ba, "/api/v1/system/service/pg"_ba,
               "/api/v1/system/audit"_ba }) {
            r = m_api.asAdmin("GET", target);
            QCOMPARE(r.status, 200);
            QVERIFY2(!r.body.contains(kSecret.toUtf8()), target.constData());
        }

        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/pg/tenant/acme").status, 200);
        QCOMPARE(secretAt(key), QString());

        // Removing the service removes its tenants' passwords too.
        QCOMPARE(putBackend("pg", "acme", { { u"dsn"_s, kAcmeDsnWithPassword } }).status, 200);
        QCOMPARE(secretAt(key), kSecret);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/pg").status, 200);
        QCOMPARE(secretAt(key), QString());
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/tenant/acme").status, 200);
    }

    // Removing a tenant takes its backends and keys along: its keys stop working, and a tenant
    // made later under the same name inherits neither keys nor backends.
    void removingATenantTakesItsBackendsAndKeys()
    {
        QVERIFY(createTenant(u"acme"_s));
        QVERIFY(createService(u"pg"_s, u"postgres"_s, kNoServerDsn, u"database"_s));
        QCOMPARE(putBackend("pg", "acme", { { u"dsn"_s, kAcmeDsnWithPassword } }).status, 200);
        HttpResponse r =
            m_api.asAdmin("POST", "/api/v1/system/api-key",
                          jsonBody({ { u"role"_s, u"any"_s }, { u"tenant"_s, u"acme"_s } }));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json()[u"tenant"_s], u"acme"_s);
        const QByteArray key = r.json()[u"api_key"_s].toString().toLatin1();
        const QString prefix = r.json()[u"key_prefix"_s].toString();
        // Listings say which tenant a key acts for (none: null).
        bool listed = false;
        for (const QJsonValue &k : m_api.asAdmin("GET", "/api/v1/system/api-key").resource()) {
            if (k[u"key_prefix"_s] == prefix) {
                listed = true;
                QCOMPARE(k[u"tenant"_s], u"acme"_s);
            } else {
                QVERIFY(k[u"tenant"_s].isNull());
            }
        }
        QVERIFY(listed);
        QCOMPARE(
            m_api.asAdmin("GET", "/api/v1/system/api-key/" + prefix.toLatin1()).json()[u"tenant"_s],
            u"acme"_s);
        // The key works on a shared service.
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", key).status, 200);

        r = m_api.asAdmin("DELETE", "/api/v1/system/tenant/acme");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[u"backends_removed"_s].toInt(), 1);
        QCOMPARE(r.json()[u"keys_removed"_s].toInt(), 1);
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", key).status, 401);
        QCOMPARE(secretAt(tenantPasswordKey(u"pg"_s, u"acme"_s)), QString());
        QVERIFY(!registry().tenants().contains(u"acme"_s));
        QVERIFY(registry().find(u"pg"_s)->config.tenantBackends.isEmpty());
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/service/pg").json()[u"tenants"_s],
                 QJsonArray());

        // The same name again starts with nothing of the old tenant's.
        QVERIFY(createTenant(u"acme"_s));
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", key).status, 401);
        QVERIFY(!registry().forTenant(u"pg"_s, u"acme"_s));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/api-key/" + prefix.toLatin1()).status, 404);

        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/service/pg").status, 200);
        QCOMPARE(m_api.asAdmin("DELETE", "/api/v1/system/tenant/acme").status, 200);
    }

    void keyTenantErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown tenant") << "{\"role\":\"any\",\"tenant\":\"nobody\"}"_ba
                                        << u"Field 'tenant': no tenant 'nobody'"_s;
        QTest::newRow("invalid name") << "{\"role\":\"any\",\"tenant\":\"No/Body\"}"_ba
                                      << u"Field 'tenant': no tenant 'No/Body'"_s;
        QTest::newRow("not a string")
            << "{\"role\":\"any\",\"tenant\":7}"_ba << u"Field 'tenant' must be a string"_s;
    }

    void keyTenantErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const qsizetype before = m_api.asAdmin("GET", "/api/v1/system/api-key").resource().size();
        const HttpResponse r = m_api.asAdmin("POST", "/api/v1/system/api-key", body);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
        QCOMPARE(m_api.asAdmin("GET", "/api/v1/system/api-key").resource().size(), before);
    }

    // `sluice serve` after a restart: the registry knows the stored tenants before it serves
    // any service, and each backend with its password from the secret store.
    void runtimeLoadsTenants()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        auto config = ConfigService::open(dataDir.path());
        QVERIFY(config);
        ServiceConfig pg;
        pg.name = u"stored"_s;
        pg.driver = u"postgres"_s;
        pg.dsn = kNoServerDsn;
        pg.tenancy = Tenancy::Database;
        QVERIFY((*config)->run([&](ConfigStore &store) { return store.addService(pg); }));
        QVERIFY((*config)->write([&](const QSqlDatabase &db) -> Status {
            TenantRepository tenants(db);
            for (const QString &name : { u"acme"_s, u"beta"_s }) {
                if (auto made = tenants.create(name, QString()); !made)
                    return made.error();
            }
            return tenants.setBackend(u"stored"_s,
                                      { u"acme"_s, u"postgres://acme@127.0.0.1:1/acme"_s, {}, {} });
        }));
        {
            auto store =
                makeSecretStore(dataDir.path(), SecretBackend::File, QProcessEnvironment());
            QVERIFY(store->write(tenantPasswordKey(u"stored"_s, u"acme"_s), kSecret));
        }
        Result<QList<ServiceConfig>> stored = QList<ServiceConfig>();
        QVERIFY((*config)->run([&](ConfigStore &store) -> Status {
            stored = store.services();
            return stored ? Status() : Status(stored.error());
        }));
        Settings settings;
        settings.server.port = 0;
        settings.server.workers = 1;
        settings.secrets.backend = u"file"_s;
        Runtime runtime(settings, **config, generateSecret(32));
        QVERIFY(runtime.start(*stored));
        QCOMPARE(runtime.registry().tenants(), QSet<QString>({ u"acme"_s, u"beta"_s }));
        const ServiceHandle acme = runtime.registry().forTenant(u"stored"_s, u"acme"_s);
        QVERIFY(acme);
        QCOMPARE(acme->config.password, kSecret);
        QCOMPARE(acme->config.dsn, u"postgres://acme@127.0.0.1:1/acme"_s);
        QVERIFY(!runtime.registry().forTenant(u"stored"_s, u"beta"_s)); // no backend
        QVERIFY(!runtime.registry().forTenant(u"stored"_s, u"gamma"_s)); // no such tenant
        runtime.stop();
    }
};

QTEST_GUILESS_MAIN(TestHttpTenants)
#include "tst_http_tenants.moc"
