#include "api/table/tablereads.h"

#include "api/resolver.h"
#include "api/table/cursortoken.h"
#include "api/table/etag.h"
#include "api/table/exportstream.h"
#include "api/table/relatedrows.h"
#include "api/table/tableaccess.h"
#include "core/envelopewriter.h"
#include "db/rowcursor.h"
#include "db/rowwriter.h"
#include "db/sql/sqlbuilder.h"
#include "http/errorreply.h"
#include "http/laterreply.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// At most this many rows of a to-many relation are embedded per row (docs/api.md, Tables: capped).
constexpr int kRelatedRowsPerParent = 100;

std::optional<ExportFormat> exportFormat(const HttpRequest &request)
{
    const QByteArray accept = request.header("Accept");
    if (accept.contains("application/x-ndjson"))
        return ExportFormat::Ndjson;
    if (accept.contains("text/csv"))
        return ExportFormat::Csv;
    return std::nullopt;
}

// Cursor tokens are signed with the session secret, so they survive restarts and hold across
// instances sharing a config; without one (tests, embedding) a per-process key.
const CursorCodec &cursorCodec(const ApiContext &context)
{
    static const CursorCodec fallback([] {
        QByteArray key(32, Qt::Uninitialized);
        QRandomGenerator::system()->generate(key.begin(), key.end());
        return key;
    }());
    if (context.jwtSecret.isEmpty())
        return fallback;
    static const CursorCodec shared(context.jwtSecret); // one secret per process
    return shared;
}

// What a cursor is bound to: the same table, order, filter and ids.
// What a cursor token is signed over: the read it continues, and the tenant it was read for (a
// token never continues another tenant's read).
QByteArray cursorScope(const Call &call, const RouteParams &p, const QueryParams &query)
{
    return (p.at(0) + u'\n' + call.principal.tenant + u'\n' + p.at(1) + u'\n'
            + queryValue(query, u"order") + u'\n' + queryValue(query, u"filter") + u'\n'
            + queryValue(query, u"ids"))
        .toUtf8();
}

// A page's rows held back until their related rows are known: each row's fields (JSON without
// the closing brace) and its link value for every relation.
struct PendingRow
{
    QByteArray json;
    QVariantList links;
};

Status writeWithRelated(Connection &connection, const QList<Relation> &relations,
                        QList<PendingRow> &pending, JsonWriter &w)
{
    QList<RelatedRows> fetched;
    for (qsizetype r = 0; r < relations.size(); ++r) {
        QVariantList values;
        values.reserve(pending.size());
        for (const PendingRow &row : std::as_const(pending))
            values.append(row.links.at(r));
        auto rows = RelatedRows::fetch(connection, relations.at(r), values, kRelatedRowsPerParent);
        if (!rows)
            return rows.error();
        fetched.append(std::move(*rows));
    }
    for (PendingRow &row : pending) {
        for (qsizetype r = 0; r < relations.size(); ++r) {
            row.json.append(',');
            JsonWriter::appendEscaped(row.json, relations.at(r).name);
            row.json.append(':');
            row.json.append(fetched.at(r).jsonFor(row.links.at(r)));
        }
        row.json.append('}');
        w.raw(row.json);
    }
    return {};
}

// Writes an answer from the rows of a read: now, or later for a pipelined read.
using RowsAnswer = std::function<Status(RowCursor &rows, const Call &call, HttpReply &reply)>;

// Sends the read on the worker's pipelined connection to `service`, when it has one and the
// caller can take a reply later: the worker serves other requests until the rows arrive, then
// `answer` writes the reply (see LaterReply). False when the read must run now, on the pool.
bool answerLater(const RouteScope &scope, const Call &call, const ServiceHandle &service,
                 const BoundSql &sql, HttpReply &reply, RowsAnswer answer)
{
    if (!scope.pipelines || !call.request.mayAnswerLater)
        return false;
    auto later = std::make_shared<LaterReply>();
    // The request lives with its connection while the reply is owed; the principal is the
    // authenticator's, gone when the route returns, hence the copy.
    const bool sent = scope.pipelines->submit(
        service, sql.sql, sql.binds,
        [later, &request = call.request, principal = call.principal,
         answer = std::move(answer)](Result<std::unique_ptr<RowCursor>> rows, bool) {
            later->finish([&](HttpReply &completed) {
                const Status s =
                    rows ? answer(**rows, Call { request, principal }, completed) : rows.error();
                if (!s)
                    answerWithError(completed, s.error());
            });
        });
    if (!sent)
        return false;
    later->adopt(reply);
    return true;
}

// A read as planned once from the request (PostgREST's ApiRequest → Plan), then executed once
// by executeRead(): the SQL and its paging (cached per query string where that is safe), the
// answer's format, and the related tables to embed.
struct PlannedRead
{
    const ResolvedTable &target;
    const ReadPlan &plan;
    std::optional<ExportFormat> format;
    QList<Relation> relations;
};

Status executeRead(const RouteScope &scope, const Call &call, const RouteParams &p,
                   const PlannedRead &read, const QElapsedTimer &timer, HttpReply &reply);
Status answerPage(const RouteScope &scope, const Call &call, const RouteParams &p,
                  const PlannedRead &read, const QElapsedTimer &timer, RowCursor &found,
                  Connection *connection, HttpReply &reply);

Status readRows(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    const HttpRequest &request = call.request;
    QElapsedTimer timer;
    timer.start();
    auto access = authorizeTable(*scope.context.registry, call, p.at(0), p.at(1), VerbGet);
    if (!access)
        return access.error();
    const ResolvedTable *target = &access->target;
    const std::optional<ExportFormat> format = exportFormat(request);
    const SqlBuilder builder(*target->service->dialect, *target->table);
    const SchemaSnapshot &schema = target->service->schema;
    // A repeated read reuses its plan; see ReadPlanCache for which reads qualify.
    const bool cacheable = scope.readPlans && !access->rowFilter
        && queryValue(request.query, u"cursor").isEmpty()
        && queryValue(request.query, u"related").isEmpty();
    const QString planKey = cacheable
        ? ReadPlanCache::keyOf(target->service->key(), p.at(1), format ? int(*format) + 1 : 0,
                               request.query)
        : QString();
    if (const ReadPlan *cached = cacheable ? scope.readPlans->find(planKey, schema) : nullptr)
        return executeRead(scope, call, p, { *target, *cached, format, {} }, timer, reply);
    auto spec = parseReadSpec(request.query, scope.context.options.read, format.has_value());
    if (!spec)
        return spec.error();
    spec->filter = restrictFilter(access->rowFilter, spec->filter);

    QList<Relation> relations;
    if (!spec->related.isEmpty()) {
        auto resolved =
            resolveRelations(*scope.context.registry, call, p.at(0), *target->table, spec->related);
        if (!resolved)
            return resolved.error();
        relations = std::move(*resolved);
        for (const Relation &r : std::as_const(relations))
            spec->extraColumns.append(r.localColumn);
    }

    // Keyset pagination: a page that can continue by cursor asks for one row more than it
    // shows, so next_cursor appears exactly when rows remain.
    const bool pageable = !format && builder.keysetOrder(*spec).ok();
    if (!spec->cursor.isEmpty()) {
        if (auto keyset = builder.keysetOrder(*spec); !keyset)
            return keyset.error();
        auto after =
            cursorCodec(scope.context).decode(cursorScope(call, p, request.query), spec->cursor);
        if (!after)
            return after.error();
        spec->after = std::move(*after);
    }
    const qint64 limit = spec->limit;
    if (pageable)
        spec->limit = limit + 1;

    auto select = builder.select(*spec);
    if (!select)
        return select.error();
    const ReadPlan plan { *spec, *select, limit, pageable };
    if (cacheable)
        scope.readPlans->insert(planKey, schema, plan);
    return executeRead(scope, call, p, { *target, plan, format, std::move(relations) }, timer,
                       reply);
}

// Runs a planned read and answers it: the rows (or the export stream), related rows, the
// total, the cursor of the next page, the ETag.
Status executeRead(const RouteScope &scope, const Call &call, const RouteParams &p,
                   const PlannedRead &read, const QElapsedTimer &timer, HttpReply &reply)
{
    const ResolvedTable &target = read.target;
    const SelectPlan &plan = read.plan.plan;
    const std::optional<ExportFormat> &format = read.format;
    // A page of one statement (no related rows, no total) may be answered later.
    if (!format && read.relations.isEmpty() && !read.plan.spec.includeCount) {
        if (answerLater(scope, call, target.service, plan.sql, reply,
                        [scope, p, target, plan = read.plan,
                         timer](RowCursor &rows, const Call &later, HttpReply &completed) {
                            return answerPage(scope, later, p, { target, plan, std::nullopt, {} },
                                              timer, rows, nullptr, completed);
                        }))
            return {};
    }
    auto lease = scope.pool.acquire(*target.service);
    if (!lease)
        return lease.error();
    auto cursor = (*lease)->select(plan.sql.sql, plan.sql.binds);
    if (!cursor)
        return cursor.error();
    if (format) {
        reply.contentType = *format == ExportFormat::Csv
            ? QByteArrayLiteral("text/csv")
            : QByteArrayLiteral("application/x-ndjson");
        reply.stream = std::make_unique<ExportStream>(
            *format, std::move(*lease), std::move(*cursor), plan.columns, target.service);
        return {};
    }
    return answerPage(scope, call, p, read, timer, **cursor, &**lease, reply);
}

// The page of a list read, from its rows: the envelope, related rows, the total, the cursor of
// the next page, the ETag. `connection` runs the statements of related rows and the total; null
// for a read that has neither.
Status answerPage(const RouteScope &scope, const Call &call, const RouteParams &p,
                  const PlannedRead &read, const QElapsedTimer &timer, RowCursor &found,
                  Connection *connection, HttpReply &reply)
{
    const HttpRequest &request = call.request;
    const ResolvedTable &target = read.target;
    const ReadSpec &spec = read.plan.spec;
    const SelectPlan &plan = read.plan.plan;
    const qint64 limit = read.plan.limit;
    const bool pageable = read.plan.pageable;
    const QList<Relation> &relations = read.relations;
    Q_ASSERT(connection || (relations.isEmpty() && !spec.includeCount));

    QByteArray &out = reply.body;
    out.reserve(1024);
    JsonWriter w(out);
    const RowWriter rows(plan.columns);
    qint64 count = 0;
    QVariantList lastKeyset;
    bool more = false;
    QList<PendingRow> pending;
    EnvelopeWriter envelope(w);
    envelope.begin();
    while (found.next()) {
        if (count == limit) {
            more = true;
            break;
        }
        if (relations.isEmpty()) {
            found.writeRow(w, rows);
        } else {
            PendingRow row;
            row.json.append('{');
            JsonWriter fields(row.json);
            found.writeFields(fields, rows);
            for (qsizetype r = 0; r < relations.size(); ++r)
                row.links.append(found.value(plan.extraIndexes.at(r)));
            pending.append(std::move(row));
        }
        ++count;
        if (pageable && count == limit) {
            for (int index : plan.keysetIndexes)
                lastKeyset.append(found.value(index));
        }
    }
    if (Status s = found.finish(); !s)
        return s;
    if (!relations.isEmpty()) {
        if (Status s = writeWithRelated(*connection, relations, pending, w); !s)
            return s;
    }
    envelope.endResource();

    qint64 total = -1;
    if (spec.includeCount) {
        ReadSpec counted = spec;
        counted.after.clear(); // the total is of every matching row, not of those still ahead
        auto countSql = SqlBuilder(*target.service->dialect, *target.table).count(counted);
        if (!countSql)
            return countSql.error();
        auto totalRow = connection->select(countSql->sql, countSql->binds);
        if (!totalRow)
            return totalRow.error();
        if ((*totalRow)->next())
            total = (*totalRow)->value(0).toLongLong();
        if (Status s = (*totalRow)->finish(); !s)
            return s;
    }
    envelope.beginMeta();
    w.key("count");
    w.integer(count);
    if (total >= 0) {
        w.key("total");
        w.integer(total);
    }
    w.key("limit");
    w.integer(limit);
    w.key("offset");
    w.integer(spec.offset);
    if (more) {
        const QByteArray token =
            cursorCodec(scope.context).encode(cursorScope(call, p, request.query), lastKeyset);
        if (!token.isEmpty()) {
            w.key("next_cursor");
            w.stringUtf8(token);
        }
    }
    // Everything so far identifies the answer; the timing that follows differs every time.
    const qsizetype identifying = out.size();
    w.key("took_ms");
    w.number(double(timer.nsecsElapsed() / 10'000) / 100.0);
    envelope.end();
    applyEtag(request, reply, QByteArrayView(out).first(identifying), call.principal.tenant);
    return {};
}

// A record read by key, without related rows, from its rows (one, or none: 404).
Status answerRecord(RowCursor &found, const RowWriter &row, const RouteParams &p, const Call &call,
                    HttpReply &reply)
{
    if (!found.next()) {
        if (Status s = found.finish(); !s)
            return s;
        return noSuchRecord(p.at(1), p.at(2));
    }
    JsonWriter w(reply.body);
    found.writeRow(w, row);
    if (Status s = found.finish(); !s)
        return s;
    applyEtag(call.request, reply, reply.body, call.principal.tenant);
    return {};
}

Status readOne(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    auto access = authorizeTable(*scope.context.registry, call, p.at(0), p.at(1), VerbGet);
    if (!access)
        return access.error();
    if (Status s = checkReadByKeyParams(call.request.query); !s)
        return s;
    const ResolvedTable *target = &access->target;
    const SqlBuilder builder(*target->service->dialect, *target->table);
    QList<Relation> relations;
    if (const QString related = queryValue(call.request.query, u"related"); !related.isNull()) {
        auto names = splitList(related, u"related"_s);
        if (!names)
            return names.error();
        auto resolved =
            resolveRelations(*scope.context.registry, call, p.at(0), *target->table, *names);
        if (!resolved)
            return resolved.error();
        relations = std::move(*resolved);
    }
    // A row hidden by the role's filter is 404, exactly like a missing one (docs/api.md, Tables).
    auto sql = builder.selectByKey(p.at(2), access->rowFilter);
    if (!sql)
        return sql.error();
    const RowWriter row(builder.allColumns());
    if (relations.isEmpty()) {
        if (answerLater(scope, call, target->service, *sql, reply,
                        [p, row](RowCursor &found, const Call &later, HttpReply &completed) {
                            return answerRecord(found, row, p, later, completed);
                        }))
            return {};
    }
    auto lease = scope.pool.acquire(*target->service);
    if (!lease)
        return lease.error();
    auto cursor = (*lease)->select(sql->sql, sql->binds);
    if (!cursor)
        return cursor.error();
    if (relations.isEmpty())
        return answerRecord(**cursor, row, p, call, reply);
    RowCursor &found = **cursor;
    if (!found.next()) {
        if (Status s = found.finish(); !s)
            return s;
        return noSuchRecord(p.at(1), p.at(2));
    }
    // The statement selects every column, so each link value is in the row already.
    QList<PendingRow> pending(1);
    pending.first().json.append('{');
    JsonWriter fields(pending.first().json);
    found.writeFields(fields, row);
    for (const Relation &r : std::as_const(relations))
        pending.first().links.append(found.value(target->table->columnIndex(r.localColumn)));
    if (Status s = found.finish(); !s)
        return s;
    JsonWriter w(reply.body);
    if (Status s = writeWithRelated(**lease, relations, pending, w); !s)
        return s;
    applyEtag(call.request, reply, reply.body, call.principal.tenant);
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
