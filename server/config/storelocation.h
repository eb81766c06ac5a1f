#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace sluice {

// Where Sluice's durable state lives (API.md §15): the data directory's SQLite files
// (config.db, audit.db), or one PostgreSQL database that any number of instances and the CLI
// share (config.store). The data directory is there either way: it still holds sluice.yaml and
// the local secret store.
struct StoreLocation
{
    QString dataDir;
    QString postgresDsn; // config.store; empty: the SQLite files of dataDir

    // Applies postgresDsn to a QPSQL connection not yet open. It is the db layer's DSN reader
    // (the one services use), handed down because config/ sits below db/; makeStoreLocation()
    // (runtime/) fills it in.
    std::function<Status(QSqlDatabase &db, const QString &dsn)> applyPostgresDsn;

    bool isShared() const { return !postgresDsn.isEmpty(); }
    // For messages: "config.db in /data" or the DSN with its password masked.
    QString describe() const;
};

} // namespace sluice
