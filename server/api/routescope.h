#pragma once

#include "api/apicontext.h"
#include "db/connectionpool.h"

namespace sluice {

// What route handlers of one worker use: the shared context and the worker's connections.
struct RouteScope
{
    ApiContext &context;
    ConnectionPool &pool;
};

} // namespace sluice
