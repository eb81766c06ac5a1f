#include "api/healthroutes.h"

#include "core/jsonwriter.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Ready when every enabled service has a schema and answers a trivial query.
void readyz(const RouteScope &scope, HttpReply &reply)
{
    QByteArray body;
    JsonWriter w(body);
    bool allOk = true;
    QByteArray checks;
    JsonWriter c(checks);
    c.beginObject();
    for (const ServiceHandle &service : scope.context.registry->all()) {
        if (!service->config.enabled)
            continue;
        QString problem;
        if (!service->schema) {
            problem = service->schemaError.message.isEmpty() ? u"schema not loaded"_s
                                                             : service->schemaError.message;
        } else if (auto lease = scope.pool.acquire(*service); !lease) {
            problem = lease.error().message;
        } else if (auto q = (*lease)->execute(u"SELECT 1"_s, {}); !q) {
            problem = q.error().message;
        } else {
            (*q)->finish();
        }
        c.key(service->config.name);
        c.string(problem.isEmpty() ? u"ok"_s : u"error: "_s + problem);
        allOk = allOk && problem.isEmpty();
    }
    c.endObject();
    w.beginObject();
    w.key("status");
    w.string(allOk ? u"ok"_s : u"degraded"_s);
    w.key("checks");
    w.raw(checks);
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
