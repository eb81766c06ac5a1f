#include "api/sql/rawsqlaccess.h"

#include "api/resolver.h"
#include "auth/accessdecision.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Whether the caller may write with raw SQL (POST _sql), only read (GET _sql), or neither: then
// the GET denial says what is missing.
Result<bool> mayWrite(const Principal &caller, const ServiceState &service)
{
    AccessRequest request { service.config.name, u"_sql"_s, VerbPost, service.config.readOnly };
    if (decideAccess(caller, request).ok())
        return true;
    request.verb = VerbGet;
    if (auto read = decideAccess(caller, request); !read)
        return read.error();
    return false;
}

} // namespace

Result<RawSqlAccess> authorizeRawSql(ServiceRegistry &registry, const QString &name,
                                     const Principal &caller)
{
    auto service = resolveService(registry, name, caller);
    if (!service)
        return service.error();
    const ServiceState &state = **service;
    auto write = mayWrite(caller, state);
    if (!write)
        return write.error();
    if (!state.config.rawSql) {
        return Error::forbidden(
            u"Raw SQL is off for service '%1': an operator turns it on with "
            "'sluice db add … --raw-sql' or raw_sql in the system API"_s.arg(name),
            { { u"service"_s, name } });
    }
    // A tenant's schema or setting is a property of the session, and a statement can name
    // another schema or change the setting: raw SQL would cross tenants. A database per tenant
    // keeps them apart at the connection.
    if (state.config.tenancy == Tenancy::Schema || state.config.tenancy == Tenancy::Setting) {
        return Error::forbidden(
            u"Raw SQL is not available on service '%1': its tenants share one database (tenancy "
            "'%2'), and a statement could reach another tenant's rows"_s.arg(
                name, tenancyName(state.config.tenancy)),
            { { u"service"_s, name } });
    }
    if (!state.dialect)
        return Error::unavailable(
            u"Service '%1': its database has not been reached yet"_s.arg(name));
    return RawSqlAccess { *service, *write };
}

} // namespace sluice
