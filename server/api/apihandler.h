#pragma once

#include "api/apicontext.h"
#include "api/table/readplancache.h"
#include "db/connectionpool.h"
#include "db/readpipelines.h"
#include "http/requesthandler.h"
#include "http/router.h"

#include <chrono>

namespace sluice {

// One worker's REST API: the routes of docs/api.md, Routes without credentials and §4, with this
// worker's own connections.
class ApiHandler : public RequestHandler
{
public:
    ApiHandler(const ApiContext &context, int workerIndex);
    void handle(const HttpRequest &request, HttpReply &reply) override;

    static RequestHandlerFactory factory(const ApiContext &context);

private:
    // What follows the route, now or when a reply that came later is complete: CORS headers,
    // metrics, the request log, Server-Timing.
    void finishReply(const HttpRequest &request, HttpReply &reply, int route,
                     std::chrono::steady_clock::time_point started, bool later);

    ApiContext m_context;
    MetricsShard *m_metrics;
    ConnectionPool m_pool;
    std::unique_ptr<RequestAuthenticator> m_auth;
    ReadPlanCache m_readPlans;
    ReadPipelines m_pipelines;
    Router m_router;
};

} // namespace sluice
