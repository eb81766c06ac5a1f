#pragma once

#include "mcp/jsonrpc.h"
#include "mcp/mcpbackend.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace sluice {

// What MCP remembers about one client between messages.
struct McpSessionState
{
    QString protocolVersion; // negotiated at initialize; empty before
};

// The MCP protocol over one backend, independent of the transport (Streamable HTTP or stdio):
// initialize with version negotiation, ping, tools/list and tools/call, resources/list,
// resources/templates/list and resources/read. Answers requests; notifications and client
// responses get nothing back.
class McpServer
{
public:
    explicit McpServer(const McpBackend &backend)
        : m_backend(backend)
    {
    }

    // The revisions spoken, newest first (docs/api.md, MCP: what the current official SDKs speak).
    static const QStringList &supportedVersions();

    std::optional<QJsonObject> handle(const jsonrpc::Message &message, McpSessionState &session);
    // A whole transport payload: one message, or a batch (2025-03-26 only; refused with one
    // error otherwise). The responses: an object, an array, or undefined when there are none.
    QJsonValue handlePayload(const QJsonValue &payload, McpSessionState &session);

private:
    QJsonObject initialize(const QJsonValue &id, const QJsonObject &params,
                           McpSessionState &session) const;
    QJsonObject readResource(const QJsonValue &id, const QString &uri) const;
    QJsonArray resources() const;

    const McpBackend &m_backend;
};

} // namespace sluice
