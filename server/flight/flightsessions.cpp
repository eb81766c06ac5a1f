#include "flight/flightsessions.h"

#include "core/digest.h"

#include <QDateTime>

namespace sluice {

namespace {

constexpr qint64 sessionIdleS = 24 * 3600;

qint64 nowS()
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace

void FlightSessions::sweep(qint64 now)
{
    if (now - m_sweptAt < 60)
        return;
    m_sweptAt = now;
    m_sessions.removeIf([now](const auto &it) { return now - it.value().usedAt > sessionIdleS; });
    m_cancelled.removeIf([now](const auto &it) { return it.value() <= now; });
}

QString FlightSessions::catalog(QByteArrayView token) const
{
    QMutexLocker lock(&m_mutex);
    return m_sessions.value(sha256(token)).catalog;
}

void FlightSessions::setCatalog(QByteArrayView token, const QString &catalog)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = nowS();
    sweep(now);
    m_sessions.insert(sha256(token), { catalog, now });
}

void FlightSessions::close(QByteArrayView token)
{
    QMutexLocker lock(&m_mutex);
    m_sessions.remove(sha256(token));
}

std::shared_ptr<std::atomic<bool>> FlightSessions::started(QByteArrayView ticket)
{
    auto flag = std::make_shared<std::atomic<bool>>(false);
    QMutexLocker lock(&m_mutex);
    m_running.insert(sha256(ticket), flag);
    return flag;
}

void FlightSessions::finished(QByteArrayView ticket)
{
    QMutexLocker lock(&m_mutex);
    m_running.remove(sha256(ticket));
}

void FlightSessions::cancel(QByteArrayView ticket, qint64 expiresAt)
{
    const QByteArray key = sha256(ticket);
    QMutexLocker lock(&m_mutex);
    sweep(nowS());
    m_cancelled.insert(key, expiresAt);
    if (const auto running = m_running.value(key))
        running->store(true);
}

bool FlightSessions::isCancelled(QByteArrayView ticket) const
{
    QMutexLocker lock(&m_mutex);
    return m_cancelled.contains(sha256(ticket));
}

} // namespace sluice
