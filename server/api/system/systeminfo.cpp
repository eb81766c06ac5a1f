// System API, GET /api/v1/system/info: what this server is and can reach.
#include "api/system/systemroutes.h"

#include "api/system/systemsupport.h"
#include "db/backends.h"
#include "db/dialect.h"
#include "secrets/secretstore.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Status info(const RouteScope &scope, const Call &, const RouteParams &, HttpReply &reply)
{
    const ApiContext &ctx = scope.context;
    JsonWriter w(reply.body);
    w.beginObject();
    w.field("name", "sluice");
    w.field("version", SLUICE_VERSION);
    w.field("qt", qVersion());
    w.key("drivers");
    w.beginArray(); // as --driver names them, not Qt's plugin names
    for (const QString &driver : availableDrivers())
        w.string(driver);
    w.endArray();
    w.field("services", ctx.registry ? ctx.registry->all().size() : 0);
    w.field("secret_store",
            ctx.secrets ? std::optional<QString>(ctx.secrets->name()) : std::nullopt);
    w.endObject();
    return {};
}

} // namespace

void installSystemInfoRoutes(Router &router, const RouteScope &scope)
{
    router.add(HttpMethod::Get, u"/api/v1/system/info"_s, systemRoute(scope, info));
}

} // namespace sluice
