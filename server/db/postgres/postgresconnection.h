#pragma once

#include <QSqlDatabase>

struct pg_conn;

namespace sluice {

// libpq's connection behind a QPSQL connection (QPSQL hands out its PGconn*), for what QPSQL does
// not expose; nullptr for any other driver.
pg_conn *libpqConnection(const QSqlDriver *driver);

} // namespace sluice
