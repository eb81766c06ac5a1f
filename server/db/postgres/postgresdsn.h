#pragma once

#include "core/result.h"
#include "db/dsnsecret.h"

#include <QList>
#include <QPair>
#include <QString>

#include <functional>

namespace sluice {

// A PostgreSQL DSN taken apart: a postgres:// (or postgresql://) URL or a libpq key=value
// list. The grammar is in docs/dsn.md. Error messages name keys, never values, so a password
// in a malformed DSN is never echoed back.
struct PostgresDsn
{
    QString host; // empty: libpq's default (PGHOST, else the Unix socket directory)
    int port = -1; // -1: libpq's default (PGPORT, else 5432)
    QString database;
    QString user;
    QString password;
    QList<QPair<QString, QString>> options; // the other libpq keywords, in DSN order

    static Result<PostgresDsn> parse(const QString &dsn);

    // The options as QPSQL's setConnectOptions() wants them: "key='value';…" (QPSQL turns the
    // semicolons into spaces and hands the string to libpq, so values are quoted libpq-style).
    QString connectOptions() const;
};

// One `key = value` pair of a libpq keyword list as PostgresDsn::parse reads it: the value with
// its quotes and backslash escapes taken off, and where the pair is written in the list.
struct PostgresKeyword
{
    QString key;
    QString value;
    qsizetype start = 0; // the pair as written is text.mid(start, length)
    qsizetype length = 0;
};

// Reads a libpq keyword list (values bare up to whitespace, or single-quoted; a backslash escapes
// the next character in both) and hands each pair to `visit` in order. Stops at the first error:
// its own (a message naming a position or a key, never a value) or the one `visit` returns.
Status readPostgresKeywords(const QString &text,
                            const std::function<Status(const PostgresKeyword &)> &visit);

// The password of a PostgreSQL DSN taken out and put back (see dsnsecret.h): the user-info
// password of a URL and any `password` URL parameter, or every `password=` pair of a keyword
// list (the one libpq would use wins); the rest keeps its spelling.
Result<SplitDsn> splitPostgresPassword(const QString &dsn);
Result<QString> mergePostgresPassword(const QString &dsnWithoutPassword, const QString &password);

} // namespace sluice
