#pragma once

#include "config/serviceconfig.h"
#include "core/result.h"
#include "db/dialect.h"
#include "db/schema.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>

#include <memory>

namespace sluice {

// One service as requests see it: its configuration, dialect and the schema snapshot current
// when the request started. Immutable; a refresh publishes a new one.
struct ServiceState
{
    ServiceConfig config;
    // The service's dialect; for ODBC the one for the database found behind the driver, null
    // until the first successful refresh().
    const Dialect *dialect = nullptr;
    SchemaSnapshot schema; // null until the first successful introspection
    Error schemaError; // why the last introspection failed (when schema is null)
    QDateTime refreshedAt;
};

using ServiceHandle = std::shared_ptr<const ServiceState>;

// The services being served, shared by all worker threads. Readers take a snapshot under a
// short lock; introspection runs outside the lock on the refreshing thread's own connection,
// so a schema refresh never blocks requests.
class ServiceRegistry
{
public:
    explicit ServiceRegistry(int statementTimeoutMs)
        : m_statementTimeoutMs(statementTimeoutMs)
    {
    }

    // Replaces the set of services; schemas of unchanged services are kept.
    void setServices(const QList<ServiceConfig> &services);

    // Adds `service`, or replaces the one of that name (keeping its place and, when its
    // database is unchanged, its schema). Requests that start afterwards see it.
    void upsert(const ServiceConfig &service);
    // Stops serving `name`; false when there was no such service.
    bool remove(const QString &name);

    ServiceHandle find(const QString &name) const;
    QList<ServiceHandle> all() const;

    // Introspects `name` now on the calling thread and publishes the new snapshot. Refreshes
    // run one at a time, so a slow periodic one that started before a schema change cannot
    // publish its older picture after the one made for the change.
    Status refresh(const QString &name);
    void refreshAll();

private:
    static std::shared_ptr<ServiceState> stateFor(const ServiceConfig &config,
                                                  const ServiceHandle &old);
    void publish(const QString &name, const std::function<void(ServiceState &)> &change);

    int m_statementTimeoutMs;
    mutable QMutex m_mutex;
    QMutex m_refreshMutex; // serialises refresh()
    QHash<QString, ServiceHandle> m_services;
    QList<QString> m_order; // names in configuration order
};

} // namespace sluice
