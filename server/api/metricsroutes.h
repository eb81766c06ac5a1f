#pragma once

#include "api/routescope.h"

namespace sluice {

// GET /metrics: the Prometheus text format (core/metrics.h). Open to callers on the local
// machine (a Prometheus or agent beside the server); from elsewhere an admin session only, since
// route patterns, pool sizes and error counts describe the deployment.
void installMetricsRoutes(Router &router, const RouteScope &scope);

} // namespace sluice
