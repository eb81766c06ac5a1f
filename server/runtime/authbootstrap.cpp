#include "runtime/authbootstrap.h"

#include "auth/apikey.h"
#include "auth/password.h"
#include "config/adminrepository.h"
#include "core/logging.h"
#include "runtime/statestore.h"
#include "secrets/secretbackend.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {
const QString kJwtSecretKey = u"auth/jwt_secret"_s;
}

namespace {

// auth.jwt_secret when it is set (checked), else nullopt: the secret store holds it.
std::optional<Result<QByteArray>> configuredJwtSecret(const Settings &settings)
{
    if (settings.auth.jwtSecret.isEmpty())
        return std::nullopt;
    if (settings.auth.jwtSecret.size() < 32)
        return Result<QByteArray>(
            Error::badRequest(u"auth.jwt_secret must be at least 32 characters"_s));
    return Result<QByteArray>(settings.auth.jwtSecret.toUtf8());
}

} // namespace

Result<QByteArray> loadOrCreateJwtSecret(const Settings &settings, SecretStore &store)
{
    if (auto configured = configuredJwtSecret(settings))
        return *configured;
    bool generated = false;
    const Result<QString> secret = store.readOrCreate(kJwtSecretKey, [&generated] {
        generated = true;
        return QString::fromLatin1(generateSecret(32).toHex());
    });
    if (!secret)
        return secret.error();
    if (generated)
        qCInfo(lcApp).noquote() << "Generated the session signing secret and stored it in the"
                                << store.name() << "secret store";
    return secret->toUtf8();
}

Result<QByteArray> loadOrCreateJwtSecret(const Settings &settings, ConfigService &config)
{
    // A configured secret needs no secret store (nor, for a shared store, its master key).
    if (auto configured = configuredJwtSecret(settings))
        return *configured;
    auto store = openStateSecrets(settings, config);
    if (!store)
        return store.error();
    return loadOrCreateJwtSecret(settings, **store);
}

Result<QByteArray> loadOrCreateJwtSecret(const Settings &settings, const QString &dataDir)
{
    if (auto configured = configuredJwtSecret(settings))
        return *configured;
    auto backend = secretBackendFromName(settings.secrets.backend);
    if (!backend)
        return backend.error();
    const std::unique_ptr<SecretStore> store = makeSecretStore(dataDir, *backend);
    return loadOrCreateJwtSecret(settings, *store);
}

Result<qint64> createAdmin(const QSqlDatabase &db, const QString &email, const QString &name,
                           const QString &password)
{
    if (Status s = checkPasswordPolicy(password); !s)
        return s.error();
    auto hash = hashPassword(password);
    if (!hash)
        return hash.error();
    AdminRecord admin;
    admin.email = email.trimmed();
    admin.name = name.trimmed();
    admin.passwordHash = *hash;
    auto created = AdminRepository(db).create(admin);
    if (!created)
        return created.error();
    return created->id;
}

Result<bool> createAdminFromEnvironment(ConfigService &config)
{
    const QString email = qEnvironmentVariable("SLUICE_ADMIN_EMAIL");
    const QString password = qEnvironmentVariable("SLUICE_ADMIN_PASSWORD");
    if (email.isEmpty() || password.isEmpty())
        return false;
    bool created = false;
    Status s = config.write([&](const QSqlDatabase &db) -> Status {
        auto count = AdminRepository(db).count();
        if (!count)
            return count.error();
        if (*count > 0)
            return {};
        auto id = createAdmin(db, email, QString(), password);
        if (!id)
            return id.error();
        created = true;
        return {};
    });
    if (!s)
        return s.error();
    return created;
}

} // namespace sluice
