#include "api/table/tableaccess.h"

using namespace Qt::StringLiterals;

namespace sluice {

Result<AuthorizedTable> authorizeTable(ServiceRegistry &registry, const Call &call,
                                       const QString &serviceName, const QString &table, int verb)
{
    auto service = resolveService(registry, serviceName, call.principal);
    if (!service)
        return service.error();
    auto grant = decideAccess(
        call.principal, { serviceName, tableComponent(table), verb, (*service)->config.readOnly });
    if (!grant)
        return grant.error();
    auto target = resolveTable(registry, serviceName, table, call.principal);
    if (!target)
        return target.error();
    return AuthorizedTable { *target, grant->rowFilter };
}

int verbOf(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get:
    case HttpMethod::Head: return VerbGet;
    case HttpMethod::Post: return VerbPost;
    case HttpMethod::Put: return VerbPut;
    case HttpMethod::Patch: return VerbPatch;
    case HttpMethod::Delete: return VerbDelete;
    default: return 0;
    }
}

} // namespace sluice
