#include "mcp/mcpbackend.h"

#include "auth/accessdecision.h"
#include "core/jsonsyntax.h"

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

ServiceHandle McpBackend::reached(const ServiceHandle &service) const
{
    if (!service || service->config.tenancy == Tenancy::None)
        return service;
    if (!resolve)
        return nullptr;
    const Result<ServiceHandle> backend = resolve(service->config.name);
    return backend ? *backend : nullptr;
}

QJsonObject replyObject(const HttpReply &reply)
{
    // The reply's numbers keep every digit (a NUMERIC(20,8) is no double): marked, they are
    // written back as the API wrote them (JsonWriter::value). A reply holding a text that begins
    // with the marker cannot be marked; it is read as it is.
    const Result<QByteArray> marked = markExactNumbers(reply.body);
    return QJsonDocument::fromJson(marked ? *marked : reply.body).object();
}

} // namespace sluice
