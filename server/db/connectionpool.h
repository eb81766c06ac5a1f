#pragma once

#include "core/metrics.h"
#include "db/connection.h"
#include "db/serviceregistry.h"

#include <QElapsedTimer>
#include <QHash>

#include <map>

#include <memory>
#include <vector>

namespace sluice {

class ConnectionPool;

// What a connection was opened with: when it changes, the service's connections are reopened.
QString openedWith(const ServiceConfig &config);
// The pool a service's connections belong to: the service's, or its tenant's backend's (a
// connection never serves two tenants).
QString backendPoolKey(const ServiceState &service);
// A Qt connection name unique in the process, for worker `workerIndex`'s pool `poolKey`.
QString newConnectionName(int workerIndex, const QString &poolKey);

// Exclusive use of one connection until the lease is destroyed.
class ConnectionLease
{
public:
    ConnectionLease() = default;
    ConnectionLease(ConnectionPool *pool, QString service, std::unique_ptr<Connection> connection);
    ConnectionLease(ConnectionLease &&) noexcept = default;
    ConnectionLease &operator=(ConnectionLease &&) noexcept = default;
    ~ConnectionLease();

    Connection *operator->() const { return m_connection.get(); }
    // Closes the connection at the end of the lease instead of returning it to the pool: for a
    // connection whose session state a caller may have changed (raw SQL).
    void discard();
    Connection &operator*() const { return *m_connection; }

private:
    ConnectionPool *m_pool = nullptr;
    QString m_service;
    std::unique_ptr<Connection> m_connection;
};

// The connections of ONE worker thread, per service and per tenant's backend (a tenant's pool
// is opened on first use and closed after a minute unused). Normally a request borrows the same
// warm connection (and its statement cache) every time; a long NDJSON export keeps its own, so the
// pool opens another when all are out. Never shared between threads.
class ConnectionPool
{
public:
    // `metrics` (may be null) is kept current: idle and lent connections, opens, errors.
    ConnectionPool(int workerIndex, int statementTimeoutMs, MetricsShard *metrics = nullptr);
    ~ConnectionPool();

    Result<ConnectionLease> acquire(const ServiceState &service);

private:
    friend class ConnectionLease;
    void release(const QString &service, std::unique_ptr<Connection> connection);
    void count(int idle, int inUse, int opened); // the metrics' pool gauges
    void closeIdleTenantPools();

    int m_workerIndex;
    int m_statementTimeoutMs;
    MetricsShard *m_metrics;
    std::map<QString, std::vector<std::unique_ptr<Connection>>> m_idle;
    QHash<QString, QString> m_dsnOf; // what the idle connections were opened with (openedWith)
    QElapsedTimer m_clock;
    qint64 m_lastSweepAt = 0;
    QHash<QString, qint64> m_tenantPoolUsedAt; // tenants' pools by key: when last lent (m_clock)
};

} // namespace sluice
