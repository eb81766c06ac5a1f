#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QVariant>
#include <QVariantList>

class QSqlQuery;

namespace sluice {

// Helpers shared by the security repositories (admins, roles, keys, tokens) in config.db;
// ensureUnused also serves the services table.

// A timestamp as stored: ISO-8601 UTC text with milliseconds (like services.created_at), so
// text order is time order. An invalid QDateTime becomes SQL NULL ("never"). Read back by
// timeFromColumn / readColumns (config/storesql.h).
QVariant authTimeValue(const QDateTime &time);
QString authTimeText(const QDateTime &time);
QString authNowText();

Error conflictError(const QString &message);

// Runs a statement ending in RETURNING id and returns that id.
Result<qint64> insertReturningId(const QSqlDatabase &db, const QString &sql,
                                 const QVariantList &values, const QString &what);

// Conflict with `conflictMessage` when `countSql` (a SELECT count(*)) counts any row: the
// check that a unique value (a name, an email) is not taken yet.
Status ensureUnused(const QSqlDatabase &db, const QString &countSql, const QVariantList &values,
                    const QString &what, const QString &conflictMessage);

// Runs a query expected to yield one integer (count(*), a pragma).
Result<qint64> scalarInt(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                         const QString &what);

} // namespace sluice
