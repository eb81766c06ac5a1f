#pragma once

#include "config/serviceconfig.h"
#include "core/result.h"
#include "db/dialect.h"
#include "db/schema.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSet>

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

    // How the registry knows this state: the service's name, or for a tenant's backend
    // ServiceRegistry::backendKey() (a 'setting' tenant shares its service's schema: the name).
    QString key() const
    {
        return config.tenant.isEmpty() || config.tenancy == Tenancy::Setting
            ? config.name
            : config.name + u'/' + config.tenant;
    }
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
    QList<ServiceHandle> all() const; // the services themselves, not their tenants' backends

    // The tenants that exist (API.md §11); a tenant not here has no backend anywhere. Backends
    // of tenants no longer listed are forgotten.
    void setTenants(const QSet<QString> &tenants);
    QSet<QString> tenants() const;

    // What a caller acting for `tenant` reaches at service `name`: the service itself when it
    // is shared (tenancy none); for a per-tenant service, that tenant's backend (its own
    // config.tenant, dsn or schema, and schema snapshot), made on first use and kept until the
    // service or the tenants change. Null when there is no such service or the service has no
    // backend for the tenant (an empty tenant never has one). A backend's schema is null until
    // refresh(backendKey) has read it.
    ServiceHandle forTenant(const QString &name, const QString &tenant) const;
    // The key refresh() and find() know a tenant's backend by: "name/tenant".
    static QString backendKey(const QString &name, const QString &tenant);
    // The tenants' backends of `name` made so far.
    QList<ServiceHandle> tenantBackends(const QString &name) const;

    // Introspects `name` (a service's name or a backendKey()) now on the calling thread and
    // publishes the new snapshot. Refreshes
    // run one at a time, so a slow periodic one that started before a schema change cannot
    // publish its older picture after the one made for the change.
    Status refresh(const QString &name);
    void refreshAll();

private:
    static std::shared_ptr<ServiceState> stateFor(const ServiceConfig &config,
                                                  const ServiceHandle &old);
    void publish(const QString &name, const std::function<void(ServiceState &)> &change);
    // Forgets the tenants' backends of `name` (all of them, or those of tenants not in
    // m_tenants); called with m_mutex held.
    void forgetBackends(const QString &name, bool onlyRemovedTenants = false);
    ServiceHandle makeBackend(const ServiceHandle &service, const QString &tenant) const;

    int m_statementTimeoutMs;
    mutable QMutex m_mutex;
    QMutex m_refreshMutex; // serialises refresh()
    // Services by name, and their tenants' backends by backendKey(), made lazily by the const
    // forTenant() (hence mutable).
    mutable QHash<QString, ServiceHandle> m_services;
    QList<QString> m_order; // service names in configuration order
    QSet<QString> m_tenants;
};

} // namespace sluice
