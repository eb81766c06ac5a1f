#pragma once

#include "http/connectionadmission.h"
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
    // `admission` (shared by the server's listeners, may be null) caps connections per address;
    // `handler` answers the requests of every connection this listener takes.
    Listener(const ConnectionOptions &options, int maxConnections, ConnectionAdmission *admission,
             RequestHandler *handler, QObject *parent = nullptr);

    // False, with the usual "address already in use" in `error`, when another socket holds
    // host:port. Checked before the workers bind with SO_REUSEPORT, which would otherwise join a
    // port another process (another Sluice) listens on.
    static bool portIsFree(const QHostAddress &host, quint16 port, QString *error);

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
    // This worker's OpenSSL context for the identity's current configuration, made again when it
    // changes (a renewed certificate); null when QSslSocket must do the TLS (mutual TLS, or a
    // configuration TlsServerContext does not apply).
    std::shared_ptr<TlsServerContext> tlsContext();

    ConnectionOptions m_options;
    int m_maxConnections;
    ConnectionAdmission *m_admission;
    RequestHandler *m_handler;
    int m_live = 0;
    QList<Listener *> m_targets;
    std::shared_ptr<TlsServerContext> m_tlsContext;
    QSslConfiguration m_tlsConfiguration; // what m_tlsContext was made from
    bool m_tlsConfigured = false;
    qsizetype m_nextTarget = 0;
};

} // namespace sluice
