#pragma once

#include "auth/principal.h"
#include "core/result.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <atomic>
#include <memory>

namespace sluice {

// Flight SQL sessions (SetSessionOptions, GetSessionOptions, CloseSession): a client's chosen
// catalog, kept per session key (FlightService::Caller::sessionKey), and the tickets of running
// and cancelled calls (CancelFlightInfo). Thread-safe; sessions unused for a day go.
class FlightSessions
{
public:
    // The catalog (service) the session `key` chose; empty: none.
    QString catalog(QByteArrayView key) const;
    void setCatalog(QByteArrayView key, const QString &catalog);
    void close(QByteArrayView key);

    // A running DoGet of `ticket`: its flag is set when the ticket is cancelled; remove with
    // finished().
    std::shared_ptr<std::atomic<bool>> started(QByteArrayView ticket);
    void finished(QByteArrayView ticket);
    // Marks `ticket` cancelled (until `expiresAt`, seconds): a running DoGet stops, a later one
    // is refused.
    void cancel(QByteArrayView ticket, qint64 expiresAt);
    bool isCancelled(QByteArrayView ticket) const;

private:
    void sweep(qint64 now); // with m_mutex held

    mutable QMutex m_mutex;
    struct Session
    {
        QString catalog;
        qint64 usedAt = 0;
    };
    QHash<QByteArray, Session> m_sessions; // by SHA-256 of the key
    QHash<QByteArray, std::shared_ptr<std::atomic<bool>>> m_running; // by SHA-256 of the ticket
    QHash<QByteArray, qint64> m_cancelled; // SHA-256 of the ticket → when it expires
    qint64 m_sweptAt = 0;
};

} // namespace sluice
