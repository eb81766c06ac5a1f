#pragma once

#include "api/routescope.h"
#include "http/requesthandler.h"
#include "http/router.h"

namespace sluice {

// MCP over Streamable HTTP at /mcp (docs/api.md, MCP): POST carries JSON-RPC messages (a batch too,
// for the 2025-03-26 revision), GET has no server stream (405), DELETE ends the session. Same
// credentials as REST; Origin checked. Tools run as REST requests through `api`, this worker's
// own handler, with the caller's credentials.
void installMcpRoutes(Router &router, const RouteScope &scope, RequestHandler &api);

} // namespace sluice
