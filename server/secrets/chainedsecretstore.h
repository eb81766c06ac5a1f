#pragma once

#include "secrets/secretstore.h"

#include <memory>

namespace sluice {

// An overlay read before a backend: operators inject secrets through the environment and they
// win over what the keychain or file holds. Writes and removals go to the backend only, so a
// secret set in the environment keeps winning after a write; name() is the backend's name.
class ChainedSecretStore : public SecretStore
{
public:
    ChainedSecretStore(std::unique_ptr<SecretStore> overlay, std::unique_ptr<SecretStore> backend);

    Result<QString> read(const QString &key) override;
    Status write(const QString &key, const QString &value) override;
    Status remove(const QString &key) override;
    QString name() const override;

    SecretStore *overlay() const { return m_overlay.get(); }
    SecretStore *backend() const { return m_backend.get(); }

private:
    std::unique_ptr<SecretStore> m_overlay;
    std::unique_ptr<SecretStore> m_backend;
};

} // namespace sluice
