#include "runtime/statestore.h"

#include "db/backends.h"
#include "secrets/secretbackend.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {
const QString MasterKeySecret = u"store/master_key"_s;
}

StoreLocation stateStoreLocation(const Settings &settings, const QString &dataDir)
{
    StoreLocation location;
    location.dataDir = dataDir;
    location.postgresDsn = settings.config.store.trimmed();
    location.applyPostgresDsn = [](QSqlDatabase &db, const QString &dsn) {
        return applyDriverDsn(u"postgres", db, dsn);
    };
    return location;
}

Result<QByteArray> loadMasterKey(const Settings &settings, const QString &dataDir)
{
    const QString variable = QString::fromLatin1(SealedSecretStore::MasterKeyVariable);
    if (const QString text = qEnvironmentVariable(SealedSecretStore::MasterKeyVariable);
        !text.isEmpty()) {
        return SealedSecretStore::masterKeyFromText(text);
    }
    auto backend = secretBackendFromName(settings.secrets.backend);
    if (!backend)
        return backend.error();
    const std::unique_ptr<SecretStore> local = makeSecretStore(dataDir, *backend);
    const Result<QString> stored = local->read(MasterKeySecret);
    if (stored)
        return SealedSecretStore::masterKeyFromText(*stored);
    if (stored.error().kind != ErrorKind::NotFound)
        return stored.error();
    return Error::badRequest(
        u"config.store keeps its secrets sealed: set %1 to the same 32 random bytes on every"
        " instance (e.g. %1=$(openssl rand -hex 32)), or keep them under \"%2\" in the %3"
        " secret store"_s.arg(variable, MasterKeySecret, local->name()));
}

Result<std::unique_ptr<SecretStore>> openStateSecrets(const Settings &settings,
                                                      const QString &dataDir, bool shared,
                                                      const SealedSecretStore::Access &access)
{
    if (!shared) {
        auto backend = secretBackendFromName(settings.secrets.backend);
        if (!backend)
            return backend.error();
        return makeSecretStore(dataDir, *backend);
    }
    const Result<QByteArray> key = loadMasterKey(settings, dataDir);
    if (!key)
        return key.error();
    return std::unique_ptr<SecretStore>(std::make_unique<SealedSecretStore>(access, *key));
}

Result<std::unique_ptr<SecretStore>> openStateSecrets(const Settings &settings,
                                                      ConfigService &config)
{
    return openStateSecrets(
        settings, config.dataDir(), config.isShared(),
        [&config](bool write, const std::function<Status(const QSqlDatabase &)> &body) {
            return write ? config.write(body) : config.read(body);
        });
}

Result<std::unique_ptr<SecretStore>> openStateSecrets(const Settings &settings, ConfigStore &store,
                                                      const QString &dataDir)
{
    return openStateSecrets(
        settings, dataDir, store.isShared(),
        [&store](bool write, const std::function<Status(const QSqlDatabase &)> &body) {
            return write ? store.write(body) : store.read(body);
        });
}

} // namespace sluice
