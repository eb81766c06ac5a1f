#pragma once

#include "config/configstore.h"
#include "secrets/secretstore.h"

#include <QList>
#include <QPair>

namespace sluice {

class AuditLog;

// What `sluice config migrate --to DSN` copied.
struct StoreMigrationReport
{
    QList<QPair<QString, qint64>> rows; // table → rows copied, in copy order
    int secrets = 0; // DSN passwords and the session signing secret
    qint64 auditEntries = 0;
};

// The config.db tables a store holds, parents before children (the order rows are copied in;
// they are emptied in reverse).
const QStringList &stateTables();

// Copies a data directory's store into a shared one (API.md §15): every row of stateTables()
// with its id (identity counters moved past them), in one transaction of `target`; then the
// secrets the rows refer to (DSN passwords, the session signing secret), from `sourceSecrets`
// into `targetSecrets` (sealed there); then, when both are given and the target's trail is
// empty, the audit trail, oldest first with its times. Conflict, naming what the target holds, when
// it is not empty, unless `force`, which empties its configuration first (the audit trail is
// append-only and stays).
Result<StoreMigrationReport> copyStateStore(ConfigStore &source, SecretStore &sourceSecrets,
                                            ConfigStore &target, SecretStore &targetSecrets,
                                            bool force, AuditLog *sourceAudit = nullptr,
                                            AuditLog *targetAudit = nullptr);

} // namespace sluice
