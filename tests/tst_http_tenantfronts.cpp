// Tenants (API.md §11) on the doors beside REST's data routes, over real HTTP with SQLite files
// as the tenants' databases: audit entries carry the tenant (GET /api/v1/system/audit?tenant=),
// /readyz reports each tenant's backend without letting one customer's database take the
// instance out, MCP tools run for the caller's tenant and an MCP session stays with the tenant
// it was opened for, and GET /api/v1/system/explain names the tenant and whether it has a
// backend, as the request path decides.
#include "adminclient.h"
#include "apiserver.h"
#include "auth/apikey.h"
#include "authfixture.h"
#include "config/apikeyrepository.h"
#include "config/rolerepository.h"
#include "config/tenantrepository.h"
#include "httpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpHeaders;
using sluice::test::HttpResponse;
using sluice::test::jsonBody;

namespace {

const QString kRoot = u"root@example.com"_s;
const QString kRootPassword = u"correct horse battery"_s;

QByteArray rpc(int id, const QString &method, const QJsonObject &params = {})
{
    return jsonBody({ { u"jsonrpc"_s, u"2.0"_s },
                      { u"id"_s, id },
                      { u"method"_s, method },
                      { u"params"_s, params } });
}

QByteArray initializeBody()
{
    return rpc(
        1, u"initialize"_s,
        { { u"protocolVersion"_s, u"2025-06-18"_s },
          { u"capabilities"_s, QJsonObject() },
          { u"clientInfo"_s, QJsonObject { { u"name"_s, u"t"_s }, { u"version"_s, u"1"_s } } } });
}

QByteArray toolCall(const QString &tool, const QJsonObject &arguments)
{
    return rpc(2, u"tools/call"_s, { { u"name"_s, tool }, { u"arguments"_s, arguments } });
}

// The titles a REST or MCP answer's rows hold.
QStringList titles(const QJsonArray &rows)
{
    QStringList out;
    for (const QJsonValue &row : rows)
        out << row[u"title"_s].toString();
    return out;
}

QStringList names(const QJsonArray &rows)
{
    QStringList out;
    for (const QJsonValue &row : rows)
        out << row[u"name"_s].toString();
    return out;
}

} // namespace

class TestHttpTenantFronts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    sluice::test::AuthFixture m_auth;
    sluice::test::ApiServer m_server;
    sluice::test::AdminClient m_api; // signed in as root
    QByteArray m_anyKey; // may do everything; no tenant
    QByteArray m_acmeKey, m_betaKey, m_gammaKey, m_deltaKey; // the same role, with a tenant
    QByteArray m_acmeOnlyKey; // may read only perdb's table acme_only, for tenant acme
    QByteArray m_tenantlessOnlyKey; // the same role without a tenant
    QString m_acmePrefix;

    QString file(const QString &name) const { return m_dir.filePath(name); }

    // A key of role `role` (made by AuthFixture::createKey before) acting for `tenant`.
    QByteArray keyFor(const QString &role, const QString &tenant, QString *prefix = nullptr)
    {
        const NewApiKey key = generateApiKey();
        const Status made = m_auth.config().write([&](const QSqlDatabase &db) -> Status {
            auto found = RoleRepository(db).findByName(role);
            if (!found)
                return found.error();
            ApiKeyRecord record;
            record.keyHash = key.hash;
            record.keyPrefix = key.prefix;
            record.label = role + u'@' + tenant;
            record.roleId = found->id;
            record.tenant = tenant;
            auto created = ApiKeyRepository(db).create(record);
            return created ? Status() : Status(created.error());
        });
        if (!made) {
            qWarning().noquote() << "key for" << tenant << made.error().message;
            return {};
        }
        if (prefix)
            *prefix = key.prefix;
        return key.plaintext.toLatin1();
    }

    // The audit entries an admin reads with `query`.
    QJsonArray audit(const QByteArray &query)
    {
        const HttpResponse r = m_api.asAdmin("GET", "/api/v1/system/audit?" + query);
        if (r.status != 200)
            qWarning().noquote() << "audit" << query << r.status << r.body;
        return r.resource();
    }

    // A raw MCP POST; `headers` carry the credentials (and X-Sluice-Tenant).
    HttpResponse mcp(const QByteArray &body, const QByteArray &session, HttpHeaders headers)
    {
        headers.append({ "Content-Type"_ba, "application/json"_ba });
        headers.append({ "Accept"_ba, "application/json, text/event-stream"_ba });
        if (!session.isEmpty())
            headers.append({ "Mcp-Session-Id", session });
        return m_api.send("POST", "/mcp", body, headers);
    }
    // A session opened with `headers`; empty, with a warning, when refused.
    QByteArray mcpSession(const HttpHeaders &headers)
    {
        const HttpResponse r = mcp(initializeBody(), {}, headers);
        if (r.status != 200)
            qWarning().noquote() << "initialize" << r.status << r.body;
        return r.header("Mcp-Session-Id");
    }
    // The tool's result (its error too); an empty object when the call itself failed.
    QJsonObject callTool(const HttpHeaders &headers, const QString &tool,
                         const QJsonObject &arguments)
    {
        const QByteArray session = mcpSession(headers);
        if (session.isEmpty())
            return {};
        const HttpResponse r = mcp(toolCall(tool, arguments), session, headers);
        if (r.status != 200)
            qWarning().noquote() << tool << r.status << r.body;
        return r.json().object().value(u"result"_s).toObject();
    }
    // The service names tools/list offers to the caller (the enum of a tool's 'service').
    QStringList offeredServices(const HttpHeaders &headers)
    {
        const QByteArray session = mcpSession(headers);
        const HttpResponse r = mcp(rpc(3, u"tools/list"_s), session, headers);
        for (const QJsonValue &tool : r.json()[u"result"_s][u"tools"_s].toArray()) {
            if (tool[u"name"_s] == u"sluice_list_tables"_s) {
                QStringList out;
                for (const QJsonValue &s :
                     tool[u"inputSchema"_s][u"properties"_s][u"service"_s][u"enum"_s].toArray())
                    out << s.toString();
                return out;
            }
        }
        return {};
    }

    QJsonObject explain(const QByteArray &query, const QByteArray &tenantHeader = {})
    {
        const HttpResponse r =
            m_api.asAdmin("GET", "/api/v1/system/explain?" + query, {}, tenantHeader);
        if (r.status != 200)
            qWarning().noquote() << "explain" << query << r.status << r.body;
        return r.json().object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_auth.init());
        const QString books = u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"_s;
        auto shared =
            sluice::test::sqliteService(u"main"_s, file(u"main.sqlite"_s),
                                        { books, u"INSERT INTO books VALUES (1, 'Main')"_s });
        QVERIFY(shared);
        // The per-tenant service's own database: never a tenant's.
        auto perdb =
            sluice::test::sqliteService(u"perdb"_s, file(u"own.sqlite"_s),
                                        { books, u"INSERT INTO books VALUES (1, 'Own')"_s,
                                          u"CREATE TABLE own_only (id INTEGER PRIMARY KEY)"_s });
        QVERIFY(perdb);
        QVERIFY(
            sluice::test::sqliteService(u"acme"_s, file(u"acme.sqlite"_s),
                                        { books, u"INSERT INTO books VALUES (1, 'Acme book')"_s,
                                          u"CREATE TABLE acme_only (id INTEGER PRIMARY KEY)"_s }));
        QVERIFY(
            sluice::test::sqliteService(u"beta"_s, file(u"beta.sqlite"_s),
                                        { books, u"INSERT INTO books VALUES (1, 'Beta book')"_s }));
        perdb->tenancy = Tenancy::Database;
        // delta's database cannot be opened (its folder does not exist); gamma has no backend.
        perdb->tenantBackends = {
            { u"acme"_s, file(u"acme.sqlite"_s), {}, {} },
            { u"beta"_s, file(u"beta.sqlite"_s), {}, {} },
            { u"delta"_s, file(u"missing/delta.sqlite"_s), {}, {} },
        };
        const QStringList tenants { u"acme"_s, u"beta"_s, u"delta"_s, u"gamma"_s };
        QVERIFY(m_auth.config().write([&](const QSqlDatabase &db) -> Status {
            TenantRepository repository(db);
            for (const QString &name : tenants) {
                if (auto made = repository.create(name, QString()); !made)
                    return made.error();
            }
            return {};
        }));
        m_anyKey = m_auth.createKey(u"any"_s, { u"*:*:*"_s }).toLatin1();
        QVERIFY(!m_anyKey.isEmpty());
        m_acmeKey = keyFor(u"any"_s, u"acme"_s, &m_acmePrefix);
        m_betaKey = keyFor(u"any"_s, u"beta"_s);
        m_gammaKey = keyFor(u"any"_s, u"gamma"_s);
        m_deltaKey = keyFor(u"any"_s, u"delta"_s);
        m_tenantlessOnlyKey =
            m_auth.createKey(u"acmeonly"_s, { u"perdb:_table/acme_only:GET"_s }).toLatin1();
        m_acmeOnlyKey = keyFor(u"acmeonly"_s, u"acme"_s);
        for (const QByteArray &key :
             { m_acmeKey, m_betaKey, m_gammaKey, m_deltaKey, m_acmeOnlyKey, m_tenantlessOnlyKey })
            QVERIFY(!key.isEmpty());
        QVERIFY(m_auth.createAdmin(kRoot, kRootPassword) > 0);
        QVERIFY(m_server.start(m_auth, { *shared, *perdb }, 2));
        m_server.registry().setTenants(QSet<QString>(tenants.cbegin(), tenants.cend()));
        m_api.setPort(m_server.port());
        QVERIFY(m_api.signInAsAdmin(kRoot, kRootPassword));
        // The routing these tests build on.
        QCOMPARE(titles(m_api.withKey("GET", "/api/v1/perdb/_table/books", m_acmeKey).resource()),
                 QStringList { u"Acme book"_s });
        QCOMPARE(titles(m_api.asAdmin("GET", "/api/v1/perdb/_table/books", {}, "beta").resource()),
                 QStringList { u"Beta book"_s });
    }

    void cleanupTestCase() { m_server.stop(); }

    // Each data write names the tenant it was made for: a key's own, an admin's X-Sluice-Tenant;
    // none on a shared service called without one. The audit reads by tenant.
    void auditEntriesCarryTheTenant()
    {
        const QByteArray row = "{\"title\":\"Audited\"}";
        QCOMPARE(m_api
                     .withKey("POST", "/api/v1/perdb/_table/books", m_acmeKey, row,
                              { { "X-Request-ID", "tenant-audit-acme" } })
                     .status,
                 201);
        QCOMPARE(m_api
                     .asAdmin("POST", "/api/v1/perdb/_table/books", row, "beta",
                              { { "X-Request-ID", "tenant-audit-beta" } })
                     .status,
                 201);
        QCOMPARE(m_api
                     .withKey("POST", "/api/v1/main/_table/books", m_anyKey, row,
                              { { "X-Request-ID", "tenant-audit-none" } })
                     .status,
                 201);
        // A tenant's write to a shared service is still that tenant's.
        QCOMPARE(m_api
                     .withKey("POST", "/api/v1/main/_table/books", m_betaKey, row,
                              { { "X-Request-ID", "tenant-audit-beta-main" } })
                     .status,
                 201);

        QHash<QString, QJsonObject> byRequest;
        for (const QJsonValue &e : audit("action=data.write&limit=1000"))
            byRequest.insert(e[u"request_id"_s].toString(), e.toObject());
        QCOMPARE(byRequest[u"tenant-audit-acme"_s][u"tenant"_s].toString(), u"acme"_s);
        QCOMPARE(byRequest[u"tenant-audit-acme"_s][u"actor"_s].toString(),
                 u"key:"_s + m_acmePrefix);
        QCOMPARE(byRequest[u"tenant-audit-beta"_s][u"tenant"_s].toString(), u"beta"_s);
        QCOMPARE(byRequest[u"tenant-audit-beta"_s][u"actor"_s].toString(), u"admin:"_s + kRoot);
        QCOMPARE(byRequest[u"tenant-audit-beta-main"_s][u"tenant"_s].toString(), u"beta"_s);
        QVERIFY(byRequest.contains(u"tenant-audit-none"_s));
        QVERIFY(!byRequest[u"tenant-audit-none"_s].contains(u"tenant"_s));

        QStringList acme;
        for (const QJsonValue &e : audit("tenant=acme&limit=1000")) {
            QCOMPARE(e[u"tenant"_s].toString(), u"acme"_s);
            acme << e[u"request_id"_s].toString();
        }
        QCOMPARE(acme, QStringList { u"tenant-audit-acme"_s });
        QStringList beta;
        for (const QJsonValue &e : audit("tenant=beta&service=perdb&limit=1000"))
            beta << e[u"request_id"_s].toString();
        QCOMPARE(beta, QStringList { u"tenant-audit-beta"_s });
        QCOMPARE(audit("tenant=gamma").size(), 0);
        // Empty: no filter.
        QVERIFY(audit("tenant=&action=data.write&limit=1000").size() >= 4);
    }

    void auditTenantFilterRefusesWhatNoTenantIsCalled_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("upper case") << "Acme"_ba;
        QTest::newRow("slash") << "a%2Fb"_ba;
        QTest::newRow("space") << "a%20b"_ba;
        QTest::newRow("too long") << QByteArray(64, 'a');
        QTest::newRow("quote") << "acme'--"_ba;
    }

    void auditTenantFilterRefusesWhatNoTenantIsCalled()
    {
        QFETCH(QByteArray, value);
        const HttpResponse r = m_api.asAdmin("GET", "/api/v1/system/audit?tenant=" + value);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.errorMessage().contains(u"Parameter 'tenant'"_s)
                     && r.errorMessage().contains(u"is not a tenant name"_s),
                 qPrintable(r.errorMessage()));
    }

    // /readyz lists each tenant backend in use with its state; one that fails is reported but
    // leaves the instance ready, while the service's own database still decides.
    void readyzReportsEachTenant()
    {
        QCOMPARE(m_api.withKey("GET", "/api/v1/perdb/_table/books", m_acmeKey).status, 200);
        QCOMPARE(m_api.withKey("GET", "/api/v1/perdb/_table/books", m_betaKey).status, 200);
        const HttpResponse down = m_api.withKey("GET", "/api/v1/perdb/_table/books", m_deltaKey);
        QCOMPARE(down.status, 503);
        QVERIFY2(down.errorMessage().contains(u"for tenant 'delta'"_s),
                 qPrintable(down.errorMessage()));

        const HttpResponse r = m_api.send("GET", "/readyz");
        QCOMPARE(r.status, 200);
        const QJsonObject body = r.json().object();
        QCOMPARE(body[u"status"_s].toString(), u"ok"_s);
        QCOMPARE(body[u"checks"_s].toObject(),
                 QJsonObject({ { u"main"_s, u"ok"_s }, { u"perdb"_s, u"ok"_s } }));
        const QJsonObject perdb = body[u"tenants"_s][u"perdb"_s].toObject();
        QCOMPARE(perdb.keys(), QStringList({ u"acme"_s, u"beta"_s, u"delta"_s }));
        QCOMPARE(perdb[u"acme"_s].toString(), u"ok"_s);
        QCOMPARE(perdb[u"beta"_s].toString(), u"ok"_s);
        QVERIFY2(perdb[u"delta"_s].toString().startsWith(u"error: "_s),
                 qPrintable(perdb[u"delta"_s].toString()));
        // gamma has no backend: nothing to check. A shared service has no tenants.
        QVERIFY(!perdb.contains(u"gamma"_s));
        QVERIFY(!body[u"tenants"_s].toObject().contains(u"main"_s));
    }

    // An admin's X-Sluice-Tenant reaches the REST requests MCP tools make; a key's own tenant
    // does without any header.
    void mcpToolsRunForTheCallersTenant()
    {
        const QJsonObject query { { u"service"_s, u"perdb"_s }, { u"table"_s, u"books"_s } };
        QJsonObject result = callTool(m_api.adminHeaders("acme"), u"sluice_query"_s, query);
        QVERIFY2(!result[u"isError"_s].toBool(), QJsonDocument(result).toJson().constData());
        QVERIFY(titles(result[u"structuredContent"_s][u"resource"_s].toArray())
                    .contains(u"Acme book"_s));
        result = callTool(m_api.adminHeaders("beta"), u"sluice_query"_s, query);
        QVERIFY(titles(result[u"structuredContent"_s][u"resource"_s].toArray())
                    .contains(u"Beta book"_s));
        result = callTool({ { "X-API-Key", m_acmeKey } }, u"sluice_query"_s, query);
        QVERIFY(titles(result[u"structuredContent"_s][u"resource"_s].toArray())
                    .contains(u"Acme book"_s));
        // Without a tenant, the tool says what REST says.
        result = callTool(m_api.adminHeaders(), u"sluice_query"_s, query);
        QVERIFY(result[u"isError"_s].toBool());
        QVERIFY2(result[u"content"_s][0][u"text"_s].toString().contains(u"acts for no tenant"_s),
                 QJsonDocument(result).toJson().constData());

        // Tables of the tenant's database, not of the service's own.
        result = callTool(m_api.adminHeaders("acme"), u"sluice_list_tables"_s,
                          { { u"service"_s, u"perdb"_s } });
        const QStringList tables = names(result[u"structuredContent"_s][u"resource"_s].toArray());
        QVERIFY2(tables.contains(u"acme_only"_s) && !tables.contains(u"own_only"_s),
                 qPrintable(tables.join(u',')));
    }

    // Which services the tools offer follows what the caller's tenant reaches: a per-tenant
    // service is offered for the tables of the tenant's backend, and to no caller without one.
    void mcpOffersPerTenantServicesByTheTenantsTables()
    {
        // The role may read only acme_only, a table of acme's database alone.
        QCOMPARE(offeredServices({ { "X-API-Key", m_acmeOnlyKey } }), QStringList { u"perdb"_s });
        QCOMPARE(offeredServices({ { "X-API-Key", m_tenantlessOnlyKey } }), QStringList());
        // Everything allowed: the shared service always, perdb only with a backend.
        QCOMPARE(offeredServices({ { "X-API-Key", m_anyKey } }), QStringList { u"main"_s });
        QCOMPARE(offeredServices({ { "X-API-Key", m_gammaKey } }), QStringList { u"main"_s });
        QCOMPARE(offeredServices({ { "X-API-Key", m_betaKey } }),
                 QStringList({ u"main"_s, u"perdb"_s }));
        QCOMPARE(offeredServices(m_api.adminHeaders("acme")),
                 QStringList({ u"main"_s, u"perdb"_s }));

        const QJsonObject listed =
            callTool({ { "X-API-Key", m_gammaKey } }, u"sluice_list_services"_s, {});
        QCOMPARE(names(listed[u"structuredContent"_s][u"resource"_s].toArray()),
                 QStringList { u"main"_s });
    }

    // A session belongs to the tenant it was opened for: the same admin with another
    // X-Sluice-Tenant, or none, finds no session (as another caller does), and cannot close it.
    void mcpSessionStaysWithItsTenant()
    {
        const QByteArray session = mcpSession(m_api.adminHeaders("acme"));
        QVERIFY(!session.isEmpty());
        const QByteArray list = rpc(5, u"tools/list"_s);
        QCOMPARE(mcp(list, session, m_api.adminHeaders("acme")).status, 200);
        for (const QByteArray &other : { "beta"_ba, QByteArray() }) {
            const HttpResponse r = mcp(list, session, m_api.adminHeaders(other));
            QCOMPARE(r.status, 404);
            QVERIFY2(r.body.contains("No such MCP session"), r.body.constData());
            HttpHeaders headers = m_api.adminHeaders(other);
            headers.append({ "Mcp-Session-Id", session });
            QCOMPARE(m_api.send("DELETE", "/mcp", {}, headers).status, 404);
        }
        // Nor does a key of another tenant.
        QCOMPARE(mcp(list, session, { { "X-API-Key", m_betaKey } }).status, 404);
        // The session is still acme's.
        QCOMPARE(mcp(list, session, m_api.adminHeaders("acme")).status, 200);
        HttpHeaders headers = m_api.adminHeaders("acme");
        headers.append({ "Mcp-Session-Id", session });
        QCOMPARE(m_api.send("DELETE", "/mcp", {}, headers).status, 204);
    }

    // The explanation names the tenant and, for a per-tenant service, whether it has a backend
    // there; no tenant or no backend denies as the request path does, whatever the role allows.
    void explainNamesTheTenantAndItsBackend()
    {
        const QByteArray target = "method=GET&path=/api/v1/perdb/_table/books";
        // An admin acting for a tenant without a backend (tenant= stands for X-Sluice-Tenant).
        QJsonObject e = explain(target + "&tenant=gamma");
        QCOMPARE(e[u"tenant"_s].toString(), u"gamma"_s);
        QCOMPARE(e[u"tenancy"_s].toString(), u"database"_s);
        QCOMPARE(e[u"tenant_backend"_s], QJsonValue(false));
        QCOMPARE(e[u"allowed"_s], QJsonValue(false));
        QCOMPARE(e[u"status"_s].toInt(), 403);
        QCOMPARE(e[u"outcome"_s].toString(), u"no_tenant_backend"_s);
        QVERIFY2(e[u"reason"_s].toString().startsWith(
                     u"Service 'perdb' has no backend for tenant 'gamma'"_s),
                 qPrintable(e[u"reason"_s].toString()));
        // ... as the request says.
        HttpResponse r = m_api.asAdmin("GET", "/api/v1/perdb/_table/books", {}, "gamma");
        QCOMPARE(r.status, 403);
        QVERIFY(e[u"reason"_s].toString().startsWith(r.errorMessage()));
        // The header says the same as the parameter.
        QCOMPARE(explain(target, "gamma")[u"outcome"_s].toString(), u"no_tenant_backend"_s);

        e = explain(target + "&tenant=acme");
        QCOMPARE(e[u"tenant"_s].toString(), u"acme"_s);
        QCOMPARE(e[u"tenant_backend"_s], QJsonValue(true));
        QCOMPARE(e[u"allowed"_s], QJsonValue(true));
        QCOMPARE(e[u"outcome"_s].toString(), u"allowed"_s);

        // No tenant at all.
        e = explain(target);
        QVERIFY(e[u"tenant"_s].isNull());
        QCOMPARE(e[u"tenant_backend"_s], QJsonValue(false));
        QCOMPARE(e[u"allowed"_s], QJsonValue(false));
        QCOMPARE(e[u"outcome"_s].toString(), u"no_tenant"_s);
        QVERIFY2(e[u"reason"_s].toString().contains(u"acts for no tenant"_s),
                 qPrintable(e[u"reason"_s].toString()));

        // A key acts for its own tenant; its role would allow, the tenancy does not.
        e = explain(target + "&key=" + m_gammaKey);
        QCOMPARE(e[u"identity"_s][u"kind"_s].toString(), u"api_key"_s);
        QCOMPARE(e[u"tenant"_s].toString(), u"gamma"_s);
        QCOMPARE(e[u"outcome"_s].toString(), u"no_tenant_backend"_s);
        QVERIFY2(e[u"reason"_s].toString().contains(u"The role alone: Allowed by rule 1"_s),
                 qPrintable(e[u"reason"_s].toString()));
        QCOMPARE(m_api.withKey("GET", "/api/v1/perdb/_table/books", m_gammaKey).status, 403);
        e = explain(target + "&key=" + m_acmePrefix.toLatin1());
        QCOMPARE(e[u"tenant"_s].toString(), u"acme"_s);
        QCOMPARE(e[u"allowed"_s], QJsonValue(true));

        // A role acting for a tenant (the desktop's View as).
        e = explain(target + "&role=any&tenant=beta");
        QCOMPARE(e[u"identity"_s][u"kind"_s].toString(), u"role"_s);
        QCOMPARE(e[u"tenant"_s].toString(), u"beta"_s);
        QCOMPARE(e[u"allowed"_s], QJsonValue(true));
        e = explain(target + "&role=any&tenant=gamma");
        QCOMPARE(e[u"allowed"_s], QJsonValue(false));
        QCOMPARE(e[u"outcome"_s].toString(), u"no_tenant_backend"_s);
        // A role that may not read the table is denied by its rules first when the tenant is
        // served, by the tenancy when it is not.
        e = explain(target + "&role=acmeonly&tenant=acme");
        QCOMPARE(e[u"outcome"_s].toString(), u"no_component_rule"_s);
        QCOMPARE(e[u"tenant_backend"_s], QJsonValue(true));

        // A shared service serves every caller.
        e = explain("method=GET&path=/api/v1/main/_table/books&tenant=gamma");
        QCOMPARE(e[u"tenancy"_s].toString(), u"none"_s);
        QVERIFY(e[u"tenant_backend"_s].isNull());
        QCOMPARE(e[u"allowed"_s], QJsonValue(true));
    }

    void explainTenantErrors_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("message");
        const QByteArray target = "method=GET&path=/api/v1/perdb/_table/books";
        QTest::newRow("invalid name")
            << target + "&tenant=Acme" << u"Parameter 'tenant': 'Acme' is not a tenant name"_s;
        QTest::newRow("with a key") << target + "&tenant=acme&key=sluice_00000000"
                                    << u"an API key acts for its own tenant"_s;
    }

    void explainTenantErrors()
    {
        QFETCH(QByteArray, query);
        QFETCH(QString, message);
        const HttpResponse r = m_api.asAdmin("GET", "/api/v1/system/explain?" + query);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestHttpTenantFronts)
#include "tst_http_tenantfronts.moc"
