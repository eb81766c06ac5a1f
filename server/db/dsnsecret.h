#pragma once

#include "core/result.h"

#include <QString>

namespace sluice {

// A DSN with its password taken out, so the password can live in a SecretStore and the rest
// in config.db.
struct SplitDsn
{
    QString dsnWithoutPassword;
    QString password;
    bool hadPassword = false; // true even for an empty one ("postgres://u:@h")
};

// Each backend writes its own codec (postgres/postgrespassword.cpp, …); backends.cpp picks it.
// Takes the password out of `dsn` for `driver` (a name dialectForDriver knows). PostgreSQL:
// the user-info password of a URL and any `password` URL parameter, or every `password=`
// pair of a keyword list (bare or quoted); when several are given the one libpq would use
// wins. The rest keeps its spelling. A keyword list that held only a password comes back
// empty (all of libpq's defaults). ODBC: every PWD / Password attribute. SQLite DSNs never
// hold a password. An invalid DSN is the
// error PostgresDsn::parse or SqliteDialect::parseDsn gives, which names no value.
Result<SplitDsn> splitDsnPassword(const QString &driver, const QString &dsn);

// The inverse: `dsnWithoutPassword` with `password` put back, percent-encoded in a URL's user
// info, single-quoted and backslash-escaped as a `password=` pair in a keyword list, as
// PWD={…} (braced, '}' doubled) at the end of an ODBC connection string. A password
// already in the DSN is replaced; an empty `password` gives the DSN without one. SQLite refuses
// a non-empty password (BadRequest).
Result<QString> mergeDsnPassword(const QString &driver, const QString &dsnWithoutPassword,
                                 const QString &password);

// The error of a codec whose result its own DSN parser does not read back as intended.
Error dsnPasswordCodecError(const QString &backend);

} // namespace sluice
