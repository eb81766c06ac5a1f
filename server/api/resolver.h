#pragma once

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

// 404 for an unknown service, 503 (with the reason) when its schema could not be read.
Result<ServiceHandle> resolveService(const ServiceRegistry &registry, const QString &name);
// As above, plus 404 for a table the service does not have.
Result<ResolvedTable> resolveTable(const ServiceRegistry &registry, const QString &service,
                                   const QString &table);

} // namespace sluice
