#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QVariantList>

class QSqlError;
class QSqlQuery;

namespace sluice {

// What config.db and audit.db have in common: each is one SQLite file of the data directory
// that the server and the CLI may open at the same time. Errors name the file ("config.db")
// and never carry bound values (a DSN may hold a password).

// An Error for a failed statement on `file`: Unavailable when another process holds the lock
// (SQLITE_BUSY / SQLITE_LOCKED), Internal otherwise. `what` says what we were doing.
Error sqliteFileError(const QSqlError &error, const QString &file, const QString &what);

// Prepares `sql`, binds `values` positionally (a null QString as '': both files keep '' for
// "empty" and bind an invalid QVariant for NULL) and executes it; `query` is left positioned
// before the first row for reads.
Status execSqliteFile(QSqlQuery &query, const QString &sql, const QVariantList &values,
                      const QString &file, const QString &what);

// A connection of the calling thread to one such file, removed when this goes out of scope
// (a QSqlDatabase lives and dies on the thread that opened it).
class SqliteFileConnection
{
public:
    // `namePrefix` makes the connection names ("sluice-config" → "sluice-config-3").
    SqliteFileConnection(const QString &namePrefix, const QString &path);
    ~SqliteFileConnection();
    SqliteFileConnection(const SqliteFileConnection &) = delete;
    SqliteFileConnection &operator=(const SqliteFileConnection &) = delete;

    // Opens the file in WAL mode (readers run while another process writes) with
    // synchronous=FULL (a commit survives power loss, not only a crash) and a busy timeout
    // (another process's write lock is waited for, then reported as Unavailable), then runs
    // `pragmas`.
    Status open(const QStringList &pragmas = {});

    const QSqlDatabase &db() const { return m_db; }
    QString fileName() const { return m_fileName; } // "config.db", for errors

private:
    QString m_connectionName;
    QString m_fileName;
    QSqlDatabase m_db;
};

// An RAII write transaction: BEGIN IMMEDIATE takes SQLite's write lock up front, so two
// writers never both read and then fail to upgrade (SQLITE_BUSY in the middle of a change).
// The destructor rolls back unless commit() succeeded.
class WriteTransaction
{
public:
    explicit WriteTransaction(const QSqlDatabase &db,
                              const QString &file = QStringLiteral("config.db"));
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    Status begin();
    Status commit();

private:
    Status exec(const QString &sql, const QString &what);

    QSqlDatabase m_db;
    QString m_file;
    bool m_active = false;
};

} // namespace sluice
