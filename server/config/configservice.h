#pragma once

#include "config/configstore.h"

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
    ~ConfigService();

    // Runs `body` with the store on the store's thread and returns its result.
    Status run(const std::function<Status(ConfigStore &)> &body);
    // One transaction, as ConfigStore::write / read.
    Status write(const std::function<Status(const QSqlDatabase &)> &body);
    Status read(const std::function<Status(const QSqlDatabase &)> &body);

    // Counts the calls through this service that may have changed config.db, each counted after
    // it committed: readers that see a new count know to look at the store again.
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

private:
    ConfigService() = default;

    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread; calls are queued to it
    std::atomic<quint64> m_changes { 0 };
    std::unique_ptr<ConfigStore> m_store;
    QString m_path;
    QString m_dataDir;
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
