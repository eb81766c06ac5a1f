#include "api/mcproutes.h"

#include "api/resolver.h"
#include "mcp/mcpserver.h"
#include "mcp/mcpsessions.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// A browser page may only drive /mcp from an origin the server trusts: a configured CORS origin
// or the local machine. Clients that are not browsers send no Origin.
bool originAllowed(const RouteScope &scope, const QByteArray &origin)
{
    if (origin.isEmpty() || scope.context.cors.allows(origin))
        return true;
    const QString host = QUrl(QString::fromUtf8(origin)).host();
    return host == u"localhost"_s || host == u"127.0.0.1"_s || host == u"::1"_s;
}

void replyJson(HttpReply &reply, int status, const QJsonValue &body)
{
    reply.status = status;
    reply.body = jsonrpc::serialize(body);
}

// A JSON-RPC error answered with the HTTP status of `kind`, from the one map (httpStatusFor).
void replyRpcError(HttpReply &reply, ErrorKind kind, int code, const QString &message)
{
    replyJson(reply, httpStatusFor(kind), jsonrpc::error(QJsonValue(), code, message));
}

// Whose an MCP session is: the caller, acting for its tenant (API.md §11). An admin's session
// opened for tenant A is not found with X-Sluice-Tenant: B (nor without the header), as a token
// of the same subject with another tenant claim finds nothing: nothing one tenant obtains works
// for another. A tenant name holds no '|', so the pair reads back one way only.
QString sessionOwner(const Principal &principal)
{
    return principal.tenant + u'|' + principal.actor();
}

McpBackend backendFor(const RouteScope &scope, const Call &call, RequestHandler &api)
{
    McpBackend backend;
    backend.registry = scope.context.registry;
    backend.principal = &call.principal;
    backend.limits = scope.context.options.read;
    const HttpRequest &outer = call.request;
    backend.resolve = [&scope, &call](const QString &name) {
        return resolveService(*scope.context.registry, name, call.principal);
    };
    backend.dispatch = [&api, &outer](HttpRequest request) {
        // The inner request authenticates as the outer one did, and an admin acts for the same
        // tenant (API.md §11); a key or token brings its own, which the header cannot change.
        for (const char *name : { "X-API-Key", "Authorization", "X-Sluice-Tenant" }) {
            const QByteArray value = outer.header(name);
            if (!value.isEmpty())
                request.headers.append({ name, value });
        }
        request.remoteAddress = outer.remoteAddress;
        request.clientCertSha256 = outer.clientCertSha256; // mutual TLS: the same key
        request.requestId = outer.requestId;
        HttpReply reply;
        api.handle(request, reply);
        return reply;
    };
    return backend;
}

Status postMcp(const RouteScope &scope, RequestHandler &api, const Call &call, HttpReply &reply)
{
    const HttpRequest &request = call.request;
    if (!originAllowed(scope, request.header("Origin"))) {
        replyRpcError(reply, ErrorKind::Forbidden, jsonrpc::InvalidRequest,
                      u"Origin '%1' may not use this MCP server"_s.arg(
                          QString::fromUtf8(request.header("Origin"))));
        return {};
    }
    const QByteArray version = request.header("MCP-Protocol-Version");
    if (!version.isEmpty()
        && !McpServer::supportedVersions().contains(QString::fromLatin1(version))) {
        replyRpcError(
            reply, ErrorKind::BadRequest, jsonrpc::InvalidRequest,
            u"Unsupported MCP-Protocol-Version '%1'; this server speaks %2"_s.arg(
                QString::fromLatin1(version), McpServer::supportedVersions().join(u", "_s)));
        return {};
    }
    const Result<QJsonValue> parsed = jsonrpc::parse(request.body);
    if (!parsed) {
        replyRpcError(reply, ErrorKind::BadRequest, jsonrpc::ParseError, parsed.error().message);
        return {};
    }
    const QJsonValue &payload = *parsed;
    McpSessions &sessions = *scope.context.mcpSessions;
    const QString owner = sessionOwner(call.principal);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const jsonrpc::Message single = jsonrpc::classify(payload);
    const bool initializing =
        single.kind == jsonrpc::Message::Kind::Request && single.method == u"initialize"_s;
    McpSessionState state;
    const QString sessionId = QString::fromLatin1(request.header("Mcp-Session-Id"));
    if (!initializing) { // initialize opens a new session, whose id goes out with the answer
        if (sessionId.isEmpty()) {
            replyRpcError(reply, ErrorKind::BadRequest, jsonrpc::InvalidRequest,
                          u"Missing Mcp-Session-Id header: send initialize first"_s);
            return {};
        }
        auto found = sessions.find(sessionId, owner, now);
        if (!found) {
            // Unknown, expired, or another caller's: the client starts a new session.
            replyRpcError(reply, ErrorKind::NotFound, jsonrpc::InvalidRequest,
                          u"No such MCP session; send initialize again"_s);
            return {};
        }
        state = *found;
    }
    const McpBackend backend = backendFor(scope, call, api);
    const QJsonValue responses = McpServer(backend).handlePayload(payload, state);
    if (initializing && !state.protocolVersion.isEmpty())
        reply.setHeader("Mcp-Session-Id", sessions.open(owner, state, now).toLatin1());
    if (responses.isUndefined()) {
        reply.status = 202; // notifications and responses only
        reply.body.clear();
        return {};
    }
    // A batch refused as a whole is a bad request; answers to messages, even errors, are 200.
    const bool refused = payload.isArray() && responses.isObject();
    replyJson(reply, refused ? httpStatusFor(ErrorKind::BadRequest) : 200, responses);
    return {};
}

// Where clients reach this server: server.public_url, else the request's own Host (the server
// itself speaks plain HTTP; behind a TLS proxy, set server.public_url).
QString baseUrl(const RouteScope &scope, const HttpRequest &request)
{
    QString base = scope.context.publicUrl;
    if (base.isEmpty()) {
        const QByteArray host = request.header("Host");
        base = u"http://"_s + (host.isEmpty() ? u"localhost"_s : QString::fromLatin1(host));
    }
    while (base.endsWith(u'/'))
        base.chop(1);
    return base;
}

// RFC 9728: the resource /mcp and the authorization servers whose tokens it accepts.
void protectedResource(const RouteScope &scope, const HttpRequest &request, HttpReply &reply)
{
    QJsonObject document;
    document.insert(u"resource"_s, QString(baseUrl(scope, request) + u"/mcp"_s));
    document.insert(u"authorization_servers"_s,
                    QJsonArray::fromStringList(scope.context.authorizationServers));
    document.insert(u"bearer_methods_supported"_s, QJsonArray { u"header"_s });
    reply.status = 200;
    reply.body = QJsonDocument(document).toJson(QJsonDocument::Compact);
}

// A 401 from /mcp tells an MCP client where to learn how to get a token (MCP authorization,
// 2025-11-25).
RouteHandler pointingToMetadata(const RouteScope &scope, RouteHandler route)
{
    return [scope, route = std::move(route)](const HttpRequest &request, const RouteParams &p,
                                             HttpReply &reply) {
        route(request, p, reply);
        if (reply.status == 401)
            reply.setHeader(
                "WWW-Authenticate",
                u"Bearer resource_metadata=\"%1/.well-known/oauth-protected-resource\""_s
                    .arg(baseUrl(scope, request))
                    .toUtf8());
    };
}

Status deleteMcp(const RouteScope &scope, const Call &call, HttpReply &reply)
{
    const QString sessionId = QString::fromLatin1(call.request.header("Mcp-Session-Id"));
    if (sessionId.isEmpty())
        return Error::badRequest(u"Missing Mcp-Session-Id header"_s);
    if (!scope.context.mcpSessions->close(sessionId, sessionOwner(call.principal)))
        return Error::notFound(u"No such MCP session"_s);
    reply.status = 204;
    return {};
}

} // namespace

void installMcpRoutes(Router &router, const RouteScope &scope, RequestHandler &api)
{
    router.add(
        HttpMethod::Post, u"/mcp"_s,
        pointingToMetadata(
            scope,
            guarded(scope, [scope, &api](const Call &call, const RouteParams &, HttpReply &r) {
                return postMcp(scope, api, call, r);
            })));
    router.add(
        HttpMethod::Delete, u"/mcp"_s,
        pointingToMetadata(
            scope, guarded(scope, [scope](const Call &call, const RouteParams &, HttpReply &r) {
                return deleteMcp(scope, call, r);
            })));
    // docs/api.md, Routes without credentials.
    router.add(HttpMethod::Get, u"/.well-known/oauth-protected-resource"_s,
               [scope](const HttpRequest &request, const RouteParams &, HttpReply &reply) {
                   protectedResource(scope, request, reply);
               });
    // No server-initiated stream: the spec's answer to GET is then 405.
    router.add(HttpMethod::Get, u"/mcp"_s,
               [](const HttpRequest &, const RouteParams &, HttpReply &reply) {
                   reply.setHeader("Allow", "POST, DELETE");
                   replyRpcError(reply, ErrorKind::MethodNotAllowed, jsonrpc::InvalidRequest,
                                 u"This server sends no event stream; POST messages to /mcp"_s);
               });
}

} // namespace sluice
