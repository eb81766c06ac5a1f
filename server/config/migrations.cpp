#include "config/migrations.h"

#include "config/configsql.h"
#include "core/logging.h"

#include <QDateTime>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

const QList<Migration> &configMigrations()
{
    // To change the schema, append {next version, "what it does", {statements…}}.
    static const QList<Migration> migrations = {
        { 1,
          u"services and settings"_s,
          {
              u"CREATE TABLE services ("
              "  name        TEXT PRIMARY KEY NOT NULL,"
              "  driver      TEXT NOT NULL,"
              "  dsn         TEXT NOT NULL,"
              "  label       TEXT NOT NULL DEFAULT '',"
              "  schema_name TEXT NOT NULL DEFAULT '',"
              "  read_only   INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1)),"
              "  raw_sql     INTEGER NOT NULL DEFAULT 0 CHECK (raw_sql IN (0, 1)),"
              "  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),"
              "  created_at  TEXT NOT NULL,"
              "  updated_at  TEXT NOT NULL"
              ")"_s,
              u"CREATE TABLE settings ("
              "  key   TEXT PRIMARY KEY NOT NULL,"
              "  value TEXT NOT NULL"
              ")"_s,
          } },
        { 2,
          u"admins, roles, API keys and revoked tokens"_s,
          {
              // last_login_at is NULL until the first login.
              u"CREATE TABLE admins ("
              "  id            INTEGER PRIMARY KEY,"
              "  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,"
              "  name          TEXT NOT NULL DEFAULT '',"
              "  password_hash TEXT NOT NULL,"
              "  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
              "  token_epoch   INTEGER NOT NULL DEFAULT 0,"
              "  created_at    TEXT NOT NULL,"
              "  updated_at    TEXT NOT NULL,"
              "  last_login_at TEXT"
              ")"_s,
              u"CREATE TABLE roles ("
              "  id                    INTEGER PRIMARY KEY,"
              "  name                  TEXT NOT NULL UNIQUE,"
              "  description           TEXT NOT NULL DEFAULT '',"
              "  rate_limit_per_minute INTEGER NOT NULL DEFAULT 0"
              "                        CHECK (rate_limit_per_minute >= 0),"
              "  created_at            TEXT NOT NULL,"
              "  updated_at            TEXT NOT NULL"
              ")"_s,
              // The primary key doubles as the index that reads a role's rules in order.
              u"CREATE TABLE role_rules ("
              "  role_id   INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,"
              "  position  INTEGER NOT NULL,"
              "  service   TEXT NOT NULL,"
              "  component TEXT NOT NULL,"
              "  verbs     INTEGER NOT NULL CHECK (verbs BETWEEN 1 AND 31),"
              "  filter    TEXT NOT NULL DEFAULT '',"
              "  PRIMARY KEY (role_id, position)"
              ") WITHOUT ROWID"_s,
              // RESTRICT backs up the repository's own check: a role in use is never deleted.
              // expires_at and revoked_at are NULL for "never" and "not revoked".
              u"CREATE TABLE api_keys ("
              "  id                    INTEGER PRIMARY KEY,"
              "  key_hash              TEXT NOT NULL UNIQUE,"
              "  key_prefix            TEXT NOT NULL,"
              "  label                 TEXT NOT NULL DEFAULT '',"
              "  role_id               INTEGER NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,"
              "  created_at            TEXT NOT NULL,"
              "  expires_at            TEXT,"
              "  revoked_at            TEXT,"
              "  rate_limit_per_minute INTEGER NOT NULL DEFAULT 0"
              "                        CHECK (rate_limit_per_minute >= 0)"
              ")"_s,
              u"CREATE INDEX api_keys_by_prefix ON api_keys (key_prefix)"_s,
              u"CREATE INDEX api_keys_by_role ON api_keys (role_id)"_s,
              u"CREATE TABLE revoked_tokens ("
              "  jti        TEXT PRIMARY KEY NOT NULL,"
              "  expires_at TEXT NOT NULL"
              ") WITHOUT ROWID"_s,
              u"CREATE INDEX revoked_tokens_by_expiry ON revoked_tokens (expires_at)"_s,
          } },
        { 3,
          u"admin and API key ids are never used again"_s,
          {
              // A plain INTEGER PRIMARY KEY hands a deleted row's id to the next insert, and a
              // deleted admin's session token named that id. AUTOINCREMENT never reuses one;
              // copying the rows seeds its counter with the highest id still present.
              u"CREATE TABLE admins_v3 ("
              "  id            INTEGER PRIMARY KEY AUTOINCREMENT,"
              "  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,"
              "  name          TEXT NOT NULL DEFAULT '',"
              "  password_hash TEXT NOT NULL,"
              "  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
              "  token_epoch   INTEGER NOT NULL DEFAULT 0,"
              "  created_at    TEXT NOT NULL,"
              "  updated_at    TEXT NOT NULL,"
              "  last_login_at TEXT"
              ")"_s,
              u"INSERT INTO admins_v3 SELECT id, email, name, password_hash, disabled,"
              " token_epoch, created_at, updated_at, last_login_at FROM admins"_s,
              u"DROP TABLE admins"_s,
              u"ALTER TABLE admins_v3 RENAME TO admins"_s,
              u"CREATE TABLE api_keys_v3 ("
              "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
              "  key_hash              TEXT NOT NULL UNIQUE,"
              "  key_prefix            TEXT NOT NULL,"
              "  label                 TEXT NOT NULL DEFAULT '',"
              "  role_id               INTEGER NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,"
              "  created_at            TEXT NOT NULL,"
              "  expires_at            TEXT,"
              "  revoked_at            TEXT,"
              "  rate_limit_per_minute INTEGER NOT NULL DEFAULT 0"
              "                        CHECK (rate_limit_per_minute >= 0)"
              ")"_s,
              u"INSERT INTO api_keys_v3 SELECT id, key_hash, key_prefix, label, role_id,"
              " created_at, expires_at, revoked_at, rate_limit_per_minute FROM api_keys"_s,
              u"DROP TABLE api_keys"_s,
              u"ALTER TABLE api_keys_v3 RENAME TO api_keys"_s,
              u"CREATE INDEX api_keys_by_prefix ON api_keys (key_prefix)"_s,
              u"CREATE INDEX api_keys_by_role ON api_keys (role_id)"_s,
          } },
        { 4,
          u"tenants, per-tenant backends and keys bound to a tenant"_s,
          {
              u"CREATE TABLE tenants ("
              "  name       TEXT PRIMARY KEY NOT NULL,"
              "  label      TEXT NOT NULL DEFAULT '',"
              "  created_at TEXT NOT NULL"
              ") WITHOUT ROWID"_s,
              u"ALTER TABLE services ADD COLUMN tenancy TEXT NOT NULL DEFAULT 'none'"
              " CHECK (tenancy IN ('none', 'database', 'schema', 'setting'))"_s,
              // A tenant removed takes its backends along; its keys too (below), so a later
              // tenant of the same name never inherits them.
              u"CREATE TABLE service_tenants ("
              "  service     TEXT NOT NULL REFERENCES services (name) ON DELETE CASCADE,"
              "  tenant      TEXT NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,"
              "  dsn         TEXT NOT NULL DEFAULT '',"
              "  schema_name TEXT NOT NULL DEFAULT '',"
              "  PRIMARY KEY (service, tenant)"
              ") WITHOUT ROWID"_s,
              u"ALTER TABLE api_keys ADD COLUMN tenant TEXT"
              " REFERENCES tenants (name) ON DELETE CASCADE"_s,
              u"CREATE INDEX api_keys_by_tenant ON api_keys (tenant)"_s,
          } },
    };
    return migrations;
}

int latestConfigSchemaVersion()
{
    return configMigrations().isEmpty() ? 0 : configMigrations().constLast().version;
}

namespace {

Status ensureVersionTable(const QSqlDatabase &db)
{
    return execConfigSql(db,
                         u"CREATE TABLE IF NOT EXISTS schema_version ("
                         "  version     INTEGER PRIMARY KEY NOT NULL,"
                         "  description TEXT NOT NULL,"
                         "  applied_at  TEXT NOT NULL"
                         ")"_s,
                         {}, u"creating schema_version"_s);
}

Error newerFileError(int found, int latest)
{
    return Error::internal(
        u"config.db was written by a newer Sluice (version %1); this build knows schema "
        "versions up to %2. Upgrade Sluice or use another data directory."_s.arg(found)
            .arg(latest));
}

Status applyOne(const QSqlDatabase &db, const Migration &migration, int latest)
{
    WriteTransaction transaction(db);
    if (Status begun = transaction.begin(); !begun)
        return begun;
    // Read again under the write lock: another process may have migrated meanwhile.
    const Result<int> current = configSchemaVersion(db);
    if (!current)
        return current.error();
    if (*current > latest)
        return newerFileError(*current, latest);
    if (*current >= migration.version)
        return {};
    if (*current != migration.version - 1) {
        return Error::internal(
            u"config.db is at schema version %1 but the next step is %2"_s.arg(*current).arg(
                migration.version));
    }
    const QString what = u"migration %1 (%2)"_s.arg(migration.version).arg(migration.description);
    for (const QString &statement : migration.statements) {
        if (Status done = execConfigSql(db, statement, {}, what); !done)
            return done;
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (Status recorded = execConfigSql(
            db, u"INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"_s,
            { migration.version, migration.description, now }, what);
        !recorded) {
        return recorded;
    }
    if (Status committed = transaction.commit(); !committed)
        return committed;
    qCInfo(lcConfig).noquote() << "config.db: applied" << what;
    return {};
}

} // namespace

Result<int> configSchemaVersion(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status done = execConfigSql(
            query, u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"_s,
            { u"schema_version"_s }, u"reading the schema version"_s);
        !done) {
        return done.error();
    }
    if (!query.next() || query.value(0).toInt() == 0)
        return 0;
    if (Status done =
            execConfigSql(query, u"SELECT coalesce(max(version), 0) FROM schema_version"_s, {},
                          u"reading the schema version"_s);
        !done) {
        return done.error();
    }
    return query.next() ? query.value(0).toInt() : 0;
}

Result<int> migrateConfig(const QSqlDatabase &db)
{
    return migrateConfig(db, configMigrations());
}

Result<int> migrateConfig(const QSqlDatabase &db, const QList<Migration> &migrations)
{
    const int latest = migrations.isEmpty() ? 0 : migrations.constLast().version;
    for (qsizetype i = 0; i < migrations.size(); ++i)
        Q_ASSERT_X(migrations.at(i).version == i + 1, "migrateConfig", "versions must be 1..N");

    const Result<int> found = configSchemaVersion(db);
    if (!found)
        return found.error();
    // Check before writing anything, so a newer file is left exactly as it was.
    if (*found > latest)
        return newerFileError(*found, latest);
    if (*found == latest)
        return latest;

    if (Status created = ensureVersionTable(db); !created)
        return created.error();
    for (const Migration &migration : migrations) {
        if (migration.version <= *found)
            continue;
        if (Status applied = applyOne(db, migration, latest); !applied)
            return applied.error();
    }
    return configSchemaVersion(db);
}

} // namespace sluice
