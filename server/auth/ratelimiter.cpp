#include "auth/ratelimiter.h"

#include "auth/leastrecent.h"

#include <QList>
#include <QMutexLocker>

#include <algorithm>

namespace sluice {

namespace {

constexpr qint64 UnitsPerToken = 60000; // milliseconds per minute: see Bucket
constexpr qint64 FullRefillMs = 60000; // any bucket refills completely within a minute

qint64 ceilDiv(qint64 numerator, qint64 denominator)
{
    return (numerator + denominator - 1) / denominator;
}

} // namespace

RateLimiter::RateLimiter(qsizetype maxKeys)
    : m_maxKeys(std::max<qsizetype>(maxKeys, 1))
{
}

RateLimiter::Decision RateLimiter::take(const QString &key, int perMinute, qint64 nowMs)
{
    if (perMinute <= 0)
        return {};

    const qint64 capacity = qint64(perMinute) * UnitsPerToken;
    QMutexLocker locker(&m_mutex);

    // Sweep first, so the bucket used below is never the one a sweep removes. A bucket swept
    // for being idle is full, exactly what re-creating it gives.
    if (++m_callsSinceSweep >= SweepInterval
        || (m_buckets.size() >= m_maxKeys && !m_buckets.contains(key)))
        sweepLocked(nowMs);

    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        it = m_buckets.insert(key, Bucket { capacity, nowMs });
    } else {
        // Calls from several workers may arrive slightly out of order: never refill backwards.
        const qint64 elapsed = std::min(nowMs - it->lastMs, FullRefillMs);
        if (elapsed > 0) {
            it->units = std::min(capacity, it->units + elapsed * perMinute);
            it->lastMs = nowMs;
        }
        it->units = std::min(capacity, it->units);
    }

    Decision decision;
    decision.limit = perMinute;
    decision.allowed = it->units >= UnitsPerToken;
    if (decision.allowed) {
        it->units -= UnitsPerToken;
    } else {
        m_refused.fetch_add(1, std::memory_order_relaxed);
        const qint64 msToNextToken = ceilDiv(UnitsPerToken - it->units, perMinute);
        decision.retryAfterSeconds = std::max<qint64>(1, ceilDiv(msToNextToken, 1000));
    }
    decision.remaining = int(it->units / UnitsPerToken);
    decision.resetSeconds = ceilDiv(ceilDiv(capacity - it->units, perMinute), 1000);
    return decision;
}

qsizetype RateLimiter::trackedKeys() const
{
    QMutexLocker locker(&m_mutex);
    return m_buckets.size();
}

void RateLimiter::sweepLocked(qint64 nowMs)
{
    m_callsSinceSweep = 0;
    m_buckets.removeIf(
        [nowMs](const auto &entry) { return nowMs - entry.value().lastMs >= FullRefillMs; });
    if (m_buckets.size() < m_maxKeys)
        return;

    dropLeastRecentTenth(m_buckets); // still full of live buckets
}

} // namespace sluice
