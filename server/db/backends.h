#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QStringView>

#include <functional>

namespace sluice {

class Dialect;

// The one place that names the backends (sqlite/, postgres/, mysql/, sqlserver/, odbc/): what a
// --driver name stands for and what opening a connection for it needs. The rest of db/ asks here
// or asks the dialect, and includes no backend's header (tests/layering.cmake checks). The DSN
// password codec of each driver is picked here too (dsnsecret.h).

// The dialect for a --driver name ("sqlite", "postgres"/"postgresql"/"pgsql",
// "mysql"/"mariadb"), or nullptr. "odbc" has none: its dialect is the one for the database
// found behind the ODBC driver once connected (openedDialect()).
const Dialect *dialectForDriver(QStringView driver);

// True for the --driver "odbc".
bool isOdbcDriver(QStringView driver);

// The --driver names this build can serve, each once in its canonical spelling ("sqlite",
// "postgres", "mysql", "odbc"): those whose Qt SQL driver plugin is installed.
QStringList availableDrivers();

// The Qt SQL driver a --driver opens connections with ("QODBC" for every database behind ODBC);
// empty for an unknown driver.
QString qtDriverFor(QStringView driver);

// Applies `dsn` (password merged in) to `db`, a connection of qtDriverFor(driver) not yet open.
Status applyDriverDsn(QStringView driver, QSqlDatabase &db, const QString &dsn);

// The dialect of a connection just opened for `driver`: its own, or for ODBC the one of the
// database found behind the ODBC driver (Unavailable when that database is not one Sluice knows).
Result<const Dialect *> openedDialect(QStringView driver, const QSqlDatabase &db);

// The key=value pairs of a DSN in `driver`'s keyword form (PostgreSQL's "host=h dbname='d'"),
// each passed to `visit` in order, values unquoted; BadRequest for a driver with no keyword
// form or text that is not one. For forms that show a saved DSN as fields (gui/dsnform).
Status readDsnKeywords(QStringView driver, const QString &dsn,
                       const std::function<void(const QString &key, const QString &value)> &visit);

// The secrets inside what applyDriverDsn() gave `db` (ODBC's PWD attributes, whose connection
// string is the database name), so that error messages can be scrubbed of them.
QStringList secretsInAppliedDsn(QStringView driver, const QSqlDatabase &db);

} // namespace sluice
