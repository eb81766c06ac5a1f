#include "api/metricsroutes.h"

#include "auth/ratelimiter.h"
#include "http/connectionadmission.h"

using namespace Qt::StringLiterals;

namespace sluice {

void installMetricsRoutes(Router &router, const RouteScope &scope)
{
    router.add(HttpMethod::Get, u"/metrics"_s,
               replyingErrors([scope](const HttpRequest &request, const RouteParams &,
                                      HttpReply &reply) -> Status {
                   if (!request.remoteAddress.isLoopback()) {
                       if (!scope.auth)
                           return Error::unauthorized(u"Authentication is not configured"_s);
                       auto principal = scope.auth->authenticate(request);
                       if (!principal)
                           return principal.error();
                       if (!principal->isAdmin())
                           return Error::forbidden(u"/metrics answers the local machine and admin "
                                                   "sessions only"_s);
                   }
                   Metrics::Extra extra;
                   if (scope.context.rateLimiter)
                       extra.rateLimited = scope.context.rateLimiter->refused();
                   const ConnectionRefusals &refusals = connectionRefusals();
                   extra.refusedPerAddress = refusals.perAddress;
                   extra.refusedWorkerFull = refusals.workerFull;
                   extra.headTimeouts = refusals.headTimeouts;
                   reply.contentType = "text/plain; version=0.0.4; charset=utf-8";
                   reply.body = scope.context.metrics->prometheusText(extra);
                   return {};
               }));
}

} // namespace sluice
