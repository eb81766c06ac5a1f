#pragma once

#include <QSqlDatabase>
#include <QString>

struct pg_conn;

namespace sluice {

// libpq's connection behind a QPSQL connection (QPSQL hands out its PGconn*), for what QPSQL does
// not expose; nullptr for any other driver.
pg_conn *libpqConnection(const QSqlDriver *driver);

// The text QPSQL puts after "PREPARE <name> AS ": every '?' outside '…', "…" and `…` becomes
// $1, $2, … (Qt's positional-to-named binding, which knows no comments or dollar quotes), for
// statements Sluice prepares through libpq itself (postgresonestatement.cpp).
QString withNumberedParameters(const QString &sql);

} // namespace sluice
