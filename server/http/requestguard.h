#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <deque>
#include <optional>

namespace sluice {

struct RequestLimits
{
    qsizetype maxUrlBytes = 8 * 1024;
    qsizetype maxHeaderBytes = 64 * 1024;
    qint64 maxBodyBytes = 10 * 1024 * 1024;
};

// What the guard learnt from one request's head; QtHttpServer 6.4 exposes neither the raw
// target nor the HTTP version, so the adapter takes them from here.
struct RequestHead
{
    QByteArray method;
    QByteArray target;
    bool http10 = false;
    bool keepAlive = true;
    bool expectContinue = false;
};

// Scans the bytes of one connection as they arrive and enforces the request limits before
// QtHttpServer parses anything. It frames requests (request line, headers, Content-Length or
// chunked body) without keeping the body, so memory use is bounded by maxHeaderBytes.
class RequestGuard
{
public:
    explicit RequestGuard(const RequestLimits &limits)
        : m_limits(limits)
    {
    }

    // Feeds newly received bytes. Returns false once the stream broke a limit or HTTP framing;
    // rejection() then says why, and every later call returns false.
    bool feed(QByteArrayView bytes);

    bool rejected() const { return m_rejection.has_value(); }
    // Why the stream was refused, as an error kind (the status comes from httpStatusFor());
    // only valid once rejected().
    const Error &rejection() const { return *m_rejection; }

    // Heads whose header block is complete, oldest first.
    bool hasHead() const { return !m_heads.empty(); }
    RequestHead takeHead();

    // True while a request has started but its last byte has not arrived.
    bool midRequest() const { return m_state != State::Idle; }
    // Set when a complete head asked for "Expect: 100-continue"; cleared by the caller.
    bool takeContinueRequest();

private:
    enum class State { Idle, Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };

    bool reject(Error error);
    bool finishHead();
    bool scanLine(QByteArrayView &bytes, QByteArray &line, qsizetype maxLine, bool *complete);
    // Passes over what `bytes` holds of the body (or chunk) still expected; true at its end.
    bool skipBody(QByteArrayView &bytes);

    RequestLimits m_limits;
    State m_state = State::Idle;
    QByteArray m_head; // the current header block (bounded by maxHeaderBytes)
    qint64 m_bodyRemaining = 0; // Content-Length bytes or the current chunk's bytes left
    qint64 m_bodyTotal = 0; // body bytes seen so far (chunked)
    QByteArray m_line; // a chunk-size or trailer line in progress
    std::deque<RequestHead> m_heads;
    bool m_continueRequested = false;
    std::optional<Error> m_rejection;
};

} // namespace sluice
