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
    if (!old)
        m_order.append(service.name);
}

bool ServiceRegistry::remove(const QString &name)
{
    QMutexLocker lock(&m_mutex);
    m_order.removeAll(name);
    return m_services.remove(name) > 0;
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
    for (const ServiceHandle &service : all())
        (void)refresh(service->config.name);
}

} // namespace sluice
