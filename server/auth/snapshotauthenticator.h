#pragma once

#include "auth/accessrole.h"
#include "auth/externalidentity.h"
#include "auth/requestauthenticator.h"
#include "auth/verifiedtokencache.h"
#include "config/authrecords.h"
#include "config/authsnapshot.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace sluice {

// Compiles a stored role for the access decision. A rule that no longer compiles (say, a filter
// naming a column that was renamed) is dropped with a warning: deny by default.
std::shared_ptr<const AccessRole> compileRole(const RoleRecord &record);

// Authenticates against config.db: API keys by SHA-256, admin session JWTs by signature,
// expiry, revocation and the admin's state. It keeps an in-memory snapshot of admins, roles,
// keys and revoked tokens and reloads it whenever config.db changed — any commit by this
// server or another process (the CLI) — which it notices through SQLite's data_version on its
// own connection. Reading data_version takes a file lock, so it is read when this process
// changed the store (`localChanges`, ConfigService::changes(): every later request sees such a
// change), and otherwise at most once a millisecond: a revocation by another process binds
// every request that starts a millisecond after its commit. One per worker thread: the
// connection belongs to that thread.
//
// On a shared (PostgreSQL) store the worker opens no connection: ConfigService reads the
// snapshot once per change for the whole instance and `localChanges` moves when it did.
class SnapshotAuthenticator : public RequestAuthenticator
{
public:
    // The snapshot ConfigService::authSnapshot() holds now.
    using SharedSnapshot = std::function<std::shared_ptr<const AuthSnapshotData>()>;
    SnapshotAuthenticator(SharedSnapshot shared, const QByteArray &jwtSecret,
                          const std::atomic<quint64> *localChanges,
                          std::shared_ptr<const ExternalIdentity> external = {});

    // `external`: the identity providers whose tokens are accepted besides admin sessions.
    SnapshotAuthenticator(const QString &configDbPath, const QByteArray &jwtSecret,
                          const std::atomic<quint64> *localChanges = nullptr,
                          std::shared_ptr<const ExternalIdentity> external = {});
    ~SnapshotAuthenticator() override;

    Result<Principal> authenticate(const HttpRequest &request) override;

    // The same, from header values and a clock: for front doors other than HTTP and for tests.
    Result<Principal> authenticate(QByteArrayView apiKey, QByteArrayView authorization, qint64 now);

private:
    struct KeyEntry
    {
        ApiKeyRecord record;
        std::shared_ptr<const AccessRole> role;
    };

    Status refresh();
    Status refreshShared();
    void apply(const AuthSnapshotData &snapshot);
    Result<Principal> byApiKey(QByteArrayView apiKey, qint64 now);
    // Mutual TLS: the key a verified client certificate is bound to; anonymous for none.
    Result<Principal> byClientCertificate(QByteArrayView sha256, qint64 now);
    // A key's principal, or why it may not act (revoked, expired, no role).
    Result<Principal> keyPrincipal(const KeyEntry &entry, qint64 now) const;
    Result<Principal> byBearer(QByteArrayView token, qint64 now);
    // The principal of an identity provider's verified token: its role is looked up afresh.
    Result<Principal> byExternalToken(const VerifiedToken &token);

    SharedSnapshot m_shared;
    std::shared_ptr<const AuthSnapshotData> m_sharedSeen;
    QString m_connectionName;
    QByteArray m_jwtSecret;
    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_versionQuery;
    qint64 m_version = -1;
    std::chrono::steady_clock::time_point m_versionReadAt; // when data_version was last read
    const std::atomic<quint64> *m_localChanges; // null: read data_version on every request
    quint64 m_localChangesSeen = 0;
    QHash<QString, KeyEntry> m_keysByHash;
    QHash<QString, QString> m_keysByCert; // client certificate SHA-256 → key hash
    QHash<qint64, AdminRecord> m_admins;
    QHash<QString, std::shared_ptr<const AccessRole>> m_rolesByName;
    std::shared_ptr<const ExternalIdentity> m_external;
    VerifiedTokenCache m_tokenCache; // this worker's verified identity-provider tokens
    QSet<QString> m_revokedJtis;
};

class ConfigService;

// The authenticator for `config`'s store, as a worker of `sluice serve` uses it: on config.db its
// own read-only connection, on a shared store the instance's snapshot.
std::unique_ptr<SnapshotAuthenticator>
makeSnapshotAuthenticator(ConfigService &config, const QByteArray &jwtSecret,
                          std::shared_ptr<const ExternalIdentity> external = {});

} // namespace sluice
