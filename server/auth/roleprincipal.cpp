#include "auth/roleprincipal.h"

#include "auth/apikey.h"
#include "auth/snapshotauthenticator.h"
#include "config/apikeyrepository.h"
#include "config/rolerepository.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

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

Result<Principal> keyPrincipal(ConfigService &config, const QString &key)
{
    struct Found
    {
        ApiKeyRecord key;
        RoleRecord role;
    };
    auto found = config.readValue<Found>([&key](const QSqlDatabase &db) -> Result<Found> {
        ApiKeyRepository keys(db);
        bool numeric = false;
        const qint64 id = key.toLongLong(&numeric);
        auto record = looksLikeApiKey(key) ? keys.findByHash(hashApiKey(key))
            : numeric && id > 0            ? keys.get(id)
            : key.startsWith(u"sluice_"_s)
            ? keys.findByPrefix(key)
            : Result<ApiKeyRecord>(Error::notFound(u"No API key '%1': name it by id, "
                                                   "prefix or the key itself"_s.arg(key)));
        if (!record)
            return record.error();
        if (record->roleId <= 0)
            return Found { *record, {} };
        auto role = RoleRepository(db).get(record->roleId);
        if (!role)
            return role.error();
        return Found { *record, *role };
    });
    if (!found)
        return found.error();
    const ApiKeyRecord &record = found->key;
    // As SnapshotAuthenticator::byApiKey() refuses it.
    if (record.revokedAt.isValid())
        return Error::badRequest(
            u"API key %1 has been revoked: its requests are 401"_s.arg(record.keyPrefix));
    if (record.expiresAt.isValid() && record.expiresAt <= QDateTime::currentDateTimeUtc())
        return Error::badRequest(
            u"API key %1 has expired: its requests are 401"_s.arg(record.keyPrefix));
    if (record.roleId <= 0)
        return Error::badRequest(
            u"API key %1 has no role: its requests are 401"_s.arg(record.keyPrefix));
    Principal principal;
    principal.kind = Principal::Kind::ApiKey;
    principal.keyId = record.id;
    principal.keyLabel = record.label;
    principal.keyPrefix = record.keyPrefix;
    principal.tenant = record.tenant; // as SnapshotAuthenticator gives it (API.md §11)
    principal.role = compileRole(found->role);
    return principal;
}

} // namespace sluice
