#pragma once

#include "config/authrecords.h"
#include "config/configrepository.h"
#include "core/result.h"

namespace sluice {

// The api_keys table of config.db. Runs on the connection it is given, inside the caller's
// ConfigStore::write()/read() body. Only the key's hash is stored; making keys and hashes is
// the auth module's business.
//
// Errors: BadRequest for invalid input or an ambiguous prefix, NotFound naming the key (never
// by its hash), Conflict for a hash that is already stored.
class ApiKeyRepository : public ConfigRepository
{
public:
    using ConfigRepository::ConfigRepository;

    // Stores keyHash, keyPrefix, label, roleId, expiresAt, rateLimitPerMinute, tenant and
    // clientCertSha256 (createdAt, revokedAt and roleName are ignored); NotFound when the role or
    // the tenant does not exist, Conflict for a client certificate bound to another key. Returns
    // the stored key with its id, createdAt and roleName.
    Result<ApiKeyRecord> create(const ApiKeyRecord &key);
    Result<QList<ApiKeyRecord>> list(); // newest first, with role names
    Result<ApiKeyRecord> get(qint64 id);
    // The one key whose key_prefix starts with `prefix` (normally the whole 15-character
    // prefix a listing shows). BadRequest when several keys match.
    Result<ApiKeyRecord> findByPrefix(const QString &prefix);
    Result<ApiKeyRecord> findByHash(const QString &keyHash);

    // Marks the key revoked at `at` (now when invalid) and returns it. Revoking a revoked key
    // keeps its first revocation time.
    Result<ApiKeyRecord> revoke(qint64 id, const QDateTime &at = {});
    Result<ApiKeyRecord> revokeByPrefix(const QString &prefix, const QDateTime &at = {});
    Status remove(qint64 id);

private:
    Result<QList<ApiKeyRecord>> select(const QString &where, const QVariantList &values,
                                       const QString &what);
};

} // namespace sluice
