#include "api/healthroutes.h"

#include "config/configservice.h"
#include "core/jsonwriter.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Empty when `service`'s schema was read; else why not.
QString schemaProblemOf(const ServiceState &service)
{
    if (service.schema)
        return {};
    return service.schemaError.message.isEmpty() ? u"schema not loaded"_s
                                                 : service.schemaError.message;
}

// Empty when `service` has a schema and answers a trivial query on this worker's connection;
// else why not.
QString problemOf(const RouteScope &scope, const ServiceState &service)
{
    if (QString problem = schemaProblemOf(service); !problem.isEmpty())
        return problem;
    auto lease = scope.pool.acquire(service);
    if (!lease)
        return lease.error().message;
    auto q = (*lease)->execute(u"SELECT 1"_s, {});
    if (!q)
        return q.error().message;
    (*q)->finish();
    return {};
}

void writeCheck(JsonWriter &w, const QString &name, const QString &problem)
{
    w.key(name);
    w.string(problem.isEmpty() ? u"ok"_s : u"error: "_s + problem);
}

// Ready when every enabled service has a schema and answers a trivial query. A per-tenant
// service (API.md §11) is checked on its own database as any other, and each tenant's backend
// made so far (the tenants served since the start or the service's last change) is reported
// under "tenants" as its schema refresh last found it, but a failing one leaves the instance ready:
// readiness tells a load balancer whether to send traffic to this instance, and every instance
// reaches the same tenant databases, so taking this one out for one customer's database would
// refuse every other tenant and cure nothing. A service's own database still decides (with schema
// or setting tenancy it is every tenant's database too).
void readyz(const RouteScope &scope, HttpReply &reply)
{
    QByteArray body;
    JsonWriter w(body);
    bool allOk = true;
    QByteArray checks;
    JsonWriter c(checks);
    QByteArray tenants;
    JsonWriter t(tenants);
    c.beginObject();
    t.beginObject();
    bool perTenant = false;
    for (const ServiceHandle &service : scope.context.registry->all()) {
        if (!service->config.enabled)
            continue;
        const QString problem = problemOf(scope, *service);
        writeCheck(c, service->config.name, problem);
        allOk = allOk && problem.isEmpty();
        if (service->config.tenancy == Tenancy::None)
            continue;
        perTenant = true;
        t.key(service->config.name);
        t.beginObject();
        // What the tenants' backends last showed (their schema read or not), without a query:
        // a probe polling every few seconds must neither cost a round trip per active tenant
        // nor keep idle tenants' pools from closing.
        for (const ServiceHandle &backend :
             scope.context.registry->tenantBackends(service->config.name))
            writeCheck(t, backend->config.tenant, schemaProblemOf(*backend));
        t.endObject();
    }
    c.endObject();
    t.endObject();
    w.beginObject();
    w.key("status");
    w.string(allOk ? u"ok"_s : u"degraded"_s);
    w.key("checks");
    w.raw(checks);
    if (perTenant) {
        w.key("tenants");
        w.raw(tenants);
    }
    // A shared state store (API.md §15) is reported but does not decide: every instance shares
    // it, so taking this one out of the load balancer while it is down would cure nothing, and
    // requests are still served from what was last read (only changes are refused, 503).
    if (const ConfigService *config = scope.context.config; config && config->isShared()) {
        w.key("store");
        w.string(config->storeReachable() ? u"ok"_s
                                          : u"unavailable: serving the last configuration read;"
                                            " changes are refused until it answers"_s);
    }
    w.endObject();
    reply.status = allOk ? 200 : 503;
    if (!allOk)
        reply.setHeader("Retry-After", "5");
    reply.body = body;
}

} // namespace

void installHealthRoutes(Router &router, const RouteScope &scope)
{
    router.add(HttpMethod::Get, u"/healthz"_s,
               [](const HttpRequest &, const RouteParams &, HttpReply &reply) {
                   reply.body = QByteArrayLiteral("{\"status\":\"ok\"}");
               });
    router.add(HttpMethod::Get, u"/readyz"_s,
               [scope](const HttpRequest &, const RouteParams &, HttpReply &reply) {
                   readyz(scope, reply);
               });
}

} // namespace sluice
