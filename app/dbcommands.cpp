#include "api/schema/schemajson.h"
#include "clistores.h"
#include "commands.h"
#include "config/configstore.h"
#include "config/dsnmask.h"
#include "config/tenantrepository.h"
#include "db/backends.h"
#include "db/connectionfactory.h"
#include "db/dialect.h"
#include "db/serviceregistry.h"
#include "dsnpasswords.h"
#include "secrets/servicesecrets.h"
#include "settingsloader.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// SQLite DSNs are file paths: no password, so no secret store to open (on a desktop that
// would be a keychain round trip).
bool mayHavePassword(const ServiceConfig &service)
{
    return service.driver != u"sqlite"_s;
}

// The service as a connection needs it: its password (and its tenants' backends' passwords)
// loaded from the secret store, for the connection factory to merge back. Only for this
// process's own connections (db test, db schema).
Result<ServiceConfig> withPassword(const CliContext &context, ServiceConfig service)
{
    if (!mayHavePassword(service))
        return service;
    auto secrets = openSecretStore(context);
    if (!secrets)
        return secrets.error();
    QList<ServiceConfig> one { service };
    loadServicePasswords(**secrets, one);
    return one.first();
}

// The schema a tenant's backend uses on a schema-per-tenant service.
QString tenantSchema(const TenantBackend &backend)
{
    return backend.schema.isEmpty() ? backend.tenant : backend.schema;
}

// "database", or "database (acme, beta)" when tenants have backends.
QString tenancyText(const ServiceConfig &service)
{
    QStringList tenants;
    for (const TenantBackend &backend : service.tenantBackends)
        tenants << backend.tenant;
    const QString tenancy = tenancyName(service.tenancy);
    return tenants.isEmpty() ? tenancy : u"%1 (%2)"_s.arg(tenancy, tenants.join(u", "_s));
}

QString serviceDsn(SecretStore *secrets, const ServiceConfig &service)
{
    return listedDsn(secrets, service.driver, service.dsn, servicePasswordKey(service.name));
}

QString backendDsn(SecretStore *secrets, const ServiceConfig &service, const TenantBackend &backend)
{
    if (backend.dsn.isEmpty())
        return QString();
    return listedDsn(secrets, service.driver, backend.dsn,
                     tenantPasswordKey(service.name, backend.tenant));
}

// `db list --json` and `db show --json`: passwords never, "***" where one is kept.
QJsonObject serviceJson(SecretStore *secrets, const ServiceConfig &s)
{
    QJsonArray tenants;
    for (const TenantBackend &backend : s.tenantBackends) {
        tenants.append(QJsonObject {
            { u"tenant"_s, backend.tenant },
            { u"dsn"_s, backendDsn(secrets, s, backend) },
            { u"schema"_s, s.tenancy == Tenancy::Schema ? tenantSchema(backend) : QString() } });
    }
    return QJsonObject { { u"name"_s, s.name },
                         { u"driver"_s, s.driver },
                         { u"dsn"_s, serviceDsn(secrets, s) },
                         { u"label"_s, s.label },
                         { u"schema"_s, s.schema },
                         { u"read_only"_s, s.readOnly },
                         { u"raw_sql"_s, s.rawSql },
                         { u"enabled"_s, s.enabled },
                         { u"tenancy"_s, tenancyName(s.tenancy) },
                         { u"tenants"_s, tenants } };
}

// The secret store for listing `services`, or null when none of them can have a password or
// the store cannot be opened (which only costs the "***" marker).
std::unique_ptr<SecretStore> listingSecrets(const CliContext &context,
                                            const QList<ServiceConfig> &services)
{
    if (!std::any_of(services.cbegin(), services.cend(), mayHavePassword))
        return nullptr;
    auto secrets = openSecretStore(context);
    return secrets ? std::move(*secrets) : nullptr;
}

const QString DbAddUsage =
    u"sluice db add NAME --driver sqlite|postgres|mysql|odbc --dsn DSN [--label L] [--schema S] "
    "[--read-only] [--raw-sql] [--tenancy none|database|schema|setting]"_s;

// What `db add` says after adding a service of each tenancy: the next step.
QString nextStep(const ServiceConfig &service)
{
    switch (service.tenancy) {
    case Tenancy::None: break;
    case Tenancy::Database:
        return u"A database per tenant: give each tenant its DSN with: sluice db tenant %1 TENANT "
               "--dsn DSN"_s.arg(service.name);
    case Tenancy::Schema:
        return u"A schema per tenant: give each tenant its schema with: sluice db tenant %1 "
               "TENANT [--schema S] (without --schema, the tenant's name)"_s.arg(service.name);
    case Tenancy::Setting:
        return u"Every tenant in this database: each session carries sluice.tenant for your "
               "row-level security policies."_s;
    }
    return u"Check it with: sluice db test %1"_s.arg(service.name);
}

int dbAdd(const CliContext &context, CliArgs &args)
{
    ServiceConfig service;
    service.name = args.takePositional();
    service.driver = args.option(u"--driver"_s);
    service.dsn = args.option(u"--dsn"_s);
    service.label = args.option(u"--label"_s);
    service.schema = args.option(u"--schema"_s);
    service.readOnly = args.flag(u"--read-only"_s);
    service.rawSql = args.flag(u"--raw-sql"_s);
    const QString tenancy = args.option(u"--tenancy"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (service.name.isNull() || service.driver.isNull() || service.dsn.isNull()) {
        // Name what is missing first: a usage line alone leaves the user to compare.
        QStringList missing;
        if (service.name.isNull())
            missing << u"NAME"_s;
        if (service.driver.isNull())
            missing << u"--driver"_s;
        if (service.dsn.isNull())
            missing << u"--dsn"_s;
        return fail(u"db add: missing %1 (usage: %2)"_s.arg(missing.join(u", "_s), DbAddUsage),
                    ExitUsage);
    }
    if (const Result<Tenancy> mode = tenancyFromName(tenancy); mode)
        service.tenancy = *mode;
    else
        return fail(u"invalid --tenancy: "_s + mode.error().message);
    auto dsn = takeDsnPassword(context, service.driver, service.dsn);
    if (!dsn)
        return fail(dsn.error().message);
    service.dsn = dsn->dsn;
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    if (Status s = (*store)->addService(service); !s)
        return fail(s.error().message);
    // After the service exists, so a refused add never replaces another service's password.
    if (Status kept = keepDsnPassword(
            *dsn, servicePasswordKey(service.name), u"service '%1'"_s.arg(service.name),
            [&] { return (*store)->removeService(service.name); }, u"the service was not added"_s);
        !kept) {
        return fail(kept.error().message);
    }
    auditCliChange(context, u"service.add"_s, u"added service "_s + service.name, service.name);
    const QString driver = canonicalDriver(service.driver);
    say(u"Added service '%1' (%2%3). %4"_s.arg(service.name, driver,
                                               service.tenancy == Tenancy::None
                                                   ? QString()
                                                   : u", tenancy "_s + tenancyName(service.tenancy),
                                               nextStep(service)));
    return ExitOk;
}

int dbList(const CliContext &context, CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    auto services = (*store)->services();
    if (!services)
        return fail(services.error().message);
    const std::unique_ptr<SecretStore> secrets = listingSecrets(context, *services);
    SecretStore *secretStore = secrets.get();
    printList(
        *services, json,
        u"No services. Add one with: sluice db add NAME --driver sqlite --dsn /path/to/file.db"_s,
        { u"NAME"_s, u"DRIVER"_s, u"MODE"_s, u"TENANCY"_s, u"DSN"_s },
        [secretStore](const ServiceConfig &s) { return serviceJson(secretStore, s); },
        [secretStore](const ServiceConfig &s) {
            return QStringList { s.name, s.driver, s.readOnly ? u"read-only"_s : u"read-write"_s,
                                 tenancyText(s), serviceDsn(secretStore, s) };
        });
    return ExitOk;
}

Result<ServiceConfig> namedService(const CliContext &context, CliArgs &args, const QString &usage)
{
    const QString name = args.takePositional();
    if (name.isNull())
        return Error::badRequest(usage);
    auto store = openConfigStore(context);
    if (!store)
        return store.error();
    return (*store)->service(name);
}

int dbShow(const CliContext &context, CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    auto service = namedService(context, args, u"usage: sluice db show NAME [--json]"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (!service)
        return fail(service.error().message,
                    service.error().kind == ErrorKind::BadRequest ? ExitUsage : ExitFailure);
    const std::unique_ptr<SecretStore> secrets = listingSecrets(context, { *service });
    const ServiceConfig &s = *service;
    if (json) {
        sayJson(serviceJson(secrets.get(), s));
        return ExitOk;
    }
    say(u"Service %1 (%2)"_s.arg(s.name, s.driver));
    if (!s.label.isEmpty())
        say(u"  label:    %1"_s.arg(s.label));
    say(u"  dsn:      %1"_s.arg(serviceDsn(secrets.get(), s)));
    if (!s.schema.isEmpty())
        say(u"  schema:   %1"_s.arg(s.schema));
    say(u"  mode:     %1%2%3"_s.arg(s.readOnly ? u"read-only"_s : u"read-write"_s,
                                    s.rawSql ? u", raw SQL allowed"_s : QString(),
                                    s.enabled ? QString() : u", disabled"_s));
    say(u"  tenancy:  %1"_s.arg(tenancyName(s.tenancy)));
    if (s.tenancy != Tenancy::Database && s.tenancy != Tenancy::Schema)
        return ExitOk;
    if (s.tenantBackends.isEmpty()) {
        say(u"  tenants:  none yet; add one with: sluice db tenant %1 TENANT %2"_s.arg(
            s.name, s.tenancy == Tenancy::Database ? u"--dsn DSN"_s : u"[--schema S]"_s));
        return ExitOk;
    }
    say(u"  tenants:"_s);
    TextTable table({ u"    TENANT"_s, s.tenancy == Tenancy::Database ? u"DSN"_s : u"SCHEMA"_s });
    for (const TenantBackend &backend : s.tenantBackends) {
        table.addRow({ u"    "_s + backend.tenant,
                       s.tenancy == Tenancy::Database ? backendDsn(secrets.get(), s, backend)
                                                      : tenantSchema(backend) });
    }
    table.print();
    return ExitOk;
}

// The schema of `service` as a connection of this process reads it.
Result<Schema> readSchema(const ServiceConfig &service, int statementTimeoutMs)
{
    const QString connectionName = u"sluice-cli-schema"_s;
    auto opened = openService(service, connectionName, statementTimeoutMs);
    if (!opened)
        return opened.error();
    auto schema = opened->dialect->introspect(opened->db, service.schema);
    opened->db = QSqlDatabase();
    closeDatabase(connectionName);
    return schema;
}

// One tenant's backend, opened as the server opens it for a caller of that tenant (the same
// ServiceRegistry routing): its own DSN and password, or the service's DSN in its schema.
// A schema backend is also read, so a schema that is missing or empty is said.
Result<QString> testBackend(const ServiceConfig &service, const TenantBackend &backend,
                            int statementTimeoutMs)
{
    ServiceRegistry routing(statementTimeoutMs);
    routing.setServices({ service });
    routing.setTenants({ backend.tenant });
    const ServiceHandle opened = routing.forTenant(service.name, backend.tenant);
    if (!opened)
        return Error::internal(u"no backend for tenant '%1'"_s.arg(backend.tenant));
    if (service.tenancy == Tenancy::Database) {
        if (Status s = testConnection(opened->config); !s)
            return s.error();
        return maskDsn(backend.dsn);
    }
    auto schema = readSchema(opened->config, statementTimeoutMs);
    if (!schema)
        return schema.error();
    const QString where = u"schema '%1'"_s.arg(opened->config.schema);
    if (schema->tables.isEmpty())
        return QString(where + u", no tables or views: does the schema exist?"_s);
    return u"%1, %2 tables and views"_s.arg(where).arg(schema->tables.size());
}

// Tests the service's own DSN, then each tenant's backend: one line each, and a failure of any
// is the command's.
int dbTest(const CliContext &context, CliArgs &args)
{
    auto service = namedService(context, args, u"usage: sluice db test NAME"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (!service)
        return fail(service.error().message,
                    service.error().kind == ErrorKind::BadRequest ? ExitUsage : ExitFailure);
    auto connectable = withPassword(context, *service);
    if (!connectable)
        return fail(u"service '%1': %2"_s.arg(service->name, connectable.error().message));
    const Status own = testConnection(*connectable);
    if (connectable->tenantBackends.isEmpty()) {
        if (!own)
            return fail(u"service '%1': %2"_s.arg(service->name, own.error().message));
        say(u"ok: connected to service '%1' (%2)"_s.arg(service->name, service->driver));
        return ExitOk;
    }
    auto settings = loadSettings(context);
    if (!settings)
        return fail(settings.error().message);
    int failed = own ? 0 : 1;
    say(own ? u"ok: connected to service '%1' (%2)"_s.arg(service->name, service->driver)
            : u"error: service '%1': %2"_s.arg(service->name, own.error().message));
    for (const TenantBackend &backend : std::as_const(connectable->tenantBackends)) {
        const Result<QString> tested =
            testBackend(*connectable, backend, settings->db.statementTimeoutMs);
        if (!tested)
            ++failed;
        say(tested ? u"ok: tenant '%1' (%2)"_s.arg(backend.tenant, *tested)
                   : u"error: tenant '%1': %2"_s.arg(backend.tenant, tested.error().message));
    }
    if (failed > 0)
        return fail(u"service '%1': %2 of %3 connections failed"_s.arg(service->name)
                        .arg(failed)
                        .arg(connectable->tenantBackends.size() + 1));
    return ExitOk;
}

int dbSchema(const CliContext &context, CliArgs &args)
{
    const QString table = args.option(u"--table"_s);
    auto service = namedService(context, args, u"usage: sluice db schema NAME [--table T]"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (!service)
        return fail(service.error().message,
                    service.error().kind == ErrorKind::BadRequest ? ExitUsage : ExitFailure);
    auto settings = loadSettings(context);
    if (!settings)
        return fail(settings.error().message);
    if (!dialectForDriver(service->driver) && !isOdbcDriver(service->driver))
        return fail(
            u"service '%1' uses unsupported driver '%2'"_s.arg(service->name, service->driver));
    QByteArray out;
    {
        auto connectable = withPassword(context, *service);
        if (!connectable)
            return fail(u"service '%1': %2"_s.arg(service->name, connectable.error().message));
        auto schema = readSchema(*connectable, settings->db.statementTimeoutMs);
        if (!schema)
            return fail(u"service '%1': %2"_s.arg(service->name, schema.error().message));
        schema->buildIndex();
        JsonWriter w(out);
        if (table.isNull()) {
            writeSchemaJson(w, *schema);
        } else if (const Table *t = schema->table(table)) {
            writeTableJson(w, *t);
        } else {
            return fail(u"service '%1' has no table '%2'"_s.arg(service->name, table));
        }
    }
    say(QString::fromUtf8(QJsonDocument::fromJson(out).toJson(QJsonDocument::Indented)).trimmed());
    return ExitOk;
}

const QString DbTenantUsage =
    u"usage: sluice db tenant SERVICE TENANT --dsn DSN | [--schema S] | --remove"_s;

// `db tenant SERVICE TENANT --remove`: the backend goes, and the password of its DSN with it.
int dbTenantRemove(const CliContext &context, ConfigStore &store, const ServiceConfig &service,
                   const QString &tenant)
{
    std::unique_ptr<SecretStore> secrets;
    if (mayHavePassword(service)) {
        auto opened = openSecretStore(context);
        if (!opened)
            return fail(opened.error().message);
        secrets = std::move(*opened);
    }
    if (Status s = store.write([&](const QSqlDatabase &db) {
            return TenantRepository(db).removeBackend(service.name, tenant);
        });
        !s)
        return fail(s.error().message);
    auditCliChange(context, u"service.tenant.remove"_s,
                   u"removed tenant %1's backend of service %2"_s.arg(tenant, service.name),
                   service.name);
    if (secrets) {
        if (Status removed = removeStoredSecret(*secrets, tenantPasswordKey(service.name, tenant));
            !removed)
            return fail(u"removed tenant '%1''s backend of service '%2', but its password is "
                        "still in the %3 secret store: %4"_s.arg(
                            tenant, service.name, secrets->name(), removed.error().message));
    }
    say(u"Removed tenant '%1''s backend of service '%2'."_s.arg(tenant, service.name));
    return ExitOk;
}

// `db tenant SERVICE TENANT --dsn DSN | --schema S | --remove`: a tenant's backend of a
// per-tenant service (API.md §11). The DSN's password goes to the secret store, as `db add`'s.
int dbTenant(const CliContext &context, CliArgs &args)
{
    const QString dsnText = args.option(u"--dsn"_s);
    const QString schema = args.option(u"--schema"_s);
    const bool remove = args.flag(u"--remove"_s);
    const QString serviceName = args.takePositional();
    const QString tenant = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (serviceName.isNull() || tenant.isNull())
        return fail(
            u"db tenant: missing %1 (%2)"_s.arg(
                serviceName.isNull() ? u"SERVICE and TENANT"_s : u"TENANT"_s, DbTenantUsage),
            ExitUsage);
    if (int(!dsnText.isNull()) + int(!schema.isNull()) + int(remove) > 1)
        return fail(u"db tenant: give one of --dsn, --schema or --remove (%1)"_s.arg(DbTenantUsage),
                    ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    auto service = (*store)->service(serviceName);
    if (!service)
        return fail(service.error().message);
    if (remove)
        return dbTenantRemove(context, **store, *service, tenant);

    TenantBackend backend;
    backend.tenant = tenant;
    backend.schema = schema;
    backend.dsn = dsnText;
    // Only a database-per-tenant service keeps a DSN: the repository refuses one elsewhere,
    // before any password is stored.
    CliDsn dsn;
    if (service->tenancy == Tenancy::Database && !dsnText.isEmpty()) {
        auto taken = takeDsnPassword(context, service->driver, dsnText);
        if (!taken)
            return fail(taken.error().message);
        dsn = std::move(*taken);
        backend.dsn = dsn.dsn;
    }
    std::optional<TenantBackend> before;
    for (const TenantBackend &old : std::as_const(service->tenantBackends)) {
        if (old.tenant == tenant)
            before = old;
    }
    if (Status s = (*store)->write([&](const QSqlDatabase &db) {
            return TenantRepository(db).setBackend(service->name, backend);
        });
        !s)
        return fail(s.error().message);
    // After config.db accepted it, so a refused backend never replaces a stored password.
    const auto undo = [&]() -> Status {
        return (*store)->write([&](const QSqlDatabase &db) {
            TenantRepository tenants(db);
            return before ? tenants.setBackend(service->name, *before)
                          : tenants.removeBackend(service->name, tenant);
        });
    };
    if (Status kept = keepDsnPassword(
            dsn, tenantPasswordKey(service->name, tenant),
            u"tenant '%1' of service '%2'"_s.arg(tenant, service->name), undo,
            before ? u"the backend was not changed"_s : u"the backend was not added"_s);
        !kept) {
        return fail(kept.error().message);
    }
    auditCliChange(context, u"service.tenant"_s,
                   u"set tenant %1's backend of service %2"_s.arg(tenant, service->name),
                   service->name);
    say(service->tenancy == Tenancy::Database
            ? u"Tenant '%1' of service '%2' uses %3. Check it with: sluice db test %2"_s.arg(
                tenant, service->name, maskDsn(backend.dsn))
            : u"Tenant '%1' of service '%2' uses schema '%3'. Check it with: sluice db test %2"_s
                  .arg(tenant, service->name, tenantSchema(backend)));
    return ExitOk;
}

int dbRemove(const CliContext &context, CliArgs &args)
{
    const QString name = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (name.isNull())
        return fail(u"usage: sluice db remove NAME"_s, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    auto service = (*store)->service(name);
    if (!service)
        return fail(service.error().message);
    auto secrets = openSecretStore(context);
    if (!secrets)
        return fail(secrets.error().message);
    if (Status s = (*store)->removeService(name); !s)
        return fail(s.error().message);
    auditCliChange(context, u"service.remove"_s, u"removed service "_s + name, name);
    // Its tenants' backends went with it (config.db cascades); their passwords go too.
    QStringList keys { servicePasswordKey(name) };
    for (const TenantBackend &backend : std::as_const(service->tenantBackends))
        keys << tenantPasswordKey(name, backend.tenant);
    for (const QString &key : std::as_const(keys)) {
        if (Status removed = removeStoredSecret(**secrets, key); !removed)
            return fail(u"removed service '%1', but a password of it is still in the %2 secret "
                        "store: %3"_s.arg(name, (*secrets)->name(), removed.error().message));
    }
    say(u"Removed service '%1'."_s.arg(name));
    return ExitOk;
}

} // namespace

int runDb(const CliContext &context, CliArgs &args)
{
    const QString sub = args.takePositional();
    if (sub == u"add"_s)
        return dbAdd(context, args);
    if (sub == u"list"_s)
        return dbList(context, args);
    if (sub == u"show"_s)
        return dbShow(context, args);
    if (sub == u"test"_s)
        return dbTest(context, args);
    if (sub == u"schema"_s)
        return dbSchema(context, args);
    if (sub == u"tenant"_s)
        return dbTenant(context, args);
    if (sub == u"remove"_s)
        return dbRemove(context, args);
    return fail(sub.isNull()
                    ? u"db needs a subcommand: add, list, show, test, schema, tenant or remove"_s
                    : u"unknown db subcommand '%1'; use add, list, show, test, schema, tenant or "
                      "remove"_s.arg(sub),
                ExitUsage);
}

} // namespace sluice
