#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <atomic>

namespace sluice {

// Request rate limits (docs/api.md, Authentication) per key, role or client address: one token
// bucket per key string. A bucket holds `perMinute` tokens and refills at perMinute/60 per second,
// so a client may burst the whole minute's allowance and then proceeds at the steady rate. Time is
// passed in (milliseconds, any monotonic origin) so the arithmetic is testable without sleeping.
//
// Thread-safe: one limiter is shared by every HTTP worker.
//
// Memory: a bucket idle for 60 s is full again, and a full bucket behaves exactly like a missing
// one, so such buckets are swept every SweepInterval calls. Should an attacker create more than
// maxKeys live buckets within a minute (e.g. spraying source addresses), the least recently used
// tenth is dropped; those clients get a fresh, full bucket.
class RateLimiter
{
public:
    // What the HTTP layer turns into headers (draft-ietf-httpapi-ratelimit-headers):
    //   RateLimit-Limit: <limit>          the bucket size, i.e. requests per minute
    //   RateLimit-Remaining: <remaining>  whole requests that may still be made right now
    //   RateLimit-Reset: <resetSeconds>   seconds until the bucket is full again (the quota is
    //                                     wholly restored), rounded up; 0 when it is full
    // and, only when !allowed, status 429 with
    //   Retry-After: <retryAfterSeconds>  seconds until one request is allowed, >= 1.
    // limit == 0 means no limit applies: emit no RateLimit-* headers.
    struct Decision
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        qint64 resetSeconds = 0;
        qint64 retryAfterSeconds = 0;
    };

    explicit RateLimiter(qsizetype maxKeys = 100000);

    // Takes one token from `key`'s bucket if there is one. perMinute <= 0: unlimited. A key's
    // perMinute may change between calls (configuration reload): its tokens are clamped to the
    // new size.
    Decision take(const QString &key, int perMinute, qint64 nowMs);

    // Buckets currently held, for tests and metrics.
    qsizetype trackedKeys() const;
    // Requests refused so far (Decision::allowed false), for metrics.
    quint64 refused() const { return m_refused.load(std::memory_order_relaxed); }

    static constexpr int SweepInterval = 1024;

private:
    struct Bucket
    {
        // Tokens in units of 1/60000 token: refilling perMinute tokens per 60000 ms is then
        // exactly `perMinute` units per millisecond, integer arithmetic with no drift.
        qint64 units = 0;
        qint64 lastMs = 0;
    };

    void sweepLocked(qint64 nowMs);

    mutable QMutex m_mutex;
    QHash<QString, Bucket> m_buckets;
    qsizetype m_maxKeys;
    int m_callsSinceSweep = 0;
    std::atomic<quint64> m_refused { 0 };
};

} // namespace sluice
