#pragma once

#include "secrets/secretstore.h"

#include <QByteArray>
#include <QSqlDatabase>

#include <functional>

namespace sluice {

// The secrets of a shared (PostgreSQL) config store, kept in its `secrets` table so every
// instance reads the same ones: DSN passwords, the session signing secret (which also signs
// cursors, ETags and Flight tickets). Each value is sealed with AES-256-GCM under the master
// key (SLUICE_MASTER_KEY), with a fresh 96-bit nonce and the secret's name as associated data,
// so a value copied to another name, or altered, does not open. The store never sees a value.
class SealedSecretStore : public SecretStore
{
public:
    // Runs `body` in one read, or one write transaction when `write` (ConfigService or
    // ConfigStore: the caller's way into the store).
    using Access =
        std::function<Status(bool write, const std::function<Status(const QSqlDatabase &)> &body)>;

    // `masterKey` is 32 bytes (masterKeyFromText()).
    SealedSecretStore(Access access, const QByteArray &masterKey);

    Result<QString> read(const QString &key) override;
    Status write(const QString &key, const QString &value) override;
    Status remove(const QString &key) override;
    // In one write transaction: writers of every instance take turns, so two instances starting
    // together agree on one value.
    Result<QString> readOrCreate(const QString &key,
                                 const std::function<QString()> &fresh) override;
    QString name() const override { return QStringLiteral("config store"); }

    static constexpr const char *MasterKeyVariable = "SLUICE_MASTER_KEY";
    // The master key from its text form: 64 hex digits or base64 of 32 bytes. BadRequest
    // naming the variable (never echoing the value) otherwise.
    static Result<QByteArray> masterKeyFromText(const QString &text);

    // For tests: what a value looks like sealed, and back.
    static QByteArray seal(const QByteArray &masterKey, const QString &name, const QString &value);
    static Result<QString> open(const QByteArray &masterKey, const QString &name,
                                const QByteArray &sealed);

private:
    Result<QString> readIn(const QSqlDatabase &db, const QString &key) const;

    Access m_access;
    QByteArray m_masterKey;
};

} // namespace sluice
