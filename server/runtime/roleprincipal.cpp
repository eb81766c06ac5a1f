#include "runtime/roleprincipal.h"

#include "auth/snapshotauthenticator.h"
#include "config/rolerepository.h"

namespace sluice {

Result<Principal> rolePrincipal(ConfigService &config, const QString &role, const QString &actor,
                                const QString &label)
{
    auto record = config.readValue<RoleRecord>(
        [&role](const QSqlDatabase &db) { return RoleRepository(db).findByName(role); });
    if (!record)
        return record.error();
    Principal principal;
    principal.kind = Principal::Kind::ApiKey;
    principal.keyPrefix = actor;
    principal.keyLabel = label;
    principal.role = compileRole(*record);
    return principal;
}

} // namespace sluice
