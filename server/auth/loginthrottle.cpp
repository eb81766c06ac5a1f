#include "auth/loginthrottle.h"

#include "auth/leastrecent.h"

#include <QMutexLocker>

#include <algorithm>

namespace sluice {

namespace {

QString accountKey(const QString &email, const QString &address)
{
    // A newline appears in neither an email nor an address, so distinct pairs never collide.
    return email.trimmed().toCaseFolded() + QLatin1Char('\n') + address;
}

qint64 lockDuration(int level, qint64 firstMs, qint64 maxMs)
{
    // Levels past 5 are at the cap anyway; clamping keeps the shift defined.
    return std::min(maxMs, firstMs << (std::clamp(level, 1, 16) - 1));
}

} // namespace

LoginThrottle::LoginThrottle(qsizetype maxEntries)
    : m_maxEntries(std::max<qsizetype>(maxEntries, 1))
{
}

std::optional<qint64> LoginThrottle::retryAfter(const QString &email, const QString &address,
                                                qint64 nowMs) const
{
    QMutexLocker locker(&m_mutex);
    qint64 lockedUntil = 0;
    if (const auto it = m_accounts.constFind(accountKey(email, address)); it != m_accounts.cend())
        lockedUntil = it->lockedUntilMs;
    if (const auto it = m_addresses.constFind(address); it != m_addresses.cend())
        lockedUntil = std::max(lockedUntil, it->lockedUntilMs);
    if (lockedUntil <= nowMs)
        return std::nullopt;
    return (lockedUntil - nowMs + 999) / 1000;
}

void LoginThrottle::recordFailure(const QString &email, const QString &address, qint64 nowMs)
{
    const QString key = accountKey(email, address);
    QMutexLocker locker(&m_mutex);
    if (++m_failuresSinceSweep >= SweepInterval) {
        m_failuresSinceSweep = 0;
        sweepLocked(m_accounts, nowMs);
        sweepLocked(m_addresses, nowMs);
    }
    makeRoom(m_accounts, key, nowMs);
    fail(m_accounts[key], FailuresPerAccount, nowMs);
    makeRoom(m_addresses, address, nowMs);
    fail(m_addresses[address], FailuresPerAddress, nowMs);
}

void LoginThrottle::recordSuccess(const QString &email, const QString &address)
{
    const QString key = accountKey(email, address);
    QMutexLocker locker(&m_mutex);
    m_accounts.remove(key);
}

qsizetype LoginThrottle::trackedEntries() const
{
    QMutexLocker locker(&m_mutex);
    return m_accounts.size() + m_addresses.size();
}

void LoginThrottle::fail(Entry &entry, int threshold, qint64 nowMs)
{
    entry.lastMs = std::max(entry.lastMs, nowMs);
    if (entry.lockLevel > 0 && nowMs < entry.lockedUntilMs + WindowMs) {
        // Still escalated: this failure came during, or soon after, a lock.
        ++entry.lockLevel;
        entry.lockedUntilMs = nowMs + lockDuration(entry.lockLevel, FirstLockMs, MaxLockMs);
        return;
    }
    entry.lockLevel = 0;
    entry.failures.removeIf([nowMs](qint64 at) { return nowMs - at >= WindowMs; });
    entry.failures.append(nowMs);
    if (entry.failures.size() >= threshold) {
        entry.failures.clear();
        entry.lockLevel = 1;
        entry.lockedUntilMs = nowMs + FirstLockMs;
    }
}

void LoginThrottle::makeRoom(Table &table, const QString &key, qint64 nowMs)
{
    if (table.size() < m_maxEntries || table.contains(key))
        return;
    sweepLocked(table, nowMs);
    if (table.size() < m_maxEntries)
        return;
    dropLeastRecentTenth(table); // full of live entries
}

void LoginThrottle::sweepLocked(Table &table, qint64 nowMs)
{
    table.removeIf([nowMs](const auto &item) {
        const Entry &entry = item.value();
        return nowMs >= std::max(entry.lastMs, entry.lockedUntilMs) + WindowMs;
    });
}

} // namespace sluice
