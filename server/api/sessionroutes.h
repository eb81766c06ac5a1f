#pragma once

#include "api/routescope.h"
#include "http/router.h"

namespace sluice {

// First-run setup (GET/POST /api/v1/setup) and admin sessions
// (POST/DELETE /api/v1/system/admin/session).
void installSessionRoutes(Router &router, const RouteScope &scope);

} // namespace sluice
