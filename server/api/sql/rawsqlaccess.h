#pragma once

#include "auth/principal.h"
#include "core/result.h"
#include "db/serviceregistry.h"

namespace sluice {

// A service a caller may run raw SQL on, and whether it may write.
struct RawSqlAccess
{
    ServiceHandle service; // the caller's tenant's backend for a per-tenant service
    bool mayWrite = false; // may POST _sql; else its statements run read-only
};

// Whether `caller` may run raw SQL on `service`, for every front door that runs it (POST _sql,
// MCP's sluice_raw_sql through it, Flight SQL statements): the service as the caller reaches it
// (resolveService: 404, tenants' 403s), then the access decision for _sql (POST: may write,
// GET: read-only, neither: its 403), then the service's raw_sql switch (403), then tenancy —
// schema and setting tenants share a database a statement could cross (403) — and 503 while
// the database has not been reached. The access decision comes first: a caller who may not use
// raw SQL learns nothing about how the service is configured.
Result<RawSqlAccess> authorizeRawSql(ServiceRegistry &registry, const QString &service,
                                     const Principal &caller);

} // namespace sluice
