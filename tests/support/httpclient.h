#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

class QTcpSocket;

namespace sluice::test {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpResponse
{
    int status = 0; // 0: no (complete) response, e.g. a timeout or a refused connection
    QByteArray reason;
    HttpHeaders headers; // in arrival order; chunked trailers are appended
    QByteArray body; // de-chunked
    // The server closed the connection after this response. Always seen for close-delimited
    // bodies and after "Connection: close" (the client waits for the close); otherwise true only
    // if the close had already arrived when the response was complete.
    bool closed = false;

    // The first value of a header, matched case-insensitively; empty when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    QJsonDocument json() const;
    // The parts of Sluice's envelopes: resource rows, meta, and error.message of an error.
    QJsonArray resource() const;
    QJsonObject meta() const;
    QString errorMessage() const;
};

// A blocking HTTP/1.1 client over a raw QTcpSocket, so tests can send anything, including
// malformed or oversized requests. It keeps one connection alive across requests and reconnects
// when the server has closed it. Use it from one thread; the server under test must run in
// other threads (or another process), since the client blocks.
class HttpClient
{
public:
    explicit HttpClient(quint16 port, const QString &host = QStringLiteral("127.0.0.1"));
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    HttpResponse get(const QByteArray &target, const HttpHeaders &headers = {});
    // Adds Host, and for a body Content-Type: application/json and Content-Length, unless the
    // caller set them.
    HttpResponse request(const QByteArray &method, const QByteArray &target,
                         const QByteArray &body = {}, const HttpHeaders &headers = {});
    // Writes the bytes as they are and reads one response.
    HttpResponse sendRaw(const QByteArray &bytes);
    // Reads one more response without sending anything, e.g. the second of two pipelined
    // requests written with one sendRaw().
    HttpResponse readResponse();

    // Per request, from writing the first byte to the end of the response. Default 30 s.
    void setTimeoutMs(int timeoutMs);
    // Sent with every request() unless the request gives the same header (e.g. credentials).
    void setDefaultHeaders(const HttpHeaders &headers) { m_defaultHeaders = headers; }
    int timeoutMs() const { return m_timeoutMs; }
    bool isConnected() const;
    // Drops the connection; the next request opens a new one.
    void disconnect();
    // How many TCP connections this client has opened so far.
    int connectionCount() const { return m_connectionCount; }

private:
    bool ensureConnected(int timeoutMs);
    HttpResponse exchange(const QByteArray &bytes, bool headRequest);

    quint16 m_port;
    QString m_host;
    int m_timeoutMs = 30'000;
    int m_connectionCount = 0;
    std::unique_ptr<QTcpSocket> m_socket;
    HttpHeaders m_defaultHeaders;
    QByteArray m_buffer; // received but not yet consumed bytes
};

} // namespace sluice::test
