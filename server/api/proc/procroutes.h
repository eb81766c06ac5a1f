#pragma once

#include "api/routescope.h"

namespace sluice {

// GET _proc (procedures and functions with their parameters) and POST _proc/{name} (a call with
// named parameters from the body and the query string): docs/api.md, Tables, docs/api-choices.md
// "Procedures and functions".
void installProcRoutes(Router &router, const RouteScope &scope);

} // namespace sluice
