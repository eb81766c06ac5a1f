#pragma once

#include "core/result.h"
#include "http/httpreply.h"
#include "http/httprequest.h"

#include <QByteArrayList>

namespace sluice {

// Which browser origins may call the API (cors.origins, cors.allow_credentials). No origins
// configured: no CORS headers at all, so browsers keep the same-origin policy.
class CorsPolicy
{
public:
    // "*" allows any origin, but never together with credentials (refused here).
    static Result<CorsPolicy> fromSettings(const QString &origins, bool allowCredentials);

    bool enabled() const { return m_any || !m_origins.isEmpty(); }
    bool allows(QByteArrayView origin) const;

    // An OPTIONS request carrying Access-Control-Request-Method.
    static bool isPreflight(const HttpRequest &request);
    // 204 with the allowed methods and headers, or 403 for an origin that is not allowed.
    void answerPreflight(const HttpRequest &request, HttpReply &reply) const;
    // Adds Access-Control-Allow-Origin (and friends) when the request's origin is allowed.
    void decorate(const HttpRequest &request, HttpReply &reply) const;

private:
    QByteArrayList m_origins;
    bool m_any = false;
    bool m_credentials = false;
};

} // namespace sluice
