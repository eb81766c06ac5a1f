#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QVariantList>

class QSqlError;
class QSqlQuery;

namespace sluice {

// Small helpers for the statements the config layer runs on config.db. Errors never carry
// bound values (a DSN may hold a password).

// An Error for a failed statement: Unavailable when the file is locked by another process
// (SQLITE_BUSY / SQLITE_LOCKED), Internal otherwise. `what` says what we were doing.
Error configSqlError(const QSqlError &error, const QString &what);

// Prepares `sql`, binds `values` positionally (a null QString as '', an invalid QVariant as
// NULL) and executes it; `query` is left positioned
// before the first row for reads.
Status execConfigSql(QSqlQuery &query, const QString &sql, const QVariantList &values,
                     const QString &what);

// The same for statements whose result is not needed.
Status execConfigSql(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                     const QString &what);

// An RAII write transaction: BEGIN IMMEDIATE takes SQLite's write lock up front, so two
// writers never both read and then fail to upgrade (SQLITE_BUSY in the middle of a change).
// The destructor rolls back unless commit() succeeded.
class WriteTransaction
{
public:
    explicit WriteTransaction(const QSqlDatabase &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    Status begin();
    Status commit();

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace sluice
