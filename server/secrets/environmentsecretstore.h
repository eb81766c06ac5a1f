#pragma once

#include "secrets/secretstore.h"

#include <QProcessEnvironment>

namespace sluice {

// Read-only secrets from environment variables, for containers and service managers that
// inject them. A key maps to SLUICE_SECRET_ followed by the key in upper case with every
// character other than a letter or digit turned into '_':
//     service/shop/password  →  SLUICE_SECRET_SERVICE_SHOP_PASSWORD
//     auth/jwt_secret        →  SLUICE_SECRET_AUTH_JWT_SECRET
// The mapping is not one-to-one ("a-b" and "a_b" meet), so service names that differ only
// in case or punctuation share a variable. An empty variable counts as unset.
class EnvironmentSecretStore : public SecretStore
{
public:
    explicit EnvironmentSecretStore(
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    Result<QString> read(const QString &key) override;
    Status write(const QString &key, const QString &value) override; // always Forbidden
    Status remove(const QString &key) override; // always Forbidden
    QString name() const override;

    static QString variableName(const QString &key);

private:
    QProcessEnvironment m_environment;
};

} // namespace sluice
