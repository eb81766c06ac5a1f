// System API, tenants (API.md §11): /api/v1/system/tenant[/{name}]. A tenant is a name callers
// act for (an API key's --tenant, a token's tenant claim); its backends are set on each service
// (PUT /api/v1/system/service/{name}/tenant/{tenant}, systemservices.cpp). The running server
// learns of every change at once: the registry's tenant names, and the services that lost a
// backend with a removed tenant.
#include "api/system/systemroutes.h"

#include "api/system/systemservices.h"
#include "api/system/systemsupport.h"
#include "config/configservice.h"
#include "config/tenantrepository.h"
#include "secrets/secretstore.h"
#include "secrets/servicesecrets.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

void writeTenant(JsonWriter &w, const TenantRecord &tenant)
{
    w.beginObject();
    w.field("name", tenant.name);
    w.field("label", tenant.label);
    w.field("created_at", rfc3339(tenant.createdAt));
    w.endObject();
}

Result<TenantRecord> findTenant(TenantRepository &tenants, const QString &name)
{
    return tenants.get(name);
}

constexpr RecordKind<TenantRepository, TenantRecord> kTenants { findTenant, writeTenant };

// Tells the registry which tenants exist now: backends of a tenant no longer there are
// forgotten, and no caller reaches anything as that tenant.
Status publishTenants(const ApiContext &ctx)
{
    if (!ctx.registry)
        return {};
    auto tenants = ctx.config->readValue<QList<TenantRecord>>(
        [](const QSqlDatabase &db) { return TenantRepository(db).list(); });
    if (!tenants)
        return tenants.error();
    QSet<QString> names;
    for (const TenantRecord &tenant : std::as_const(*tenants))
        names.insert(tenant.name);
    ctx.registry->setTenants(names);
    return {};
}

// POST tenant {name, label?} → 201 with the tenant.
Status createTenant(const RouteScope &scope, const Call &call, const RouteParams &,
                    HttpReply &reply)
{
    const ApiContext &ctx = scope.context;
    auto body = jsonObjectBody(call.request);
    if (!body)
        return body.error();
    BodyFields fields(*body);
    const QString name = fields.string(u"name"_s);
    const QString label = fields.string(u"label"_s).trimmed();
    if (Status s = fields.status(); !s)
        return s.error();
    if (name.isEmpty())
        return Error::badRequest(u"Field 'name' is required"_s);
    auto created = writeValue(*ctx.config, [&](const QSqlDatabase &db) {
        return TenantRepository(db).create(name, label);
    });
    if (!created)
        return created.error();
    if (Status s = publishTenants(ctx); !s)
        return s.error();
    auditChange(scope, call, u"tenant.create"_s, 201, u"tenant "_s + created->name);
    replyRecord(reply, 201, *created, writeTenant);
    return {};
}

// DELETE tenant/{name}: the tenant, its backends on every service (their DSN passwords too) and
// the API keys bound to it, so a tenant made later under the same name starts with none of
// them. Answers how many backends and keys went.
Status deleteTenant(const RouteScope &scope, const Call &call, const RouteParams &p,
                    HttpReply &reply)
{
    const ApiContext &ctx = scope.context;
    const QString name = p.at(0);
    // The services with a backend for it, known before config.db forgets them.
    Result<QList<ServiceConfig>> services = QList<ServiceConfig>();
    if (Status s = ctx.config->run([&services](ConfigStore &store) -> Status {
            services = store.services();
            return services ? Status() : Status(services.error());
        });
        !s)
        return s.error();
    QList<ServiceConfig> affected;
    for (const ServiceConfig &service : std::as_const(*services)) {
        for (const TenantBackend &backend : service.tenantBackends) {
            if (backend.tenant == name)
                affected.append(service);
        }
    }
    auto removed = writeValue(
        *ctx.config, [&](const QSqlDatabase &db) { return TenantRepository(db).remove(name); });
    if (!removed)
        return removed.error();
    if (ctx.secrets) {
        for (const ServiceConfig &service : std::as_const(affected))
            (void)ctx.secrets->remove(tenantPasswordKey(service.name, name));
    }
    // Tenants first, so no backend of the removed tenant is made between the two steps.
    if (Status s = publishTenants(ctx); !s)
        return s.error();
    for (const ServiceConfig &service : std::as_const(affected)) {
        if (Status s = republishService(ctx, service.name); !s)
            return s.error();
    }
    auditChange(scope, call, u"tenant.delete"_s, 200,
                u"tenant %1 with %2 backend(s) and %3 API key(s)"_s.arg(name)
                    .arg(removed->backends)
                    .arg(removed->keys));
    JsonWriter w(reply.body);
    w.beginObject();
    w.field("success", true);
    w.field("backends_removed", removed->backends);
    w.field("keys_removed", removed->keys);
    w.endObject();
    return {};
}

} // namespace

void installSystemTenantRoutes(Router &router, const RouteScope &scope)
{
    installRecordRoutes(
        router, scope, u"/api/v1/system/tenant"_s,
        { listRecords<kTenants>, createTenant, getRecord<kTenants>, nullptr, deleteTenant },
        u"{name}"_s);
}

} // namespace sluice
