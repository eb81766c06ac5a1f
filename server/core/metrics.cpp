#include "core/metrics.h"

#include <QFile>

#include <map>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sluice {

const std::vector<double> &Metrics::latencyBounds()
{
    static const std::vector<double> bounds = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                0.1,    0.25,  0.5,    1,     2.5,  5,     10 };
    return bounds;
}

void MetricsShard::countRequest(int route, const QByteArray &method, int status, qint64 nanoseconds)
{
    const double seconds = double(nanoseconds) / 1e9;
    const auto &bounds = Metrics::latencyBounds();
    const std::lock_guard guard(m_lock);
    ++m_requests[RequestKey { route, method, status }];
    Histogram &h = m_latency[route];
    if (h.buckets.empty())
        h.buckets.assign(bounds.size(), 0);
    for (size_t i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds[i]) {
            ++h.buckets[i];
            break;
        }
    }
    ++h.count;
    h.sumSeconds += seconds;
}

void MetricsShard::countDatabaseError(ErrorKind kind)
{
    const std::lock_guard guard(m_lock);
    ++m_databaseErrors[int(kind)];
}

MetricsShard *Metrics::addShard()
{
    const std::lock_guard guard(m_lock);
    m_shards.push_back(std::make_unique<MetricsShard>());
    return m_shards.back().get();
}

void Metrics::setRoutes(const QStringList &patterns)
{
    const std::lock_guard guard(m_lock);
    m_routes = patterns;
}

namespace {

// A label value: backslash, quote and newline escaped.
QByteArray label(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 15);
}

void family(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

QByteArray kindName(int kind)
{
    switch (ErrorKind(kind)) {
    case ErrorKind::BadRequest: return "bad_request";
    case ErrorKind::Forbidden: return "forbidden";
    case ErrorKind::NotFound: return "not_found";
    case ErrorKind::Conflict: return "conflict";
    case ErrorKind::Unavailable: return "unavailable";
    case ErrorKind::Timeout: return "timeout";
    case ErrorKind::Internal: return "internal";
    default: return "other";
    }
}

qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

} // namespace

QByteArray Metrics::prometheusText(const Extra &extra) const
{
    struct Totals
    {
        std::map<std::tuple<int, QByteArray, int>, quint64> requests;
        std::map<int, MetricsShard::Histogram> latency;
        std::map<int, quint64> databaseErrors;
        qint64 idle = 0, inUse = 0;
        quint64 opened = 0;
    } totals;
    QStringList routes;
    {
        const std::lock_guard guard(m_lock);
        routes = m_routes;
        for (const auto &shard : m_shards) {
            const std::lock_guard shardGuard(shard->m_lock);
            for (auto it = shard->m_requests.cbegin(); it != shard->m_requests.cend(); ++it)
                totals.requests[{ it.key().route, it.key().method, it.key().status }] += it.value();
            for (auto it = shard->m_latency.cbegin(); it != shard->m_latency.cend(); ++it) {
                MetricsShard::Histogram &sum = totals.latency[it.key()];
                if (sum.buckets.empty())
                    sum.buckets.assign(latencyBounds().size(), 0);
                for (size_t i = 0; i < sum.buckets.size(); ++i)
                    sum.buckets[i] += it.value().buckets[i];
                sum.count += it.value().count;
                sum.sumSeconds += it.value().sumSeconds;
            }
            for (auto it = shard->m_databaseErrors.cbegin(); it != shard->m_databaseErrors.cend();
                 ++it)
                totals.databaseErrors[it.key()] += it.value();
            totals.idle += shard->connectionsIdle.load(std::memory_order_relaxed);
            totals.inUse += shard->connectionsInUse.load(std::memory_order_relaxed);
            totals.opened += shard->connectionsOpened.load(std::memory_order_relaxed);
        }
    }
    const auto routeLabel = [&routes](int route) {
        return route >= 0 && route < routes.size() ? label(routes.at(route)) : "unmatched"_ba;
    };

    QByteArray out;
    out.reserve(4096);
    family(out, "sluice_http_requests_total", "counter",
           "HTTP requests answered, by route pattern, method and status.");
    for (const auto &[key, count] : totals.requests) {
        const auto &[route, method, status] = key;
        out += "sluice_http_requests_total{route=\"" + routeLabel(route) + "\",method=\"" + method
            + "\",status=\"" + QByteArray::number(status) + "\"} " + QByteArray::number(count)
            + '\n';
    }
    family(out, "sluice_http_request_duration_seconds", "histogram",
           "Time from a parsed request to its answer, by route pattern.");
    const auto &bounds = latencyBounds();
    for (const auto &[route, h] : totals.latency) {
        const QByteArray name = "sluice_http_request_duration_seconds";
        const QByteArray routePart = "route=\"" + routeLabel(route) + '"';
        quint64 cumulative = 0;
        for (size_t i = 0; i < bounds.size(); ++i) {
            cumulative += h.buckets[i];
            out += name + "_bucket{" + routePart + ",le=\"" + number(bounds[i]) + "\"} "
                + QByteArray::number(cumulative) + '\n';
        }
        out +=
            name + "_bucket{" + routePart + ",le=\"+Inf\"} " + QByteArray::number(h.count) + '\n';
        out += name + "_sum{" + routePart + "} " + number(h.sumSeconds) + '\n';
        out += name + "_count{" + routePart + "} " + QByteArray::number(h.count) + '\n';
    }
    family(out, "sluice_db_connections", "gauge",
           "Database connections of the workers' pools, idle or lent to a request.");
    out += "sluice_db_connections{state=\"idle\"} " + QByteArray::number(totals.idle) + '\n';
    out += "sluice_db_connections{state=\"in_use\"} " + QByteArray::number(totals.inUse) + '\n';
    family(out, "sluice_db_connections_opened_total", "counter",
           "Database connections opened (a pool opens another rather than make a request wait).");
    out += "sluice_db_connections_opened_total " + QByteArray::number(totals.opened) + '\n';
    family(out, "sluice_db_errors_total", "counter",
           "Failed database statements, by the kind of error they answered.");
    for (const auto &[kind, count] : totals.databaseErrors)
        out += "sluice_db_errors_total{kind=\"" + kindName(kind) + "\"} "
            + QByteArray::number(count) + '\n';
    family(out, "sluice_rate_limited_total", "counter",
           "Requests refused with 429 by a request rate limit.");
    out += "sluice_rate_limited_total " + QByteArray::number(extra.rateLimited) + '\n';
    family(out, "sluice_connections_refused_total", "counter",
           "Connections refused on arrival: the client address held its share of connections "
           "(per_address, 429) or the worker was full (worker_full, 503).");
    out += "sluice_connections_refused_total{reason=\"per_address\"} "
        + QByteArray::number(extra.refusedPerAddress) + '\n';
    out += "sluice_connections_refused_total{reason=\"worker_full\"} "
        + QByteArray::number(extra.refusedWorkerFull) + '\n';
    family(out, "sluice_request_head_timeouts_total", "counter",
           "Requests closed with 408 because their head did not arrive in time.");
    out += "sluice_request_head_timeouts_total " + QByteArray::number(extra.headTimeouts) + '\n';
    if (const qint64 rss = residentBytes(); rss >= 0) {
        family(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        out += "process_resident_memory_bytes " + QByteArray::number(rss) + '\n';
    }
    return out;
}

} // namespace sluice
