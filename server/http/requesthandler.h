#pragma once

#include "http/httpreply.h"
#include "http/httprequest.h"

#include <functional>
#include <memory>

namespace sluice {

// Answers requests on one worker thread. Each worker creates its own handler inside its thread
// (shared-nothing): database connections and statement caches belong to that handler.
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    virtual void handle(const HttpRequest &request, HttpReply &reply) = 0;
};

using RequestHandlerFactory = std::function<std::unique_ptr<RequestHandler>()>;

} // namespace sluice
