#pragma once

#include "api/routescope.h"

namespace sluice {

// POST _schema (create a table), PUT _schema/{t} (add, drop, rename, modify columns),
// DELETE _schema/{t} (drop it): docs/api.md, Tables, docs/api-choices.md "Schema changes".
void installSchemaWriteRoutes(Router &router, const RouteScope &scope);

} // namespace sluice
