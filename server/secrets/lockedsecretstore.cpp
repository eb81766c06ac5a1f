#include "secrets/lockedsecretstore.h"

namespace sluice {

LockedSecretStore::LockedSecretStore(std::unique_ptr<SecretStore> store)
    : m_store(std::move(store))
{
}

Result<QString> LockedSecretStore::read(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    return m_store->read(key);
}

Status LockedSecretStore::write(const QString &key, const QString &value)
{
    QMutexLocker lock(&m_mutex);
    return m_store->write(key, value);
}

Status LockedSecretStore::remove(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    return m_store->remove(key);
}

QString LockedSecretStore::name() const
{
    QMutexLocker lock(&m_mutex);
    return m_store->name();
}

Result<QString> LockedSecretStore::readOrCreate(const QString &key,
                                                const std::function<QString()> &fresh)
{
    QMutexLocker lock(&m_mutex);
    return m_store->readOrCreate(key, fresh);
}

} // namespace sluice
