#pragma once

#include "api/apicontext.h"
#include "api/table/readplancache.h"
#include "db/connectionpool.h"
#include "http/requesthandler.h"
#include "http/router.h"

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
    ApiContext m_context;
    MetricsShard *m_metrics;
    ConnectionPool m_pool;
    std::unique_ptr<RequestAuthenticator> m_auth;
    ReadPlanCache m_readPlans;
    Router m_router;
};

} // namespace sluice
