#pragma once

#include "api/routescope.h"
#include "http/router.h"

namespace sluice {

// GET /openapi.json (every service the caller may see) and GET /api/v1/{service}/_doc (one
// service): OpenAPI 3.1 built from the live schema and the caller's access (docs/api.md, Routes
// without credentials, §4).
void installOpenApiRoutes(Router &router, const RouteScope &scope);

} // namespace sluice
