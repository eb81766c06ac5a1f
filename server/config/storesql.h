#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

#include <optional>

class QSqlError;

namespace sluice {

// What the store's two parts, config.db and audit.db, have in common: each is one SQLite file
// of the data directory that the server and the CLI may open at the same time, or, with
// config.store, tables of one PostgreSQL database that several instances share. Errors name the
// file ("config.db") or the store and never carry bound values (a DSN may hold a password).

// True when `db` is a PostgreSQL state store (config.store) rather than one of the data
// directory's SQLite files: the few statements whose SQL differs ask this.
bool isPostgresStore(const QSqlDatabase &db);

// An Error for a failed statement on `file`: Unavailable when another process holds the lock
// (SQLITE_BUSY / SQLITE_LOCKED), Internal otherwise. `what` says what we were doing.
Error sqliteFileError(const QSqlError &error, const QString &file, const QString &what);

// Prepares `sql`, binds `values` positionally (a null QString as '': both files keep '' for
// "empty" and bind an invalid QVariant for NULL) and executes it; `query` is left positioned
// before the first row for reads.
Status execStoreSql(QSqlQuery &query, const QString &sql, const QVariantList &values,
                    const QString &file, const QString &what);

// The path of `fileName` in `dataDir`, creating the directory with mode 0700 and the file with
// 0600 when missing (config.db holds DSNs, audit.db who did what).
Result<QString> privateDataFile(const QString &dataDir, const QString &fileName);

// A timestamp column as both files store it (ISO-8601 UTC text with milliseconds), in UTC;
// NULL or '' gives an invalid QDateTime ("never").
QDateTime timeFromColumn(const QVariant &value);

// One column's value converted to the type of the member it is read into: a bool from 0/1,
// a QDateTime by timeFromColumn, an optional left empty for NULL.
void readColumn(const QVariant &value, QString &member);
void readColumn(const QVariant &value, qint64 &member);
void readColumn(const QVariant &value, int &member);
void readColumn(const QVariant &value, bool &member);
void readColumn(const QVariant &value, QDateTime &member);
void readColumn(const QVariant &value, std::optional<qint64> &member);

// Reads the current row's columns, in the SELECT's order, into `members`:
//
//     readColumns(query, admin.id, admin.email, admin.createdAt);
template<typename... Members> void readColumns(const QSqlQuery &query, Members &...members)
{
    int column = 0;
    (readColumn(query.value(column++), members), ...);
}

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
// On a PostgreSQL store a transaction-scoped advisory lock does the same for every instance
// and CLI sharing it: writers take turns, and a check-then-insert cannot interleave.
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
