// System API, the audit trail: GET /api/v1/system/audit?since=&until=&actor=&action=&service=
// &tenant=&limit=&offset=, newest first, entries as docs/api.md, System API, audit writes them.
#include "api/system/systemroutes.h"

#include "api/system/systemsupport.h"
#include "audit/auditlog.h"
#include "config/serviceconfig.h"
#include "core/envelopewriter.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Result<int> intParam(const HttpRequest &request, const QString &name, int fallback, int minimum,
                     int maximum)
{
    const QString text = queryValue(request.query, name);
    if (text.isNull())
        return fallback;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        return Error::badRequest(
            u"Parameter '%1' must be a whole number from %2 to %3, not '%4'"_s.arg(name)
                .arg(minimum)
                .arg(maximum)
                .arg(text));
    return value;
}

Result<QDateTime> timeParam(const HttpRequest &request, const QString &name)
{
    const QString text = queryValue(request.query, name);
    if (text.isNull())
        return QDateTime();
    return parseRfc3339(text, u"Parameter '%1'"_s.arg(name));
}

Result<AuditQuery> auditQuery(const HttpRequest &request)
{
    AuditQuery query;
    auto since = timeParam(request, u"since"_s);
    if (!since)
        return since.error();
    auto until = timeParam(request, u"until"_s);
    if (!until)
        return until.error();
    auto limit = intParam(request, u"limit"_s, query.limit, 1, AuditQuery::MaxLimit);
    if (!limit)
        return limit.error();
    auto offset = intParam(request, u"offset"_s, 0, 0, std::numeric_limits<int>::max());
    if (!offset)
        return offset.error();
    query.since = *since;
    query.until = *until;
    query.limit = *limit;
    query.offset = *offset;
    query.actor = queryValue(request.query, u"actor"_s);
    query.action = queryValue(request.query, u"action"_s);
    query.service = queryValue(request.query, u"service"_s);
    query.tenant = queryValue(request.query, u"tenant"_s);
    // A name no tenant can have is a mistake (a typo, a label for a name), not "no entries".
    if (!query.tenant.isEmpty() && !isValidTenantName(query.tenant)) {
        return Error::badRequest(
            u"Parameter 'tenant': '%1' is not a tenant name (1 to 63 of a-z, 0-9, '_', '-')"_s.arg(
                query.tenant.left(64)));
    }
    return query;
}

void writeEntry(JsonWriter &w, const AuditEntry &e)
{
    const auto fieldUnlessEmpty = [&w](QByteArrayView key, const QString &value) {
        if (!value.isEmpty())
            w.field(key, value);
    };
    w.beginObject();
    w.field("id", e.id);
    w.field("at", rfc3339(e.at));
    w.field("actor", e.actor);
    w.field("action", e.action);
    fieldUnlessEmpty("tenant", e.tenant);
    fieldUnlessEmpty("service", e.service);
    fieldUnlessEmpty("table", e.table);
    fieldUnlessEmpty("verb", e.verb);
    if (e.rows)
        w.field("rows", *e.rows);
    w.field("status", e.status);
    w.field("request_id", e.requestId);
    fieldUnlessEmpty("detail", e.detail);
    w.endObject();
}

Status queryAudit(const RouteScope &scope, const Call &call, const RouteParams &, HttpReply &reply)
{
    if (!scope.context.audit)
        return Error::unavailable(u"The audit log is not available"_s);
    auto query = auditQuery(call.request);
    if (!query)
        return query.error();
    auto page = scope.context.audit->query(*query);
    if (!page)
        return page.error();
    JsonWriter w(reply.body);
    EnvelopeWriter envelope(w);
    envelope.begin();
    for (const AuditEntry &entry : page->entries)
        writeEntry(w, entry);
    envelope.beginMeta();
    w.field("count", page->entries.size());
    w.field("total", page->total);
    w.field("limit", query->limit);
    w.field("offset", query->offset);
    envelope.end();
    return {};
}

} // namespace

void installSystemAuditRoutes(Router &router, const RouteScope &scope)
{
    router.add(HttpMethod::Get, u"/api/v1/system/audit"_s, systemRoute(scope, queryAudit));
}

} // namespace sluice
