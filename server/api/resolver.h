#pragma once

#include "auth/principal.h"
#include "core/result.h"
#include "db/serviceregistry.h"

namespace sluice {

// A table of a service, valid for the duration of one request: the handle keeps the schema
// snapshot (and so `table`) alive even if a refresh publishes a new one meanwhile.
struct ResolvedTable
{
    ServiceHandle service;
    const Table *table = nullptr;
};

// The service `name` as `caller` reaches it: the service itself, or for a per-tenant service
// (API.md §11) the backend of the caller's tenant, its schema read on first use. 404 for an
// unknown service; 403 naming the service when the caller has no tenant, naming both when the
// service has no backend for it (never the service's own database); 503 (with the reason) when
// the schema could not be read.
Result<ServiceHandle> resolveService(ServiceRegistry &registry, const QString &name,
                                     const Principal &caller);
// The first half of resolveService(): the service or the caller's tenant's backend, with the
// same 404 and 403s, but its schema not read (null until first use); for `sluice auth explain`,
// which must not connect to anything.
Result<ServiceHandle> routeToTenant(const ServiceRegistry &registry, const QString &name,
                                    const Principal &caller);
// As above, plus 404 for a table the service does not have.
Result<ResolvedTable> resolveTable(ServiceRegistry &registry, const QString &service,
                                   const QString &table, const Principal &caller);

} // namespace sluice
