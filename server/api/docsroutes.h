#pragma once

#include "http/router.h"

namespace sluice {

// GET /docs: the interactive API explorer (Swagger UI over /openapi.json, embedded at build
// time), and its files under /docs/{file}. Static and unauthenticated: the data it shows comes
// from /openapi.json and the API, with the key the user types in.
void installDocsRoutes(Router &router);

} // namespace sluice
