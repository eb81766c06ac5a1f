// System API, services: /api/v1/system/service[/{name}[/test]], the tenants' backends of a
// service, /service/{name}/tenant/{tenant} (API.md §11), and /system/connection/test.
// A DSN's password never reaches config.db nor a response: it is split out on the way in, kept
// in the secret store under "service/<name>/password" (a tenant's under
// "service/<name>/tenant/<tenant>/password") and joined again only when a connection opens
// (ServiceConfig::password, TenantBackend::password).
#include "api/system/systemservices.h"

#include "api/system/systemroutes.h"
#include "api/system/systemsupport.h"
#include "config/configservice.h"
#include "config/dsnmask.h"
#include "config/tenantrepository.h"
#include "db/connectionfactory.h"
#include "db/dsnsecret.h"
#include "secrets/secretstore.h"
#include "secrets/servicesecrets.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// What listings show for a stored DSN never shows a password.
const QString kMaskedPassword = u"***"_s;

Result<QList<ServiceConfig>> storedServices(ConfigService &config)
{
    Result<QList<ServiceConfig>> services = QList<ServiceConfig>();
    Status s = config.run([&services](ConfigStore &store) -> Status {
        services = store.services();
        return services ? Status() : Status(services.error());
    });
    if (!s)
        return s.error();
    return services;
}

Result<ServiceConfig> storedService(ConfigService &config, const QString &name)
{
    Result<ServiceConfig> service = Error::notFound(QString());
    Status s = config.run([&](ConfigStore &store) -> Status {
        service = store.service(name);
        return service ? Status() : Status(service.error());
    });
    if (!s)
        return s.error();
    return service;
}

// The password the service is served with: the registry's copy (loaded at start or set here),
// else what the secret store holds.
Result<QString> currentPassword(const ApiContext &ctx, const ServiceConfig &stored)
{
    if (stored.driver == u"sqlite"_s)
        return QString();
    if (const ServiceHandle served = ctx.registry ? ctx.registry->find(stored.name) : nullptr)
        return served->config.password;
    if (!ctx.secrets)
        return QString();
    auto password = ctx.secrets->read(servicePasswordKey(stored.name));
    if (!password && password.error().kind == ErrorKind::NotFound)
        return QString();
    return password;
}

// A DSN as answers show it: any password masked, and "***" where one is kept apart.
QString shownDsn(const QString &driver, const QString &dsn, bool hasPassword)
{
    if (hasPassword) {
        if (auto shown = mergeDsnPassword(driver, dsn, kMaskedPassword))
            return maskDsn(*shown);
    }
    return maskDsn(dsn);
}

// "tenants": [{tenant, dsn, password_set, schema}], the backends config.db holds; passwords as
// the served service has them (none for a backend added by the CLI since the server started).
void writeTenantBackends(JsonWriter &w, const ServiceConfig &service, const ServiceHandle &served)
{
    w.key("tenants");
    w.beginArray();
    for (const TenantBackend &backend : service.tenantBackends) {
        bool hasPassword = false;
        if (served) {
            for (const TenantBackend &known : served->config.tenantBackends) {
                if (known.tenant == backend.tenant && known.dsn == backend.dsn)
                    hasPassword = !known.password.isEmpty();
            }
        }
        w.beginObject();
        w.field("tenant", backend.tenant);
        w.field("dsn", shownDsn(service.driver, backend.dsn, hasPassword));
        w.field("password_set", hasPassword);
        // The schema the backend uses: its own, else the tenant's name.
        w.field("schema",
                service.tenancy != Tenancy::Schema ? QString()
                    : backend.schema.isEmpty()     ? backend.tenant
                                                   : backend.schema);
        w.endObject();
    }
    w.endArray();
}

void writeService(JsonWriter &w, const ServiceConfig &service, const ServiceHandle &served)
{
    const bool hasPassword = served && !served->config.password.isEmpty();
    w.beginObject();
    w.field("name", service.name);
    w.field("label", service.label);
    w.field("driver", service.driver);
    w.field("dsn", shownDsn(service.driver, service.dsn, hasPassword));
    w.field("password_set", hasPassword);
    w.field("schema", service.schema);
    w.field("read_only", service.readOnly);
    w.field("raw_sql", service.rawSql);
    w.field("enabled", service.enabled);
    w.field("tenancy", tenancyName(service.tenancy));
    writeTenantBackends(w, service, served);
    w.field("created_at", rfc3339(service.createdAt));
    w.field("updated_at", rfc3339(service.updatedAt));
    if (served && !served->schema && !served->schemaError.message.isEmpty())
        w.field("schema_error", served->schemaError.message);
    w.endObject();
}

bool hasText(const QJsonObject &body, const QString &key)
{
    return !body.value(key).toString().trimmed().isEmpty();
}

// A service as the body describes it. `base` holds the values of fields the body leaves out:
// the stored service for PATCH, defaults for POST and PUT.
struct ServiceChange
{
    ServiceConfig config; // the DSN without its password
    std::optional<QString> password; // nullopt: keep the stored one
};

Result<ServiceChange> serviceFromBody(const QJsonObject &body, ServiceConfig base)
{
    BodyFields fields(body);
    const QString name = fields.string(u"name"_s, base.name).trimmed();
    const QString driver = fields.string(u"driver"_s, base.driver);
    const QString dsn = fields.string(u"dsn"_s);
    const QString label = fields.string(u"label"_s, base.label);
    const QString schema = fields.string(u"schema"_s, base.schema).trimmed();
    const bool readOnly = fields.boolean(u"read_only"_s, base.readOnly);
    const bool rawSql = fields.boolean(u"raw_sql"_s, base.rawSql);
    const bool enabled = fields.boolean(u"enabled"_s, base.enabled);
    const QString tenancy = fields.string(u"tenancy"_s, tenancyName(base.tenancy));
    const std::optional<QString> explicitPassword = fields.has(u"password"_s)
        ? std::optional<QString>(fields.string(u"password"_s))
        : std::nullopt;
    if (Status s = fields.status(); !s)
        return s.error();
    if (name != base.name && !base.name.isEmpty())
        return Error::badRequest(u"A service cannot be renamed ('%1' to '%2'): create a new one "
                                 "and delete this one"_s.arg(base.name, name));
    ServiceChange change;
    change.config = base;
    change.config.name = name;
    change.config.driver = canonicalDriver(driver).isEmpty() ? driver : canonicalDriver(driver);
    change.config.label = label;
    change.config.schema = schema;
    change.config.readOnly = readOnly;
    change.config.rawSql = rawSql;
    change.config.enabled = enabled;
    if (auto mode = tenancyFromName(tenancy); mode)
        change.config.tenancy = *mode;
    else
        return Error::badRequest(u"Field 'tenancy': "_s + mode.error().message);
    if (!dsn.isEmpty()) {
        if (canonicalDriver(driver).isEmpty())
            return validatedService(change.config).error(); // names the unknown driver
        auto split = splitDsnPassword(change.config.driver, dsn);
        if (!split) {
            Error e = split.error();
            e.kind = ErrorKind::BadRequest;
            e.message = u"Invalid DSN: "_s + e.message;
            return e;
        }
        change.config.dsn = split->dsnWithoutPassword;
        // "***" is the mask a listing shows: sending a listed DSN back keeps the password.
        if (split->hadPassword && split->password != kMaskedPassword)
            change.password = split->password;
    }
    if (explicitPassword)
        change.password = *explicitPassword;
    if (change.config.driver == u"sqlite"_s) {
        if (change.password && !change.password->isEmpty())
            return Error::badRequest(u"A SQLite service takes no password"_s);
        change.password = QString(); // a service that moved to SQLite drops its old one
    }
    auto checked = validatedService(change.config);
    if (!checked)
        return checked.error();
    change.config = *checked;
    return change;
}

// Keeps `password` under `key` (an empty one removes it); `whose` names the DSN's owner.
Status storePassword(const ApiContext &ctx, const QString &key, const QString &whose,
                     const QString &password)
{
    if (!ctx.secrets) {
        if (password.isEmpty())
            return {};
        return Error::unavailable(
            u"No secret store is available to keep the DSN password of %1"_s.arg(whose));
    }
    return password.isEmpty() ? ctx.secrets->remove(key) : ctx.secrets->write(key, password);
}

Status storePassword(const ApiContext &ctx, const QString &service, const QString &password)
{
    return storePassword(ctx, servicePasswordKey(service), u"service '%1'"_s.arg(service),
                         password);
}

// `stored` as the registry serves it: with `password`, and its tenants' backends with theirs
// from the secret store.
ServiceConfig withPasswords(const ApiContext &ctx, ServiceConfig stored, const QString &password)
{
    if (ctx.secrets) {
        QList<ServiceConfig> one { stored };
        loadServicePasswords(*ctx.secrets, one);
        stored = one.constFirst();
    }
    stored.password = password;
    return stored;
}

// Serves `stored` with `password` from the next request on, its schema read afresh.
void publish(const ApiContext &ctx, const ServiceConfig &stored, const QString &password)
{
    if (!ctx.registry)
        return;
    ctx.registry->upsert(withPasswords(ctx, stored, password));
    (void)ctx.registry->refresh(stored.name); // a failure is kept as the service's schema error
}

void replyService(const ApiContext &ctx, HttpReply &reply, const ServiceConfig &service, int status)
{
    replyRecord(reply, status, service, [&ctx](JsonWriter &w, const ServiceConfig &s) {
        writeService(w, s, ctx.registry ? ctx.registry->find(s.name) : nullptr);
    });
}

Status listServices(const RouteScope &scope, const Call &, const RouteParams &, HttpReply &reply)
{
    auto services = storedServices(*scope.context.config);
    if (!services)
        return services.error();
    const ServiceRegistry *registry = scope.context.registry;
    replyList(reply, *services, [registry](JsonWriter &w, const ServiceConfig &s) {
        writeService(w, s, registry ? registry->find(s.name) : nullptr);
    });
    return {};
}

Status getService(const RouteScope &scope, const Call &, const RouteParams &p, HttpReply &reply)
{
    auto service = storedService(*scope.context.config, p.at(0));
    if (!service)
        return service.error();
    replyService(scope.context, reply, *service, 200);
    return {};
}

Status createService(const RouteScope &scope, const Call &call, const RouteParams &,
                     HttpReply &reply)
{
    const ApiContext &ctx = scope.context;
    auto body = jsonObjectBody(call.request);
    if (!body)
        return body.error();
    for (const QString &required : { u"name"_s, u"driver"_s, u"dsn"_s }) {
        if (!hasText(*body, required))
            return Error::badRequest(u"Field '%1' is required"_s.arg(required));
    }
    auto change = serviceFromBody(*body, ServiceConfig());
    if (!change)
        return change.error();
    const QString password = change->password.value_or(QString());
    if (!password.isEmpty() && !ctx.secrets)
        return storePassword(ctx, change->config.name, password);
    Status s =
        ctx.config->run([&](ConfigStore &store) { return store.addService(change->config); });
    if (!s)
        return s.error();
    // config.db first: a name that is taken fails there, before any stored password is touched.
    if (Status stored = storePassword(ctx, change->config.name, password); !stored) {
        (void)ctx.config->run(
            [&](ConfigStore &store) { return store.removeService(change->config.name); });
        return stored.error();
    }
    auto created = storedService(*ctx.config, change->config.name);
    if (!created)
        return created.error();
    publish(ctx, *created, password);
    auditChange(scope, call, u"service.create"_s, 201,
                u"service %1 (%2)"_s.arg(created->name, created->driver), created->name);
    replyService(ctx, reply, *created, 201);
    return {};
}

// PUT replaces the description (fields left out take their defaults; the password is kept
// unless given), PATCH changes only the fields given.
Status updateService(const RouteScope &scope, const Call &call, const RouteParams &p,
                     HttpReply &reply)
{
    const ApiContext &ctx = scope.context;
    auto body = jsonObjectBody(call.request);
    if (!body)
        return body.error();
    auto old = storedService(*ctx.config, p.at(0));
    if (!old)
        return old.error();
    auto oldPassword = currentPassword(ctx, *old);
    if (!oldPassword)
        return oldPassword.error();
    ServiceConfig base = *old;
    if (call.request.method == HttpMethod::Put) {
        if (!hasText(*body, u"dsn"_s) || !hasText(*body, u"driver"_s))
            return Error::badRequest(
                u"PUT replaces the service: send at least 'driver' and 'dsn' (PATCH changes "
                "single fields)"_s);
        base = ServiceConfig();
        base.name = old->name;
        base.dsn = old->dsn;
    }
    auto change = serviceFromBody(*body, base);
    if (!change)
        return change.error();
    if (change->config.tenancy != old->tenancy && !old->tenantBackends.isEmpty()) {
        QStringList tenants;
        for (const TenantBackend &backend : std::as_const(old->tenantBackends))
            tenants << backend.tenant;
        return Error::conflict(
            u"Service '%1' has backends for tenants %2: remove them (DELETE "
            "/api/v1/system/service/%1/tenant/{tenant}) before changing its tenancy from '%3' "
            "to '%4'"_s.arg(old->name, tenants.join(u", "_s), tenancyName(old->tenancy),
                            tenancyName(change->config.tenancy)));
    }
    const QString password = change->password.value_or(*oldPassword);
    Status s =
        ctx.config->run([&](ConfigStore &store) { return store.updateService(change->config); });
    if (!s)
        return s.error();
    if (password != *oldPassword) {
        if (Status stored = storePassword(ctx, old->name, password); !stored) {
            (void)ctx.config->run([&](ConfigStore &store) { return store.updateService(*old); });
            return stored.error();
        }
    }
    auto updated = storedService(*ctx.config, old->name);
    if (!updated)
        return updated.error();
    publish(ctx, *updated, password);
    auditChange(scope, call, u"service.update"_s, 200,
                u"service %1%2"_s.arg(
                    updated->name, password != *oldPassword ? u" (password changed)"_s : QString()),
                updated->name);
    replyService(ctx, reply, *updated, 200);
    return {};
}

Status deleteService(const RouteScope &scope, const Call &call, const RouteParams &p,
                     HttpReply &reply)
{
    const ApiContext &ctx = scope.context;
    const QString name = p.at(0);
    auto old = storedService(*ctx.config, name);
    if (!old)
        return old.error();
    Status s = ctx.config->run([&](ConfigStore &store) { return store.removeService(name); });
    if (!s)
        return s.error();
    if (ctx.registry)
        ctx.registry->remove(name);
    // The service is gone either way, its tenants' backends with it; a password left behind is
    // overwritten by a new service or backend of the same name.
    if (ctx.secrets) {
        (void)ctx.secrets->remove(servicePasswordKey(name));
        for (const TenantBackend &backend : std::as_const(old->tenantBackends)) {
            if (!backend.dsn.isEmpty())
                (void)ctx.secrets->remove(tenantPasswordKey(name, backend.tenant));
        }
    }
    auditChange(scope, call, u"service.delete"_s, 200, u"service "_s + name, name);
    replySuccess(reply);
    return {};
}

// A failed probe: 503 with the database's reason, except for a DSN that is plainly invalid.
Status probe(const ServiceConfig &service, HttpReply &reply)
{
    if (Status s = testConnection(service); !s) {
        Error e = s.error();
        if (e.kind != ErrorKind::BadRequest)
            e.kind = ErrorKind::Unavailable;
        return e;
    }
    reply.body = "{\"ok\":true}"_ba;
    return {};
}

Status testService(const RouteScope &scope, const Call &, const RouteParams &p, HttpReply &reply)
{
    auto stored = storedService(*scope.context.config, p.at(0));
    if (!stored)
        return stored.error();
    auto password = currentPassword(scope.context, *stored);
    if (!password)
        return password.error();
    ServiceConfig service = *stored;
    service.password = *password;
    return probe(service, reply);
}

// `{driver, dsn, password?}`; with `service`, the new settings of a saved service (an edit
// before it is saved): without a password of its own, the test uses the service's saved one.
Status testNewConnection(const RouteScope &scope, const Call &call, const RouteParams &,
                         HttpReply &reply)
{
    auto body = jsonObjectBody(call.request);
    if (!body)
        return body.error();
    if (!hasText(*body, u"dsn"_s) || !hasText(*body, u"driver"_s))
        return Error::badRequest(u"Send {\"driver\":…, \"dsn\":…} to test a connection"_s);
    QJsonObject probeBody = *body;
    const QString saved = probeBody.take(u"service"_s).toString();
    if (!hasText(probeBody, u"name"_s))
        probeBody.insert(u"name"_s, saved.isEmpty() ? u"connection-test"_s : saved);
    auto change = serviceFromBody(probeBody, ServiceConfig());
    if (!change)
        return change.error();
    change->config.password = change->password.value_or(QString());
    if (!change->password && !saved.isEmpty()) {
        auto stored = storedService(*scope.context.config, saved);
        if (!stored)
            return stored.error();
        auto password = currentPassword(scope.context, *stored);
        if (!password)
            return password.error();
        change->config.password = *password;
    }
    return probe(change->config, reply);
}

// PUT service/{name}/tenant/{tenant} {dsn} or {schema}: the tenant's backend of a per-tenant
// service, added or replaced. As for a service, the DSN's password goes to the secret store and
// a DSN sent back with "***" (or without a password) keeps the stored one.
Status putTenantBackend(const RouteScope &scope, const Call &call, const RouteParams &p,
                        HttpReply &reply)
{
    const ApiContext &ctx = scope.context;
    auto body = jsonObjectBody(call.request);
    if (!body)
        return body.error();
    BodyFields fields(*body);
    TenantBackend backend;
    backend.tenant = p.at(1);
    backend.dsn = fields.string(u"dsn"_s).trimmed();
    backend.schema = fields.string(u"schema"_s).trimmed();
    if (Status s = fields.status(); !s)
        return s.error();
    auto service = storedService(*ctx.config, p.at(0));
    if (!service)
        return service.error();
    std::optional<QString> password; // nullopt: keep the stored one
    if (service->tenancy == Tenancy::Database && !backend.dsn.isEmpty()) {
        auto split = splitDsnPassword(service->driver, backend.dsn);
        if (!split)
            return Error::badRequest(u"Invalid DSN: "_s + split.error().message);
        backend.dsn = split->dsnWithoutPassword;
        if (split->hadPassword && split->password != kMaskedPassword)
            password = split->password;
    }
    const QString whose = u"tenant '%1' of service '%2'"_s.arg(backend.tenant, service->name);
    if (password && !password->isEmpty() && !ctx.secrets)
        return storePassword(ctx, QString(), whose, *password); // says there is no store
    std::optional<TenantBackend> before;
    for (const TenantBackend &old : std::as_const(service->tenantBackends)) {
        if (old.tenant == backend.tenant)
            before = old;
    }
    // config.db first: the checks (tenancy, the tenant exists) come before any password moves.
    Status s = ctx.config->write([&](const QSqlDatabase &db) {
        return TenantRepository(db).setBackend(service->name, backend);
    });
    if (!s)
        return s.error();
    if (password) {
        const QString key = tenantPasswordKey(service->name, backend.tenant);
        if (Status stored = storePassword(ctx, key, whose, *password); !stored) {
            (void)ctx.config->write([&](const QSqlDatabase &db) {
                TenantRepository tenants(db);
                return before ? tenants.setBackend(service->name, *before)
                              : tenants.removeBackend(service->name, backend.tenant);
            });
            return stored.error();
        }
    }
    if (Status served = republishService(ctx, service->name); !served)
        return served.error();
    auditChange(scope, call, u"service.tenant"_s, 200,
                u"tenant %1's backend of service %2%3"_s.arg(
                    backend.tenant, service->name, password ? u" (password changed)"_s : QString()),
                service->name);
    auto updated = storedService(*ctx.config, service->name);
    if (!updated)
        return updated.error();
    replyService(ctx, reply, *updated, 200);
    return {};
}

// DELETE service/{name}/tenant/{tenant}: the backend and its DSN's password go; the tenant's
// callers are refused by this service from the next request on.
Status deleteTenantBackend(const RouteScope &scope, const Call &call, const RouteParams &p,
                           HttpReply &reply)
{
    const ApiContext &ctx = scope.context;
    auto service = storedService(*ctx.config, p.at(0));
    if (!service)
        return service.error();
    const QString tenant = p.at(1);
    Status s = ctx.config->write([&](const QSqlDatabase &db) {
        return TenantRepository(db).removeBackend(service->name, tenant);
    });
    if (!s)
        return s.error();
    if (ctx.secrets)
        (void)ctx.secrets->remove(tenantPasswordKey(service->name, tenant));
    if (Status served = republishService(ctx, service->name); !served)
        return served.error();
    auditChange(scope, call, u"service.tenant.delete"_s, 200,
                u"tenant %1's backend of service %2"_s.arg(tenant, service->name), service->name);
    replySuccess(reply);
    return {};
}

} // namespace

Status republishService(const ApiContext &ctx, const QString &name)
{
    if (!ctx.registry)
        return {};
    auto stored = storedService(*ctx.config, name);
    if (!stored)
        return stored.error();
    auto password = currentPassword(ctx, *stored);
    if (!password)
        return password.error();
    // Nothing of the service itself changed: upsert keeps its schema and forgets only the
    // tenants' backends, which are made afresh on their next use.
    ctx.registry->upsert(withPasswords(ctx, *stored, *password));
    return {};
}

void installSystemServiceRoutes(Router &router, const RouteScope &scope)
{
    const QString base = u"/api/v1/system/service"_s;
    installRecordRoutes(router, scope, base,
                        { listServices, createService, getService, updateService, deleteService },
                        u"{name}"_s);
    router.add(HttpMethod::Get, base + u"/{name}/test"_s, systemRoute(scope, testService));
    router.add(HttpMethod::Put, base + u"/{name}/tenant/{tenant}"_s,
               systemRoute(scope, putTenantBackend));
    router.add(HttpMethod::Delete, base + u"/{name}/tenant/{tenant}"_s,
               systemRoute(scope, deleteTenantBackend));
    router.add(HttpMethod::Post, u"/api/v1/system/connection/test"_s,
               systemRoute(scope, testNewConnection));
}

} // namespace sluice
