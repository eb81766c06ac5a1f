// One API, a backend per tenant (API.md §11), over real HTTP on real databases: SQLite and
// PostgreSQL with a database per tenant, PostgreSQL and MariaDB with a schema per tenant, and
// PostgreSQL with one database whose row-level-security policy reads sluice.tenant, reached
// through a login that is not a superuser (superusers bypass RLS). Who the tenant is comes from
// the caller's key, or from an admin's X-Sluice-Tenant, never from anything else.
#include "adminclient.h"
#include "apiserver.h"
#include "auth/externalidentity.h"
#include "httpclient.h"
#include "mariadbserver.h"
#include "nodescript.h"
#include "pgserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpResponse;

namespace {

// The "body" of every row answered, in order.
QStringList bodiesOf(const HttpResponse &r)
{
    QStringList bodies;
    for (const QJsonValue &row : r.json().object().value(u"resource"_s).toArray())
        bodies << row.toObject().value(u"body"_s).toString();
    return bodies;
}

ServiceConfig perTenant(const QString &name, const QString &driver, const QString &dsn,
                        Tenancy tenancy, const QList<TenantBackend> &backends = {})
{
    ServiceConfig service;
    service.name = name;
    service.driver = driver;
    service.dsn = dsn;
    service.tenancy = tenancy;
    service.tenantBackends = backends;
    service.rawSql = true;
    return service;
}

TenantBackend databaseOf(const QString &tenant, const QString &dsn)
{
    TenantBackend backend;
    backend.tenant = tenant;
    backend.dsn = dsn;
    return backend;
}

TenantBackend schemaOf(const QString &tenant, const QString &schema = {})
{
    TenantBackend backend;
    backend.tenant = tenant;
    backend.schema = schema;
    return backend;
}

// The same DSN with another database name at its end.
QString withDatabase(QString dsn, const QString &database)
{
    return dsn.left(dsn.lastIndexOf(u'/') + 1) + database;
}

const QString NotesTable = u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100))"_s;
const QString Colors = u"CREATE TABLE colors (id INTEGER PRIMARY KEY, name VARCHAR(20))"_s;
const QString SomeColors = u"INSERT INTO colors (id, name) VALUES (1, 'red'), (2, 'blue')"_s;

} // namespace

class TestHttpTenantRouting : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    sluice::test::AuthFixture m_auth;
    sluice::test::ApiServer m_server;
    sluice::test::PgServer *m_pg = nullptr;
    sluice::test::MariaDbServer *m_maria = nullptr;
    QByteArray m_acme, m_globex, m_initech, m_none; // keys; initech has no backends
    QByteArray m_acmeSql; // acme's key that may run raw SQL
    sluice::test::AdminClient m_api; // signed in as an admin
    QHash<QString, QByteArray> m_tokens; // an identity provider's (jose), by name

    static QByteArray notesOf(const QString &service)
    {
        return "/api/v1/" + service.toUtf8() + "/_table/notes?order=id";
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pg = sluice::test::PgServer::shared();
        QVERIFY2(m_pg, "the PostgreSQL test server cannot start (see the warning above)");
        m_maria = sluice::test::MariaDbServer::shared();
        QVERIFY2(m_maria, "the MariaDB test server cannot start (see the warning above)");

        // Every backend holds the tenant's own notes; the services' own databases hold a row no
        // tenant may ever see.
        QList<ServiceConfig> services;
        const auto sqliteFile = [this](const QString &file, const QString &note,
                                       const QStringList &more = {}) {
            return sluice::test::sqliteService(
                u"x"_s, m_dir.filePath(file),
                QStringList { NotesTable, u"INSERT INTO notes (body) VALUES ('%1')"_s.arg(note),
                              Colors, SomeColors }
                    + more);
        };
        const auto own = sqliteFile(u"own.sqlite"_s, u"NOT FOR TENANTS"_s);
        const auto acme = sqliteFile(u"acme.sqlite"_s, u"acme note"_s,
                                     { u"CREATE TABLE acme_only (id INTEGER PRIMARY KEY)"_s });
        const auto globex = sqliteFile(u"globex.sqlite"_s, u"globex note"_s);
        QVERIFY(own && acme && globex);
        services << perTenant(
            u"files"_s, u"sqlite"_s, own->dsn, Tenancy::Database,
            { databaseOf(u"acme"_s, acme->dsn), databaseOf(u"globex"_s, globex->dsn) });
        services << *sluice::test::sqliteService(
            u"shared"_s, m_dir.filePath(u"shared.sqlite"_s),
            { NotesTable, u"INSERT INTO notes (body) VALUES ('for all')"_s });

        // PostgreSQL, a database per tenant.
        const QString pgNotes = u"CREATE TABLE notes (id serial PRIMARY KEY, body text);"
                                "CREATE TABLE colors (id int PRIMARY KEY, name text);"_s
            + SomeColors + u";"_s;
        for (const QString &tenant : { u"acme"_s, u"globex"_s }) {
            QVERIFY(m_pg->createDatabase(u"tenant_"_s + tenant));
            QVERIFY(m_pg->execIn(
                u"tenant_"_s + tenant,
                pgNotes + u"INSERT INTO notes (body) VALUES ('%1 note')"_s.arg(tenant)));
        }
        QVERIFY(m_pg->exec(pgNotes + u"INSERT INTO notes (body) VALUES ('NOT FOR TENANTS')"_s));
        services << perTenant(
            u"pgdb"_s, u"postgres"_s, m_pg->dsn(), Tenancy::Database,
            { databaseOf(u"acme"_s, withDatabase(m_pg->dsn(), u"tenant_acme"_s)),
              databaseOf(u"globex"_s, withDatabase(m_pg->dsn(), u"tenant_globex"_s)) });

        // PostgreSQL, a schema per tenant: acme's is named after it, globex's is chosen.
        for (const QString &schema : { u"acme"_s, u"globex_data"_s }) {
            const QString tenant = schema.section(u'_', 0, 0);
            QVERIFY(m_pg->exec(
                u"CREATE SCHEMA %1; SET search_path = %1;"_s.arg(schema) + pgNotes
                + u"INSERT INTO notes (body) VALUES ('%1 note'); RESET search_path"_s.arg(tenant)));
        }
        services << perTenant(u"pgschema"_s, u"postgres"_s, m_pg->dsn(), Tenancy::Schema,
                              { schemaOf(u"acme"_s), schemaOf(u"globex"_s, u"globex_data"_s) });

        // PostgreSQL, one table for all, kept apart by the operator's RLS policy. The service's
        // login owns nothing and is no superuser.
        QVERIFY(
            m_pg->exec(u"CREATE ROLE tenant_app LOGIN PASSWORD 'app-pass' NOSUPERUSER NOBYPASSRLS;"
                       "CREATE TABLE shared_notes (id serial PRIMARY KEY, body text NOT NULL,"
                       "  tenant text NOT NULL DEFAULT current_setting('sluice.tenant'));"
                       "INSERT INTO shared_notes (body, tenant) VALUES ('acme note', 'acme'),"
                       "  ('globex note', 'globex'), ('initech note', 'initech');"
                       "ALTER TABLE shared_notes ENABLE ROW LEVEL SECURITY;"
                       "CREATE POLICY by_tenant ON shared_notes"
                       "  USING (tenant = current_setting('sluice.tenant', true))"
                       "  WITH CHECK (tenant = current_setting('sluice.tenant', true));"
                       "GRANT SELECT, INSERT, UPDATE, DELETE ON shared_notes TO tenant_app;"
                       "GRANT USAGE ON SEQUENCE shared_notes_id_seq TO tenant_app;"_s));
        services << perTenant(u"pgrls"_s, u"postgres"_s,
                              m_pg->dsnFor(u"tenant_app"_s, u"app-pass"_s), Tenancy::Setting);

        // MariaDB, a database ("schema") per tenant on one login.
        for (const QString &tenant : { u"acme"_s, u"globex"_s }) {
            const QString database = u"m_"_s + tenant;
            QVERIFY(m_maria->createDatabase(database));
            QVERIFY(
                m_maria->exec(u"GRANT ALL ON `%1`.* TO '%2'@'%'"_s.arg(database, m_maria->user())));
            QVERIFY(m_maria->execIn(
                database,
                u"CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(100));"
                "INSERT INTO notes (body) VALUES ('%1 note');"_s.arg(tenant)
                    + Colors + u";"_s + SomeColors));
        }
        QVERIFY(m_maria->exec(
            u"CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(100));"
            "INSERT INTO notes (body) VALUES ('NOT FOR TENANTS')"_s));
        services << perTenant(
            u"mschema"_s, u"mysql"_s, m_maria->dsn(), Tenancy::Schema,
            { schemaOf(u"acme"_s, u"m_acme"_s), schemaOf(u"globex"_s, u"m_globex"_s) });

        QVERIFY(m_auth.init());
        for (const QString &tenant : { u"acme"_s, u"globex"_s, u"initech"_s })
            QVERIFY(m_auth.createTenant(tenant));
        const QStringList everything { u"*:_table/*:GET,POST"_s };
        m_acme = m_auth.createTenantKey(u"acme"_s, u"user"_s, everything).toLatin1();
        m_globex = m_auth.createTenantKey(u"globex"_s, u"user"_s, everything).toLatin1();
        m_initech = m_auth.createTenantKey(u"initech"_s, u"user"_s, everything).toLatin1();
        m_none = m_auth.createKey(u"user"_s, everything).toLatin1();
        m_acmeSql = m_auth.createTenantKey(u"acme"_s, u"sql"_s, { u"*:_sql:GET"_s }).toLatin1();
        QVERIFY(!m_acme.isEmpty() && !m_globex.isEmpty() && !m_initech.isEmpty()
                && !m_none.isEmpty() && !m_acmeSql.isEmpty());
        QVERIFY(m_auth.createAdmin(u"root@example.com"_s, u"correct horse battery"_s) > 0);

        // Tokens of an identity provider whose tenant_id claim names the tenant.
        const QString issuer = u"https://idp.test/realms/shop"_s;
        const auto claims = [](const QString &tenant) {
            QJsonObject claims { { u"role"_s, u"user"_s } };
            if (!tenant.isEmpty())
                claims.insert(u"tenant_id"_s, tenant);
            return claims;
        };
        const QJsonArray wanted {
            QJsonObject { { u"name"_s, u"acme"_s }, { u"claims"_s, claims(u"acme"_s) } },
            QJsonObject { { u"name"_s, u"hooli"_s }, { u"claims"_s, claims(u"hooli"_s) } },
            QJsonObject { { u"name"_s, u"initech"_s }, { u"claims"_s, claims(u"initech"_s) } },
            QJsonObject { { u"name"_s, u"none"_s }, { u"claims"_s, claims({}) } },
        };
        const sluice::test::JoseTokens made =
            sluice::test::makeJoseTokens(m_dir.path(), issuer, u"sluice"_s, wanted);
        QVERIFY2(made.problem.isEmpty(), qPrintable(made.problem));
        m_tokens = made.tokens;
        IssuerSetting idp;
        idp.issuer = issuer;
        idp.audience = u"sluice"_s;
        idp.jwksFile = made.jwksFile;

        QVERIFY(m_server.startWithIssuers(m_auth, services, { idp }));
        m_server.registry().setTenants({ u"acme"_s, u"globex"_s, u"initech"_s });
        m_api.setPort(m_server.port());
        QVERIFY(m_api.signInAsAdmin(u"root@example.com"_s, u"correct horse battery"_s));
    }

    void cleanupTestCase() { m_server.stop(); }

    void eachTenantReadsItsOwnBackend_data()
    {
        QTest::addColumn<QString>("service");
        for (const char *service : { "files", "pgdb", "pgschema", "pgrls", "mschema" })
            QTest::newRow(service) << QString::fromLatin1(service);
    }
    void eachTenantReadsItsOwnBackend()
    {
        QFETCH(QString, service);
        const QString table = service == u"pgrls" ? u"shared_notes"_s : u"notes"_s;
        const QByteArray target =
            "/api/v1/" + service.toUtf8() + "/_table/" + table.toUtf8() + "?order=id";
        HttpResponse r = m_api.withKey("GET", target, m_acme);
        QCOMPARE(r.status, 200);
        QCOMPARE(bodiesOf(r), QStringList { u"acme note"_s });
        r = m_api.withKey("GET", target, m_globex);
        QCOMPARE(r.status, 200);
        QCOMPARE(bodiesOf(r), QStringList { u"globex note"_s });
        // Again, now that both tenants' pools are warm on this worker.
        QCOMPARE(bodiesOf(m_api.withKey("GET", target, m_acme)), QStringList { u"acme note"_s });
    }

    void writesLandInTheWritersBackendOnly_data() { eachTenantReadsItsOwnBackend_data(); }
    void writesLandInTheWritersBackendOnly()
    {
        QFETCH(QString, service);
        const QString table = service == u"pgrls" ? u"shared_notes"_s : u"notes"_s;
        const QByteArray target = "/api/v1/" + service.toUtf8() + "/_table/" + table.toUtf8();
        const QByteArray body = "{\"body\": \"acme wrote on " + service.toUtf8() + "\"}";
        QCOMPARE(m_api.withKey("POST", target, m_acme, body).status, 201);
        const QString written = u"acme wrote on "_s + service;
        QVERIFY(bodiesOf(m_api.withKey("GET", target + "?order=id", m_acme)).contains(written));
        QVERIFY(!bodiesOf(m_api.withKey("GET", target + "?order=id", m_globex)).contains(written));
    }

    void rowLevelSecurityRefusesAnotherTenantsRow()
    {
        // The policy's WITH CHECK sees sluice.tenant = 'acme' whatever the body says.
        const HttpResponse r = m_api.withKey("POST", "/api/v1/pgrls/_table/shared_notes", m_acme,
                                             "{\"body\": \"planted\", \"tenant\": \"globex\"}");
        QCOMPARE(r.status, 403);
        QVERIFY(!bodiesOf(m_api.withKey("GET", "/api/v1/pgrls/_table/shared_notes", m_globex))
                     .contains(u"planted"_s));
        // initech has no backend of its own here, but it exists: the one database serves it.
        QCOMPARE(bodiesOf(m_api.withKey("GET", "/api/v1/pgrls/_table/shared_notes", m_initech)),
                 QStringList { u"initech note"_s });
    }

    void aCallerWithoutATenantIsRefused_data() { eachTenantReadsItsOwnBackend_data(); }
    void aCallerWithoutATenantIsRefused()
    {
        QFETCH(QString, service);
        const HttpResponse r = m_api.withKey("GET", notesOf(service), m_none);
        QCOMPARE(r.status, 403);
        QVERIFY2(r.errorMessage().contains(u"Service '%1'"_s.arg(service)),
                 qPrintable(r.errorMessage()));
        QVERIFY(r.errorMessage().contains(u"no tenant"_s));
        // A shared service serves everyone, tenants included.
        QCOMPARE(bodiesOf(m_api.withKey("GET", notesOf(u"shared"_s), m_none)),
                 QStringList { u"for all"_s });
        QCOMPARE(bodiesOf(m_api.withKey("GET", notesOf(u"shared"_s), m_acme)),
                 QStringList { u"for all"_s });
    }

    void aTenantWithoutABackendIsRefused_data()
    {
        QTest::addColumn<QString>("service");
        for (const char *service : { "files", "pgdb", "pgschema", "mschema" })
            QTest::newRow(service) << QString::fromLatin1(service);
    }
    void aTenantWithoutABackendIsRefused()
    {
        QFETCH(QString, service);
        const HttpResponse r = m_api.withKey("GET", notesOf(service), m_initech);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorMessage(),
                 u"Service '%1' has no backend for tenant 'initech'"_s.arg(service));
        QVERIFY(!r.body.contains("NOT FOR TENANTS"));
    }

    void aTokensTenantClaimPicksTheBackend_data() { eachTenantReadsItsOwnBackend_data(); }
    void aTokensTenantClaimPicksTheBackend()
    {
        QFETCH(QString, service);
        const QString table = service == u"pgrls" ? u"shared_notes"_s : u"notes"_s;
        const QByteArray target =
            "/api/v1/" + service.toUtf8() + "/_table/" + table.toUtf8() + "?order=id";
        const auto withToken = [&](const QString &name) {
            return m_api.withBearer("GET", target, m_tokens.value(name));
        };
        HttpResponse r = withToken(u"acme"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(bodiesOf(r).value(0), u"acme note"_s);
        QVERIFY(!r.body.contains("globex") && !r.body.contains("NOT FOR TENANTS"));
        // A tenant that does not exist, and a token naming none: 403, never the service's own
        // database (nor, for row-level security, an unset sluice.tenant).
        r = withToken(u"hooli"_s);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorMessage(),
                 u"Service '%1' has no backend for tenant 'hooli'"_s.arg(service));
        r = withToken(u"none"_s);
        QCOMPARE(r.status, 403);
        QVERIFY(r.errorMessage().contains(u"no tenant"_s));
        // initech exists; only the row-level-security service serves it.
        r = withToken(u"initech"_s);
        QCOMPARE(r.status, service == u"pgrls" ? 200 : 403);
    }

    void eachTenantHasItsOwnSchema()
    {
        QCOMPARE(m_api.withKey("GET", "/api/v1/files/_table/acme_only", m_acme).status, 200);
        const HttpResponse r = m_api.withKey("GET", "/api/v1/files/_table/acme_only", m_globex);
        QCOMPARE(r.status, 404);
        const QByteArray tables = m_api.withKey("GET", "/api/v1/files/_table", m_globex).body;
        QVERIFY2(!tables.contains("acme_only"), tables.constData());
    }

    void theOpenApiDocumentShowsTheCallersTenant()
    {
        const auto paths = [this](const QByteArray &key) {
            return m_api.withKey("GET", "/openapi.json", key)
                .json()
                .object()
                .value(u"paths"_s)
                .toObject()
                .keys();
        };
        QVERIFY(paths(m_acme).contains(u"/api/v1/files/_table/acme_only"_s));
        QVERIFY(paths(m_acme).contains(u"/api/v1/shared/_table/notes"_s));
        QVERIFY(!paths(m_globex).contains(u"/api/v1/files/_table/acme_only"_s));
        QVERIFY(paths(m_globex).contains(u"/api/v1/files/_table/colors"_s));
        // No tenant: no per-tenant service at all, the shared one still.
        QVERIFY(!paths(m_none).contains(u"/api/v1/files/_table/colors"_s));
        QVERIFY(paths(m_none).contains(u"/api/v1/shared/_table/notes"_s));
    }

    void anAdminActsForATenantByHeader()
    {
        QCOMPARE(bodiesOf(m_api.asAdmin("GET", notesOf(u"pgdb"_s), {}, "globex")),
                 QStringList { u"globex note"_s });
        const QStringList acme = bodiesOf(m_api.asAdmin("GET", notesOf(u"mschema"_s), {}, "acme"));
        QVERIFY(!acme.isEmpty());
        QCOMPARE(acme.first(), u"acme note"_s);
        QVERIFY(!acme.contains(u"NOT FOR TENANTS"_s) && !acme.contains(u"globex note"_s));
        HttpResponse r = m_api.asAdmin("GET", notesOf(u"pgdb"_s));
        QCOMPARE(r.status, 403);
        QVERIFY(r.errorMessage().contains(u"no tenant"_s));
        r = m_api.asAdmin("GET", notesOf(u"pgdb"_s), {}, "hooli");
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorMessage(), u"Service 'pgdb' has no backend for tenant 'hooli'"_s);
        r = m_api.asAdmin("GET", notesOf(u"pgdb"_s), {}, "../acme");
        QCOMPARE(r.status, 400);
        QVERIFY(r.errorMessage().contains(u"X-Sluice-Tenant"_s));
    }

    void aKeyCannotSwitchTenantByHeader()
    {
        const HttpResponse r = m_api.withKey("GET", notesOf(u"pgdb"_s), m_acme, {},
                                             { { "X-Sluice-Tenant", "globex" } });
        QCOMPARE(r.status, 403);
        QVERIFY(r.errorMessage().contains(u"X-Sluice-Tenant is for admins"_s));
        QVERIFY(!r.body.contains("globex note"));
    }

    void aCursorDoesNotCrossTenants()
    {
        const QByteArray first = "/api/v1/files/_table/colors?order=id&limit=1";
        const HttpResponse page = m_api.withKey("GET", first, m_acme);
        QCOMPARE(page.status, 200);
        const QString cursor =
            page.json().object().value(u"meta"_s).toObject().value(u"next_cursor"_s).toString();
        QVERIFY(!cursor.isEmpty());
        const QByteArray next = first + "&cursor=" + QUrl::toPercentEncoding(cursor);
        QCOMPARE(m_api.withKey("GET", next, m_acme).status, 200);
        const HttpResponse replayed = m_api.withKey("GET", next, m_globex);
        QCOMPARE(replayed.status, 400);
        QVERIFY(replayed.errorMessage().startsWith(u"Invalid cursor"_s));
    }

    void anEtagDoesNotCrossTenants()
    {
        // Both tenants hold the very same colors: still, acme's tag means nothing to globex.
        const QByteArray target = "/api/v1/pgdb/_table/colors?order=id";
        const HttpResponse acme = m_api.withKey("GET", target, m_acme);
        const QByteArray tag = acme.header("ETag");
        QVERIFY(!tag.isEmpty());
        QCOMPARE(m_api.withKey("GET", target, m_acme, {}, { { "If-None-Match", tag } }).status,
                 304);
        const HttpResponse globex =
            m_api.withKey("GET", target, m_globex, {}, { { "If-None-Match", tag } });
        QCOMPARE(globex.status, 200);
        QCOMPARE(globex.json().object().value(u"resource"_s),
                 acme.json().object().value(u"resource"_s));
        QVERIFY(globex.header("ETag") != tag);
    }

    void rawSqlOnlyWhereTenantsHaveTheirOwnDatabase()
    {
        const auto sql = [this](const QString &service) {
            return m_api.withKey("POST", "/api/v1/" + service.toUtf8() + "/_sql", m_acmeSql,
                                 "{\"sql\": \"SELECT body FROM notes\"}");
        };
        HttpResponse r = sql(u"pgdb"_s);
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("acme note"));
        QVERIFY(!r.body.contains("NOT FOR TENANTS"));
        for (const QString &service : { u"pgschema"_s, u"pgrls"_s, u"mschema"_s }) {
            r = sql(service);
            QCOMPARE(r.status, 403);
            QVERIFY2(r.errorMessage().contains(u"could reach another tenant"_s),
                     qPrintable(r.errorMessage()));
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpTenantRouting)
#include "tst_http_tenantrouting.moc"
