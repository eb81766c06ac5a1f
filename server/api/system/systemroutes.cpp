#include "api/system/systemroutes.h"

namespace sluice {

void installSystemRoutes(Router &router, const RouteScope &scope)
{
    installSystemServiceRoutes(router, scope);
    installSystemTenantRoutes(router, scope);
    installSystemRoleRoutes(router, scope);
    installSystemAdminRoutes(router, scope);
    installSystemKeyRoutes(router, scope);
    installSystemAuditRoutes(router, scope);
    installSystemInfoRoutes(router, scope);
    installSystemExplainRoutes(router, scope);
}

} // namespace sluice
