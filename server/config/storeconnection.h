#pragma once

#include "config/storelocation.h"
#include "config/storesql.h"

#include <memory>

namespace sluice {

// A connection of the calling thread to one part of the store: in the data directory, the
// SQLite file `fileName` (config.db, audit.db; see SqliteFileConnection), or else the shared
// PostgreSQL store, where both parts are tables of one database. Removed when this goes out of
// scope (a QSqlDatabase lives and dies on the thread that opened it).
class StoreConnection
{
public:
    StoreConnection(const StoreLocation &location, const QString &namePrefix,
                    const QString &fileName);
    ~StoreConnection();
    StoreConnection(const StoreConnection &) = delete;
    StoreConnection &operator=(const StoreConnection &) = delete;

    // Opens the file (creating it with mode 0600 and the directory with 0700; then
    // `sqlitePragmas`) or connects to PostgreSQL: Unavailable, naming the store, when it does
    // not answer.
    Status open(const QStringList &sqlitePragmas = {});
    // PostgreSQL only: connects again after the store went away (a restart, a failover).
    Status reconnect();

    const QSqlDatabase &db() const { return m_db; }
    bool isShared() const { return m_location.isShared(); }
    // The file's path, or the DSN masked: for messages and `config show`.
    QString where() const { return m_where; }

private:
    StoreLocation m_location;
    QString m_namePrefix;
    QString m_fileName;
    std::unique_ptr<SqliteFileConnection> m_file;
    QString m_connectionName; // the PostgreSQL connection's
    QSqlDatabase m_db;
    QString m_where;
};

} // namespace sluice
