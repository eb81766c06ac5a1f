#pragma once

#include "secrets/secretstore.h"

#include <QJsonObject>

namespace sluice {

// Secrets in one JSON object, <dataDir>/secrets.json, for headless servers without a keychain.
// The file is created with mode 0600 (never briefly wider) and replaced atomically on every
// change; a missing data dir is created with mode 0700. A file that group or others may access
// is refused, as ssh refuses such a private key: the secrets in it must be assumed leaked.
// Concurrent writers (the CLI while `serve` runs) are serialised with a lock file.
class FileSecretStore : public SecretStore
{
public:
    explicit FileSecretStore(const QString &dataDir);

    Result<QString> read(const QString &key) override;
    Status write(const QString &key, const QString &value) override;
    Status remove(const QString &key) override;
    QString name() const override;

    QString filePath() const { return m_path; }

private:
    Result<QJsonObject> load() const;
    Status save(const QJsonObject &secrets) const;
    Status change(const QString &key, const QString *value);

    QString m_dataDir;
    QString m_path;
};

} // namespace sluice
