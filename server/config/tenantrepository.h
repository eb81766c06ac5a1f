#pragma once

#include "config/authrecords.h"
#include "config/configrepository.h"
#include "config/serviceconfig.h"
#include "core/result.h"

namespace sluice {

// The tenants and service_tenants tables of config.db (API.md §11). Runs on the connection it
// is given, inside the caller's ConfigStore::write()/read() body. DSN passwords are not here:
// they are in the secret store (servicesecrets.h), like a service's own.
//
// Errors: BadRequest for an invalid name, NotFound naming the tenant or service, Conflict for a
// tenant that exists.
class TenantRepository : public ConfigRepository
{
public:
    using ConfigRepository::ConfigRepository;

    Result<TenantRecord> create(const QString &name, const QString &label);
    Result<QList<TenantRecord>> list(); // by name
    Result<TenantRecord> get(const QString &name);

    struct Removed
    {
        int backends = 0; // per-tenant backends removed with the tenant
        int keys = 0; // API keys bound to it, deleted with it
    };
    // Removes the tenant, its backends on every service and the keys bound to it: a tenant of
    // the same name made later must not inherit them.
    Result<Removed> remove(const QString &name);

    // The service's backend for `backend.tenant` (added or replaced). The service must be
    // per tenant by database (needs a DSN) or by schema (an empty schema = the tenant's name).
    Status setBackend(const QString &service, const TenantBackend &backend);
    Status removeBackend(const QString &service, const QString &tenant); // NotFound when none
    Result<QList<TenantBackend>> backends(const QString &service); // by tenant
};

} // namespace sluice
