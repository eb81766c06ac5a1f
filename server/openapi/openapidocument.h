#pragma once

#include "auth/accessdecision.h"
#include "db/schema.h"
#include "query/readspec.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace sluice {

struct ServiceState;

struct OpenApiService
{
    QString name;
    SchemaSnapshot schema; // services without one (unreachable) are left out
    bool readOnly = false;
    bool rawSql = false; // POST _sql exists (for roles with a _sql rule)

    static OpenApiService of(const ServiceState &state);
};

// Asks the one access decision whether the caller may use a verb on a component; the document
// shows exactly the operations it allows.
using AccessCheck = std::function<bool(const AccessRequest &)>;

struct OpenApiOptions
{
    QString title = QStringLiteral("Sluice");
    QString version;
    QString description;
    ReadLimits limits; // the server's, for the documented defaults and maxima of `limit`
    // Who the document was made for, as info.x-sluice-caller (the explorer says it): {kind:
    // "anonymous"|"admin"|"api_key", email?, role?, key_prefix?}. Empty: left out.
    QJsonObject caller;
};

// The OpenAPI 3.1 document of `services` as the caller sees them: a path per table and view the
// caller may use, with only the methods it may call; per-table schemas for rows, inserts and
// updates; every query parameter the table routes take; the error envelope on 4xx/5xx; API-key
// and bearer-JWT security. operationIds are stable (derived from service, table and action) and
// unique.
QJsonObject openApiDocument(const QList<OpenApiService> &services, const AccessCheck &allowed,
                            const OpenApiOptions &options);

} // namespace sluice
