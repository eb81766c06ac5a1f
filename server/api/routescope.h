#pragma once

#include "api/apicontext.h"
#include "db/connectionpool.h"
#include "http/errorreply.h"
#include "http/router.h"

namespace sluice {

// What route handlers of one worker use: the shared context and the worker's connections.
struct RouteScope
{
    ApiContext &context;
    ConnectionPool &pool;
};

// Route bodies return Status; a failure becomes the JSON error reply here, in one place.
using StatusRoute = std::function<Status(const HttpRequest &, const RouteParams &, HttpReply &)>;
inline RouteHandler replyingErrors(StatusRoute route)
{
    return [route = std::move(route)](const HttpRequest &request, const RouteParams &params,
                                      HttpReply &reply) {
        if (Status s = route(request, params, reply); !s)
            reply = errorReply(s.error());
    };
}

// 404 for a by-id route whose row does not exist (or is hidden from the caller).
inline Error noSuchRecord(const QString &table, const QString &id)
{
    return Error::notFound(QStringLiteral("No record with id '%1' in table '%2'").arg(id, table));
}

} // namespace sluice
