#include "api/schemaroutes.h"

#include "api/resolver.h"
#include "api/schemajson.h"
#include "core/jsonwriter.h"
#include "http/errorreply.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Status listTables(const RouteScope &scope, const RouteParams &p, HttpReply &reply)
{
    auto service = resolveService(*scope.context.registry, p.at(0));
    if (!service)
        return service.error();
    JsonWriter w(reply.body);
    w.beginObject();
    w.key("resource");
    w.beginArray();
    for (const Table &t : (*service)->schema->tables) {
        w.beginObject();
        w.key("name");
        w.string(t.name);
        w.key("type");
        w.string(t.isView ? u"view"_s : u"table"_s);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return {};
}

Status describeService(const RouteScope &scope, const RouteParams &p, HttpReply &reply)
{
    auto service = resolveService(*scope.context.registry, p.at(0));
    if (!service)
        return service.error();
    JsonWriter w(reply.body);
    writeSchemaJson(w, *(*service)->schema);
    return {};
}

Status describeTable(const RouteScope &scope, const RouteParams &p, HttpReply &reply)
{
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
    router.add(HttpMethod::Get, u"/api/v1/{service}/_table"_s,
               replyingErrors([scope](const HttpRequest &, const RouteParams &p, HttpReply &r) {
                   return listTables(scope, p, r);
               }));
    router.add(HttpMethod::Get, u"/api/v1/{service}/_schema"_s,
               replyingErrors([scope](const HttpRequest &, const RouteParams &p, HttpReply &r) {
                   return describeService(scope, p, r);
               }));
    router.add(HttpMethod::Get, u"/api/v1/{service}/_schema/{table}"_s,
               replyingErrors([scope](const HttpRequest &, const RouteParams &p, HttpReply &r) {
                   return describeTable(scope, p, r);
               }));
}

} // namespace sluice
