// System API, services: /api/v1/system/service[/{name}[/test]] and /system/connection/test.
// A DSN's password never reaches config.db nor a response: it is split out on the way in, kept
// in the secret store under "service/<name>/password" and joined again only when a connection
// opens (ServiceConfig::password).
#include "api/system/systemroutes.h"

#include "api/system/systemsupport.h"
#include "config/configservice.h"
#include "config/dsnmask.h"
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

void writeService(JsonWriter &w, const ServiceConfig &service, const ServiceHandle &served)
{
    const bool hasPassword = served && !served->config.password.isEmpty();
    QString dsn = service.dsn;
    if (hasPassword) {
        if (auto shown = mergeDsnPassword(service.driver, service.dsn, kMaskedPassword))
            dsn = *shown;
    }
    w.beginObject();
    w.field("name", service.name);
    w.field("label", service.label);
    w.field("driver", service.driver);
    w.field("dsn", maskDsn(dsn));
    w.field("password_set", hasPassword);
    w.field("schema", service.schema);
    w.field("read_only", service.readOnly);
    w.field("raw_sql", service.rawSql);
    w.field("enabled", service.enabled);
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

Status storePassword(const ApiContext &ctx, const QString &service, const QString &password)
{
    if (!ctx.secrets) {
        if (password.isEmpty())
            return {};
        return Error::unavailable(
            u"No secret store is available to keep the DSN password of service '%1'"_s.arg(
                service));
    }
    const QString key = servicePasswordKey(service);
    return password.isEmpty() ? ctx.secrets->remove(key) : ctx.secrets->write(key, password);
}

// Serves `stored` with `password` from the next request on, its schema read afresh.
void publish(const ApiContext &ctx, ServiceConfig stored, const QString &password)
{
    if (!ctx.registry)
        return;
    stored.password = password;
    ctx.registry->upsert(stored);
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
    Status s = ctx.config->run([&](ConfigStore &store) { return store.removeService(name); });
    if (!s)
        return s.error();
    if (ctx.registry)
        ctx.registry->remove(name);
    // The service is gone either way; a password left behind is overwritten by a new service of
    // the same name.
    if (ctx.secrets)
        (void)ctx.secrets->remove(servicePasswordKey(name));
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

} // namespace

void installSystemServiceRoutes(Router &router, const RouteScope &scope)
{
    const QString base = u"/api/v1/system/service"_s;
    installRecordRoutes(router, scope, base,
                        { listServices, createService, getService, updateService, deleteService },
                        u"{name}"_s);
    router.add(HttpMethod::Get, base + u"/{name}/test"_s, systemRoute(scope, testService));
    router.add(HttpMethod::Post, u"/api/v1/system/connection/test"_s,
               systemRoute(scope, testNewConnection));
}

} // namespace sluice
