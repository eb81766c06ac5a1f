#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

namespace sluice {

class Dialect;
struct ServiceConfig;

// An open connection and the dialect that speaks to it: the driver's, or for ODBC the one for
// the database found behind the ODBC driver.
struct OpenedDatabase
{
    QSqlDatabase db;
    const Dialect *dialect = nullptr;
};

// Opens a connection for `service` under `connectionName` (unique per thread and service; the
// connection belongs to the calling thread): picks the dialect from service.driver, applies the
// DSN, opens, and configures the session (statement timeout in ms, 0 = none). A read-only
// service is also read-only at the database (SQLite opens the file read-only, PostgreSQL
// sessions default to read-only transactions). Unavailable when the database cannot be
// reached; no message ever contains the password. On failure nothing stays registered.
Result<QSqlDatabase> openDatabase(const ServiceConfig &service, const QString &connectionName,
                                  int statementTimeoutMs);
// openDatabase() with the dialect. An ODBC service whose database has no dialect is
// Unavailable, naming the database.
Result<OpenedDatabase> openService(const ServiceConfig &service, const QString &connectionName,
                                   int statementTimeoutMs);

// Closes and unregisters a connection opened by openDatabase(). Call it on the thread that
// opened it, once no QSqlQuery on it is alive.
void closeDatabase(const QString &connectionName);

// `sluice db test`: opens a throw-away connection, runs SELECT 1, closes it.
Status testConnection(const ServiceConfig &service);

} // namespace sluice
