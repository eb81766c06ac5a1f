#include "httpclient.h"

#include <QDeadlineTimer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {

bool sameName(const QByteArray &a, const QByteArray &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool hasHeader(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (sameName(header.first, name))
            return true;
    }
    return false;
}

// Pulls bytes from the socket into a buffer that outlives one response (a pipelined response
// may already sit behind the current one), honouring one deadline for the whole exchange.
class Reader
{
public:
    Reader(QTcpSocket *socket, QByteArray *buffer, QDeadlineTimer deadline)
        : m_socket(socket)
        , m_buffer(buffer)
        , m_deadline(deadline)
    {
    }

    bool timedOut() const { return m_timedOut; }
    bool atEnd() const { return m_eof && m_buffer->isEmpty(); }
    bool sawEof() const { return m_eof; }
    bool receivedAnything() const { return m_received; }

    // A line without its CRLF (a bare LF is accepted too).
    bool readLine(QByteArray *line)
    {
        for (;;) {
            const qsizetype lf = m_buffer->indexOf('\n');
            if (lf >= 0) {
                *line = m_buffer->left(lf);
                if (line->endsWith('\r'))
                    line->chop(1);
                m_buffer->remove(0, lf + 1);
                return true;
            }
            if (!fill())
                return false;
        }
    }

    bool readExactly(qint64 size, QByteArray *out)
    {
        while (m_buffer->size() < size) {
            if (!fill())
                return false;
        }
        out->append(m_buffer->left(size));
        m_buffer->remove(0, size);
        return true;
    }

    // Until the server closes; false on a timeout.
    bool readToEnd(QByteArray *out)
    {
        while (fill()) { }
        out->append(*m_buffer);
        m_buffer->clear();
        return !m_timedOut;
    }

    // Waits until the server closes the connection (or the deadline passes).
    bool waitForClose()
    {
        while (!m_eof && !m_timedOut)
            fill();
        return m_eof;
    }

private:
    // Appends whatever the socket has next. False at end of stream or on timeout.
    bool fill()
    {
        for (;;) {
            if (m_socket->bytesAvailable() > 0) {
                m_buffer->append(m_socket->readAll());
                m_received = true;
                return true;
            }
            if (m_socket->state() != QAbstractSocket::ConnectedState) {
                m_eof = true;
                return false;
            }
            if (m_deadline.hasExpired()) {
                m_timedOut = true;
                return false;
            }
            m_socket->waitForReadyRead(int(qMax<qint64>(1, m_deadline.remainingTime())));
        }
    }

    QTcpSocket *m_socket;
    QByteArray *m_buffer;
    QDeadlineTimer m_deadline;
    bool m_eof = false;
    bool m_timedOut = false;
    bool m_received = false;
};

enum class ParseResult { Ok, Incomplete, Malformed };

ParseResult readChunkedBody(Reader &reader, HttpResponse *response)
{
    for (;;) {
        QByteArray line;
        if (!reader.readLine(&line))
            return ParseResult::Incomplete;
        const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
        bool ok = false;
        const qint64 size =
            (semicolon >= 0 ? line.left(semicolon) : line).trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return ParseResult::Malformed;
        if (size == 0)
            break;
        if (!reader.readExactly(size, &response->body))
            return ParseResult::Incomplete;
        QByteArray crlf;
        if (!reader.readLine(&crlf))
            return ParseResult::Incomplete;
        if (!crlf.isEmpty())
            return ParseResult::Malformed;
    }
    // Trailers, up to the empty line.
    for (;;) {
        QByteArray line;
        if (!reader.readLine(&line))
            return ParseResult::Incomplete;
        if (line.isEmpty())
            return ParseResult::Ok;
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response->headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
    }
}

// Reads a status line and headers. Interim 1xx responses (other than 101) are skipped.
ParseResult readHead(Reader &reader, HttpResponse *response)
{
    for (;;) {
        QByteArray statusLine;
        if (!reader.readLine(&statusLine))
            return ParseResult::Incomplete;
        if (!statusLine.startsWith("HTTP/"))
            return ParseResult::Malformed;
        const qsizetype firstSpace = statusLine.indexOf(' ');
        const qsizetype secondSpace = statusLine.indexOf(' ', firstSpace + 1);
        bool ok = false;
        const int status =
            statusLine.mid(firstSpace + 1, secondSpace < 0 ? -1 : secondSpace - firstSpace - 1)
                .toInt(&ok);
        if (firstSpace < 0 || !ok)
            return ParseResult::Malformed;
        response->status = status;
        response->reason = secondSpace < 0 ? QByteArray() : statusLine.mid(secondSpace + 1);
        response->headers.clear();
        for (;;) {
            QByteArray line;
            if (!reader.readLine(&line))
                return ParseResult::Incomplete;
            if (line.isEmpty())
                break;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return ParseResult::Malformed;
            response->headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
        }
        if (status >= 200 || status == 101)
            return ParseResult::Ok;
    }
}

} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (sameName(h.first, name))
            return h.second;
    }
    return {};
}

bool HttpResponse::hasHeader(const QByteArray &name) const
{
    return sluice::test::hasHeader(headers, name);
}

QJsonDocument HttpResponse::json() const
{
    return QJsonDocument::fromJson(body);
}

QJsonArray HttpResponse::resource() const
{
    return json().object().value(u"resource").toArray();
}

QJsonObject HttpResponse::meta() const
{
    return json().object().value(u"meta").toObject();
}

QString HttpResponse::errorMessage() const
{
    return json().object().value(u"error").toObject().value(u"message").toString();
}

HttpClient::HttpClient(quint16 port, const QString &host)
    : m_port(port)
    , m_host(host)
{
}

HttpClient::~HttpClient() = default;

void HttpClient::setTimeoutMs(int timeoutMs)
{
    m_timeoutMs = timeoutMs;
}

bool HttpClient::isConnected() const
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    // Notice a close the server made since the last response without blocking.
    if (m_socket->bytesAvailable() == 0)
        m_socket->waitForReadyRead(0);
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpClient::disconnect()
{
    if (m_socket) {
        m_socket->abort();
        m_socket.reset();
    }
    m_buffer.clear();
}

bool HttpClient::ensureConnected(int timeoutMs)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        return true;
    disconnect();
    m_socket = std::make_unique<QTcpSocket>();
    m_socket->connectToHost(m_host, m_port);
    if (!m_socket->waitForConnected(qMax(1, timeoutMs))) {
        disconnect();
        return false;
    }
    ++m_connectionCount;
    return true;
}

HttpResponse HttpClient::get(const QByteArray &target, const HttpHeaders &headers)
{
    return request("GET"_ba, target, {}, headers);
}

HttpResponse HttpClient::request(const QByteArray &method, const QByteArray &target,
                                 const QByteArray &body, const HttpHeaders &headers)
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\n";
    if (!hasHeader(headers, "Host"_ba))
        out += "Host: " + m_host.toLatin1() + ':' + QByteArray::number(m_port) + "\r\n";
    for (const auto &header : headers)
        out += header.first + ": " + header.second + "\r\n";
    for (const auto &header : m_defaultHeaders) {
        if (!hasHeader(headers, header.first))
            out += header.first + ": " + header.second + "\r\n";
    }
    const bool sendsBody =
        !body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH";
    if (!body.isEmpty() && !hasHeader(headers, "Content-Type"_ba))
        out += "Content-Type: application/json\r\n";
    if (sendsBody && !hasHeader(headers, "Content-Length"_ba)
        && !hasHeader(headers, "Transfer-Encoding"_ba))
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n" + body;
    return exchange(out, method == "HEAD");
}

HttpResponse HttpClient::sendRaw(const QByteArray &bytes)
{
    return exchange(bytes, bytes.startsWith("HEAD "));
}

HttpResponse HttpClient::readResponse()
{
    return exchange({}, false);
}

HttpResponse HttpClient::exchange(const QByteArray &bytes, bool headRequest)
{
    const QDeadlineTimer deadline(m_timeoutMs);
    // A kept-alive connection the server has meanwhile closed fails on first use without a byte
    // of answer; that one case is retried on a new connection, as browsers do.
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool reused = false;
        if (!bytes.isEmpty()) {
            reused = isConnected();
            if (!reused && !ensureConnected(int(deadline.remainingTime())))
                return {};
            m_socket->write(bytes);
            // The server may answer (e.g. 413) and close before taking everything: stop writing
            // then, and read what it said.
            while (m_socket->bytesToWrite() > 0
                   && m_socket->state() == QAbstractSocket::ConnectedState
                   && !deadline.hasExpired()) {
                m_socket->waitForBytesWritten(int(qMax<qint64>(1, deadline.remainingTime())));
            }
        } else if (!m_socket) {
            return {};
        }

        HttpResponse response;
        Reader reader(m_socket.get(), &m_buffer, deadline);
        ParseResult result = readHead(reader, &response);
        if (result == ParseResult::Incomplete && reused && !reader.receivedAnything()
            && reader.sawEof() && attempt == 0) {
            disconnect();
            continue;
        }
        if (result == ParseResult::Ok) {
            const int status = response.status;
            const bool noBody = headRequest || status == 204 || status == 304 || status < 200;
            const QByteArray contentLength = response.header("Content-Length"_ba);
            if (noBody) {
                // nothing follows the head
            } else if (response.header("Transfer-Encoding"_ba).toLower().contains("chunked")) {
                result = readChunkedBody(reader, &response);
            } else if (!contentLength.isEmpty()) {
                bool ok = false;
                const qint64 length = contentLength.trimmed().toLongLong(&ok);
                if (!ok || length < 0)
                    result = ParseResult::Malformed;
                else if (!reader.readExactly(length, &response.body))
                    result = ParseResult::Incomplete;
            } else {
                // Delimited by the end of the connection.
                if (!reader.readToEnd(&response.body))
                    result = ParseResult::Incomplete;
                response.closed = true;
            }
        }
        if (result != ParseResult::Ok) {
            if (result == ParseResult::Malformed)
                qWarning("HttpClient: malformed response from %s:%d", qUtf8Printable(m_host),
                         int(m_port));
            disconnect();
            return {};
        }

        const bool serverWillClose = response.header("Connection"_ba).toLower().contains("close");
        if (!response.closed && serverWillClose)
            response.closed = reader.waitForClose();
        if (!response.closed)
            response.closed = !isConnected();
        // Keep a closed socket while a pipelined response still waits in the buffer.
        if ((response.closed || serverWillClose) && m_buffer.isEmpty())
            disconnect();
        return response;
    }
    return {};
}

} // namespace sluice::test
