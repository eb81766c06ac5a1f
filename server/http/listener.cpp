#include "http/listener.h"

#include "core/logging.h"

#include <QMetaObject>

#ifndef Q_OS_WIN
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace sluice {

Listener::Listener(const ConnectionOptions &options, int maxConnections, QObject *parent)
    : QTcpServer(parent)
    , m_options(options)
    , m_maxConnections(maxConnections)
{
}

bool Listener::listenOn(const QHostAddress &host, quint16 port, bool reusePort, QString *error)
{
#ifdef Q_OS_WIN
    Q_UNUSED(reusePort);
    if (!listen(host, port)) {
        *error = errorString();
        return false;
    }
    return true;
#else
    // QTcpServer cannot set SO_REUSEPORT before bind, so the socket is made here and handed over.
    const bool v6 = host.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
#ifdef SO_REUSEPORT
    if (reusePort)
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
#endif
    int rc;
    if (v6) {
        sockaddr_in6 addr {};
        addr.sin6_family = AF_INET6;
        addr.sin6_port = htons(port);
        const Q_IPV6ADDR raw = host.toIPv6Address();
        std::memcpy(&addr.sin6_addr, raw.c, 16);
        rc = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    } else {
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(host.toIPv4Address());
        rc = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    }
    if (rc != 0 || ::listen(fd, 1024) != 0) {
        *error = u"cannot listen on %1:%2: %3"_s.arg(host.toString())
                     .arg(port)
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return false;
    }
    if (!setSocketDescriptor(fd)) {
        *error = errorString();
        ::close(fd);
        return false;
    }
    return true;
#endif
}

void Listener::incomingConnection(qintptr descriptor)
{
    if (m_targets.isEmpty()) {
        adopt(descriptor);
        return;
    }
    Listener *target = m_targets.at(m_nextTarget++ % m_targets.size());
    if (target == this) {
        adopt(descriptor);
        return;
    }
    QMetaObject::invokeMethod(
        target, [target, descriptor] { target->adopt(descriptor); }, Qt::QueuedConnection);
}

void Listener::adopt(qintptr descriptor)
{
    auto *socket = new ConnectionSocket(m_options, this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_live >= m_maxConnections) {
        socket->rejectAndClose(503, u"The server is at its connection limit; retry shortly"_s);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }
    ++m_live;
    connect(socket, &QObject::destroyed, this, [this] { --m_live; });
    addPendingConnection(socket);
    // QTcpServer only announces connections it accepted itself; QtHttpServer listens for this.
    Q_EMIT newConnection();
}

} // namespace sluice
