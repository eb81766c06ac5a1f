#include "api/tablereads.h"

#include "api/ndjsonstream.h"
#include "api/resolver.h"
#include "api/tableaccess.h"
#include "db/rowwriter.h"
#include "db/sqlbuilder.h"
#include "http/errorreply.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

bool wantsNdjson(const HttpRequest &request)
{
    return request.header("Accept").contains("application/x-ndjson");
}

Status readRows(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    const HttpRequest &request = call.request;
    QElapsedTimer timer;
    timer.start();
    auto access = authorizeTable(*scope.context.registry, call, p.at(0), p.at(1), VerbGet);
    if (!access)
        return access.error();
    const ResolvedTable *target = &access->target;
    const bool stream = wantsNdjson(request);
    auto spec = parseReadSpec(request.query, scope.context.options.read, stream);
    if (!spec)
        return spec.error();
    spec->filter = restrictFilter(access->rowFilter, spec->filter);
    const SqlBuilder builder(*target->service->dialect, *target->table);
    auto plan = builder.select(*spec);
    if (!plan)
        return plan.error();
    auto lease = scope.pool.acquire(*target->service);
    if (!lease)
        return lease.error();
    auto query = (*lease)->execute(plan->sql.sql, plan->sql.binds);
    if (!query)
        return query.error();
    if (stream) {
        reply.contentType = "application/x-ndjson";
        reply.stream = std::make_unique<NdjsonStream>(std::move(*lease), *query, plan->columns,
                                                      target->service);
        return {};
    }

    QByteArray &out = reply.body;
    out.reserve(1024);
    JsonWriter w(out);
    const RowWriter rows(plan->columns);
    qint64 count = 0;
    w.beginObject();
    w.key("resource");
    w.beginArray();
    while ((*query)->next()) {
        rows.writeRow(w, **query);
        ++count;
    }
    (*query)->finish();
    w.endArray();

    qint64 total = -1;
    if (spec->includeCount) {
        auto countSql = builder.count(*spec);
        if (!countSql)
            return countSql.error();
        auto counted = (*lease)->execute(countSql->sql, countSql->binds);
        if (!counted)
            return counted.error();
        if ((*counted)->next())
            total = (*counted)->value(0).toLongLong();
        (*counted)->finish();
    }
    w.key("meta");
    w.beginObject();
    w.key("count");
    w.integer(count);
    if (total >= 0) {
        w.key("total");
        w.integer(total);
    }
    w.key("limit");
    w.integer(spec->limit);
    w.key("offset");
    w.integer(spec->offset);
    w.key("took_ms");
    w.number(double(timer.nsecsElapsed() / 10'000) / 100.0);
    w.endObject();
    w.endObject();
    return {};
}

Status readOne(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    auto access = authorizeTable(*scope.context.registry, call, p.at(0), p.at(1), VerbGet);
    if (!access)
        return access.error();
    const ResolvedTable *target = &access->target;
    const SqlBuilder builder(*target->service->dialect, *target->table);
    // A row hidden by the role's filter is 404, exactly like a missing one (API.md §9).
    auto sql = builder.selectByKey(p.at(2), access->rowFilter);
    if (!sql)
        return sql.error();
    auto lease = scope.pool.acquire(*target->service);
    if (!lease)
        return lease.error();
    auto query = (*lease)->execute(sql->sql, sql->binds);
    if (!query)
        return query.error();
    if (!(*query)->next()) {
        (*query)->finish();
        return Error::notFound(u"No record with id '%1' in table '%2'"_s.arg(p.at(2), p.at(1)));
    }
    JsonWriter w(reply.body);
    RowWriter(builder.allColumns()).writeRow(w, **query);
    (*query)->finish();
    return {};
}

} // namespace

void installTableReadRoutes(Router &router, const RouteScope &scope)
{
    router.add(HttpMethod::Get, u"/api/v1/{service}/_table/{table}"_s,
               guardedRoute(scope, readRows));
    router.add(HttpMethod::Get, u"/api/v1/{service}/_table/{table}/{id}"_s,
               guardedRoute(scope, readOne));
}

} // namespace sluice
