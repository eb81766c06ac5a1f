#include "api/sql/sqlroutes.h"

#include "api/auditing.h"
#include "api/requestbody.h"
#include "api/resolver.h"
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

// Whether the caller may write with raw SQL (POST _sql), only read (GET _sql), or neither: then
// the GET denial says what is missing.
Result<bool> mayWrite(const Call &call, const ServiceState &service)
{
    AccessRequest request { service.config.name, u"_sql"_s, VerbPost, service.config.readOnly };
    if (decideAccess(call.principal, request).ok())
        return true;
    request.verb = VerbGet;
    if (auto read = decideAccess(call.principal, request); !read)
        return read.error();
    return false;
}

Status runSql(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply,
              AuditFacts &facts)
{
    QElapsedTimer timer;
    timer.start();
    auto service = resolveService(*scope.context.registry, p.at(0), call.principal);
    if (!service)
        return service.error();
    const ServiceState &state = **service;
    // The access decision first: a caller who may not use raw SQL learns nothing about how the
    // service is configured.
    auto write = mayWrite(call, state);
    if (!write)
        return write.error();
    if (!state.config.rawSql) {
        return Error::forbidden(
            u"Raw SQL is off for service '%1': an operator turns it on with "
            "'sluice db add … --raw-sql' or raw_sql in the system API"_s.arg(p.at(0)),
            { { u"service"_s, p.at(0) } });
    }
    // A tenant's schema or setting is a property of the session, and a statement can name
    // another schema or change the setting: raw SQL would cross tenants. A database per tenant
    // keeps them apart at the connection.
    if (state.config.tenancy == Tenancy::Schema || state.config.tenancy == Tenancy::Setting) {
        return Error::forbidden(
            u"Raw SQL is not available on service '%1': its tenants share one database (tenancy "
            "'%2'), and a statement could reach another tenant's rows"_s.arg(
                p.at(0), tenancyName(state.config.tenancy)),
            { { u"service"_s, p.at(0) } });
    }
    auto request = parseSqlRequest(call.request, scope.context.options.read);
    if (!request)
        return request.error();
    // A caller who may write can still ask to only read: the session is made read-only exactly
    // as for a caller who may not write.
    const bool readOnly = !*write || request->readOnly;
    if (!state.dialect)
        return Error::unavailable(
            u"Service '%1': its database has not been reached yet"_s.arg(p.at(0)));
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
