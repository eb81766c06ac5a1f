#include "api/schema/schemaroutes.h"

#include "api/proc/procroutes.h"

#include "api/accesstarget.h"
#include "api/resolver.h"
#include "api/schema/schemajson.h"
#include "core/envelopewriter.h"
#include "core/jsonwriter.h"
#include "http/errorreply.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// The route's service and the tables of it the caller may reach through `area` ("_table" or
// "_schema"); 404 for an unknown service, 403 when the role reaches none of its tables and not
// the area itself.
struct VisibleTables
{
    ServiceHandle service;
    QList<const Table *> tables;
};

Result<VisibleTables> visibleTables(const RouteScope &scope, const Call &call,
                                    const QString &serviceName, const QString &area)
{
    auto resolved = resolveService(*scope.context.registry, serviceName, call.principal);
    if (!resolved)
        return resolved.error();
    const ServiceState &service = **resolved;
    VisibleTables visible { *resolved, {} };
    for (const Table &t : service.schema->tables) {
        if (decideAccess(
                call.principal,
                { service.config.name, area + u'/' + t.name, VerbGet, service.config.readOnly }))
            visible.tables.append(&t);
    }
    if (visible.tables.isEmpty()) {
        auto areaGrant = decideAccess(
            call.principal, { service.config.name, area, VerbGet, service.config.readOnly });
        if (!areaGrant)
            return areaGrant.error();
    }
    return visible;
}

Status listTables(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    auto visible = visibleTables(scope, call, p.at(0), u"_table"_s);
    if (!visible)
        return visible.error();
    JsonWriter w(reply.body);
    EnvelopeWriter envelope(w);
    envelope.begin();
    for (const Table *t : visible->tables) {
        w.beginObject();
        writeTableNameAndType(w, *t);
        w.endObject();
    }
    envelope.endWithoutMeta();
    return {};
}

Status describeService(const RouteScope &scope, const Call &call, const RouteParams &p,
                       HttpReply &reply)
{
    auto visible = visibleTables(scope, call, p.at(0), u"_schema"_s);
    if (!visible)
        return visible.error();
    const ServiceState &service = *visible->service;
    // Routines as GET _proc lists them: only those the role may read or call.
    JsonWriter w(reply.body);
    writeSchemaJson(
        w, *service.schema, [&](const Table &t) { return visible->tables.contains(&t); },
        [&](const Procedure &proc) { return procedureVisible(call, service, proc.name); });
    return {};
}

Status describeTable(const RouteScope &scope, const Call &call, const RouteParams &p,
                     HttpReply &reply)
{
    auto service = resolveService(*scope.context.registry, p.at(0), call.principal);
    if (!service)
        return service.error();
    if (auto grant = decideAccess(
            call.principal,
            { p.at(0), schemaComponent(p.at(1)), VerbGet, (*service)->config.readOnly });
        !grant)
        return grant.error();
    auto target = resolveTable(*scope.context.registry, p.at(0), p.at(1), call.principal);
    if (!target)
        return target.error();
    JsonWriter w(reply.body);
    writeTableJson(w, *target->table);
    return {};
}

} // namespace

void installSchemaRoutes(Router &router, const RouteScope &scope)
{
    router.add(HttpMethod::Get, u"/api/v1/{service}/_table"_s, guardedRoute(scope, listTables));
    router.add(HttpMethod::Get, u"/api/v1/{service}/_schema"_s,
               guardedRoute(scope, describeService));
    router.add(HttpMethod::Get, u"/api/v1/{service}/_schema/{table}"_s,
               guardedRoute(scope, describeTable));
}

} // namespace sluice
