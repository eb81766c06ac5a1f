#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QHash>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace sluice {

// One worker's counters for /metrics. Only its worker writes them; the scrape reads them under
// the same (uncontended) lock, so a request pays a lock and two hash lookups, nothing shared
// with other workers.
class MetricsShard
{
public:
    // A request answered by route `route` (Router index; -1: no route matched).
    void countRequest(int route, const QByteArray &method, int status, qint64 nanoseconds);
    void countDatabaseError(ErrorKind kind);

    // The worker's connection pool, kept current by the pool itself.
    std::atomic<qint64> connectionsIdle { 0 };
    std::atomic<qint64> connectionsInUse { 0 };
    std::atomic<quint64> connectionsOpened { 0 };

private:
    friend class Metrics;
    struct RequestKey
    {
        int route;
        QByteArray method;
        int status;
        bool operator==(const RequestKey &) const = default;
        friend size_t qHash(const RequestKey &k, size_t seed = 0)
        {
            return qHashMulti(seed, k.route, k.method, k.status);
        }
    };
    struct Histogram
    {
        std::vector<quint64> buckets; // cumulative counts are computed at scrape time
        quint64 count = 0;
        double sumSeconds = 0;
    };

    mutable std::mutex m_lock;
    QHash<RequestKey, quint64> m_requests;
    QHash<int, Histogram> m_latency; // by route
    QHash<int, quint64> m_databaseErrors; // by ErrorKind
};

// The process's metrics in the Prometheus text format (version 0.0.4): requests by route
// pattern, method and status; latency histograms by route; connection pools; database errors;
// rate-limit rejections; resident memory.
class Metrics
{
public:
    // A new shard for a worker; it lives as long as this object.
    MetricsShard *addShard();
    // Route index → pattern; every worker installs the same routes in the same order.
    void setRoutes(const QStringList &patterns);

    struct Extra
    {
        quint64 rateLimited = 0;
        // Connections refused before a handler saw them (http/connectionadmission.h).
        quint64 refusedPerAddress = 0;
        quint64 refusedWorkerFull = 0;
        quint64 headTimeouts = 0;
    };
    QByteArray prometheusText(const Extra &extra) const;

    // Upper bounds of the latency buckets, in seconds.
    static const std::vector<double> &latencyBounds();

private:
    mutable std::mutex m_lock;
    std::vector<std::unique_ptr<MetricsShard>> m_shards;
    QStringList m_routes;
};

} // namespace sluice
