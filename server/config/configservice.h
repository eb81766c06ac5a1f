#pragma once

#include "config/authsnapshot.h"
#include "config/configstore.h"
#include "config/storelocation.h"

#include <QMutex>
#include <QSet>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace sluice {

// The config store on a thread of its own, usable from any thread: every call runs there, one
// at a time, so config.db keeps a single writer while HTTP workers log admins in, revoke
// tokens or change roles. Calls block the caller until done (they are rare and short).
class ConfigService
{
public:
    static Result<std::unique_ptr<ConfigService>> open(const QString &dataDir);
    // On a shared (PostgreSQL) store it also follows the other instances' changes: a
    // notification (LISTEN sluice_config), or the generation polled every FollowMs when one is
    // missed, reloads authSnapshot() and counts in changes().
    static Result<std::unique_ptr<ConfigService>> open(const StoreLocation &location);
    static constexpr int FollowMs = 250;
    ~ConfigService();

    // Runs `body` with the store on the store's thread and returns its result.
    Status run(const std::function<Status(ConfigStore &)> &body);
    // One transaction, as ConfigStore::write / read.
    Status write(const std::function<Status(const QSqlDatabase &)> &body);
    Status read(const std::function<Status(const QSqlDatabase &)> &body);

    // Counts the calls through this service that may have changed config.db, each counted after
    // it committed, and on a shared store every change another instance made, counted once
    // authSnapshot() holds it: readers that see a new count know to look at the store again.
    const std::atomic<quint64> &changes() const { return m_changes; }

    // A read that yields a value, e.g. readValue<qint64>([](auto &db) { return
    // AdminRepository(db).count(); }).
    template<typename T, typename Body> Result<T> readValue(Body &&body)
    {
        std::optional<T> value;
        Status s = read([&](const QSqlDatabase &db) -> Status {
            Result<T> r = body(db);
            if (!r)
                return r.error();
            value = std::move(*r);
            return {};
        });
        if (!s)
            return s.error();
        return std::move(*value);
    }

    QString path() const { return m_path; }
    QString dataDir() const { return m_dataDir; }
    const StoreLocation &location() const { return m_location; }
    bool isShared() const { return m_location.isShared(); }

    // A shared store only: what the request path authenticates with, read on the store's
    // thread after each change seen (never by the workers, which never wait on PostgreSQL).
    // While the store is down it stays the last one read.
    std::shared_ptr<const AuthSnapshotData> authSnapshot() const;
    // False while a shared store does not answer (/readyz says so); always true for files.
    bool storeReachable() const { return m_reachable.load(std::memory_order_acquire); }

private:
    ConfigService() = default;
    // On the store's thread: reads the generation and, when it moved, the auth snapshot.
    void followSharedStore();
    void listenForChanges();

    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread; calls are queued to it
    std::atomic<quint64> m_changes { 0 };
    std::unique_ptr<ConfigStore> m_store;
    QString m_path;
    QString m_dataDir;
    StoreLocation m_location;
    std::atomic<bool> m_reachable { true };
    qint64 m_seenGeneration = -1; // the store's thread only
    bool m_listening = false; // the store's thread only: connected to the driver's notification
    mutable QMutex m_snapshotMutex;
    std::shared_ptr<const AuthSnapshotData> m_snapshot;
};

// What a service registry serves, as config.db holds it now: the services (with their tenants'
// backends, passwords not loaded) and the names of the tenants that exist.
struct ServedConfig
{
    QList<ServiceConfig> services;
    QSet<QString> tenants;
};
Result<ServedConfig> readServedConfig(ConfigService &config);

} // namespace sluice
