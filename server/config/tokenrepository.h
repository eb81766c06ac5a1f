#pragma once

#include "config/configrepository.h"
#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QString>

namespace sluice {

// The revoked_tokens table of config.db: session tokens (JWT ids) revoked before they
// expired, kept until then so a revocation survives a restart. Runs on the connection it is
// given, inside the caller's ConfigStore::write()/read() body.
class TokenRepository : public ConfigRepository
{
public:
    using ConfigRepository::ConfigRepository;

    // Records `jti` as revoked until `expiresAt` (the token's own exp). Revoking it again
    // keeps the later of the two expiries. BadRequest for an empty jti or invalid expiry.
    Status add(const QString &jti, const QDateTime &expiresAt);
    // True while `jti` is recorded; expired entries may linger until purgeExpired().
    Result<bool> isRevoked(const QString &jti);
    // Drops entries that expired at or before `now` (the current time when invalid) and
    // returns how many: an expired token is refused for its exp anyway.
    Result<qint64> purgeExpired(const QDateTime &now = {});
    // Every entry still unexpired at `now` (the current time when invalid): jti → expiry.
    Result<QHash<QString, QDateTime>> listUnexpired(const QDateTime &now = {});
};

} // namespace sluice
