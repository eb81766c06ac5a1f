#pragma once

#include "api/routescope.h"
#include "http/router.h"

namespace sluice {

// The system API, /api/v1/system/… (docs/api.md, System API): admin sessions only; an API key is
// 403 whatever its role. Every change is audited. Install after the session routes, whose
// /api/v1/system/admin/session must win over /api/v1/system/admin/{id}.
void installSystemRoutes(Router &router, const RouteScope &scope);

// One per resource, each in its own file (system<resource>.cpp).
// service (and its tenants' backends), connection
void installSystemServiceRoutes(Router &router, const RouteScope &scope);
void installSystemTenantRoutes(Router &router, const RouteScope &scope); // tenant
void installSystemRoleRoutes(Router &router, const RouteScope &scope); // role
void installSystemAdminRoutes(Router &router, const RouteScope &scope); // admin
void installSystemKeyRoutes(Router &router, const RouteScope &scope); // api-key
void installSystemAuditRoutes(Router &router, const RouteScope &scope); // audit
void installSystemInfoRoutes(Router &router, const RouteScope &scope); // info
void installSystemExplainRoutes(Router &router, const RouteScope &scope); // explain

} // namespace sluice
