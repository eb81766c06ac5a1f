#pragma once

#include "api/accesstarget.h"
#include "api/resolver.h"
#include "api/routescope.h"

namespace sluice {

// A table the caller may use, with the row filter its role imposes (null for none).
struct AuthorizedTable
{
    ResolvedTable target;
    FilterExpr rowFilter;
};

// Resolves and authorizes in an order that leaks nothing: an unknown service is 404, then the
// one access decision answers (403 before anything about the table is revealed), and only then
// is a missing table 404.
Result<AuthorizedTable> authorizeTable(ServiceRegistry &registry, const Call &call,
                                       const QString &service, const QString &table, int verb);

// The verb bit of an HTTP method (HEAD counts as GET).
int verbOf(HttpMethod method);

} // namespace sluice
