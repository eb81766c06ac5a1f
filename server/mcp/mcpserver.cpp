#include "mcp/mcpserver.h"

#include "mcp/mcptools.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QJsonObject textResource(const QString &uri, const QByteArray &json)
{
    return { { u"contents"_s,
               QJsonArray { QJsonObject { { u"uri"_s, uri },
                                          { u"mimeType"_s, u"application/json"_s },
                                          { u"text"_s, QString::fromUtf8(json) } } } } };
}

// -32002: the resource does not exist (or is not the caller's to read).
constexpr int kResourceNotFound = -32002;

} // namespace

const QStringList &McpServer::supportedVersions()
{
    static const QStringList versions = { u"2025-11-25"_s, u"2025-06-18"_s, u"2025-03-26"_s };
    return versions;
}

QJsonObject McpServer::initialize(const QJsonValue &id, const QJsonObject &params,
                                  McpSessionState &session) const
{
    // The client's version when we speak it, else our newest: the client decides whether it
    // can go on with that.
    const QString wanted = params.value(u"protocolVersion"_s).toString();
    session.protocolVersion =
        supportedVersions().contains(wanted) ? wanted : supportedVersions().first();
    return jsonrpc::result(
        id,
        QJsonObject {
            { u"protocolVersion"_s, session.protocolVersion },
            { u"capabilities"_s,
              QJsonObject {
                  { u"tools"_s, QJsonObject { { u"listChanged"_s, false } } },
                  { u"resources"_s,
                    QJsonObject { { u"listChanged"_s, false }, { u"subscribe"_s, false } } } } },
            { u"serverInfo"_s,
              QJsonObject { { u"name"_s, u"sluice"_s },
                            { u"title"_s, u"Sluice"_s },
                            { u"version"_s, QStringLiteral(SLUICE_VERSION) } } },
            { u"instructions"_s,
              u"Sluice serves SQL databases. Start with sluice_list_services and "
              "sluice_list_tables, read a table's columns with sluice_describe_table, then "
              "sluice_query with a filter. You see and may change only what your role "
              "allows."_s },
        });
}

QJsonArray McpServer::resources() const
{
    QJsonArray out { QJsonObject { { u"uri"_s, u"sluice://services"_s },
                                   { u"name"_s, u"services"_s },
                                   { u"description"_s, u"The services you may use"_s },
                                   { u"mimeType"_s, u"application/json"_s } } };
    for (const ServiceHandle &service : m_backend.registry->all()) {
        if (m_backend.call(HttpMethod::Get, u"/api/v1/"_s + service->config.name + u"/_schema"_s)
                .status
            != 200)
            continue;
        out.append(QJsonObject {
            { u"uri"_s, QString(u"sluice://schema/"_s + service->config.name) },
            { u"name"_s, QString(u"schema of "_s + service->config.name) },
            { u"description"_s, u"Tables, views, columns, keys and procedures you may use"_s },
            { u"mimeType"_s, u"application/json"_s } });
    }
    return out;
}

QJsonObject McpServer::readResource(const QJsonValue &id, const QString &uri) const
{
    if (uri == u"sluice://services"_s) {
        auto services = McpTools(m_backend).call(u"sluice_list_services"_s, {});
        const QJsonObject structured = services->value(u"structuredContent"_s).toObject();
        return jsonrpc::result(
            id, textResource(uri, QJsonDocument(structured).toJson(QJsonDocument::Compact)));
    }
    const QString prefix = u"sluice://schema/"_s;
    if (uri.startsWith(prefix)) {
        const QStringList parts = uri.mid(prefix.size()).split(u'/');
        if (parts.size() <= 2 && !parts.first().isEmpty()
            && (parts.size() == 1 || !parts.at(1).isEmpty())) {
            QString path = u"/api/v1/"_s + parts.first() + u"/_schema"_s;
            if (parts.size() == 2)
                path += u'/' + parts.at(1);
            const HttpReply reply = m_backend.call(HttpMethod::Get, path);
            if (reply.status == 200)
                return jsonrpc::result(id, textResource(uri, reply.body));
            return jsonrpc::error(id, kResourceNotFound,
                                  replyObject(reply).value(u"error"_s)[u"message"_s].toString(),
                                  QJsonObject { { u"uri"_s, uri } });
        }
    }
    return jsonrpc::error(id, kResourceNotFound, u"Unknown resource '%1'"_s.arg(uri),
                          QJsonObject { { u"uri"_s, uri } });
}

QJsonValue McpServer::handlePayload(const QJsonValue &payload, McpSessionState &session)
{
    if (!payload.isArray()) {
        const auto response = handle(jsonrpc::classify(payload), session);
        return response ? QJsonValue(*response) : QJsonValue(QJsonValue::Undefined);
    }
    const QJsonArray batch = payload.toArray();
    if (batch.isEmpty())
        return jsonrpc::error(QJsonValue(), jsonrpc::InvalidRequest,
                              u"Invalid request: empty batch"_s);
    if (session.protocolVersion != u"2025-03-26"_s)
        return jsonrpc::error(QJsonValue(), jsonrpc::InvalidRequest,
                              u"Invalid request: batches are not part of MCP %1"_s.arg(
                                  session.protocolVersion.isEmpty() ? supportedVersions().first()
                                                                    : session.protocolVersion));
    QJsonArray responses;
    for (const QJsonValue &message : batch) {
        const jsonrpc::Message m = jsonrpc::classify(message);
        if (m.kind == jsonrpc::Message::Kind::Request && m.method == u"initialize"_s) {
            responses.append(
                jsonrpc::error(m.id, jsonrpc::InvalidRequest, u"initialize must be sent alone"_s));
            continue;
        }
        if (auto response = handle(m, session))
            responses.append(*response);
    }
    return responses.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(responses);
}

std::optional<QJsonObject> McpServer::handle(const jsonrpc::Message &message,
                                             McpSessionState &session)
{
    using Kind = jsonrpc::Message::Kind;
    if (message.kind == Kind::Invalid)
        return jsonrpc::error(message.id, jsonrpc::InvalidRequest,
                              u"Invalid request: "_s + message.invalidReason);
    if (message.kind != Kind::Request)
        return std::nullopt; // notifications (initialized, cancelled) and responses

    const QJsonValue &id = message.id;
    const QString &method = message.method;
    if (method == u"initialize"_s)
        return initialize(id, message.params, session);
    if (method == u"ping"_s)
        return jsonrpc::result(id, QJsonObject());
    if (session.protocolVersion.isEmpty())
        return jsonrpc::error(id, jsonrpc::InvalidRequest,
                              u"Send initialize before '%1'"_s.arg(method));
    if (method == u"tools/list"_s)
        return jsonrpc::result(id, QJsonObject { { u"tools"_s, McpTools(m_backend).list() } });
    if (method == u"tools/call"_s) {
        const QJsonValue name = message.params.value(u"name"_s);
        const QJsonValue arguments = message.params.value(u"arguments"_s);
        if (!name.isString())
            return jsonrpc::error(id, jsonrpc::InvalidParams, u"tools/call needs a tool name"_s);
        if (!arguments.isUndefined() && !arguments.isObject())
            return jsonrpc::error(id, jsonrpc::InvalidParams,
                                  u"tools/call arguments must be an object"_s);
        auto result = McpTools(m_backend).call(name.toString(), arguments.toObject());
        if (!result)
            return jsonrpc::error(id, jsonrpc::InvalidParams, result.error().message);
        return jsonrpc::result(id, *result);
    }
    if (method == u"resources/list"_s)
        return jsonrpc::result(id, QJsonObject { { u"resources"_s, resources() } });
    if (method == u"resources/templates/list"_s) {
        return jsonrpc::result(
            id,
            QJsonObject {
                { u"resourceTemplates"_s,
                  QJsonArray { QJsonObject {
                      { u"uriTemplate"_s, u"sluice://schema/{service}/{table}"_s },
                      { u"name"_s, u"table schema"_s },
                      { u"description"_s, u"Columns, keys, foreign keys and indexes of a table"_s },
                      { u"mimeType"_s, u"application/json"_s } } } } });
    }
    if (method == u"resources/read"_s) {
        const QJsonValue uri = message.params.value(u"uri"_s);
        if (!uri.isString())
            return jsonrpc::error(id, jsonrpc::InvalidParams, u"resources/read needs a uri"_s);
        return readResource(id, uri.toString());
    }
    return jsonrpc::error(id, jsonrpc::MethodNotFound, u"Unknown method '%1'"_s.arg(method));
}

} // namespace sluice
