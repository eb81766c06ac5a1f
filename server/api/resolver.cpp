#include "api/resolver.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Error noTenantError(const QString &service)
{
    return Error::forbidden(
        u"Service '%1' serves each tenant separately and this caller acts for no tenant (an API "
        "key made with --tenant, a token's tenant claim, or an admin's X-Sluice-Tenant header)"_s
            .arg(service),
        { { u"service"_s, service } });
}

Error noBackendError(const QString &service, const QString &tenant)
{
    return Error::forbidden(u"Service '%1' has no backend for tenant '%2'"_s.arg(service, tenant),
                            { { u"service"_s, service }, { u"tenant"_s, tenant } });
}

} // namespace

Result<ServiceHandle> routeToTenant(const ServiceRegistry &registry, const QString &name,
                                    const Principal &caller)
{
    const ServiceHandle own = registry.find(name);
    if (!own || !own->config.enabled) {
        return Error::notFound(u"Service '%1' does not exist"_s.arg(name),
                               { { u"service"_s, name } });
    }
    if (own->config.tenancy == Tenancy::None)
        return own;
    if (caller.tenant.isEmpty())
        return noTenantError(name);
    ServiceHandle backend = registry.forTenant(name, caller.tenant);
    if (!backend)
        return noBackendError(name, caller.tenant);
    return backend;
}

Result<ServiceHandle> resolveService(ServiceRegistry &registry, const QString &name,
                                     const Principal &caller)
{
    Result<ServiceHandle> routed = routeToTenant(registry, name, caller);
    if (!routed)
        return routed.error();
    ServiceHandle service = *routed;
    // A tenant's backend is read when first used; the schema refresher keeps it current.
    if (!service->config.tenant.isEmpty() && !service->schema && !service->refreshedAt.isValid()
        && service->schemaError.message.isEmpty()) {
        const QString key = ServiceRegistry::backendKey(name, caller.tenant);
        (void)registry.refresh(key);
        service = registry.find(key);
        if (!service)
            return noBackendError(name, caller.tenant);
    }
    if (!service->schema) {
        return Error::unavailable(u"Service '%1' is unavailable%2: %3"_s.arg(
            name,
            service->config.tenant.isEmpty() ? QString()
                                             : u" for tenant '%1'"_s.arg(service->config.tenant),
            service->schemaError.message.isEmpty() ? u"its schema has not been read yet"_s
                                                   : service->schemaError.message));
    }
    return service;
}

Result<ResolvedTable> resolveTable(ServiceRegistry &registry, const QString &serviceName,
                                   const QString &tableName, const Principal &caller)
{
    auto service = resolveService(registry, serviceName, caller);
    if (!service)
        return service.error();
    const Table *table = (*service)->schema->table(tableName);
    if (!table) {
        return Error::notFound(
            u"Table '%1' does not exist in service '%2'"_s.arg(tableName, serviceName),
            { { u"table"_s, tableName } });
    }
    return ResolvedTable { *service, table };
}

} // namespace sluice
