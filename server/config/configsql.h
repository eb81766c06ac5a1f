#pragma once

#include "config/storesql.h"
#include "core/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <type_traits>

class QSqlError;

namespace sluice {

// Small helpers for the statements the config layer runs on config.db (sqlitefile.h for what
// it shares with audit.db). Errors never carry bound values (a DSN may hold a password).

// An Error for a failed statement: Unavailable when the file is locked by another process
// (SQLITE_BUSY / SQLITE_LOCKED), Internal otherwise. `what` says what we were doing.
Error configSqlError(const QSqlError &error, const QString &what);

// Prepares `sql`, binds `values` positionally (a null QString as '', an invalid QVariant as
// NULL) and executes it; `query` is left positioned before the first row for reads.
Status execConfigSql(QSqlQuery &query, const QString &sql, const QVariantList &values,
                     const QString &what);

// The same for statements whose result is not needed.
Status execConfigSql(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                     const QString &what);

// Runs a read (forward-only) and calls `onRow(query)` for each row.
template<typename OnRow>
Status forEachConfigRow(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                        const QString &what, OnRow &&onRow)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status ran = execConfigSql(query, sql, values, what); !ran)
        return ran;
    while (query.next())
        onRow(query);
    return {};
}

// Runs a read and returns `fromRow(query)` of each row.
template<typename FromRow,
         typename Row = std::remove_cvref_t<std::invoke_result_t<FromRow, const QSqlQuery &>>>
Result<QList<Row>> selectConfigRows(const QSqlDatabase &db, const QString &sql,
                                    const QVariantList &values, const QString &what,
                                    FromRow fromRow)
{
    QList<Row> rows;
    if (Status ran = forEachConfigRow(db, sql, values, what,
                                      [&](const QSqlQuery &query) { rows.append(fromRow(query)); });
        !ran) {
        return ran.error();
    }
    return rows;
}

// The first of `rows` (a lookup by a unique key), or `notFound()` when there is none.
template<typename Row, typename NotFound>
Result<Row> firstRow(const Result<QList<Row>> &rows, NotFound notFound)
{
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return notFound();
    return rows->constFirst();
}

// Runs a change of the row a unique key names, or `notFound()` when no row matched.
template<typename NotFound>
Status changeOneRow(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                    const QString &what, NotFound notFound)
{
    QSqlQuery query(db);
    if (Status ran = execConfigSql(query, sql, values, what); !ran)
        return ran;
    if (query.numRowsAffected() == 0)
        return notFound();
    return {};
}

} // namespace sluice
