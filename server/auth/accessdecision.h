#pragma once

#include "auth/principal.h"
#include "core/result.h"
#include "query/filter.h"

namespace sluice {

struct AccessRequest
{
    QString service;
    QString component; // "_table", "_table/books", "_schema", "_schema/books", "_proc/p", "_sql"
    int verb = VerbGet;
    bool serviceReadOnly = false;
};

struct AccessGrant
{
    FilterExpr rowFilter; // placeholders filled in; null when every row is allowed
};

// THE access decision: REST, MCP and every later front door ask this one function.
// - a read-only service refuses every non-GET verb, admins included (403);
// - admins may do everything else;
// - an API key's role allows a request when one of its rules matches service, component and
//   verb; the first such rule (in position order) decides and brings its row filter;
// - everything else is denied: 403 with context {role, service, component, verb}.
Result<AccessGrant> decideAccess(const Principal &principal, const AccessRequest &request);

// Both filters must hold. The role's filter stays a separate operand, so nothing in the caller's
// filter ("… OR 1=1") can widen it. Either may be null.
FilterExpr restrictFilter(const FilterExpr &roleFilter, const FilterExpr &callerFilter);

} // namespace sluice
