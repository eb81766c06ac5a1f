#include "http/requestguard.h"

#include <QByteArrayList>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r'))
        v.chop(1);
    return v;
}

bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// True when the comma-separated header value has `token` as one of its elements.
bool hasToken(QByteArrayView value, QByteArrayView token)
{
    while (!value.isEmpty()) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView item = trimmed(comma >= 0 ? value.first(comma) : value);
        if (equalsNoCase(item, token))
            return true;
        value = comma >= 0 ? value.sliced(comma + 1) : QByteArrayView();
    }
    return false;
}

// RFC 9110 token characters, the only ones allowed in a header name.
bool isToken(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

// True when a header value holds a control character other than tab. Looks at every byte,
// without branches, instead of stopping at the first bad one, which lets the compiler vectorise
// the loop: a bearer token is hundreds of bytes on every request.
bool hasControlCharacter(QByteArrayView value)
{
    uchar found = 0;
    for (const char ch : value) {
        const uchar c = uchar(ch);
        found |= uchar((c < 0x20) & (c != '\t')) | uchar(c == 0x7f);
    }
    return found != 0;
}

// Where the header block ends: just past the first empty line, whatever mix of CRLF and bare LF
// ends the lines (the earliest "\n\r\n" or "\n\n"; a later CRLF CRLF may be body bytes), or -1
// while it has not arrived. Starts at `from`: what came before was searched already.
qsizetype headEnd(QByteArrayView head, qsizetype from)
{
    for (qsizetype nl = head.indexOf('\n', from); nl >= 0; nl = head.indexOf('\n', nl + 1)) {
        const QByteArrayView after = head.sliced(nl + 1);
        if (after.startsWith('\n'))
            return nl + 2;
        if (after.startsWith("\r\n"))
            return nl + 3;
    }
    return -1;
}

} // namespace

bool RequestGuard::reject(Error error)
{
    m_rejection = std::move(error);
    return false;
}

ReceivedRequest RequestGuard::takeRequest()
{
    ReceivedRequest request = std::move(m_received.front());
    m_received.pop_front();
    return request;
}

bool RequestGuard::takeContinueRequest()
{
    const bool requested = m_continueRequested;
    m_continueRequested = false;
    return requested;
}

bool RequestGuard::scanLine(QByteArrayView &bytes, QByteArray &line, qsizetype maxLine,
                            bool *complete)
{
    const qsizetype nl = bytes.indexOf('\n');
    const QByteArrayView part = nl >= 0 ? bytes.first(nl + 1) : bytes;
    if (line.size() + part.size() > maxLine)
        return false;
    line.append(part.data(), part.size());
    bytes = bytes.sliced(part.size());
    *complete = nl >= 0;
    return true;
}

bool RequestGuard::takeBody(QByteArrayView &bytes)
{
    const qint64 take = std::min<qint64>(m_bodyRemaining, bytes.size());
    m_body.append(bytes.data(), take);
    m_bodyRemaining -= take;
    bytes = bytes.sliced(take);
    return m_bodyRemaining == 0;
}

bool RequestGuard::feed(QByteArrayView bytes)
{
    if (m_rejection)
        return false;
    while (!bytes.isEmpty()) {
        switch (m_state) {
        case State::Idle:
            // Tolerate stray CRLFs between requests (RFC 9112 §2.2).
            if (bytes.front() == '\r' || bytes.front() == '\n') {
                bytes = bytes.sliced(1);
                continue;
            }
            m_head.clear();
            m_state = State::Head;
            Q_FALLTHROUGH();
        case State::Head: {
            // Copy up to the end of the header block or the limit, whichever comes first.
            const qsizetype room = std::max<qsizetype>(
                1, m_limits.maxHeaderBytes + m_limits.maxUrlBytes + 64 - m_head.size());
            const qsizetype take = std::min<qsizetype>(bytes.size(), room);
            const qsizetype searchFrom = std::max<qsizetype>(0, m_head.size() - 2);
            m_head.append(bytes.data(), take);
            const qsizetype headLen = headEnd(m_head, searchFrom);
            const qsizetype firstLineEnd = m_head.indexOf('\n');
            const qsizetype lineLen = firstLineEnd >= 0 ? firstLineEnd : m_head.size();
            const qsizetype headerStart = firstLineEnd >= 0 ? firstLineEnd + 1 : m_head.size();
            if (lineLen > m_limits.maxUrlBytes + 16) {
                return reject(
                    Error::uriTooLong(u"The request URL is longer than the limit of %1 bytes"_s.arg(
                        m_limits.maxUrlBytes)));
            }
            if (headLen < 0) {
                if (m_head.size() - headerStart > m_limits.maxHeaderBytes)
                    return reject(Error::headersTooLarge(
                        u"The request headers are larger than the limit of %1 bytes"_s.arg(
                            m_limits.maxHeaderBytes)));
                bytes = bytes.sliced(take);
                continue;
            }
            // Give back what belongs to the body or the next request.
            const qsizetype surplus = m_head.size() - headLen;
            bytes = bytes.sliced(take - surplus);
            m_head.truncate(headLen);
            if (headLen - headerStart > m_limits.maxHeaderBytes)
                return reject(Error::headersTooLarge(
                    u"The request headers are larger than the limit of %1 bytes"_s.arg(
                        m_limits.maxHeaderBytes)));
            if (!finishHead())
                return false;
            continue;
        }
        case State::Body:
            if (takeBody(bytes))
                finishRequest();
            continue;
        case State::ChunkSize: {
            bool complete = false;
            if (!scanLine(bytes, m_line, 1024, &complete))
                return reject(Error::badRequest(
                    u"Malformed chunked request body: chunk size line too long"_s));
            if (!complete)
                continue;
            QByteArrayView sizeText = trimmed(QByteArrayView(m_line).chopped(1));
            if (const qsizetype semi = sizeText.indexOf(';'); semi >= 0)
                sizeText = trimmed(sizeText.first(semi)); // chunk extensions are ignored
            bool ok = false;
            const qint64 size = sizeText.size() <= 15 ? sizeText.toLongLong(&ok, 16) : -1;
            m_line.clear();
            if (!ok || size < 0)
                return reject(
                    Error::badRequest(u"Malformed chunked request body: bad chunk size"_s));
            m_bodyTotal += size;
            if (m_bodyTotal > m_limits.maxBodyBytes)
                return reject(Error::payloadTooLarge(
                    u"The request body is larger than the limit of %1 bytes"_s.arg(
                        m_limits.maxBodyBytes)));
            m_bodyRemaining = size;
            m_state = size == 0 ? State::Trailers : State::ChunkData;
            continue;
        }
        case State::ChunkData:
            if (takeBody(bytes))
                m_state = State::ChunkDataEnd;
            continue;
        case State::ChunkDataEnd: {
            bool complete = false;
            if (!scanLine(bytes, m_line, 2, &complete))
                return reject(Error::badRequest(
                    u"Malformed chunked request body: missing CRLF after chunk"_s));
            if (complete) {
                m_line.clear();
                m_state = State::ChunkSize;
            }
            continue;
        }
        case State::Trailers: {
            bool complete = false;
            if (!scanLine(bytes, m_line, m_limits.maxHeaderBytes, &complete))
                return reject(Error::headersTooLarge(
                    u"The request trailers are larger than the limit of %1 bytes"_s.arg(
                        m_limits.maxHeaderBytes)));
            if (!complete)
                continue;
            const bool emptyLine = m_line == "\r\n" || m_line == "\n";
            m_line.clear();
            if (emptyLine)
                finishRequest(); // trailers are not kept: nothing reads them
            continue;
        }
        }
    }
    return true;
}

bool RequestGuard::finishHead()
{
    QByteArrayView head(m_head);
    const qsizetype lineEnd = head.indexOf('\n');
    const QByteArrayView requestLine = trimmed(head.first(lineEnd));
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = requestLine.lastIndexOf(' ');
    if (sp1 <= 0 || sp2 <= sp1)
        return reject(Error::badRequest(u"Malformed HTTP request line"_s));

    RequestHead info;
    info.method = requestLine.first(sp1).toByteArray();
    info.target = trimmed(requestLine.sliced(sp1 + 1, sp2 - sp1 - 1)).toByteArray();
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (version == "HTTP/1.0")
        info.http10 = true;
    else if (version != "HTTP/1.1")
        return reject(
            Error::httpVersionNotSupported(u"Only HTTP/1.0 and HTTP/1.1 are supported"_s));
    // QtHttpServer 6.4 drops the connection without a word on what its parser refuses; say
    // why in JSON instead, before it sees the request.
    static const QByteArrayList known = {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"
    };
    if (!known.contains(info.method))
        return reject(Error::notImplemented(
            u"Method '%1' is not supported"_s.arg(QString::fromLatin1(info.method.left(32)))));
    for (const char c : std::as_const(info.target)) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return reject(Error::badRequest(
                u"The request target contains a space or a character that must be percent-encoded"_s));
    }
    if (info.target.size() > m_limits.maxUrlBytes)
        return reject(Error::uriTooLong(
            u"The request URL is longer than the limit of %1 bytes"_s.arg(m_limits.maxUrlBytes)));
    info.keepAlive = !info.http10;

    qint64 contentLength = -1;
    bool chunked = false;
    QByteArrayView rest = head.sliced(lineEnd + 1);
    while (!rest.isEmpty()) {
        const qsizetype nl = rest.indexOf('\n');
        const QByteArrayView line = trimmed(nl >= 0 ? rest.first(nl) : rest);
        rest = nl >= 0 ? rest.sliced(nl + 1) : QByteArrayView();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return reject(Error::badRequest(u"Malformed HTTP header line"_s));
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (!isToken(name))
            return reject(Error::badRequest(u"Malformed HTTP header name"_s));
        if (hasControlCharacter(value))
            return reject(Error::badRequest(u"HTTP header '%1' contains a control character"_s.arg(
                QString::fromLatin1(name.first(std::min<qsizetype>(name.size(), 64))))));
        info.headers.append({ name.toByteArray(), value.toByteArray() });
        if (equalsNoCase(name, "content-length")) {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (contentLength >= 0 && contentLength != length))
                return reject(Error::badRequest(u"Invalid Content-Length header"_s));
            contentLength = length;
        } else if (equalsNoCase(name, "transfer-encoding")) {
            if (!equalsNoCase(value, "chunked"))
                return reject(Error::notImplemented(
                    u"Transfer-Encoding '%1' is not supported; use chunked or Content-Length"_s.arg(
                        QString::fromLatin1(value))));
            chunked = true;
        } else if (equalsNoCase(name, "connection")) {
            if (hasToken(value, "close"))
                info.keepAlive = false;
            else if (hasToken(value, "keep-alive"))
                info.keepAlive = true;
        } else if (equalsNoCase(name, "expect")) {
            if (!equalsNoCase(value, "100-continue"))
                return reject(
                    Error::expectationFailed(u"Only 'Expect: 100-continue' is supported"_s));
            info.expectContinue = !info.http10;
        }
    }
    // Both framings at once is how request smuggling starts: refuse it (RFC 9112 §6.3).
    if (chunked && contentLength >= 0)
        return reject(Error::badRequest(
            u"A request must not carry both Content-Length and Transfer-Encoding"_s));
    if (contentLength > m_limits.maxBodyBytes)
        return reject(Error::payloadTooLarge(
            u"The request body (%1 bytes) is larger than the limit of %2 bytes"_s.arg(contentLength)
                .arg(m_limits.maxBodyBytes)));

    m_continueRequested = info.expectContinue;
    m_pending = std::move(info);
    m_body.clear();
    m_head.clear();
    m_bodyTotal = 0;
    if (chunked) {
        m_state = State::ChunkSize;
    } else if (contentLength > 0) {
        m_bodyRemaining = contentLength;
        m_state = State::Body;
    } else {
        finishRequest();
    }
    return true;
}

void RequestGuard::finishRequest()
{
    m_received.push_back({ std::move(m_pending), std::move(m_body) });
    m_pending = {};
    m_body = {};
    m_state = State::Idle;
}

} // namespace sluice
