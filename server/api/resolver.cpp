#include "api/resolver.h"

using namespace Qt::StringLiterals;

namespace sluice {

Result<ServiceHandle> resolveService(const ServiceRegistry &registry, const QString &name)
{
    ServiceHandle service = registry.find(name);
    if (!service || !service->config.enabled) {
        Error e = Error::notFound(u"Service '%1' does not exist"_s.arg(name));
        e.context.insert(u"service"_s, name);
        return e;
    }
    if (!service->schema) {
        Error e { ErrorKind::Unavailable,
                  u"Service '%1' is unavailable: %2"_s.arg(
                      name,
                      service->schemaError.message.isEmpty() ? u"its schema has not been read yet"_s
                                                             : service->schemaError.message),
                  {},
                  {} };
        return e;
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
        Error e = Error::notFound(
            u"Table '%1' does not exist in service '%2'"_s.arg(tableName, serviceName));
        e.context.insert(u"table"_s, tableName);
        return e;
    }
    return ResolvedTable { *service, table };
}

} // namespace sluice
