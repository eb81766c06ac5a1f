#pragma once

#include "api/routescope.h"

namespace sluice {

// POST /api/v1/{service}/_sql: one statement of the caller's own SQL, {"sql", "params",
// "limit"} (docs/api-choices.md "Raw SQL"). Off unless the service allows raw SQL and the
// caller's role has a rule naming _sql: GET runs it read-only, POST may write.
void installSqlRoutes(Router &router, const RouteScope &scope);

} // namespace sluice
