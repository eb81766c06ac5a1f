#include "secrets/servicesecrets.h"

#include "core/logging.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString servicePasswordKey(const QString &serviceName)
{
    return u"service/%1/password"_s.arg(serviceName);
}

void loadServicePasswords(SecretStore &store, QList<ServiceConfig> &services)
{
    for (ServiceConfig &service : services) {
        // SQLite DSNs are file paths: there is never a password to look up.
        if (service.driver == u"sqlite"_s)
            continue;
        auto password = store.read(servicePasswordKey(service.name));
        if (password) {
            service.password = *password;
        } else if (password.error().kind != ErrorKind::NotFound) {
            qCWarning(lcConfig).noquote()
                << u"cannot read the password of service '%1' from the %2 secret store: %3"_s.arg(
                       service.name, store.name(), password.error().message);
        }
    }
}

} // namespace sluice
