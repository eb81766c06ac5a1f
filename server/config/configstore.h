#pragma once

#include "config/serviceconfig.h"
#include "core/result.h"

#include <QList>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace sluice {

class StoreConnection;
struct StoreLocation;

// The durable configuration: config.db (SQLite) in the data directory, or a PostgreSQL store
// that several instances share (StoreLocation), holding services, settings, tenants, admins,
// roles, keys and revocations. Both run the same repositories and the same migrations.
//
// Threading: the store lives on the thread that opened it (the main thread) because a
// QSqlDatabase connection may only be used there. Workers never touch it; they receive
// immutable snapshots (e.g. the QList<ServiceConfig> from services()) taken on the main thread.
// Calls from another thread fail with an Internal error instead of corrupting the connection.
//
// One writer: every change runs on this one connection, under a mutex, inside an explicit
// BEGIN IMMEDIATE transaction that an RAII guard rolls back unless it committed. Other
// processes (the CLI while the server runs) are serialised by SQLite's lock and the busy
// timeout; a lock held past it is reported as ErrorKind::Unavailable. On PostgreSQL an advisory
// lock serialises the writers of every instance, and each change also moves the store's
// generation and notifies (NOTIFY sluice_config) the other instances in its transaction.
class ConfigStore
{
public:
    // Opens (creating when missing) <dataDir>/config.db, creating dataDir with mode 0700 and
    // the file with 0600 (DSNs may hold passwords), and applies pending migrations.
    static Result<std::unique_ptr<ConfigStore>> open(const QString &dataDir);
    // The same for either kind of store: a PostgreSQL one that does not answer is Unavailable.
    static Result<std::unique_ptr<ConfigStore>> open(const StoreLocation &location);
    ~ConfigStore();
    ConfigStore(const ConfigStore &) = delete;
    ConfigStore &operator=(const ConfigStore &) = delete;

    int schemaVersion() const { return m_schemaVersion; }
    QString path() const { return m_path; } // config.db's path, or the masked DSN
    bool isShared() const; // a PostgreSQL store

    // The NOTIFY channel a shared store's changes are announced on.
    static constexpr const char *ChangeChannel = "sluice_config";
    // A shared store's generation: it moves with every committed change of any instance.
    // Also reconnects first when the store went away. Unavailable while it is down.
    Result<qint64> generation();
    // The store's connection, for subscribing to ChangeChannel on this (the store's) thread.
    const QSqlDatabase &database() const { return m_db; }

    Result<QList<ServiceConfig>> services() const; // ordered by name
    Result<ServiceConfig> service(const QString &name) const; // NotFound naming it

    // BadRequest for a bad name, unknown driver or empty DSN; Conflict when the name exists.
    // The driver is stored in canonical form ("postgresql" → "postgres").
    Status addService(const ServiceConfig &service);
    // Replaces every field but the name and created_at; NotFound when it does not exist.
    Status updateService(const ServiceConfig &service);
    Status removeService(const QString &name); // NotFound when it does not exist

    Result<QString> setting(const QString &key) const; // NotFound when unset
    Status setSetting(const QString &key, const QString &value);

    // For the modules that keep their own tables in config.db (admins, roles, keys, audit):
    // runs `body` on the store's connection inside one write transaction, committed when
    // `body` succeeds and rolled back otherwise. `body` must not call back into the store.
    Status write(const std::function<Status(const QSqlDatabase &db)> &body);
    // Runs `body` on the store's connection for reading (use forward-only queries).
    Status read(const std::function<Status(const QSqlDatabase &db)> &body) const;

private:
    ConfigStore() = default;
    Status checkThread() const;

    mutable QMutex m_mutex; // held for the whole of every read and write
    Status reconnectIfLost() const; // a shared store only

    std::unique_ptr<StoreConnection> m_connection;
    mutable bool m_lost = false; // a statement found the shared store gone: connect again
    QSqlDatabase m_db; // m_connection's
    QString m_path;
    QThread *m_thread = nullptr;
    int m_schemaVersion = 0;
    mutable bool m_inBody = false; // true while a write()/read() body runs
};

} // namespace sluice
