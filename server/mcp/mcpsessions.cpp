#include "mcp/mcpsessions.h"

#include <QRandomGenerator>

namespace sluice {

void McpSessions::expire(qint64 nowMs)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (nowMs - it->lastUsedMs > m_idleLimitMs)
            it = m_sessions.erase(it);
        else
            ++it;
    }
    while (m_sessions.size() >= m_maxSessions) {
        auto oldest = m_sessions.begin();
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
            if (it->lastUsedMs < oldest->lastUsedMs)
                oldest = it;
        }
        m_sessions.erase(oldest);
    }
}

QString McpSessions::open(const QString &owner, const McpSessionState &state, qint64 nowMs)
{
    QByteArray random(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(random.begin(), random.end());
    const QString id = QString::fromLatin1(random.toHex());
    QMutexLocker lock(&m_mutex);
    expire(nowMs);
    m_sessions.insert(id, { owner, state, nowMs });
    return id;
}

std::optional<McpSessionState> McpSessions::find(const QString &id, const QString &owner,
                                                 qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(id);
    if (it == m_sessions.end() || it->owner != owner || nowMs - it->lastUsedMs > m_idleLimitMs)
        return std::nullopt;
    it->lastUsedMs = nowMs;
    return it->state;
}

bool McpSessions::close(const QString &id, const QString &owner)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(id);
    if (it == m_sessions.end() || it->owner != owner)
        return false;
    m_sessions.erase(it);
    return true;
}

} // namespace sluice
