#include "api/schema/schemaroutes.h"

#include "api/proc/procroutes.h"

#include "api/resolver.h"
#include "api/schema/schemajson.h"
#include "core/envelopewriter.h"
#include "core/jsonwriter.h"
#include "http/errorreply.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// The tables of a service the caller may reach through `area` ("_table" or "_schema"); 403 when
// the role reaches none of them and not the area itself.
Result<QList<const Table *>> visibleTables(const Call &call, const ServiceState &service,
                                           const QString &area)
{
    QList<const Table *> visible;
    for (const Table &t : service.schema->tables) {
        if (decideAccess(
                call.principal,
                { service.config.name, area + u'/' + t.name, VerbGet, service.config.readOnly }))
            visible.append(&t);
    }
    if (visible.isEmpty()) {
        auto areaGrant = decideAccess(
            call.principal, { service.config.name, area, VerbGet, service.config.readOnly });
        if (!areaGrant)
            return areaGrant.error();
    }
    return visible;
}

Status listTables(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    auto service = resolveService(*scope.context.registry, p.at(0));
    if (!service)
        return service.error();
    auto tables = visibleTables(call, **service, u"_table"_s);
    if (!tables)
        return tables.error();
    JsonWriter w(reply.body);
    EnvelopeWriter envelope(w);
    envelope.begin();
    for (const Table *t : *tables) {
        w.beginObject();
        w.key("name");
        w.string(t->name);
        w.key("type");
        w.string(t->isView ? u"view"_s : u"table"_s);
        w.endObject();
    }
    envelope.endWithoutMeta();
    return {};
}

Status describeService(const RouteScope &scope, const Call &call, const RouteParams &p,
                       HttpReply &reply)
{
    auto service = resolveService(*scope.context.registry, p.at(0));
    if (!service)
        return service.error();
    auto tables = visibleTables(call, **service, u"_schema"_s);
    if (!tables)
        return tables.error();
    // Routines as GET _proc lists them: only those the role may read or call.
    JsonWriter w(reply.body);
    writeSchemaJson(
        w, *(*service)->schema, [&](const Table &t) { return tables->contains(&t); },
        [&](const Procedure &proc) { return procedureVisible(call, **service, proc.name); });
    return {};
}

Status describeTable(const RouteScope &scope, const Call &call, const RouteParams &p,
                     HttpReply &reply)
{
    auto service = resolveService(*scope.context.registry, p.at(0));
    if (!service)
        return service.error();
    if (auto grant = decideAccess(
            call.principal,
            { p.at(0), u"_schema/"_s + p.at(1), VerbGet, (*service)->config.readOnly });
        !grant)
        return grant.error();
    auto target = resolveTable(*scope.context.registry, p.at(0), p.at(1));
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
