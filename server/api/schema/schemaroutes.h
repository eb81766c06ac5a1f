#pragma once

#include "api/routescope.h"
#include "http/router.h"

namespace sluice {

void installSchemaRoutes(Router &router, const RouteScope &scope);

} // namespace sluice
