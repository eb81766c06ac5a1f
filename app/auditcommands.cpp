#include "clistores.h"
#include "clitime.h"
#include "commands.h"
#include "texttable.h"

#include "config/serviceconfig.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

const QString kUsage = u"usage: sluice audit [--since T] [--until T] [--actor A] [--action X] "
                       "[--service S] [--tenant T] [--limit N] [--json]"_s;

// docs/api.md, System API, audit: {id, at, actor, action, tenant?, service?, table?, verb?, rows?,
// status, request_id, detail?}
QJsonObject entryJson(const AuditEntry &e)
{
    QJsonObject o { { u"id"_s, e.id },
                    { u"at"_s, jsonTime(e.at) },
                    { u"actor"_s, e.actor },
                    { u"action"_s, e.action } };
    if (!e.tenant.isEmpty())
        o.insert(u"tenant"_s, e.tenant);
    if (!e.service.isEmpty())
        o.insert(u"service"_s, e.service);
    if (!e.table.isEmpty())
        o.insert(u"table"_s, e.table);
    if (!e.verb.isEmpty())
        o.insert(u"verb"_s, e.verb);
    if (e.rows)
        o.insert(u"rows"_s, *e.rows);
    o.insert(u"status"_s, e.status);
    o.insert(u"request_id"_s, e.requestId);
    if (!e.detail.isEmpty())
        o.insert(u"detail"_s, e.detail);
    return o;
}

// "shop/books", "shop" or "-".
QString target(const AuditEntry &e)
{
    if (e.service.isEmpty())
        return e.table.isEmpty() ? u"-"_s : e.table;
    return e.table.isEmpty() ? e.service : e.service + u'/' + e.table;
}

} // namespace

int runAudit(const CliContext &context, CliArgs &args)
{
    const QString since = args.option(u"--since"_s);
    const QString until = args.option(u"--until"_s);
    AuditQuery query;
    query.actor = args.option(u"--actor"_s);
    query.action = args.option(u"--action"_s);
    query.service = args.option(u"--service"_s);
    query.tenant = args.option(u"--tenant"_s);
    const QString limit = args.option(u"--limit"_s);
    const bool json = args.flag(u"--json"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);

    if (!query.tenant.isNull() && !isValidTenantName(query.tenant))
        return fail(u"invalid --tenant '%1': a tenant name is 1 to 63 of a-z, 0-9, '_', '-'"_s.arg(
                        query.tenant),
                    ExitUsage);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!since.isNull()) {
        auto at = parseCliTime(since, now, TimeDirection::Past, DateEdge::StartOfDay);
        if (!at)
            return fail(u"--since: "_s + at.error().message, ExitUsage);
        query.since = *at;
    }
    if (!until.isNull()) {
        // A date includes that whole day.
        auto at = parseCliTime(until, now, TimeDirection::Past, DateEdge::EndOfDay);
        if (!at)
            return fail(u"--until: "_s + at.error().message, ExitUsage);
        query.until = *at;
    }
    if (!limit.isNull()) {
        bool ok = false;
        query.limit = limit.toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > AuditQuery::MaxLimit)
            return fail(
                u"invalid --limit '%1': give 1 to %2"_s.arg(limit).arg(AuditQuery::MaxLimit),
                ExitUsage);
    }

    auto log = openAuditLog(context);
    if (!log)
        return fail(log.error().message);
    auto page = (*log)->query(query);
    if (!page)
        return fail(page.error().message);

    printList(page->entries, json, u"No audit entries match."_s,
              { u"TIME"_s, u"ACTOR"_s, u"TENANT"_s, u"ACTION"_s, u"TARGET"_s, u"VERB"_s, u"ROWS"_s,
                u"STATUS"_s, u"REQUEST"_s, u"DETAIL"_s },
              entryJson, [](const AuditEntry &e) {
                  return QStringList { tableTime(e.at),
                                       e.actor,
                                       e.tenant.isEmpty() ? u"-"_s : e.tenant,
                                       e.action,
                                       target(e),
                                       e.verb.isEmpty() ? u"-"_s : e.verb,
                                       e.rows ? QString::number(*e.rows) : u"-"_s,
                                       e.status ? QString::number(e.status) : u"-"_s,
                                       e.requestId.isEmpty() ? u"-"_s : e.requestId,
                                       e.detail };
              });
    if (!json && page->total > page->entries.size())
        say(u"(newest %1 of %2 matching entries; see more with --limit or --until)"_s
                .arg(page->entries.size())
                .arg(page->total));
    return ExitOk;
}

} // namespace sluice
