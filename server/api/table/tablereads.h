#pragma once

#include "api/routescope.h"
#include "http/router.h"

namespace sluice {

void installTableReadRoutes(Router &router, const RouteScope &scope);

} // namespace sluice
