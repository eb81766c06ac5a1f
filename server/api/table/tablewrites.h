#pragma once

#include "api/routescope.h"
#include "http/router.h"

namespace sluice {

void installTableWriteRoutes(Router &router, const RouteScope &scope);

} // namespace sluice
