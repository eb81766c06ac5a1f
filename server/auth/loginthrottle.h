#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <optional>

namespace sluice {

// Slows down password guessing on the admin login (docs/api.md, Authentication: 429 with
// Retry-After). Always on.
//
// Two counters, each with the same schedule:
//  - per account and address (email case-folded, client address): 5 failures within 15 minutes
//    lock it for 1 minute;
//  - per address alone, across every email: 20 failures within 15 minutes, so an attacker cannot
//    spray many emails (or guess which exist) from one address.
// While a counter is locked or within 15 minutes of its lock ending, each further failure
// re-locks it for twice as long as before: 1, 2, 4, 8, then 15 minutes at most. After 15 quiet
// minutes it is forgotten.
//
// Use: answer 429 when retryAfter() has a value, *before* looking at the password; otherwise
// verify, then recordFailure() or recordSuccess(). A success clears only its own account's
// counter, never the address's: one valid account must not reset a spray from its address.
// Pass the address the limiter should treat as one client (for IPv6, the /64 prefix).
//
// Time is injected (milliseconds, any monotonic origin). Thread-safe. Memory is bounded:
// forgotten entries are swept periodically and at most maxEntries are kept per counter (the
// least recently active tenth is dropped when full).
class LoginThrottle
{
public:
    static constexpr int FailuresPerAccount = 5;
    static constexpr int FailuresPerAddress = 20;
    static constexpr qint64 WindowMs = 15 * 60 * 1000;
    static constexpr qint64 FirstLockMs = 60 * 1000;
    static constexpr qint64 MaxLockMs = 15 * 60 * 1000;
    static constexpr int SweepInterval = 1024;

    explicit LoginThrottle(qsizetype maxEntries = 100000);

    // Seconds (>= 1, rounded up) until a login may be tried again, or nullopt if it may now.
    std::optional<qint64> retryAfter(const QString &email, const QString &address,
                                     qint64 nowMs) const;
    void recordFailure(const QString &email, const QString &address, qint64 nowMs);
    void recordSuccess(const QString &email, const QString &address);

    // Entries currently held across both counters, for tests and metrics.
    qsizetype trackedEntries() const;

private:
    struct Entry
    {
        QList<qint64> failures; // within the window, before the first lock; at most the threshold
        int lockLevel = 0; // 0: not escalated; n: the last lock lasted FirstLockMs << (n - 1)
        qint64 lockedUntilMs = 0;
        qint64 lastMs = 0;
    };
    using Table = QHash<QString, Entry>;

    static void fail(Entry &entry, int threshold, qint64 nowMs);
    void makeRoom(Table &table, const QString &key, qint64 nowMs);
    void sweepLocked(Table &table, qint64 nowMs);

    mutable QMutex m_mutex;
    Table m_accounts;
    Table m_addresses;
    qsizetype m_maxEntries;
    int m_failuresSinceSweep = 0;
};

} // namespace sluice
