#pragma once

#include "core/result.h"
#include "db/dsnsecret.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace sluice {

// An ODBC connection string as SQLDriverConnect takes it: "key=value" attributes separated by
// ';', a value in braces ("{PostgreSQL Unicode}", "{p;w}}d}") when it holds ';', braces or
// outer spaces, '}}' standing for '}' inside. Keys are case-insensitive. Each attribute keeps
// its spelling, so a string read and written back is unchanged.
struct OdbcConnectionString
{
    struct Attribute
    {
        QString key; // as written, trimmed
        QString value; // decoded: braces and '}}' undone
        QString text; // the "key=value" segment as written
    };
    QList<Attribute> attributes;

    // BadRequest naming the problem (never a value) when the text is not a connection string,
    // or names neither DRIVER, DSN nor FILEDSN.
    static Result<OdbcConnectionString> parse(const QString &text);

    QString value(QStringView key) const; // the last one given wins, as in SQLDriverConnect
    bool contains(QStringView key) const;
    // Removes every attribute whose key is one of `keys`; true when any was there.
    bool remove(const QStringList &keys);
    // Appends key={value}, braced and escaped.
    void append(const QString &key, const QString &value);
    QString toString() const;

    // The keys drivers read a password from.
    static QStringList passwordKeys(); // PWD, Password
};

// Applies an ODBC connection string to a fresh QODBC QSqlDatabase. Qt 6.4's QODBC takes the
// database name as the whole connection string only when it contains "DRIVER=" or "SERVER=",
// and otherwise prefixes "DSN=": a DSN= string is handed over in that form. BadRequest when
// malformed.
Status applyOdbcDsn(QSqlDatabase &db, const QString &dsn);

// Every PWD / Password attribute taken out, and one PWD={…} put back (see dsnsecret.h).
Result<SplitDsn> splitOdbcPassword(const QString &dsn);
Result<QString> mergeOdbcPassword(const QString &dsnWithoutPassword, const QString &password);

} // namespace sluice
