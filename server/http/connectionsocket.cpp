#include "http/connectionsocket.h"

#include "core/logging.h"
#include "core/memorytrim.h"
#include "http/connectionadmission.h"
#include "http/errorreply.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSslCertificate>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qsizetype kStreamHighWater = 256 * 1024; // stop pulling rows above this backlog
constexpr qsizetype kStreamChunk = 64 * 1024;
constexpr qint64 kLargeInput = 1024 * 1024; // a connection that received more: trim after it
constexpr qsizetype kLargeBody = 1024 * 1024; // a request with a larger body: trim after it

// RFC 9110 Date header, recomputed at most once a second per thread.
const QByteArray &httpDate()
{
    thread_local QByteArray cached;
    thread_local qint64 cachedSecond = -1;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != cachedSecond) {
        cachedSecond = now;
        cached = QLocale::c()
                     .toString(QDateTime::fromSecsSinceEpoch(now, Qt::UTC),
                               u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s)
                     .toLatin1();
    }
    return cached;
}

void appendHeader(QByteArray &out, QByteArrayView name, QByteArrayView value)
{
    out.append(name.data(), name.size()).append(": ", 2).append(value.data(), value.size());
    out.append("\r\n", 2);
}

bool isSaneRequestId(QByteArrayView id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_' || c == '.' || c == ':';
        if (!ok)
            return false;
    }
    return true;
}

bool bodyForbidden(int status)
{
    return status == 204 || status == 304 || status < 200;
}

// Half-closes the sending side so the client sees our complete response, while we keep reading.
void shutdownSending(qintptr descriptor)
{
#ifdef Q_OS_WIN
    ::shutdown(SOCKET(descriptor), SD_SEND);
#else
    ::shutdown(int(descriptor), SHUT_WR);
#endif
}

} // namespace

ConnectionSocket::ConnectionSocket(const ConnectionOptions &options, RequestHandler *handler,
                                   QObject *parent)
    : QSslSocket(parent)
    , m_options(options)
    , m_handler(handler)
    , m_guard(options.limits)
{
    connect(this, &QTcpSocket::readyRead, this, &ConnectionSocket::onReadyRead);
    connect(this, &QTcpSocket::bytesWritten, this, &ConnectionSocket::onBytesWritten);
    if (m_options.tls && m_options.tls->verifiesClients())
        connect(this, &QSslSocket::encrypted, this, &ConnectionSocket::onEncrypted);
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &ConnectionSocket::onIdleTimeout);
    // A new connection is there to send a request: it gets the head timeout, not the idle one.
    m_idleTimer.start(m_options.headTimeoutMs);
}

ConnectionSocket::~ConnectionSocket()
{
    if (m_later) // its answer has nowhere to go now; the request it refers to is gone too
        m_later->cancel();
    // The buffers that held a large body (a whole request's, or a refused one's until the
    // client stops sending) are freed with the connection: return them.
    if (m_bytesReceived >= kLargeInput)
        releaseFreedMemorySoon();
}

void ConnectionSocket::onEncrypted()
{
    // Under client_auth: required Qt has already refused a missing or invalid certificate. Under
    // optional (QueryPeer) it only reports what OpenSSL found wrong with a presented one (an
    // unknown CA, expired): such a client is not served, as with required.
    const QSslCertificate peer = peerCertificate();
    if (peer.isNull())
        return;
    if (const QList<QSslError> errors = sslHandshakeErrors(); !errors.isEmpty()) {
        qCInfo(lcHttp).noquote() << "TLS: refused the client certificate of"
                                 << peerAddress().toString() + u':'
                                 << errors.constFirst().errorString();
        abort();
        return;
    }
    m_clientCertSha256 = peer.digest(QCryptographicHash::Sha256).toHex();
}

void ConnectionSocket::startTls(std::shared_ptr<TlsServerContext> context)
{
    m_tls = std::make_unique<TlsChannel>(std::move(context));
}

void ConnectionSocket::onReadyRead()
{
    if (m_rejected && !m_tls) {
        discardInput(); // until the peer closes
        return;
    }
    // A pipelined request waits, unread, until the answer streaming or coming now is written.
    if ((m_stream || m_later) && !m_rejected)
        return;
    const QByteArray fresh = readAll();
    m_bytesReceived += fresh.size();
    QByteArrayView received = fresh;
    if (m_tls) {
        const bool wasEstablished = m_tls->established();
        const bool ok = m_tls->receive(fresh);
        flushTls(); // the handshake's replies, alerts
        if (!ok) {
            // Not TLS, a failed handshake or a record that does not decrypt: the alert goes out
            // (abort() would discard it), then the connection ends.
            flush();
            abort();
            return;
        }
        if (m_rejected) {
            // Only the handshake matters now: it carries the error response out.
            if (!wasEstablished && m_tls->established())
                drainAndClose();
            return;
        }
        received = m_tls->plaintext();
        if (received.isEmpty()) { // mid-handshake: the head timeout keeps running
            if (m_tls->peerClosed())
                closeConnection();
            return;
        }
    }
    const bool wasIdle = !m_guard.midRequest();
    if (!m_guard.feed(received)) {
        rejectAndClose(m_guard.rejection());
        return;
    }
    if (m_guard.takeContinueRequest())
        send("HTTP/1.1 100 Continue\r\n\r\n");
    if (wasIdle && m_guard.midRequest())
        m_idleTimer.start(m_options.headTimeoutMs);
    else if (!m_guard.midRequest())
        m_idleTimer.start(m_options.idleTimeoutMs);
    serveReceived();
    closeIfPeerClosed();
}

void ConnectionSocket::send(QByteArrayView data)
{
    if (!m_tls) {
        write(data.data(), data.size());
        return;
    }
    if (!m_tls->send(data)) {
        abort();
        return;
    }
    flushTls();
}

void ConnectionSocket::flushTls()
{
    if (m_tls->output().isEmpty())
        return;
    write(m_tls->output());
    m_tls->clearOutput();
}

void ConnectionSocket::closeConnection()
{
    if (m_tls) {
        m_tls->close();
        flushTls();
    }
    disconnectFromHost(); // flushes pending bytes first
}

void ConnectionSocket::serveReceived()
{
    // Requests are answered in the order they came, each once the one before it is written.
    if (m_serving)
        return; // the loop below, further up the stack, takes the new ones too
    m_serving = true;
    while (m_guard.hasRequest() && !m_stream && !m_later && !m_rejected && !m_closeAfterResponse
           && state() == ConnectedState)
        serve(m_guard.takeRequest());
    m_serving = false;
}

void ConnectionSocket::serve(ReceivedRequest received)
{
    RequestHead &head = received.head;
    m_request = HttpRequest();
    HttpRequest &request = m_request;
    request.mayAnswerLater = true;
    request.methodName = head.method;
    request.method = httpMethodFromName(head.method);
    request.headers = std::move(head.headers);
    request.body = std::move(received.body);
    request.remoteAddress = peerAddress();
    request.clientCertSha256 = m_clientCertSha256;
    const QByteArray clientId = request.header("X-Request-ID");
    request.requestId = isSaneRequestId(clientId) ? clientId : newRequestId();

    HttpReply reply;
    if (!splitTarget(head.target, &request.path, &request.query)) {
        reply.status = 400;
        reply.body = errorBody(400, u"The request target must be a path starting with '/'"_s);
    } else {
        m_handler->handle(request, reply);
    }
    if (reply.later) {
        // Answered later: reading and serving pause until then, as for a stream.
        m_later = std::move(reply.later);
        m_later->then([this, head = std::move(head)](HttpReply &completed) {
            const auto keep = std::move(m_later); // `completed` lives in it
            answered(completed, head);
        });
        return;
    }
    answered(reply, head);
}

void ConnectionSocket::answered(HttpReply &reply, const RequestHead &head)
{
    sendReply(m_request, reply, head);
    // What a large body cost (its parsed JSON, the statements' values) is free by the next turn
    // of the event loop; hand it back rather than keep the process at its high-water mark.
    if (m_request.body.size() >= kLargeBody)
        releaseFreedMemorySoon();
    m_request.body = QByteArray();
}

void ConnectionSocket::rejectAndClose(const Error &error)
{
    QByteArray response;
    const int status = httpStatusFor(error.kind);
    const QByteArray body = errorBody(status, error.message, error.context);
    response.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ');
    response.append(reasonPhrase(status)).append("\r\n");
    appendHeader(response, "Date", httpDate());
    appendHeader(response, "Content-Type", "application/json");
    appendHeader(response, "Content-Length", QByteArray::number(body.size()));
    appendHeader(response, "Connection", "close");
    if (m_options.tls) // every answer over HTTPS, refusals too
        appendHeader(response, "Strict-Transport-Security", "max-age=31536000");
    response.append("\r\n").append(body);
    send(response);
    m_rejected = true;
    m_stream.reset();
    discardInput();
    qCDebug(lcHttp) << "rejected connection from" << peerAddress().toString() << status;
    drainAndClose();
}

void ConnectionSocket::discardInput()
{
    if (m_tls) { // the handshake may still have to carry an error response out
        if (bytesAvailable() > 0)
            onReadyRead();
        return;
    }
    if (const qint64 unread = bytesAvailable(); unread > 0)
        m_bytesReceived += skip(unread);
}

void ConnectionSocket::drainAndClose()
{
    // Closing with unread request bytes makes the kernel send RST, which can destroy our error
    // response before the client reads it. So: flush, half-close, keep discarding what the
    // client still sends, and only then close (or give up after a short grace period). Under TLS
    // close_notify goes first, once the handshake is done (onReadyRead() comes back here then).
    if (m_tls) {
        m_tls->close();
        flushTls();
    }
    flush();
    if (bytesToWrite() == 0 && state() == ConnectedState && canHalfClose())
        shutdownSending(socketDescriptor());
    m_idleTimer.start(2000);
}

void ConnectionSocket::onBytesWritten()
{
    if (m_rejected) {
        if (bytesToWrite() == 0 && state() == ConnectedState && canHalfClose())
            shutdownSending(socketDescriptor());
        return;
    }
    if (m_stream)
        pumpStream();
    else if (m_closeAfterResponse && bytesToWrite() == 0)
        closeConnection();
}

void ConnectionSocket::onIdleTimeout()
{
    if (m_rejected) {
        abort();
        return;
    }
    // A slow reader of a long export: keep waiting while it makes progress. An answer coming
    // later: the statement timeout bounds the wait.
    if (m_stream || m_later) {
        m_idleTimer.start(m_options.idleTimeoutMs);
        return;
    }
    if (m_guard.midRequest()) {
        ++connectionRefusals().headTimeouts;
        rejectAndClose(Error::requestTimeout(u"The request was not received in time"_s));
        return;
    }
    closeConnection();
}

void ConnectionSocket::sendReply(const HttpRequest &request, HttpReply &reply,
                                 const RequestHead &head)
{
    m_headOnly = request.method == HttpMethod::Head;
    m_closeAfterResponse = !head.keepAlive;
    const bool noBody = bodyForbidden(reply.status);

    QByteArray out;
    out.reserve(256 + (reply.stream ? 0 : reply.body.size()));
    out.append(head.http10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    out.append(QByteArray::number(reply.status)).append(' ').append(reasonPhrase(reply.status));
    out.append("\r\n", 2);
    appendHeader(out, "Date", httpDate());
    if (!noBody)
        appendHeader(out, "Content-Type", reply.contentType);
    appendHeader(out, "X-Request-ID", request.requestId);
    if (m_options.tls) // browsers remember to come back only over HTTPS
        appendHeader(out, "Strict-Transport-Security", "max-age=31536000");
    for (const auto &h : reply.headers)
        appendHeader(out, h.first, h.second);

    // HTTP/1.0 has no chunked encoding: a streamed body is delimited by closing instead.
    const bool chunked = reply.stream && !head.http10;
    if (reply.stream && head.http10)
        m_closeAfterResponse = true;
    if (chunked)
        appendHeader(out, "Transfer-Encoding", "chunked");
    else if (!reply.stream && !noBody)
        appendHeader(out, "Content-Length", QByteArray::number(reply.body.size()));
    if (m_closeAfterResponse)
        appendHeader(out, "Connection", "close");
    else if (head.http10)
        appendHeader(out, "Connection", "keep-alive");
    out.append("\r\n", 2);

    if (reply.stream && !m_headOnly && !noBody) {
        send(out);
        m_stream = std::move(reply.stream);
        m_rawStream = !chunked;
        pumpStream();
        return;
    }
    if (!m_headOnly && !noBody)
        out.append(reply.body);
    send(out);
    finishResponse();
}

void ConnectionSocket::pumpStream()
{
    const bool raw = m_rawStream; // HTTP/1.0: no chunk framing
    QByteArray piece;
    while (m_stream && bytesToWrite() < kStreamHighWater && state() == ConnectedState) {
        piece.clear();
        const bool more = m_stream->next(piece, kStreamChunk);
        if (!piece.isEmpty()) {
            if (raw) {
                send(piece);
            } else {
                QByteArray frame = QByteArray::number(piece.size(), 16);
                frame.append("\r\n", 2).append(piece).append("\r\n", 2);
                send(frame);
            }
        }
        if (!more) {
            const bool failed = m_stream->failed();
            m_stream.reset();
            if (failed) {
                // The status line is long gone: cutting the connection is the only way to
                // tell the client the body is incomplete (under TLS without close_notify).
                qCWarning(lcHttp) << "stream failed mid-response; closing connection";
                if (m_tls)
                    m_tls->abandon(); // not now, nor after the last bytes are written
                m_closeAfterResponse = false;
                disconnectFromHost();
                return;
            }
            if (!raw)
                send("0\r\n\r\n");
            finishResponse();
        }
    }
}

void ConnectionSocket::finishResponse()
{
    m_idleTimer.start(m_options.idleTimeoutMs);
    if (m_closeAfterResponse) {
        closeConnection();
        return;
    }
    // After a streamed answer: on to the requests that came meanwhile (from the event loop, not
    // from inside a write).
    if (!m_serving && (m_guard.hasRequest() || bytesAvailable() > 0)) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                serveReceived();
                if (bytesAvailable() > 0)
                    onReadyRead();
                else
                    closeIfPeerClosed();
            },
            Qt::QueuedConnection);
    } else if (!m_serving) {
        closeIfPeerClosed();
    }
}

void ConnectionSocket::closeIfPeerClosed()
{
    // The client sent close_notify while a stream ran or requests waited: it gets what it asked
    // for, then the connection ends.
    if (m_tls && m_tls->peerClosed() && !m_stream && !m_later && !m_guard.hasRequest()
        && state() == ConnectedState)
        closeConnection();
}

} // namespace sluice
