#include "api/proc/procroutes.h"

#include "api/auditing.h"
#include "api/requestbody.h"
#include "api/resolver.h"
#include "api/table/tableaccess.h"
#include "core/envelopewriter.h"
#include "db/sql/procedurecall.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

bool mayReach(const Call &call, const ServiceState &service, const QString &component, int verb)
{
    return decideAccess(call.principal,
                        { service.config.name, component, verb, service.config.readOnly })
        .ok();
}

Status listProcedures(const RouteScope &scope, const Call &call, const RouteParams &p,
                      HttpReply &reply)
{
    auto service = resolveService(*scope.context.registry, p.at(0), call.principal);
    if (!service)
        return service.error();
    // A routine is listed when the role may read or call it; a role that reaches none and not
    // the area itself is refused, as for _table.
    QList<const Procedure *> visible;
    for (const Procedure &proc : (*service)->schema->procedures) {
        if (procedureVisible(call, **service, proc.name))
            visible << &proc;
    }
    if (visible.isEmpty()) {
        if (auto grant = decideAccess(
                call.principal, { p.at(0), u"_proc"_s, VerbGet, (*service)->config.readOnly });
            !grant)
            return grant.error();
    }
    JsonWriter w(reply.body);
    EnvelopeWriter envelope(w);
    envelope.begin();
    for (const Procedure *proc : std::as_const(visible)) {
        w.beginObject();
        w.field("name", proc->name);
        w.field("type", proc->kind);
        w.field("returns",
                proc->returnType.isEmpty() ? std::nullopt
                                           : std::optional<QStringView>(proc->returnType));
        w.field("returns_set", proc->returnsSet);
        w.key("parameters");
        w.beginArray();
        for (const ProcedureParameter &param : proc->parameters) {
            w.beginObject();
            w.field("name", param.name);
            w.field("type", param.type);
            w.field("mode", param.mode);
            w.field("required", param.mode == u"in"_s && !param.hasDefault);
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    envelope.endWithoutMeta();
    return {};
}

// Named values from the JSON body (an object, may be absent) and the query string.
Result<QJsonObject> callValues(const HttpRequest &request)
{
    QJsonObject values;
    if (!request.body.trimmed().isEmpty()) {
        auto body = parseRequestRecords(request, 1);
        if (!body)
            return body.error();
        if (!body->single)
            return Error::badRequest(
                u"Send the parameters as one JSON object: {\"name\": value, …}"_s);
        values = body->records.constFirst();
    }
    for (const auto &[name, value] : request.query) {
        if (values.contains(name)) {
            Error e = Error::badRequest(
                u"Parameter '%1' is given twice (body and query string)"_s.arg(name));
            e.context.insert(u"parameter"_s, name);
            return e;
        }
        values.insert(name, value);
    }
    return values;
}

// A routine may change data unless it declares otherwise (MySQL's READS SQL DATA / NO SQL).
// PostgreSQL declares nothing usable (VOLATILE says nothing about writing): its calls on
// read-only services run in a read-only transaction that is rolled back, see runCall().
bool mayWrite(const QList<const Procedure *> &overloads)
{
    return std::any_of(overloads.cbegin(), overloads.cend(), [](const Procedure *p) {
        return !p->dataAccess.isEmpty() && p->dataAccess != u"READS SQL DATA"_s
            && p->dataAccess != u"NO SQL"_s;
    });
}

Result<qint64> callProcedure(const RouteScope &scope, const Call &call, const RouteParams &p,
                             HttpReply &reply)
{
    auto service = resolveService(*scope.context.registry, p.at(0), call.principal);
    if (!service)
        return service.error();
    const ServiceState &state = **service;
    QList<const Procedure *> overloads;
    for (const Procedure &proc : state.schema->procedures) {
        if (proc.name == p.at(1))
            overloads << &proc;
    }
    // The decision comes before "no such routine": a denied caller learns nothing. On a
    // read-only service it refuses routines that may write (and unknown ones).
    const bool refusedAsWrite =
        state.config.readOnly && (overloads.isEmpty() || mayWrite(overloads));
    if (auto grant = decideAccess(call.principal,
                                  { p.at(0), procComponent(p.at(1)), VerbPost, refusedAsWrite });
        !grant) {
        Error e = grant.error();
        if (refusedAsWrite && !overloads.isEmpty())
            e.message +=
                u"; '%1' may change data (declare it READS SQL DATA to call it here)"_s.arg(
                    p.at(1));
        return e;
    }
    if (overloads.isEmpty()) {
        Error e = Error::notFound(
            u"No procedure or function '%1' in service '%2'"_s.arg(p.at(1), p.at(0)));
        e.context.insert(u"procedure"_s, p.at(1));
        return e;
    }
    auto values = callValues(call.request);
    if (!values)
        return values.error();
    auto bound = bindCallArguments(overloads, *values);
    if (!bound)
        return bound.error();
    auto plan = state.dialect->callPlan(*bound->first, state.config.schema, bound->second);
    if (!plan)
        return plan.error();
    auto lease = scope.pool.acquire(state);
    if (!lease)
        return lease.error();
    QSqlDatabase db = (*lease)->database();
    JsonWriter w(reply.body);
    return runCall(db, *state.dialect, *plan, state.config.readOnly, w);
}

} // namespace

bool procedureVisible(const Call &call, const ServiceState &service, const QString &name)
{
    const QString component = procComponent(name);
    return mayReach(call, service, component, VerbGet)
        || mayReach(call, service, component, VerbPost);
}

void installProcRoutes(Router &router, const RouteScope &scope)
{
    router.add(HttpMethod::Get, u"/api/v1/{service}/_proc"_s, guardedRoute(scope, listProcedures));
    // A call may change data: audited like a data write (who, which routine, rows answered).
    router.add(
        HttpMethod::Post, u"/api/v1/{service}/_proc/{name}"_s,
        guarded(scope, [scope](const Call &call, const RouteParams &p, HttpReply &reply) -> Status {
            auto rows = callProcedure(scope, call, p, reply);
            if (!rows)
                return rows.error();
            audit(scope.context, call,
                  { u"proc.call"_s, p.at(0), p.at(1), *rows, reply.status, {} });
            return {};
        }));
}

} // namespace sluice
