#pragma once

#include "core/error.h"
#include "http/httprequest.h"

#include <QByteArray>

#include <memory>

namespace sluice {

// A body produced piece by piece (NDJSON and CSV exports). The writer pulls the next piece
// only when the socket has drained, so memory stays flat whatever the result size.
class BodyStream
{
public:
    virtual ~BodyStream() = default;
    // Appends roughly `budget` bytes or more to `out`. Returns false once the stream is done
    // (after appending its last bytes). On a failure mid-stream, returns false and sets
    // failed(): the response is then cut off, which the client sees as a broken chunked body.
    virtual bool next(QByteArray &out, qsizetype budget) = 0;
    virtual bool failed() const { return false; }
};

class LaterReply;

struct HttpReply
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    HeaderList headers; // extra headers
    QByteArray body;
    std::unique_ptr<BodyStream> stream; // when set, body is ignored and sent chunked
    // When set, the handler answers later (see LaterReply); everything else here is unused.
    std::shared_ptr<LaterReply> later;

    void setHeader(const QByteArray &name, const QByteArray &value);
};

} // namespace sluice
