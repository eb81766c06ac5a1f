#pragma once

#include "config/configservice.h"
#include "config/settings.h"
#include "core/result.h"

namespace sluice {

// The API key `serve --demo` prints so a newcomer can curl the demo at once. Its role, "demo",
// covers only the demo service. Made once; the plaintext is kept in the private secret store
// (like the session secret) so the banner can show it on every start. A key that was revoked
// or deleted is replaced by a new one.
Result<QString> ensureDemoKey(ConfigService &config, const Settings &settings,
                              const QString &dataDir);

} // namespace sluice
