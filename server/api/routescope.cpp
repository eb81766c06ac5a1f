#include "api/routescope.h"

#include "api/auditing.h"
#include "audit/auditlog.h"
#include "auth/ratelimiter.h"
#include "config/serviceconfig.h"
#include "core/requesttimings.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace sluice {

Status limitRequest(RateLimiter *limiter, const QString &bucket, int perMinute, HttpReply &reply)
{
    if (!limiter || perMinute <= 0)
        return {};
    const RateLimiter::Decision d =
        limiter->take(bucket, perMinute, QDateTime::currentMSecsSinceEpoch());
    reply.setHeader("RateLimit-Limit", QByteArray::number(d.limit));
    reply.setHeader("RateLimit-Remaining", QByteArray::number(d.remaining));
    reply.setHeader("RateLimit-Reset", QByteArray::number(d.resetSeconds));
    if (d.allowed)
        return {};
    return Error::tooManyRequests(
        u"Request limit of %1 per minute reached; retry in %2 s"_s.arg(d.limit).arg(
            d.retryAfterSeconds),
        int(std::max<qint64>(1, d.retryAfterSeconds)));
}

Status applyTenantHeader(const HttpRequest &request, Principal &principal)
{
    const QByteArray header = request.header("X-Sluice-Tenant");
    if (header.isEmpty())
        return {};
    if (!principal.isAdmin()) {
        return Error::forbidden(
            u"X-Sluice-Tenant is for admins; an API key or token acts for its own tenant%1"_s.arg(
                principal.tenant.isEmpty() ? QString() : u" ('%1')"_s.arg(principal.tenant)));
    }
    const QString tenant = QString::fromUtf8(header).trimmed();
    if (!isValidTenantName(tenant)) {
        return Error::badRequest(
            u"X-Sluice-Tenant: '%1' is not a tenant name (1 to 63 of a-z, 0-9, '_', '-')"_s.arg(
                tenant.left(64)));
    }
    principal.tenant = tenant;
    return {};
}

namespace {

RouteHandler authenticating(const RouteScope &scope, GuardedRoute route, bool anonymousAllowed)
{
    return replyingErrors([scope, route = std::move(route),
                           anonymousAllowed](const HttpRequest &request, const RouteParams &params,
                                             HttpReply &reply) -> Status {
        if (anonymousAllowed && request.header("X-API-Key").isEmpty()
            && request.header("Authorization").isEmpty() && request.clientCertSha256.isEmpty()) {
            static const Principal anonymous; // Kind::Anonymous: the decision allows nothing
            return route(Call { request, anonymous }, params, reply);
        }
        if (!scope.auth)
            return Error::unauthorized(u"Authentication is not configured"_s);
        auto principal = [&] {
            const TimedSpan span(&RequestTimings::authNs);
            return scope.auth->authenticate(request);
        }();
        // A client certificate bound to no key (mutual TLS) is no credential: as without any.
        if (principal && principal->kind == Principal::Kind::Anonymous && !anonymousAllowed)
            principal = Error::unauthorized(u"Credentials required: send X-API-Key, "
                                            "Authorization: Bearer <token> or a client "
                                            "certificate bound to an API key"_s);
        if (!principal) {
            // 401, or 403 for a valid token that names no role.
            const int status = httpStatusFor(principal.error().kind);
            audit(
                scope.context, request, QStringLiteral("anonymous"),
                { QStringLiteral("auth.failure"), {}, {}, {}, status, principal.error().message });
            return principal.error();
        }
        // A role acting without a key (`sluice mcp --role`, the desktop's preview) has none to
        // mark as used.
        if (principal->kind == Principal::Kind::ApiKey && principal->keyId > 0
            && scope.context.audit)
            scope.context.audit->touchKey(principal->keyId, QDateTime::currentDateTimeUtc());
        if (Status s = limitRequest(scope.context.rateLimiter, principal->rateBucket,
                                    principal->rateLimitPerMinute, reply);
            !s)
            return s;
        if (Status s = applyTenantHeader(request, *principal); !s)
            return s;
        return route(Call { request, *principal }, params, reply);
    });
}

} // namespace

RouteHandler guarded(const RouteScope &scope, GuardedRoute route)
{
    return authenticating(scope, std::move(route), false);
}

RouteHandler guardedOrAnonymous(const RouteScope &scope, GuardedRoute route)
{
    return authenticating(scope, std::move(route), true);
}

} // namespace sluice
