#pragma once

#include "core/result.h"
#include "db/rowcursor.h"

#include <QString>
#include <QVariantList>

#include <functional>
#include <memory>

namespace sluice {

// Reads that may be many in flight on one connection (PostgreSQL's pipeline mode): a statement
// is sent at once, and its rows arrive later from the worker's event loop while the worker goes
// on serving other requests. Answers come in the order the statements were sent.
class PipelinedReads
{
public:
    // The rows or the error (classified as Connection::select() classifies it). `connectionLost`:
    // the connection failed under the statement, which never ran to an answer; it may be sent
    // again on a new connection.
    using Done = std::function<void(Result<std::unique_ptr<RowCursor>> rows, bool connectionLost)>;

    virtual ~PipelinedReads() = default;
    // Sends `sql` (with '?' placeholders) and `binds`; `done` runs later, never from inside
    // submit(). False when this statement or its values cannot go this way, or the connection is
    // gone: the caller then reads through Connection::select().
    virtual bool submit(const QString &sql, const QVariantList &binds, Done done) = 0;
    // Statements sent whose answer has not been handed on yet.
    virtual int inFlight() const = 0;
    // The connection is gone: nothing more can be sent on it.
    virtual bool lost() const = 0;
};

} // namespace sluice
