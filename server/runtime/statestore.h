#pragma once

#include "config/configservice.h"
#include "config/settings.h"
#include "config/storelocation.h"
#include "secrets/sealedsecretstore.h"

#include <memory>

namespace sluice {

// What `sluice serve`, the CLI and the desktop share about the state store (API.md §15).

// The store `settings` name: config.store when set, else the data directory's files; with the
// db layer's PostgreSQL DSN reader.
StoreLocation stateStoreLocation(const Settings &settings, const QString &dataDir);

// The key that seals a shared store's secrets: SLUICE_MASTER_KEY, else "store/master_key" in
// the local secret store (secrets.backend). BadRequest saying how to make one when neither is
// there: every instance must use the same key, so none is made up here.
Result<QByteArray> loadMasterKey(const Settings &settings, const QString &dataDir);

// The secret store that goes with the state store: the local one (secrets.backend) for the
// data directory, the sealed one inside a shared store, reached through `access`.
Result<std::unique_ptr<SecretStore>> openStateSecrets(const Settings &settings,
                                                      const QString &dataDir, bool shared,
                                                      const SealedSecretStore::Access &access);
// The same through a config service or an open store (the CLI).
Result<std::unique_ptr<SecretStore>> openStateSecrets(const Settings &settings,
                                                      ConfigService &config);
Result<std::unique_ptr<SecretStore>> openStateSecrets(const Settings &settings, ConfigStore &store,
                                                      const QString &dataDir);

} // namespace sluice
