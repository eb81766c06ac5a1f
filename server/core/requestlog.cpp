#include "core/requestlog.h"

namespace sluice {

RequestLog::RequestLog(int capacity)
    : m_ring(size_t(qMax(1, capacity)))
{
}

void RequestLog::append(RequestLogEntry entry)
{
    const QMutexLocker lock(&m_mutex);
    entry.sequence = m_next++;
    m_ring[entry.sequence % m_ring.size()] = std::move(entry);
}

QList<RequestLogEntry> RequestLog::after(quint64 sequence) const
{
    const QMutexLocker lock(&m_mutex);
    QList<RequestLogEntry> entries;
    const quint64 oldest = m_next > m_ring.size() ? m_next - m_ring.size() : 1;
    for (quint64 s = qMax(sequence + 1, oldest); s < m_next; ++s)
        entries.append(m_ring[s % m_ring.size()]);
    return entries;
}

} // namespace sluice
