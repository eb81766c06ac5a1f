#pragma once

#include "api/routescope.h"

#include <optional>

namespace sluice {

// What one audit entry says beyond who and when (docs/api.md, System API, audit). Never row
// contents or secrets.
struct AuditFacts
{
    QString action; // "auth.failure", "auth.login", "auth.logout", "auth.setup", "data.write", …
    QString service;
    QString table;
    std::optional<qint64> rows;
    int status = 0;
    QString detail;
};

// Appends an entry for `request` by `actor` acting for `tenant` (empty: none) (queued: cheap on
// the request path). No-op without an audit log.
void audit(const ApiContext &context, const HttpRequest &request, const QString &actor,
           const AuditFacts &facts, const QString &tenant = {});
// The entry names the caller and the tenant it acted for: its key's or token's, or the one an
// admin named in X-Sluice-Tenant (API.md §11).
inline void audit(const ApiContext &context, const Call &call, const AuditFacts &facts)
{
    audit(context, call.request, call.principal.actor(), facts, call.principal.tenant);
}

} // namespace sluice
