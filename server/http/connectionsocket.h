#pragma once

#include "http/httpreply.h"
#include "http/requestguard.h"

#include <QTcpSocket>
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
};

// One client connection. It sees every received byte before QtHttpServer does (its readyRead
// slot is connected first), enforces the request limits, answers "100 Continue", closes idle
// keep-alive connections, and writes our replies: head and body in one write, or a chunked
// body pulled from a BodyStream as the socket drains.
class ConnectionSocket : public QTcpSocket
{
    Q_OBJECT
public:
    ConnectionSocket(const ConnectionOptions &options, QObject *parent);
    ~ConnectionSocket() override;

    // The head of the request QtHttpServer has just completed (or a default one).
    RequestHead takeHead();
    void sendReply(const HttpRequest &request, HttpReply &reply, const RequestHead &head);

    // Writes a complete error response and closes the connection: for limit violations and
    // connections refused before they reach QtHttpServer.
    void rejectAndClose(const Error &error);

    bool streaming() const { return m_stream != nullptr; }

private:
    void onReadyRead();
    void onBytesWritten();
    void onIdleTimeout();
    void pumpStream();
    void finishResponse();
    void drainAndClose();
    void discardInput();

    ConnectionOptions m_options;
    RequestGuard m_guard;
    QTimer m_idleTimer;
    std::unique_ptr<BodyStream> m_stream;
    bool m_closeAfterResponse = false;
    bool m_rejected = false;
    bool m_headOnly = false; // HEAD: head without body
    bool m_rawStream = false; // HTTP/1.0 stream: no chunk framing, close at the end
    qint64 m_bytesReceived = 0;
};

} // namespace sluice
