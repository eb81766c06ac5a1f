#pragma once

#include "core/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace sluice {

// One step of the config.db schema (or of a PostgreSQL store's: the same versions). Steps are
// applied in order, each in its own transaction, and recorded in the schema_version table. A
// released step is never edited: change the schema by appending a new one.
struct Migration
{
    int version; // 1, 2, 3, … without gaps
    QString description; // recorded in schema_version
    QStringList statements; // executed one by one (the SQLite driver runs one per call)
    // The same step for a PostgreSQL store (config.store) when its SQL differs; nullopt: the
    // statements above run there as written. Both lists reach the same tables and columns, so
    // the repositories run one code path on either store.
    std::optional<QStringList> postgresStatements = std::nullopt;
};

// Every migration this build knows, ordered by version.
const QList<Migration> &configMigrations();

// The version config.db has after every known migration ran.
int latestConfigSchemaVersion();

// The version recorded in `db` (0 for a new file).
Result<int> configSchemaVersion(const QSqlDatabase &db);

// Brings `db` up to latestConfigSchemaVersion(). Refuses a file written by a newer Sluice
// rather than guessing what its extra tables mean. Returns the version reached.
Result<int> migrateConfig(const QSqlDatabase &db);

// For tests: applies `migrations` instead of the built-in list.
Result<int> migrateConfig(const QSqlDatabase &db, const QList<Migration> &migrations);

} // namespace sluice
