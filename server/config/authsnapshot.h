#pragma once

#include "config/authrecords.h"
#include "core/result.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>

namespace sluice {

// Everything the request path needs to authenticate and authorise, read from config.db in
// one consistent transaction, so the auth module can serve requests from memory.
struct AuthSnapshotData
{
    QList<AdminRecord> admins;
    QList<RoleRecord> roles; // with their rules
    QList<ApiKeyRecord> keys; // every key, revoked and expired ones included
    QSet<QString> revokedJtis; // unexpired revocations only
    // authDataVersion() read just before the data, on the same connection. Compare it with
    // later authDataVersion() values to know when to load again.
    qint64 dataVersion = 0;
};

// A cheap "has anything changed?" counter for caches of config.db data.
//
// It is SQLite's PRAGMA data_version, which changes when ANOTHER connection (e.g. the `sluice`
// CLI in another process) commits to the file, and does NOT change for commits made on `db`
// itself. So: only compare values read on the same connection, and let the code that writes
// through that connection (the system API through ConfigStore::write()) invalidate its caches
// itself. It changes for any table of config.db, services included; a spurious reload is
// harmless.
// On a PostgreSQL store it is the store's generation, which every committed change of any
// instance moves (its own included).
Result<qint64> authDataVersion(const QSqlDatabase &db);

// Loads admins, roles, keys and unexpired token revocations in one read transaction (a
// SAVEPOINT, so it also works inside ConfigStore::write()).
Result<AuthSnapshotData> loadAuthSnapshot(const QSqlDatabase &db);

} // namespace sluice
