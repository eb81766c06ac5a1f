#pragma once

#include "config/configservice.h"
#include "config/settings.h"
#include "core/result.h"
#include "secrets/secretstore.h"

namespace sluice {

// The HS256 secret for admin sessions: auth.jwt_secret (config or SLUICE_AUTH_JWT_SECRET) when
// set, else the one kept in the secret store under "auth/jwt_secret", else a new random one
// stored there. There is no built-in default.
// It also signs cursors, ETags and Flight tickets, so on a shared store it lives in the store
// (sealed) and every instance signs with the same one.
Result<QByteArray> loadOrCreateJwtSecret(const Settings &settings, SecretStore &store);
// With the secret store that goes with `config`'s store (statestore.h).
Result<QByteArray> loadOrCreateJwtSecret(const Settings &settings, ConfigService &config);
// With the local secret store of `dataDir`.
Result<QByteArray> loadOrCreateJwtSecret(const Settings &settings, const QString &dataDir);

// Creates the first admin from SLUICE_ADMIN_EMAIL / SLUICE_ADMIN_PASSWORD when both are set and
// no admin exists yet. Returns true when it created one.
Result<bool> createAdminFromEnvironment(ConfigService &config);

// Creates an admin with a checked password (Argon2id). Shared by setup, the CLI and the env path.
Result<qint64> createAdmin(const QSqlDatabase &db, const QString &email, const QString &name,
                           const QString &password);

} // namespace sluice
