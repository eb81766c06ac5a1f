#pragma once

#include "auth/principal.h"
#include "config/configservice.h"
#include "core/result.h"

namespace sluice {

// A caller that is a role of this data directory rather than a key: `sluice mcp --role` and the
// desktop app's "view as role" preview. The role's rules are read now, so a change to the role
// applies to the next principal made. `actor` names the caller in the audit log (the key prefix
// field) and `label` describes it. NotFound when no role has that name.
Result<Principal> rolePrincipal(ConfigService &config, const QString &role, const QString &actor,
                                const QString &label);

// The caller an API key of this data directory is, named by its id, its prefix (as listings show
// it) or its whole plaintext: identity and role as its requests would have them, for explaining
// the access decision without the key. BadRequest for a revoked or expired key or one without a
// role (its requests are 401), NotFound for no such key.
Result<Principal> keyPrincipal(ConfigService &config, const QString &key);

} // namespace sluice
