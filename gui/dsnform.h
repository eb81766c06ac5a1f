#pragma once

#include <QString>
#include <QVariantMap>

namespace sluice {

// A connection form's fields and the DSN Sluice takes (docs/dsn.md), both ways. The password is
// never part of a composed DSN: the system API receives it apart and keeps it in the secret
// store.
//
// Fields: sqlite {file}; postgres and mysql {host, port, database, user, sslmode, sslca, extra};
// odbc {connection_string}. `sslmode` is the driver's own word (PostgreSQL: disable … verify-full;
// MySQL: disabled, required), `sslca` a CA certificate file, `extra` the URL's other parameters
// as written ("connect_timeout=5&application_name=x"), kept so that editing a connection never
// drops what the form does not show. Empty fields are left out (the client library's defaults
// apply).
QString composeDsn(const QString &driver, const QVariantMap &fields);

// A saved DSN taken back into the form's fields, for editing: the same keys as above, plus
// "password" when the DSN holds one and "error" (and nothing else) when it cannot be read.
// PostgreSQL's keyword form (host=… dbname=…) is read too; editing writes it back as a URL.
QVariantMap dsnFields(const QString &driver, const QString &dsn);

// What a user pasted: a postgres://, postgresql://, mysql:// or mariadb:// URL, an ODBC
// connection string (Driver=…;…) or a SQLite file path. The answer is dsnFields() of it with
// "driver" added, or {"error": why} for text that is none of those.
QVariantMap pastedConnection(const QString &text);

} // namespace sluice
