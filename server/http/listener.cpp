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

Listener::Listener(const ConnectionOptions &options, int maxConnections,
                   ConnectionAdmission *admission, RequestHandler *handler, QObject *parent)
    : QTcpServer(parent)
    , m_options(options)
    , m_maxConnections(maxConnections)
    , m_admission(admission)
    , m_handler(handler)
{
}

#ifndef Q_OS_WIN
namespace {

// A TCP socket bound to host:port (SO_REUSEADDR, + SO_REUSEPORT when `reusePort`), or -1 with
// the reason in `error`.
int boundSocket(const QHostAddress &host, quint16 port, bool reusePort, QString *error)
{
    const bool v6 = host.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
#ifdef SO_REUSEPORT
    if (reusePort)
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
#else
    Q_UNUSED(reusePort);
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
    if (rc != 0) {
        *error = u"cannot listen on %1:%2: %3"_s.arg(host.toString())
                     .arg(port)
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace
#endif

bool Listener::portIsFree(const QHostAddress &host, quint16 port, QString *error)
{
#ifdef Q_OS_WIN
    Q_UNUSED(host);
    Q_UNUSED(port);
    Q_UNUSED(error);
    return true; // listen() binds exclusively there
#else
    // Without SO_REUSEPORT this bind fails while any socket holds the port, a SO_REUSEPORT one of
    // another process included — which our own bind would join, splitting its requests with us.
    // (Two servers starting in the same instant can still both pass; the window is that short.)
    const int fd = boundSocket(host, port, false, error);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
#endif
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
    const int fd = boundSocket(host, port, reusePort, error);
    if (fd < 0)
        return false;
    if (::listen(fd, 1024) != 0) {
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

std::shared_ptr<TlsServerContext> Listener::tlsContext()
{
    // Client certificates are QSslSocket's to verify (TlsIdentity's QueryPeer/VerifyPeer).
    if (m_options.tls->verifiesClients())
        return nullptr;
    const QSslConfiguration configuration = m_options.tls->configuration();
    if (!m_tlsConfigured || !(configuration == m_tlsConfiguration)) {
        m_tlsConfigured = true;
        m_tlsConfiguration = configuration;
        m_tlsContext = TlsServerContext::create(configuration);
        if (!m_tlsContext)
            qCInfo(lcHttp) << "TLS: connections use QSslSocket's encryption";
    }
    return m_tlsContext;
}

void Listener::adopt(qintptr descriptor)
{
    auto *socket = new ConnectionSocket(m_options, m_handler, this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (m_options.tls) {
        // The handshake runs on this worker's event loop, as reads do: a slow or broken client
        // stalls nobody; one that is not speaking TLS (plain HTTP) is disconnected.
        if (std::shared_ptr<TlsServerContext> context = tlsContext()) {
            socket->startTls(std::move(context));
        } else {
            socket->setSslConfiguration(m_options.tls->configuration());
            connect(socket, &QAbstractSocket::errorOccurred, socket, [socket] { socket->abort(); });
            socket->startServerEncryption();
        }
    }
    if (m_live >= m_maxConnections) {
        ++connectionRefusals().workerFull;
        socket->rejectAndClose(
            Error::unavailable(u"The server is at its connection limit; retry shortly"_s));
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    if (m_admission && !m_admission->admit(peer)) {
        ++connectionRefusals().perAddress;
        socket->rejectAndClose(Error::tooManyRequests(
            u"Too many open connections from this address; close some and retry"_s));
        return;
    }
    ++m_live;
    connect(socket, &QObject::destroyed, this, [this, admission = m_admission, peer] {
        --m_live;
        if (admission)
            admission->release(peer);
    });
}

} // namespace sluice
