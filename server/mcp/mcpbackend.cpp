#include "mcp/mcpbackend.h"

#include "auth/accessdecision.h"

#include <QJsonDocument>

namespace sluice {

HttpReply McpBackend::call(HttpMethod method, const QString &path, const QueryParams &query,
                           const QByteArray &body) const
{
    HttpRequest request;
    request.method = method;
    request.methodName = httpMethodName(method);
    request.path = path;
    request.query = query;
    request.body = body;
    if (!body.isEmpty())
        request.headers.append(
            { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") });
    return dispatch(std::move(request));
}

bool McpBackend::may(const ServiceState &service, const QString &component, int verb) const
{
    return principal
        && decideAccess(*principal,
                        { service.config.name, component, verb, service.config.readOnly })
               .ok();
}

QJsonObject replyObject(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

} // namespace sluice
