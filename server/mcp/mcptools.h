#pragma once

#include "core/result.h"
#include "mcp/mcpbackend.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sluice {

// The MCP tools (docs/api.md, MCP): their definitions as the caller may use them, and their calls.
// Each call is one REST request; its answer becomes the tool result: `structuredContent` is the
// REST JSON, `content` the same as text, `isError` for a REST error (its message names the
// rule that was missing, as REST's does).
class McpTools
{
public:
    explicit McpTools(const McpBackend &backend)
        : m_backend(backend)
    {
    }

    // tools/list: only tools the caller can use somewhere (no write tools for a read-only role).
    QJsonArray list() const;
    // tools/call. InvalidParams-style errors (unknown tool, missing argument) as BadRequest.
    Result<QJsonObject> call(const QString &name, const QJsonObject &arguments) const;

private:
    const McpBackend &m_backend;
};

// A tool result from a REST reply (shared with resources, which read the same JSON).
QJsonObject toolResult(const HttpReply &reply);

} // namespace sluice
