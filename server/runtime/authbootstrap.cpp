#include "runtime/authbootstrap.h"

#include "auth/apikey.h"
#include "auth/password.h"
#include "config/adminrepository.h"
#include "core/logging.h"
#include "secrets/secretbackend.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {
const QString kJwtSecretKey = u"auth/jwt_secret"_s;
}

Result<QByteArray> loadOrCreateJwtSecret(const Settings &settings, const QString &dataDir)
{
    if (!settings.auth.jwtSecret.isEmpty()) {
        if (settings.auth.jwtSecret.size() < 32)
            return Error::badRequest(u"auth.jwt_secret must be at least 32 characters"_s);
        return settings.auth.jwtSecret.toUtf8();
    }
    auto backend = secretBackendFromName(settings.secrets.backend);
    if (!backend)
        return backend.error();
    const std::unique_ptr<SecretStore> store = makeSecretStore(dataDir, *backend);
    auto stored = store->read(kJwtSecretKey);
    if (stored)
        return stored->toUtf8();
    if (stored.error().kind != ErrorKind::NotFound)
        return stored.error();
    const QString fresh = QString::fromLatin1(generateSecret(32).toHex());
    if (Status s = store->write(kJwtSecretKey, fresh); !s)
        return s.error();
    qCInfo(lcApp).noquote() << "Generated the session signing secret and stored it in the"
                            << store->name() << "secret store";
    return fresh.toUtf8();
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
