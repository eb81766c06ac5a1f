#include "db/serviceregistry.h"

#include "core/logging.h"
#include "db/backends.h"
#include "db/connectionfactory.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace sluice {

std::shared_ptr<ServiceState> ServiceRegistry::stateFor(const ServiceConfig &config,
                                                        const ServiceHandle &old)
{
    auto state = std::make_shared<ServiceState>();
    state->config = config;
    state->dialect = dialectForDriver(config.driver);
    if (old && old->config.dsn == config.dsn && old->config.driver == config.driver
        && old->config.schema == config.schema && old->config.password == config.password) {
        state->schema = old->schema;
        if (!state->dialect)
            state->dialect = old->dialect; // ODBC: the one found at the last refresh
        state->schemaError = old->schemaError;
        state->refreshedAt = old->refreshedAt;
    }
    return state;
}

void ServiceRegistry::setServices(const QList<ServiceConfig> &services)
{
    QMutexLocker lock(&m_mutex);
    QHash<QString, ServiceHandle> next;
    m_order.clear();
    for (const ServiceConfig &config : services) {
        next.insert(config.name, stateFor(config, m_services.value(config.name)));
        m_order.append(config.name);
    }
    m_services = std::move(next);
}

void ServiceRegistry::upsert(const ServiceConfig &service)
{
    QMutexLocker lock(&m_mutex);
    const ServiceHandle old = m_services.value(service.name);
    m_services.insert(service.name, stateFor(service, old));
    forgetBackends(service.name);
    if (!old)
        m_order.append(service.name);
}

bool ServiceRegistry::remove(const QString &name)
{
    QMutexLocker lock(&m_mutex);
    m_order.removeAll(name);
    forgetBackends(name);
    return m_services.remove(name) > 0;
}

QString ServiceRegistry::backendKey(const QString &name, const QString &tenant)
{
    // Neither a service nor a tenant name can hold '/'. (ServiceState::key() spells it too.)
    return name + u'/' + tenant;
}

void ServiceRegistry::forgetBackends(const QString &name, bool onlyRemovedTenants)
{
    const QString prefix = name + u'/';
    for (auto it = m_services.begin(); it != m_services.end();) {
        const bool backend = it.key().startsWith(prefix);
        if (backend && (!onlyRemovedTenants || !m_tenants.contains(it.value()->config.tenant)))
            it = m_services.erase(it);
        else
            ++it;
    }
}

void ServiceRegistry::setTenants(const QSet<QString> &tenants)
{
    QMutexLocker lock(&m_mutex);
    m_tenants = tenants;
    for (const QString &name : std::as_const(m_order))
        forgetBackends(name, true);
}

QSet<QString> ServiceRegistry::tenants() const
{
    QMutexLocker lock(&m_mutex);
    return m_tenants;
}

ServiceHandle ServiceRegistry::makeBackend(const ServiceHandle &service,
                                           const QString &tenant) const
{
    ServiceConfig config = service->config;
    config.tenant = tenant;
    config.tenantBackends.clear();
    if (config.tenancy == Tenancy::Setting) {
        // One database for all: the service's own schema snapshot serves every tenant (row-level
        // security filters rows, not tables).
        auto state = std::make_shared<ServiceState>(*service);
        state->config = std::move(config);
        return state;
    }
    const auto backend =
        std::find_if(service->config.tenantBackends.cbegin(), service->config.tenantBackends.cend(),
                     [&tenant](const TenantBackend &b) { return b.tenant == tenant; });
    if (backend == service->config.tenantBackends.cend())
        return nullptr;
    if (config.tenancy == Tenancy::Database) {
        config.dsn = backend->dsn;
        config.password = backend->password;
    } else {
        config.schema = backend->schema.isEmpty() ? tenant : backend->schema;
    }
    return stateFor(config, nullptr);
}

ServiceHandle ServiceRegistry::forTenant(const QString &name, const QString &tenant) const
{
    QMutexLocker lock(&m_mutex);
    const ServiceHandle service = m_services.value(name);
    if (!service || service->config.tenancy == Tenancy::None)
        return service;
    if (tenant.isEmpty() || !m_tenants.contains(tenant))
        return nullptr;
    const QString key = backendKey(name, tenant);
    if (const ServiceHandle made = m_services.value(key))
        return made;
    ServiceHandle backend = makeBackend(service, tenant);
    if (backend)
        m_services.insert(key, backend);
    return backend;
}

QList<ServiceHandle> ServiceRegistry::tenantBackends(const QString &name) const
{
    QMutexLocker lock(&m_mutex);
    QList<ServiceHandle> out;
    const QString prefix = name + u'/';
    for (auto it = m_services.cbegin(); it != m_services.cend(); ++it) {
        if (it.key().startsWith(prefix))
            out.append(it.value());
    }
    std::sort(out.begin(), out.end(), [](const ServiceHandle &a, const ServiceHandle &b) {
        return a->config.tenant < b->config.tenant;
    });
    return out;
}

ServiceHandle ServiceRegistry::find(const QString &name) const
{
    QMutexLocker lock(&m_mutex);
    return m_services.value(name);
}

QList<ServiceHandle> ServiceRegistry::all() const
{
    QMutexLocker lock(&m_mutex);
    QList<ServiceHandle> out;
    for (const QString &name : m_order)
        out.append(m_services.value(name));
    return out;
}

void ServiceRegistry::publish(const QString &name,
                              const std::function<void(ServiceState &)> &change)
{
    QMutexLocker lock(&m_mutex);
    const ServiceHandle current = m_services.value(name);
    if (!current)
        return; // removed meanwhile
    auto next = std::make_shared<ServiceState>(*current);
    change(*next);
    m_services.insert(name, next);
    // Tenants of a 'setting' service share its schema: they take the new one when next used.
    if (next->config.tenancy == Tenancy::Setting)
        forgetBackends(name);
}

Status ServiceRegistry::refresh(const QString &name)
{
    QMutexLocker serial(&m_refreshMutex);
    const ServiceHandle service = find(name);
    if (!service)
        return Error::notFound(u"Service '%1' does not exist"_s.arg(name));
    if (!service->dialect && !isOdbcDriver(service->config.driver)) {
        Error e = Error::unavailable(
            u"Service '%1' uses unsupported driver '%2'"_s.arg(name, service->config.driver));
        publish(name, [&](ServiceState &s) { s.schemaError = e; });
        return e;
    }
    // A backend key's '/' is fine in a connection name.
    const QString connectionName = u"sluice-introspect-%1-%2"_s.arg(
        name, QString::number(quintptr(QThread::currentThreadId()), 16));
    Result<Schema> schema = Error::internal(QString());
    const Dialect *dialect = service->dialect; // for ODBC: found when connecting
    {
        auto opened = openService(service->config, connectionName, m_statementTimeoutMs);
        if (!opened) {
            schema = opened.error();
        } else {
            dialect = opened->dialect;
            schema = dialect->introspect(opened->db, service->config.schema);
            opened->db = QSqlDatabase();
            closeDatabase(connectionName);
        }
    }
    if (!schema) {
        qCWarning(lcDb).noquote() << "introspection of service" << name
                                  << "failed:" << schema.error().message;
        publish(name, [&](ServiceState &s) { s.schemaError = schema.error(); });
        return schema.error();
    }
    auto snapshot = std::make_shared<Schema>(std::move(*schema));
    snapshot->buildIndex();
    publish(name, [&](ServiceState &s) {
        s.schema = snapshot;
        s.dialect = dialect;
        s.schemaError = Error {};
        s.refreshedAt = QDateTime::currentDateTimeUtc();
    });
    return {};
}

void ServiceRegistry::refreshAll()
{
    for (const ServiceHandle &service : all()) {
        (void)refresh(service->config.name);
        if (service->config.tenancy == Tenancy::Database
            || service->config.tenancy == Tenancy::Schema) {
            for (const ServiceHandle &backend : tenantBackends(service->config.name))
                (void)refresh(backendKey(service->config.name, backend->config.tenant));
        }
    }
}

} // namespace sluice
