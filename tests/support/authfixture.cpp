#include "authfixture.h"

#include "auth/accessrole.h"
#include "auth/apikey.h"
#include "auth/snapshotauthenticator.h"
#include "config/apikeyrepository.h"
#include "config/rolerepository.h"
#include "config/tenantrepository.h"
#include "runtime/authbootstrap.h"

#include <QDebug>

using namespace Qt::StringLiterals;

namespace sluice::test {

bool AuthFixture::init()
{
    if (!m_dir.isValid()) {
        m_error = u"cannot create a temporary directory"_s;
        return false;
    }
    auto config = ConfigService::open(m_dir.path());
    if (!config) {
        m_error = config.error().message;
        qWarning().noquote() << "AuthFixture:" << m_error;
        return false;
    }
    m_config = std::move(*config);
    auto audit = AuditLog::open(m_dir.path());
    if (!audit) {
        m_error = audit.error().message;
        return false;
    }
    auditLog = std::move(*audit);
    m_jwtSecret = generateSecret(32).toHex();
    return true;
}

QString AuthFixture::createKey(const QString &roleName, const QStringList &access,
                               const QString &label, const QDateTime &expires,
                               int roleRateLimitPerMinute)
{
    return makeKey(roleName, access, label, expires, roleRateLimitPerMinute, {});
}

QString AuthFixture::createTenantKey(const QString &tenant, const QString &roleName,
                                     const QStringList &access)
{
    return makeKey(roleName, access, roleName + u'@' + tenant, {}, 0, tenant);
}

bool AuthFixture::createTenant(const QString &name)
{
    const Status s = m_config->write([&](const QSqlDatabase &db) -> Status {
        auto made = TenantRepository(db).create(name, {});
        return made ? Status() : Status(made.error());
    });
    if (!s)
        qWarning().noquote() << "AuthFixture: cannot create tenant:" << s.error().message;
    return s.ok();
}

QString AuthFixture::makeKey(const QString &roleName, const QStringList &access,
                             const QString &label, const QDateTime &expires,
                             int roleRateLimitPerMinute, const QString &tenant)
{
    RoleRecord role;
    role.name = roleName;
    role.rateLimitPerMinute = roleRateLimitPerMinute;
    for (const QString &spec : access) {
        auto rule = parseAccessSpec(spec);
        if (!rule) {
            qWarning().noquote() << "AuthFixture: bad access" << spec << rule.error().message;
            return {};
        }
        role.rules.append({ rule->service, rule->component, rule->verbs, rule->filterText });
    }
    const NewApiKey key = generateApiKey();
    Status s = m_config->write([&](const QSqlDatabase &db) -> Status {
        RoleRepository roles(db);
        auto existing = roles.findByName(roleName);
        qint64 roleId = 0;
        if (existing) {
            roleId = existing->id;
        } else {
            auto made = roles.create(role);
            if (!made)
                return made.error();
            roleId = made->id;
        }
        ApiKeyRecord record;
        record.keyHash = key.hash;
        record.keyPrefix = key.prefix;
        record.label = label.isEmpty() ? roleName : label;
        record.roleId = roleId;
        record.expiresAt = expires;
        record.tenant = tenant;
        auto made = ApiKeyRepository(db).create(record);
        return made ? Status() : Status(made.error());
    });
    if (!s) {
        qWarning().noquote() << "AuthFixture: cannot create key:" << s.error().message;
        return {};
    }
    return key.plaintext;
}

Status AuthFixture::revokeKey(const QString &plaintext)
{
    return m_config->write([&](const QSqlDatabase &db) -> Status {
        ApiKeyRepository keys(db);
        auto key = keys.findByHash(hashApiKey(plaintext));
        if (!key)
            return key.error();
        auto revoked = keys.revoke(key->id);
        return revoked ? Status() : Status(revoked.error());
    });
}

qint64 AuthFixture::createAdmin(const QString &email, const QString &password)
{
    qint64 id = 0;
    Status s = m_config->write([&](const QSqlDatabase &db) -> Status {
        auto made = sluice::createAdmin(db, email, QString(), password);
        if (!made)
            return made.error();
        id = *made;
        return {};
    });
    if (!s)
        qWarning().noquote() << "AuthFixture: cannot create admin:" << s.error().message;
    return id;
}

void AuthFixture::fill(ApiContext &context)
{
    context.config = m_config.get();
    context.setup = &setup;
    context.loginThrottle = &loginThrottle;
    context.jwtSecret = m_jwtSecret;
    context.rateLimiter = &rateLimiter;
    context.audit = auditLog.get();
    context.makeAuthenticator = [path = m_config->path(), secret = m_jwtSecret,
                                 changes = &m_config->changes()] {
        return std::make_unique<SnapshotAuthenticator>(path, secret, changes);
    };
}

} // namespace sluice::test
