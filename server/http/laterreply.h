#pragma once

#include "http/httpreply.h"

#include <functional>
#include <memory>
#include <vector>

namespace sluice {

// A reply its handler completes later, on the same worker thread: the request's statement is in
// flight on a pipelined database connection, and the worker goes on serving other connections
// meanwhile. A handler that defers moves what it has of the reply in here and leaves only
// `HttpReply::later` set; each layer above, which would have finished the reply after the
// handler returned (CORS, metrics, writing it to the socket), adds that work as a step instead.
// Steps run in the order they were added — innermost layer first, exactly as for a reply answered
// at once. Only requests with HttpRequest::mayAnswerLater are ever deferred.
class LaterReply : public std::enable_shared_from_this<LaterReply>
{
public:
    using Step = std::function<void(HttpReply &)>;

    LaterReply() = default;
    LaterReply(const LaterReply &) = delete;
    LaterReply &operator=(const LaterReply &) = delete;

    // Takes over what `reply` has so far (its headers: rate limits…) and leaves `reply.later`
    // pointing here. The handler calls it once the work that completes the reply is under way.
    void adopt(HttpReply &reply);

    // Adds a step; runs it at once when the reply is complete already.
    void then(Step step);
    // The producer's side: `complete` fills in the reply (status, body, headers), then the steps
    // run. Does nothing once cancelled: whatever `complete` refers to may be gone.
    void finish(const std::function<void(HttpReply &)> &complete);
    // The request's owner is gone (its connection closed): nothing will run any more.
    void cancel();

private:
    HttpReply m_reply;
    std::vector<Step> m_steps;
    bool m_finished = false;
    bool m_cancelled = false;
};

} // namespace sluice
