#include "secrets/chainedsecretstore.h"

namespace sluice {

ChainedSecretStore::ChainedSecretStore(std::unique_ptr<SecretStore> overlay,
                                       std::unique_ptr<SecretStore> backend)
    : m_overlay(std::move(overlay))
    , m_backend(std::move(backend))
{
}

Result<QString> ChainedSecretStore::read(const QString &key)
{
    Result<QString> fromOverlay = m_overlay->read(key);
    // Any other overlay error (a bad key) is the answer: the backend would say the same.
    if (fromOverlay || fromOverlay.error().kind != ErrorKind::NotFound)
        return fromOverlay;
    return m_backend->read(key);
}

Status ChainedSecretStore::write(const QString &key, const QString &value)
{
    return m_backend->write(key, value);
}

Status ChainedSecretStore::remove(const QString &key)
{
    return m_backend->remove(key);
}

QString ChainedSecretStore::name() const
{
    return m_backend->name();
}

} // namespace sluice
