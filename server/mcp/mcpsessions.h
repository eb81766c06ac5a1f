#pragma once

#include "mcp/mcpserver.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace sluice {

// The Streamable HTTP sessions (Mcp-Session-Id) of every worker: a client's requests may reach
// any worker. A session belongs to the owner that opened it (api/mcproutes: the caller and the
// tenant it acted for): another owner presenting its id finds nothing. Idle sessions expire; the
// count is capped (the oldest idle goes first).
class McpSessions
{
public:
    explicit McpSessions(qint64 idleLimitMs = 3600 * 1000, int maxSessions = 10'000)
        : m_idleLimitMs(idleLimitMs)
        , m_maxSessions(maxSessions)
    {
    }

    QString open(const QString &owner, const McpSessionState &state, qint64 nowMs);
    std::optional<McpSessionState> find(const QString &id, const QString &owner, qint64 nowMs);
    bool close(const QString &id, const QString &owner);

private:
    struct Entry
    {
        QString owner;
        McpSessionState state;
        qint64 lastUsedMs = 0;
    };
    void expire(qint64 nowMs);

    mutable QMutex m_mutex;
    QHash<QString, Entry> m_sessions;
    qint64 m_idleLimitMs;
    int m_maxSessions;
};

} // namespace sluice
