#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QString>

#include <vector>

namespace sluice {

// One answered request, as the desktop app's live log shows it: no query string, headers or
// body, so no filter value or credential is kept.
struct RequestLogEntry
{
    quint64 sequence = 0; // 1, 2, 3, … in the order requests finished
    QDateTime at; // UTC
    QByteArray method;
    QString path;
    int status = 0;
    double ms = 0;
};

// The last requests the HTTP workers answered, in a fixed ring shared by the workers. Off unless
// the embedder asks for one (the desktop app's server panel): headless servers pay nothing.
class RequestLog
{
public:
    explicit RequestLog(int capacity = 500);

    void append(RequestLogEntry entry);
    // The entries after `sequence` still in the ring, oldest first.
    QList<RequestLogEntry> after(quint64 sequence) const;

private:
    mutable QMutex m_mutex;
    std::vector<RequestLogEntry> m_ring;
    quint64 m_next = 1;
};

} // namespace sluice
