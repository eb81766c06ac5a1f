#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QString>

namespace sluice {

// A database exposed as /api/v1/{name}. The DSN may hold a password: it is never logged or
// returned by the API.
struct ServiceConfig
{
    QString name; // URL segment: [A-Za-z0-9_-]{1,64}
    QString driver; // "sqlite", "postgres", "mysql" or "odbc"
    QString dsn; // SQLite: a file path; PostgreSQL: postgres://… URL or key=value list; MySQL:
                 // mysql://…; ODBC: a connection string (Driver={…};… or DSN=…)
    QString label; // human name
    QString schema; // PostgreSQL schema (empty = "public"), MySQL database (empty = the DSN's),
                    // SQL Server schema (empty = "dbo")
    bool readOnly = false;
    bool rawSql = false; // allows raw SQL (MCP sluice_raw_sql) for roles that have _sql
    bool enabled = true;
    // The DSN's password, kept in the secret store (never in config.db): filled in at run time
    // and merged into the DSN when a connection opens. Never persisted, logged or returned.
    QString password;
    QDateTime createdAt; // set by ConfigStore (UTC); ignored on add/update
    QDateTime updatedAt; // set by ConfigStore (UTC); ignored on add/update
};

// True for [A-Za-z0-9_-]{1,64} other than the reserved "system" (any case: it is the URL
// segment of the system API).
bool isValidServiceName(const QString &name);

// The canonical driver name for `driver` ("postgresql" and "pgsql" become "postgres"), or an
// empty string when Sluice has no dialect for it.
QString canonicalDriver(const QString &driver);

// `service` with its driver made canonical, or BadRequest naming the bad field.
Result<ServiceConfig> validatedService(ServiceConfig service);

} // namespace sluice
