#pragma once

#include "auth/principal.h"
#include "db/serviceregistry.h"
#include "http/httpreply.h"
#include "http/httprequest.h"
#include "query/readspec.h"

#include <QJsonObject>

#include <functional>

namespace sluice {

// How MCP reaches the data: through this process's REST API, as the caller. Every tool and
// resource is a REST request run by `dispatch`, which adds the caller's credentials, so MCP
// answers and refuses exactly as REST does (docs/api.md, MCP) and no rule is written twice.
struct McpBackend
{
    const ServiceRegistry *registry = nullptr;
    const Principal *principal = nullptr; // who is calling: to show only what they may use
    ReadLimits limits; // the server's row limits, as the tools' schemas state them
    std::function<HttpReply(HttpRequest)> dispatch;
    // The service `name` as the caller reaches it, or why not: for a per-tenant service (API.md
    // §11) the backend of the caller's tenant, whose schema may differ from the service's own.
    // The host sets it to the REST resolver (api/resolver.h) so that MCP shows what REST serves;
    // unset, a per-tenant service is shown to no one.
    std::function<Result<ServiceHandle>(const QString &name)> resolve;

    // Runs a REST request; `path` is decoded ("/api/v1/shop/_table/books").
    HttpReply call(HttpMethod method, const QString &path, const QueryParams &query = {},
                   const QByteArray &body = {}) const;

    // Whether the caller may use `verb` on `component` of `service` (the one access decision).
    bool may(const ServiceState &service, const QString &component, int verb) const;
    // What the caller reaches of `service` (one of registry->all()): the service itself when it
    // is shared, its tenant's backend (through `resolve`) when it is per tenant; null when the
    // caller reaches nothing there (no tenant, no backend, unreadable schema).
    ServiceHandle reached(const ServiceHandle &service) const;
};

// A REST reply's body as a JSON object (an error reply's too); empty when it is not one.
QJsonObject replyObject(const HttpReply &reply);

} // namespace sluice
