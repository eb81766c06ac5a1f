#include "auth/snapshotauthenticator.h"

#include "auth/apikey.h"
#include "auth/jwt.h"
#include "config/authsnapshot.h"
#include "config/configservice.h"
#include "core/logging.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Error unauthorized(const QString &message)
{
    return Error::unauthorized(message);
}

} // namespace

// Compiles a stored role; a rule that no longer compiles (say, a filter naming a column that
// was renamed) is dropped with a warning — deny by default, never allow by accident.
std::shared_ptr<const AccessRole> compileRole(const RoleRecord &record)
{
    auto role = std::make_shared<AccessRole>();
    role->id = record.id;
    role->name = record.name;
    role->rateLimitPerMinute = record.rateLimitPerMinute;
    for (const RoleRule &stored : record.rules) {
        auto rule = compileRule(stored.service, stored.component, stored.verbs, stored.filter);
        if (!rule) {
            qCWarning(lcApi).noquote()
                << "role" << record.name << "has an unusable rule:" << rule.error().message;
            continue;
        }
        role->rules.append(*rule);
    }
    return role;
}

SnapshotAuthenticator::SnapshotAuthenticator(const QString &configDbPath,
                                             const QByteArray &jwtSecret,
                                             const std::atomic<quint64> *localChanges,
                                             std::shared_ptr<const ExternalIdentity> external)
    : m_jwtSecret(jwtSecret)
    , m_localChanges(localChanges)
    , m_external(std::move(external))
{
    static QAtomicInt serial;
    m_connectionName = u"sluice-auth-%1"_s.arg(serial.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(configDbPath);
    m_db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
}

SnapshotAuthenticator::SnapshotAuthenticator(SharedSnapshot shared, const QByteArray &jwtSecret,
                                             const std::atomic<quint64> *localChanges,
                                             std::shared_ptr<const ExternalIdentity> external)
    : m_shared(std::move(shared))
    , m_jwtSecret(jwtSecret)
    , m_localChanges(localChanges)
    , m_external(std::move(external))
{
}

SnapshotAuthenticator::~SnapshotAuthenticator()
{
    if (m_connectionName.isEmpty())
        return;
    m_versionQuery.reset();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status SnapshotAuthenticator::refreshShared()
{
    const quint64 local = m_localChanges->load(std::memory_order_acquire);
    if (m_sharedSeen && local == m_localChangesSeen)
        return {};
    m_localChangesSeen = local;
    std::shared_ptr<const AuthSnapshotData> snapshot = m_shared();
    if (!snapshot)
        return Error::unavailable(u"The credentials store has not been read yet"_s);
    if (snapshot != m_sharedSeen) {
        apply(*snapshot);
        m_sharedSeen = std::move(snapshot);
    }
    return {};
}

Status SnapshotAuthenticator::refresh()
{
    if (m_shared)
        return refreshShared();
    constexpr auto kReadAtMostEvery = std::chrono::milliseconds(1);
    const auto now = std::chrono::steady_clock::now();
    if (m_localChanges) {
        const quint64 local = m_localChanges->load(std::memory_order_acquire);
        if (m_version >= 0 && local == m_localChangesSeen
            && now - m_versionReadAt < kReadAtMostEvery)
            return {};
        m_localChangesSeen = local;
    }
    m_versionReadAt = now;
    if (!m_db.isOpen() && !m_db.open())
        return Error::unavailable(u"Cannot read the credentials store: "_s
                                  + m_db.lastError().text());
    if (!m_versionQuery) {
        m_versionQuery.emplace(m_db);
        m_versionQuery->prepare(u"PRAGMA data_version"_s);
    }
    if (!m_versionQuery->exec() || !m_versionQuery->next())
        return Error::unavailable(u"Cannot read the credentials store: "_s
                                  + m_versionQuery->lastError().text());
    const qint64 version = m_versionQuery->value(0).toLongLong();
    m_versionQuery->finish();
    if (version == m_version)
        return {};

    auto snapshot = loadAuthSnapshot(m_db);
    if (!snapshot)
        return snapshot.error();
    apply(*snapshot);
    m_version = version;
    return {};
}

void SnapshotAuthenticator::apply(const AuthSnapshotData &snapshot)
{
    QHash<qint64, std::shared_ptr<const AccessRole>> roles;
    m_rolesByName.clear();
    for (const RoleRecord &role : snapshot.roles) {
        auto compiled = compileRole(role);
        roles.insert(role.id, compiled);
        m_rolesByName.insert(role.name, compiled);
    }
    m_keysByHash.clear();
    m_keysByCert.clear();
    for (const ApiKeyRecord &key : snapshot.keys)
        m_keysByHash.insert(key.keyHash, { key, roles.value(key.roleId) });
    for (auto it = m_keysByHash.cbegin(); it != m_keysByHash.cend(); ++it) {
        if (!it->record.clientCertSha256.isEmpty())
            m_keysByCert.insert(it->record.clientCertSha256, it.key());
    }
    m_admins.clear();
    for (const AdminRecord &admin : snapshot.admins)
        m_admins.insert(admin.id, admin);
    m_revokedJtis = snapshot.revokedJtis;
}

Result<Principal> SnapshotAuthenticator::authenticate(const HttpRequest &request)
{
    const QByteArray apiKey = request.header("X-API-Key");
    const QByteArray authorization = request.header("Authorization");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // Mutual TLS (API.md §14): the connection's verified client certificate stands for the key
    // it is bound to when no header brings credentials; headers, when sent, decide.
    if (apiKey.isEmpty() && authorization.isEmpty() && !request.clientCertSha256.isEmpty())
        return byClientCertificate(request.clientCertSha256, now);
    return authenticate(apiKey, authorization, now);
}

Result<Principal> SnapshotAuthenticator::authenticate(QByteArrayView apiKey,
                                                      QByteArrayView authorization, qint64 now)
{
    if (apiKey.isEmpty() && authorization.isEmpty())
        return unauthorized(
            u"Credentials required: send X-API-Key or Authorization: Bearer <token>"_s);
    if (Status s = refresh(); !s)
        return s.error();
    if (!apiKey.isEmpty())
        return byApiKey(apiKey, now);
    const QByteArrayView scheme = authorization.first(std::min<qsizetype>(7, authorization.size()));
    if (scheme.compare("Bearer ", Qt::CaseInsensitive) != 0)
        return unauthorized(u"Unsupported Authorization scheme: use Bearer <token>"_s);
    return byBearer(authorization.sliced(7).trimmed(), now);
}

Result<Principal> SnapshotAuthenticator::byApiKey(QByteArrayView apiKey, qint64 now)
{
    const QString key = QString::fromLatin1(apiKey.trimmed());
    if (!looksLikeApiKey(key))
        return unauthorized(u"Invalid API key"_s);
    const auto it = m_keysByHash.constFind(hashApiKey(key));
    if (it == m_keysByHash.cend())
        return unauthorized(u"Invalid API key"_s);
    return keyPrincipal(*it, now);
}

Result<Principal> SnapshotAuthenticator::byClientCertificate(QByteArrayView sha256, qint64 now)
{
    if (Status s = refresh(); !s)
        return s.error();
    const QString bound = m_keysByCert.value(QString::fromLatin1(sha256));
    const auto it = bound.isEmpty() ? m_keysByHash.cend() : m_keysByHash.constFind(bound);
    // A certificate the client CA signed but no key names: the caller is anonymous, as without
    // credentials (routes decide what that may do).
    if (it == m_keysByHash.cend())
        return Principal {};
    return keyPrincipal(*it, now);
}

Result<Principal> SnapshotAuthenticator::keyPrincipal(const KeyEntry &entry, qint64 now) const
{
    const ApiKeyRecord &record = entry.record;
    if (record.revokedAt.isValid())
        return unauthorized(u"API key %1 has been revoked"_s.arg(record.keyPrefix));
    if (record.expiresAt.isValid() && record.expiresAt.toSecsSinceEpoch() <= now)
        return unauthorized(u"API key %1 has expired"_s.arg(record.keyPrefix));
    if (!entry.role)
        return unauthorized(u"API key %1 has no role"_s.arg(record.keyPrefix));
    Principal p;
    p.kind = Principal::Kind::ApiKey;
    p.keyId = record.id;
    p.keyLabel = record.label;
    p.keyPrefix = record.keyPrefix;
    p.role = entry.role;
    p.tenant = record.tenant;
    if (record.rateLimitPerMinute > 0) {
        p.rateBucket = u"key:"_s + QString::number(record.id);
        p.rateLimitPerMinute = record.rateLimitPerMinute;
    } else if (entry.role->rateLimitPerMinute > 0) {
        p.rateBucket = u"role:"_s + QString::number(entry.role->id);
        p.rateLimitPerMinute = entry.role->rateLimitPerMinute;
    }
    return p;
}

Result<Principal> SnapshotAuthenticator::byBearer(QByteArrayView token, qint64 now)
{
    if (m_external && !m_external->isEmpty()) {
        // A token this worker verified before is answered from its cache without reading even
        // its issuer again: the hot path of a client sending the same token with every request.
        if (const VerifiedToken *known = m_tokenCache.find(token, now))
            return byExternalToken(*known);
        // Our own sessions say iss "sluice"; any other issuer's token goes to the identity
        // providers (the unverified "iss" only picks the verifier; each checks it signed).
        if (unverifiedIssuer(token).value_or(u"sluice"_s) != "sluice"_L1) {
            auto verified = m_external->verify(token, now);
            if (!verified)
                return verified.error();
            return byExternalToken(m_tokenCache.insert(token, *verified));
        }
    }
    auto claims = verifyJwt(token, m_jwtSecret, now);
    if (!claims)
        return claims.error();
    if (m_revokedJtis.contains(claims->jti))
        return unauthorized(u"Token has been revoked"_s);
    const auto admin = m_admins.constFind(claims->adminId);
    if (admin == m_admins.cend())
        return unauthorized(u"Token belongs to an admin that no longer exists"_s);
    if (admin->disabled)
        return unauthorized(u"Admin account is disabled"_s);
    if (claims->epoch != admin->tokenEpoch)
        return unauthorized(u"Token is no longer valid; sign in again"_s);
    // Fails closed should an id ever name another admin than the one the token was issued to.
    if (admin->createdAt.isValid()
        && claims->iat + JwtLeewaySeconds < admin->createdAt.toSecsSinceEpoch())
        return unauthorized(u"Token was issued before this admin existed"_s);
    Principal p;
    p.kind = Principal::Kind::Admin;
    p.adminId = admin->id;
    p.email = admin->email;
    p.tokenId = claims->jti;
    p.tokenExpiresAt = claims->exp;
    return p;
}

Result<Principal> SnapshotAuthenticator::byExternalToken(const VerifiedToken &token)
{
    const IssuerSetting &issuer = token.issuer->setting;
    std::shared_ptr<const AccessRole> role;
    for (const QString &name : token.roleNames) {
        role = m_rolesByName.value(name);
        if (role)
            break;
    }
    if (!role && !issuer.defaultRole.isEmpty())
        role = m_rolesByName.value(issuer.defaultRole);
    if (!role)
        return Error::forbidden(
            u"The token's claim '%1' names no Sluice role and the issuer has no default_role"_s.arg(
                issuer.roleClaim));
    Principal p;
    p.kind = Principal::Kind::ApiKey;
    p.issuer = issuer.issuer;
    p.subject = token.subject;
    // Only named here; whether the tenant exists is the tenancy resolver's check (API.md §11).
    p.tenant = token.tenant;
    p.claims = token.claims;
    p.role = role;
    if (role->rateLimitPerMinute > 0) {
        p.rateBucket = u"role:"_s + QString::number(role->id);
        p.rateLimitPerMinute = role->rateLimitPerMinute;
    }
    return p;
}

std::unique_ptr<SnapshotAuthenticator>
makeSnapshotAuthenticator(ConfigService &config, const QByteArray &jwtSecret,
                          std::shared_ptr<const ExternalIdentity> external)
{
    if (!config.isShared())
        return std::make_unique<SnapshotAuthenticator>(config.path(), jwtSecret, &config.changes(),
                                                       std::move(external));
    return std::make_unique<SnapshotAuthenticator>(
        [service = &config] { return service->authSnapshot(); }, jwtSecret, &config.changes(),
        std::move(external));
}

} // namespace sluice
