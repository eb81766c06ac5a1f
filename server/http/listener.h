#pragma once

#include "http/connectionsocket.h"

#include <QHostAddress>
#include <QList>
#include <QTcpServer>

namespace sluice {

// A worker's TCP listener. On Linux every worker has its own listening socket on the same port
// (SO_REUSEPORT) and the kernel spreads connections. Where that is unavailable, one listener
// accepts and hands descriptors round-robin to the others (adopt()).
class Listener : public QTcpServer
{
    Q_OBJECT
public:
    Listener(const ConnectionOptions &options, int maxConnections, QObject *parent = nullptr);

    // Binds host:port with SO_REUSEADDR (+ SO_REUSEPORT when `reusePort`), listens.
    bool listenOn(const QHostAddress &host, quint16 port, bool reusePort, QString *error);

    // Hand-off mode: accepted descriptors go to these listeners (in their threads) in turn.
    void setHandOffTargets(const QList<Listener *> &targets) { m_targets = targets; }

    // Takes over an accepted descriptor in this listener's thread.
    void adopt(qintptr descriptor);

    int liveConnections() const { return m_live; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    ConnectionOptions m_options;
    int m_maxConnections;
    int m_live = 0;
    QList<Listener *> m_targets;
    qsizetype m_nextTarget = 0;
};

} // namespace sluice
