#pragma once

#include "http/httpreply.h"
#include "http/laterreply.h"
#include "http/requestguard.h"
#include "http/requesthandler.h"
#include "http/tlschannel.h"
#include "http/tlsidentity.h"

#include <QSslSocket>
#include <QTimer>

#include <memory>

namespace sluice {

struct ConnectionOptions
{
    RequestLimits limits;
    int idleTimeoutMs = 60'000; // between requests on a keep-alive connection
    // A request head, the first one of a new connection included, must be complete within this
    // (slow-loris and half-open guard: such connections hold a slot until it runs out).
    int headTimeoutMs = 10'000;
    // server.tls.cert/key: every connection speaks TLS (API.md §14); null: plain HTTP.
    std::shared_ptr<TlsIdentity> tls;
};

// One client connection. It reads what has arrived in one piece and has its RequestGuard parse
// it, enforcing the request limits as it goes; answers "100 Continue"; hands each complete
// request to the worker's handler, in order; closes idle keep-alive connections; and writes the
// replies: head and body in one write, or a chunked body pulled from a BodyStream as the socket
// drains.
//
// QtHttpServer 6.4 is not used: it reads a request head one QIODevice::read() per byte inside a
// read transaction, some 300 instructions a byte, so a request's cost grew with its head's length
// (a 566-byte bearer token instead of a 71-byte API key cost ~60% more instructions a request).
//
// A QSslSocket, which without TLS passes reads and writes straight to its TCP socket. With TLS,
// either startTls() puts a TlsChannel between the socket and the request parser (a server
// certificate alone: the common case, and the cheaper path), or the listener starts QSslSocket's
// own server encryption (mutual TLS, which QSslSocket verifies).
class ConnectionSocket : public QSslSocket
{
    Q_OBJECT
public:
    // `handler` (the worker's, which outlives its connections) answers the requests.
    ConnectionSocket(const ConnectionOptions &options, RequestHandler *handler, QObject *parent);
    ~ConnectionSocket() override;

    // Writes a complete error response and closes the connection: for limit violations and
    // connections refused before a request is read.
    void rejectAndClose(const Error &error);

    bool streaming() const { return m_stream != nullptr; }

    // Speaks TLS through `context` from now on (the socket is still unencrypted to Qt).
    void startTls(std::shared_ptr<TlsServerContext> context);

private:
    void onEncrypted();
    void onReadyRead();
    void serveReceived();
    void serve(ReceivedRequest received);
    void sendReply(const HttpRequest &request, HttpReply &reply, const RequestHead &head);
    // Writes the reply to m_request, now or once a LaterReply completes.
    void answered(HttpReply &reply, const RequestHead &head);
    void onBytesWritten();
    void onIdleTimeout();
    void pumpStream();
    void finishResponse();
    void drainAndClose();
    void discardInput();
    // Writes `data` to the peer, encrypted when TLS is on.
    void send(QByteArrayView data);
    void flushTls();
    // Ends the connection after what is pending, with close_notify under TLS.
    void closeConnection();
    // closeConnection() once the peer's close_notify came and nothing is left to answer.
    void closeIfPeerClosed();
    bool canHalfClose() const { return !m_tls || m_tls->established(); }

    ConnectionOptions m_options;
    RequestHandler *m_handler;
    RequestGuard m_guard;
    std::unique_ptr<TlsChannel> m_tls;
    QTimer m_idleTimer;
    std::unique_ptr<BodyStream> m_stream;
    // The request being answered: it lives here until its reply is written, since a reply
    // completed later (m_later) still refers to it.
    HttpRequest m_request;
    std::shared_ptr<LaterReply> m_later; // set while the handler answers later
    bool m_closeAfterResponse = false;
    bool m_rejected = false;
    bool m_headOnly = false; // HEAD: head without body
    bool m_rawStream = false; // HTTP/1.0 stream: no chunk framing, close at the end
    bool m_serving = false; // inside serveReceived()
    qint64 m_bytesReceived = 0;
    // The verified client certificate's SHA-256 (lowercase hex of its DER), once per connection;
    // empty without one.
    QByteArray m_clientCertSha256;
};

} // namespace sluice
