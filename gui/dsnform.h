#pragma once

#include <QString>
#include <QVariantMap>

namespace sluice {

// A connection form's fields turned into a DSN Sluice takes (config/serviceconfig.h). The
// password is never part of it: the system API receives it apart and keeps it in the secret
// store. Fields: sqlite {file}; postgres and mysql {host, port, database, user}; odbc
// {connection_string}. Empty fields are left out (libpq's and the driver's defaults apply).
QString composeDsn(const QString &driver, const QVariantMap &fields);

} // namespace sluice
