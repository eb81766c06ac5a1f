#pragma once

#include "config/serviceconfig.h"
#include "secrets/secretstore.h"

#include <QList>

namespace sluice {

// Where a service's DSN password is kept: "service/<name>/password". config.db holds the DSN
// without it (db/dsnsecret.h splits it out).
QString servicePasswordKey(const QString &serviceName);
// Where a tenant's own DSN password is kept: "service/<name>/tenant/<tenant>/password".
QString tenantPasswordKey(const QString &serviceName, const QString &tenant);

// Fills ServiceConfig::password (and each TenantBackend::password) of every service that has one
// stored, before the services are served (`sluice serve`, the desktop app). A service without a
// stored password keeps an empty one; a store that fails is logged and leaves that service without,
// so one unreachable keychain entry cannot keep the server from starting.
void loadServicePasswords(SecretStore &store, QList<ServiceConfig> &services);

} // namespace sluice
