#pragma once

#include "core/error.h"
#include "http/httprequest.h"

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

// What the guard learnt from one request's head.
struct RequestHead
{
    QByteArray method;
    QByteArray target;
    bool http10 = false;
    bool keepAlive = true;
    bool expectContinue = false;
    HeaderList headers; // in order; names as sent, values without the blanks around them
};

// A request whose last byte has arrived: its head and its body (chunks joined).
struct ReceivedRequest
{
    RequestHead head;
    QByteArray body;
};

// Parses the bytes of one connection as they arrive, however they are split, and enforces the
// request limits as it goes: a request is refused from the first byte that breaks one, before
// anything else sees it. It frames requests (request line, headers, Content-Length or chunked
// body) and hands out each one once complete, so memory use is bounded by maxHeaderBytes plus
// maxBodyBytes for the request in progress (and the complete ones not yet taken).
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

    // Requests received whole, oldest first.
    bool hasRequest() const { return !m_received.empty(); }
    ReceivedRequest takeRequest();
    // The head of the request whose body is still arriving, if any.
    const RequestHead *pendingHead() const
    {
        return m_state == State::Idle || m_state == State::Head ? nullptr : &m_pending;
    }

    // True while a request has started but its last byte has not arrived.
    bool midRequest() const { return m_state != State::Idle; }
    // Set when a complete head asked for "Expect: 100-continue"; cleared by the caller.
    bool takeContinueRequest();

private:
    enum class State { Idle, Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };

    bool reject(Error error);
    bool finishHead();
    void finishRequest();
    bool scanLine(QByteArrayView &bytes, QByteArray &line, qsizetype maxLine, bool *complete);
    // Takes what `bytes` holds of the body (or chunk) still expected; true at its end.
    bool takeBody(QByteArrayView &bytes);

    RequestLimits m_limits;
    State m_state = State::Idle;
    QByteArray m_head; // the current header block (bounded by maxHeaderBytes)
    qint64 m_bodyRemaining = 0; // Content-Length bytes or the current chunk's bytes left
    qint64 m_bodyTotal = 0; // body bytes seen so far (chunked)
    QByteArray m_line; // a chunk-size or trailer line in progress
    RequestHead m_pending; // the head whose body is arriving
    QByteArray m_body; // and what has arrived of that body
    std::deque<ReceivedRequest> m_received;
    bool m_continueRequested = false;
    std::optional<Error> m_rejection;
};

} // namespace sluice
