#pragma once

#include "api/apicontext.h"
#include "api/table/readplancache.h"
#include "auth/accessdecision.h"
#include "auth/requestauthenticator.h"
#include "db/connectionpool.h"
#include "db/readpipelines.h"
#include "http/errorreply.h"
#include "http/router.h"

namespace sluice {

// What route handlers of one worker use: the shared context and the worker's connections.
struct RouteScope
{
    ApiContext &context;
    ConnectionPool &pool;
    RequestAuthenticator *auth; // null: every guarded route is 401
    ReadPlanCache *readPlans = nullptr; // the worker's; null: every read is planned afresh
    // The worker's pipelined reads (PostgreSQL); null: every read goes through the pool.
    ReadPipelines *pipelines = nullptr;
};

// A request together with the caller it was authenticated as.
struct Call
{
    const HttpRequest &request;
    const Principal &principal;
};

// Route bodies return Status; a failure becomes the JSON error reply here, in one place. Headers
// set before the failure (rate limits, CORS) stay on the error reply.
using StatusRoute = std::function<Status(const HttpRequest &, const RouteParams &, HttpReply &)>;
inline RouteHandler replyingErrors(StatusRoute route)
{
    return [route = std::move(route)](const HttpRequest &request, const RouteParams &params,
                                      HttpReply &reply) {
        if (Status s = route(request, params, reply); !s)
            answerWithError(reply, s.error());
    };
}

// Draws one request from `bucket` (perMinute <= 0: unlimited) and sets the RateLimit-* headers;
// TooManyRequests with Retry-After when the bucket is empty.
Status limitRequest(RateLimiter *limiter, const QString &bucket, int perMinute, HttpReply &reply);

// An admin acts for a tenant by naming it in X-Sluice-Tenant (API.md §11): sets
// `principal.tenant`. Anyone else's tenant is their key's or token's own: the header is refused
// (403) rather than ignored, so a client that believes it switched learns that it did not; a
// name that cannot be a tenant is 400. Every front door applies it after authenticating.
Status applyTenantHeader(const HttpRequest &request, Principal &principal);

// For routes that need credentials: authenticates (401 on failure), applies the caller's request
// limit, then runs the route with the caller; errors become replies as above.
using GuardedRoute = std::function<Status(const Call &, const RouteParams &, HttpReply &)>;
RouteHandler guarded(const RouteScope &scope, GuardedRoute route);
// Like guarded(), but a request without any credentials runs as the anonymous principal (which
// the access decision allows nothing); wrong credentials are still 401.
RouteHandler guardedOrAnonymous(const RouteScope &scope, GuardedRoute route);

// The usual shape of a guarded route: a function of the worker's scope and the call.
using ScopedRoute = Status (*)(const RouteScope &, const Call &, const RouteParams &, HttpReply &);
inline RouteHandler guardedRoute(const RouteScope &scope, ScopedRoute fn)
{
    return guarded(scope, [scope, fn](const Call &call, const RouteParams &p, HttpReply &r) {
        return fn(scope, call, p, r);
    });
}

// 404 for a by-id route whose row does not exist (or is hidden from the caller).
inline Error noSuchRecord(const QString &table, const QString &id)
{
    return Error::notFound(QStringLiteral("No record with id '%1' in table '%2'").arg(id, table));
}

} // namespace sluice
