#include "api/sql/sqlroutes.h"

#include "api/auditing.h"
#include "api/requestbody.h"
#include "api/sql/rawsqlaccess.h"
#include "core/envelopewriter.h"
#include "core/jsonsyntax.h"
#include "db/sql/rawsql.h"
#include "db/valuecoercion.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

struct SqlRequest
{
    QString sql;
    QVariantList binds;
    qint64 limit = 0;
    bool readOnly = false; // the caller asked to only read, though it may write
};

Result<SqlRequest> parseSqlRequest(const HttpRequest &request, const ReadLimits &limits)
{
    const qint64 maxLimit = limits.maxLimit;
    auto body = parseRequestRecords(request, 1);
    if (!body)
        return body.error();
    if (!body->single)
        return Error::badRequest(
            uR"(Send one JSON object: {"sql": "SELECT …", "params": [...], "limit": 100, "read_only": true})"_s);
    const QJsonObject &object = body->records.constFirst();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != u"sql"_s && it.key() != u"params"_s && it.key() != u"limit"_s
            && it.key() != u"read_only"_s)
            return Error::badRequest(
                u"Unknown field '%1': a raw SQL request has sql, params, limit and read_only"_s.arg(
                    it.key()));
    }
    SqlRequest parsed;
    const QJsonValue sql = object.value(u"sql"_s);
    if (!sql.isString() || exactNumberText(sql) || sql.toString().trimmed().isEmpty())
        return Error::badRequest(u"Missing 'sql': the statement to run, as a string"_s);
    parsed.sql = sql.toString();
    const QJsonValue params = object.value(u"params"_s);
    if (!params.isUndefined() && !params.isNull() && !params.isArray())
        return Error::badRequest(
            u"'params' must be an array: the values of the statement's '?' in order"_s);
    const QJsonArray values = params.toArray();
    for (qsizetype i = 0; i < values.size(); ++i) {
        auto value = bindableUntyped(values.at(i), u"params[%1]"_s.arg(i));
        if (!value)
            return value.error();
        parsed.binds << *value;
    }
    const QJsonValue limit = object.value(u"limit"_s);
    if (!limit.isUndefined() && !limit.isNull()) {
        const double n = limit.toDouble(-1);
        if (!limit.isDouble() || n != double(qint64(n)) || n < 1 || n > double(maxLimit))
            return Error::badRequest(
                u"Invalid limit: expected a whole number from 1 to %1"_s.arg(maxLimit));
        parsed.limit = qint64(n);
    } else {
        parsed.limit = limits.rawSqlDefault();
    }
    const QJsonValue readOnly = object.value(u"read_only"_s);
    if (!readOnly.isUndefined() && !readOnly.isNull() && !readOnly.isBool())
        return Error::badRequest(
            u"'read_only' must be true or false: true runs the statement read-only"_s);
    parsed.readOnly = readOnly.toBool(false);
    return parsed;
}

Status runSql(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply,
              AuditFacts &facts)
{
    QElapsedTimer timer;
    timer.start();
    auto access = authorizeRawSql(*scope.context.registry, p.at(0), call.principal);
    if (!access)
        return access.error();
    const ServiceState &state = *access->service;
    auto request = parseSqlRequest(call.request, scope.context.options.read);
    if (!request)
        return request.error();
    // A caller who may write can still ask to only read: the session is made read-only exactly
    // as for a caller who may not write.
    const bool readOnly = !access->mayWrite || request->readOnly;
    auto statement = readRawStatement(request->sql, state.dialect->id());
    if (!statement)
        return statement.error();
    if (statement->placeholders != request->binds.size()) {
        return Error::badRequest(
            u"The statement has %1 '?' parameter(s) but 'params' has %2 value(s)"_s.arg(
                QString::number(statement->placeholders), QString::number(request->binds.size())));
    }
    auto lease = scope.pool.acquire(state);
    if (!lease)
        return lease.error();
    lease->discard(); // whatever the statement did to its session ends with this request

    JsonWriter w(reply.body);
    EnvelopeWriter envelope(w);
    envelope.begin();
    auto outcome =
        runRawStatement(**lease, *statement, request->binds, readOnly, request->limit, w);
    if (!outcome)
        return outcome.error();
    envelope.beginMeta();
    w.field("count", outcome->rows);
    w.field("limit", request->limit);
    w.field("truncated", outcome->truncated);
    w.field("read_only", readOnly);
    if (outcome->columns) {
        w.key("columns");
        w.beginArray();
        for (const QString &name : *outcome->columns)
            w.string(name);
        w.endArray();
    }
    if (outcome->affected >= 0)
        w.field("rows_affected", outcome->affected);
    w.field("took_ms", double(timer.nsecsElapsed() / 10'000) / 100.0);
    envelope.end();
    facts.rows = outcome->affected >= 0 ? outcome->affected : outcome->rows;
    facts.detail = statement->keyword + (readOnly ? u" (read-only)"_s : QString());
    return {};
}

} // namespace

void installSqlRoutes(Router &router, const RouteScope &scope)
{
    // Audited like a data write: who, which service, the kind of statement, how many rows —
    // never the statement's text, which may carry values.
    router.add(
        HttpMethod::Post, u"/api/v1/{service}/_sql"_s,
        guarded(scope, [scope](const Call &call, const RouteParams &p, HttpReply &reply) -> Status {
            AuditFacts facts { u"sql.run"_s, p.at(0), {}, {}, 0, {} };
            if (Status s = runSql(scope, call, p, reply, facts); !s)
                return s;
            facts.status = reply.status;
            audit(scope.context, call, facts);
            return {};
        }));
}

} // namespace sluice
