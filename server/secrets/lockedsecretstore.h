#pragma once

#include "secrets/secretstore.h"

#include <QMutex>

#include <memory>

namespace sluice {

// Serialises every call to another store with a mutex, so the HTTP workers of a running server
// can share the one store the runtime made (the system API writes DSN passwords). Secrets are
// rare and small: one call at a time costs nothing.
class LockedSecretStore : public SecretStore
{
public:
    explicit LockedSecretStore(std::unique_ptr<SecretStore> store);

    Result<QString> read(const QString &key) override;
    Status write(const QString &key, const QString &value) override;
    Status remove(const QString &key) override;
    Result<QString> readOrCreate(const QString &key,
                                 const std::function<QString()> &fresh) override;
    QString name() const override;

private:
    mutable QMutex m_mutex;
    std::unique_ptr<SecretStore> m_store;
};

} // namespace sluice
