#pragma once

#include "api/apicontext.h"
#include "api/setupgate.h"
#include "audit/auditlog.h"
#include "auth/loginthrottle.h"
#include "auth/ratelimiter.h"
#include "config/configservice.h"

#include <QDateTime>
#include <QTemporaryDir>

#include <memory>

namespace sluice::test {

// Credentials for HTTP tests: a real config store in a temporary data dir with roles, API keys
// and admins made through the same repositories the server uses.
class AuthFixture
{
public:
    bool init(); // false + a qWarning when the store cannot be created
    QString errorString() const { return m_error; }

    ConfigService &config() { return *m_config; }
    QString dataDir() const { return m_dir.path(); }
    const QByteArray &jwtSecret() const { return m_jwtSecret; }

    // A role from --access specs ("SERVICE:COMPONENT:VERBS[:FILTER]") and a key for it; returns
    // the key's plaintext (empty on failure). The role is created once per name.
    QString createKey(const QString &role, const QStringList &access, const QString &label = {},
                      const QDateTime &expires = {}, int roleRateLimitPerMinute = 0);
    // A key acting for `tenant` (which must exist: createTenant()).
    QString createTenantKey(const QString &tenant, const QString &role, const QStringList &access);
    bool createTenant(const QString &name); // in config.db; false + a qWarning on failure
    Status revokeKey(const QString &plaintext);
    qint64 createAdmin(const QString &email, const QString &password);

    // Wires the context's config store, setup gate, login throttle, secret and authenticators.
    void fill(ApiContext &context);

    SetupGate setup;
    LoginThrottle loginThrottle;
    RateLimiter rateLimiter;
    std::unique_ptr<AuditLog> auditLog; // audit.db in the same data dir

private:
    QString makeKey(const QString &role, const QStringList &access, const QString &label,
                    const QDateTime &expires, int roleRateLimitPerMinute, const QString &tenant);

    QTemporaryDir m_dir;
    std::unique_ptr<ConfigService> m_config;
    QByteArray m_jwtSecret;
    QString m_error;
};

} // namespace sluice::test
