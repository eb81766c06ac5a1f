#pragma once

#include "api/routescope.h"

namespace sluice {

// GET _proc (procedures and functions with their parameters) and POST _proc/{name} (a call with
// named parameters from the body and the query string): docs/api.md, Tables, docs/api-choices.md
// "Procedures and functions".
void installProcRoutes(Router &router, const RouteScope &scope);

// Whether the caller may see routine `name` of `service` in a listing (GET _proc, GET _schema):
// when its role may read or call it.
bool procedureVisible(const Call &call, const ServiceState &service, const QString &name);

} // namespace sluice
