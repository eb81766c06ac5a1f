#pragma once

#include "api/apicontext.h"
#include "core/result.h"

namespace sluice {

// Serves service `name` as config.db now describes it, its tenants' backends included, from the
// next request on: its own password as served so far, its backends' from the secret store.
// Called after a change the running server must see that leaves the service itself as it was
// (a tenant's backend set or removed, a tenant removed), so its schema is kept. Without a
// registry there is nothing to serve.
Status republishService(const ApiContext &ctx, const QString &name);

} // namespace sluice
