#include "api/apihandler.h"

#include "api/docsroutes.h"
#include "api/healthroutes.h"
#include "api/mcproutes.h"
#include "api/metricsroutes.h"
#include "api/openapiroutes.h"
#include "api/proc/procroutes.h"
#include "api/routescope.h"
#include "api/schema/schemaroutes.h"
#include "api/schema/schemawrites.h"
#include "api/sessionroutes.h"
#include "api/sql/sqlroutes.h"
#include "api/system/systemroutes.h"
#include "api/table/tablereads.h"
#include "api/table/tablewrites.h"

#include "core/requesttimings.h"
#include "http/laterreply.h"

#include <QAtomicInt>

#include <chrono>

using namespace Qt::StringLiterals;

namespace sluice {

ApiHandler::ApiHandler(const ApiContext &context, int workerIndex)
    : m_context(context)
    , m_metrics(m_context.metrics->addShard())
    , m_pool(workerIndex, context.options.statementTimeoutMs, m_metrics)
    , m_auth(context.makeAuthenticator ? context.makeAuthenticator() : nullptr)
    , m_pipelines(workerIndex, context.options.statementTimeoutMs)
{
    const RouteScope scope { m_context, m_pool, m_auth.get(), &m_readPlans, &m_pipelines };
    installHealthRoutes(m_router, scope);
    installSessionRoutes(m_router, scope);
    installSystemRoutes(m_router, scope);
    installSchemaRoutes(m_router, scope);
    installTableReadRoutes(m_router, scope);
    installTableWriteRoutes(m_router, scope);
    installSchemaWriteRoutes(m_router, scope);
    installProcRoutes(m_router, scope);
    installSqlRoutes(m_router, scope);
    installOpenApiRoutes(m_router, scope);
    installDocsRoutes(m_router);
    installMcpRoutes(m_router, scope, *this);
    installMetricsRoutes(m_router, scope);
    QStringList patterns;
    for (int i = 0; i < m_router.size(); ++i)
        patterns << m_router.pattern(i);
    m_context.metrics->setRoutes(patterns);
}

void ApiHandler::handle(const HttpRequest &request, HttpReply &reply)
{
    // Every request has an id, for X-Request-ID and the audit log. The HTTP adapter gives one;
    // in-process callers (MCP over stdio, the desktop app) may not.
    if (request.requestId.isEmpty()) {
        HttpRequest identified = request;
        identified.requestId = newRequestId();
        identified.mayAnswerLater = false; // the copy is gone when this returns
        handle(identified, reply);
        return;
    }
    const auto started = std::chrono::steady_clock::now();
    RequestTimings::current().reset();
    int route = -1;
    const CorsPolicy &cors = m_context.cors;
    if (cors.enabled() && CorsPolicy::isPreflight(request)) {
        cors.answerPreflight(request, reply);
        return;
    }
    // The per-address limit comes first: it also protects routes that need no credentials.
    if (Status s =
            limitRequest(m_context.rateLimiter, u"address:"_s + request.remoteAddress.toString(),
                         m_context.options.perAddressPerMinute, reply);
        !s) {
        answerWithError(reply, s.error());
    } else {
        route = m_router.dispatch(request, reply);
    }
    if (reply.later) {
        // The request stays alive with its connection until the reply is written (LaterReply).
        reply.later->then([this, &request, route, started](HttpReply &completed) {
            finishReply(request, completed, route, started, true);
        });
        return;
    }
    finishReply(request, reply, route, started, false);
}

void ApiHandler::finishReply(const HttpRequest &request, HttpReply &reply, int route,
                             std::chrono::steady_clock::time_point started, bool later)
{
    m_context.cors.decorate(request, reply);
    const qint64 elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::steady_clock::now() - started)
                               .count();
    m_metrics->countRequest(route, request.methodName, reply.status, elapsed);
    if (m_context.requestLog)
        m_context.requestLog->append({ 0, QDateTime::currentDateTimeUtc(), request.methodName,
                                       request.path, reply.status, double(elapsed) / 1e6 });
    // An answer that came later shares the worker's timings with the requests served meanwhile:
    // only its total is its own.
    if (m_context.options.serverTiming)
        reply.headers.append({ QByteArrayLiteral("Server-Timing"),
                               later ? RequestTimings::serverTimingTotal(elapsed)
                                     : RequestTimings::current().serverTiming(elapsed) });
}

RequestHandlerFactory ApiHandler::factory(const ApiContext &context)
{
    auto counter = std::make_shared<QAtomicInt>(0);
    return [context, counter] {
        return std::make_unique<ApiHandler>(context, counter->fetchAndAddRelaxed(1));
    };
}

} // namespace sluice
