#include "secrets/servicesecrets.h"

#include "core/logging.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString servicePasswordKey(const QString &serviceName)
{
    return u"service/%1/password"_s.arg(serviceName);
}

QString tenantPasswordKey(const QString &serviceName, const QString &tenant)
{
    return u"service/%1/tenant/%2/password"_s.arg(serviceName, tenant);
}

namespace {

// Reads `key` into `password`; a store that fails is logged naming `whose`, never the secret.
void readPassword(SecretStore &store, const QString &key, const QString &whose, QString &password)
{
    auto stored = store.read(key);
    if (stored) {
        password = *stored;
    } else if (stored.error().kind != ErrorKind::NotFound) {
        qCWarning(lcConfig).noquote()
            << u"cannot read the password of %1 from the %2 secret store: %3"_s.arg(
                   whose, store.name(), stored.error().message);
    }
}

} // namespace

void loadServicePasswords(SecretStore &store, QList<ServiceConfig> &services)
{
    for (ServiceConfig &service : services) {
        // SQLite DSNs are file paths: there is never a password to look up.
        if (service.driver == u"sqlite"_s)
            continue;
        readPassword(store, servicePasswordKey(service.name), u"service '%1'"_s.arg(service.name),
                     service.password);
        for (TenantBackend &backend : service.tenantBackends) {
            if (!backend.dsn.isEmpty())
                readPassword(store, tenantPasswordKey(service.name, backend.tenant),
                             u"tenant '%1' of service '%2'"_s.arg(backend.tenant, service.name),
                             backend.password);
        }
    }
}

} // namespace sluice
