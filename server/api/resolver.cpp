#include "api/resolver.h"

using namespace Qt::StringLiterals;

namespace sluice {

Result<ServiceHandle> resolveService(const ServiceRegistry &registry, const QString &name)
{
    ServiceHandle service = registry.find(name);
    if (!service || !service->config.enabled) {
        return Error::notFound(u"Service '%1' does not exist"_s.arg(name),
                               { { u"service"_s, name } });
    }
    if (!service->schema) {
        return Error::unavailable(u"Service '%1' is unavailable: %2"_s.arg(
            name,
            service->schemaError.message.isEmpty() ? u"its schema has not been read yet"_s
                                                   : service->schemaError.message));
    }
    return service;
}

Result<ResolvedTable> resolveTable(const ServiceRegistry &registry, const QString &serviceName,
                                   const QString &tableName)
{
    auto service = resolveService(registry, serviceName);
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
