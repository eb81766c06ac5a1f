#include "db/connectionpool.h"
#include "db/backends.h"

#include <QAtomicInteger>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {
constexpr size_t kMaxIdlePerService = 4;
// A tenant's pool left unused this long is closed: an operator with thousands of tenants must
// not keep a connection per tenant and worker open for the few that are active. Services' own
// pools stay warm (there are few of them, and a cold one costs the next request a connect).
constexpr qint64 kTenantPoolIdleMs = 60'000;
constexpr qint64 kSweepEveryMs = 10'000;

// What a connection was opened with. The system API changes services while they are served: a
// new DSN, password or read-only flag must not reuse connections opened before.
// Connection names are process-wide in Qt: two servers in one process (a restarted embedded
// server, tests) have workers with the same index, so the serial must be process-wide too.
quint64 nextSerial()
{
    static QAtomicInteger<quint64> serial;
    return serial.fetchAndAddRelaxed(1) + 1;
}
} // namespace

QString openedWith(const ServiceConfig &c)
{
    return c.driver + u'\n' + c.dsn + u'\n' + c.password + u'\n' + c.schema
        + (c.readOnly ? u"\nro"_s : u"\nrw"_s);
}

QString backendPoolKey(const ServiceState &service)
{
    return service.config.tenant.isEmpty()
        ? service.config.name
        : ServiceRegistry::backendKey(service.config.name, service.config.tenant);
}

QString newConnectionName(int workerIndex, const QString &poolKey)
{
    return u"sluice-w%1-%2-%3"_s.arg(workerIndex).arg(poolKey).arg(nextSerial());
}

ConnectionLease::ConnectionLease(ConnectionPool *pool, QString service,
                                 std::unique_ptr<Connection> connection)
    : m_pool(pool)
    , m_service(std::move(service))
    , m_connection(std::move(connection))
{
}

ConnectionLease::~ConnectionLease()
{
    if (m_pool && m_connection)
        m_pool->release(m_service, std::move(m_connection));
}

void ConnectionLease::discard()
{
    if (m_pool && m_connection && m_pool->m_metrics)
        m_pool->m_metrics->connectionsInUse.fetch_sub(1, std::memory_order_relaxed);
    m_pool = nullptr;
}

ConnectionPool::ConnectionPool(int workerIndex, int statementTimeoutMs, MetricsShard *metrics)
    : m_workerIndex(workerIndex)
    , m_statementTimeoutMs(statementTimeoutMs)
    , m_metrics(metrics)
{
    m_clock.start();
}

ConnectionPool::~ConnectionPool() = default;

Result<ConnectionLease> ConnectionPool::acquire(const ServiceState &service)
{
    const QString &name = service.config.name;
    // Each tenant's backend has a pool of its own: a connection never serves two tenants.
    const QString key = backendPoolKey(service);
    if (!service.dialect) {
        // ODBC services learn their dialect at the first successful schema refresh.
        const QString why = isOdbcDriver(service.config.driver)
            ? u"Service '%1': its ODBC database has not been reached yet"_s.arg(name)
            : u"Service '%1' uses an unsupported driver"_s.arg(name);
        return Error::unavailable(why);
    }
    closeIdleTenantPools();
    if (!service.config.tenant.isEmpty())
        m_tenantPoolUsedAt.insert(key, m_clock.elapsed());
    auto &idle = m_idle[key];
    if (const QString opened = openedWith(service.config); m_dsnOf.value(key) != opened) {
        count(-int(idle.size()), 0, 0);
        idle.clear();
        m_dsnOf.insert(key, opened);
    }
    while (!idle.empty()) {
        std::unique_ptr<Connection> connection = std::move(idle.back());
        idle.pop_back();
        if (connection->broken()) { // ended by the database while idle: never lent out
            count(-1, 0, 0);
            continue;
        }
        connection->followSchema(service.schema);
        count(-1, +1, 0);
        return ConnectionLease(this, key, std::move(connection));
    }
    auto connection = std::make_unique<Connection>(service.config, *service.dialect,
                                                   newConnectionName(m_workerIndex, key),
                                                   m_statementTimeoutMs, m_metrics);
    if (Status s = connection->ensureOpen(); !s)
        return s.error();
    connection->followSchema(service.schema);
    count(0, +1, 1);
    return ConnectionLease(this, key, std::move(connection));
}

void ConnectionPool::closeIdleTenantPools()
{
    const qint64 now = m_clock.elapsed();
    if (now - m_lastSweepAt < kSweepEveryMs)
        return;
    m_lastSweepAt = now;
    for (auto it = m_tenantPoolUsedAt.begin(); it != m_tenantPoolUsedAt.end();) {
        if (now - it.value() < kTenantPoolIdleMs) {
            ++it;
            continue;
        }
        // Lent connections come back to an empty pool and stay until the next sweep.
        if (const auto idle = m_idle.find(it.key()); idle != m_idle.end()) {
            count(-int(idle->second.size()), 0, 0);
            m_idle.erase(idle);
        }
        m_dsnOf.remove(it.key());
        it = m_tenantPoolUsedAt.erase(it);
    }
}

void ConnectionPool::release(const QString &service, std::unique_ptr<Connection> connection)
{
    auto &idle = m_idle[service];
    const bool kept = idle.size() < kMaxIdlePerService;
    if (kept)
        idle.push_back(std::move(connection));
    count(kept ? 1 : 0, -1, 0);
}

void ConnectionPool::count(int idle, int inUse, int opened)
{
    if (!m_metrics)
        return;
    m_metrics->connectionsIdle.fetch_add(idle, std::memory_order_relaxed);
    m_metrics->connectionsInUse.fetch_add(inUse, std::memory_order_relaxed);
    m_metrics->connectionsOpened.fetch_add(quint64(opened), std::memory_order_relaxed);
}

} // namespace sluice
