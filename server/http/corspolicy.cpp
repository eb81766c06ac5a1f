#include "http/corspolicy.h"

#include "http/errorreply.h"

using namespace Qt::StringLiterals;

namespace sluice {

Result<CorsPolicy> CorsPolicy::fromSettings(const QString &origins, bool allowCredentials)
{
    CorsPolicy policy;
    policy.m_credentials = allowCredentials;
    for (const QString &item : origins.split(u',', Qt::SkipEmptyParts)) {
        const QString origin = item.trimmed();
        if (origin == u"*"_s) {
            policy.m_any = true;
            continue;
        }
        if (!origin.startsWith(u"http://"_s) && !origin.startsWith(u"https://"_s))
            return Error::badRequest(
                u"cors.origins: '%1' is not an origin like https://app.example.com"_s.arg(origin));
        policy.m_origins.append(origin.toLatin1());
    }
    if (policy.m_any && allowCredentials)
        return Error::badRequest(
            u"cors.origins '*' cannot be combined with cors.allow_credentials: "
            "list the origins that may send credentials"_s);
    return policy;
}

bool CorsPolicy::allows(QByteArrayView origin) const
{
    if (origin.isEmpty())
        return false;
    return m_any || m_origins.contains(origin.toByteArray());
}

bool CorsPolicy::isPreflight(const HttpRequest &request)
{
    return request.method == HttpMethod::Options
        && !request.header("Access-Control-Request-Method").isEmpty();
}

void CorsPolicy::answerPreflight(const HttpRequest &request, HttpReply &reply) const
{
    const QByteArray origin = request.header("Origin");
    if (!allows(origin)) {
        reply.status = 403;
        reply.body = errorBody(403,
                               u"Origin '%1' may not call this API (cors.origins)"_s.arg(
                                   QString::fromLatin1(origin.left(200))));
        return;
    }
    reply.status = 204;
    decorate(request, reply);
    reply.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    reply.setHeader(
        "Access-Control-Allow-Headers",
        "Content-Type, Authorization, X-API-Key, X-Request-ID, X-Setup-Token, X-Sluice-Tenant");
    reply.setHeader("Access-Control-Max-Age", "600");
}

void CorsPolicy::decorate(const HttpRequest &request, HttpReply &reply) const
{
    if (!enabled())
        return;
    reply.setHeader("Vary", "Origin");
    const QByteArray origin = request.header("Origin");
    if (!allows(origin))
        return;
    // A listed origin is echoed; "*" is sent as "*" (and is never combined with credentials).
    reply.setHeader("Access-Control-Allow-Origin",
                    m_any && !m_origins.contains(origin) ? "*"_ba : origin);
    if (m_credentials)
        reply.setHeader("Access-Control-Allow-Credentials", "true");
    reply.setHeader(
        "Access-Control-Expose-Headers",
        "X-Request-ID, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset");
}

} // namespace sluice
