#include "api/auditing.h"

#include "audit/auditlog.h"

namespace sluice {

void audit(const ApiContext &context, const HttpRequest &request, const QString &actor,
           const AuditFacts &facts, const QString &tenant)
{
    if (!context.audit)
        return;
    AuditEntry entry;
    entry.actor = actor;
    entry.action = facts.action;
    entry.service = facts.service;
    entry.table = facts.table;
    entry.verb = QString::fromLatin1(request.methodName);
    entry.rows = facts.rows;
    entry.status = facts.status;
    entry.requestId = QString::fromLatin1(request.requestId);
    entry.detail = facts.detail;
    entry.tenant = tenant;
    context.audit->append(std::move(entry));
}

} // namespace sluice
