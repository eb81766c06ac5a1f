// System API, GET /api/v1/system/explain?method=M&path=P[&key=K][&role=R][&tenant=T]: why the
// access decision allows or denies a request, as an API key (id or prefix), a role, or the
// calling admin would make it, acting for the key's tenant or T (docs/api.md, System API).
#include "api/system/systemroutes.h"

#include "api/accesstarget.h"
#include "api/resolver.h"
#include "api/system/systemsupport.h"
#include "auth/accessexplanation.h"
#include "auth/roleprincipal.h"
#include "query/readspec.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Status explain(const RouteScope &scope, const Call &call, const RouteParams &, HttpReply &reply)
{
    const QueryParams &query = call.request.query;
    const QString method = queryValue(query, u"method");
    const QString path = queryValue(query, u"path");
    const QString key = queryValue(query, u"key");
    const QString role = queryValue(query, u"role");
    const QString tenant = queryValue(query, u"tenant");
    if (method.isEmpty() || path.isEmpty())
        return Error::badRequest(u"explain needs 'method' and 'path', e.g. "
                                 "?method=GET&path=/api/v1/shop/_table/books"_s);
    if (!key.isEmpty() && !role.isEmpty())
        return Error::badRequest(u"Give 'key' or 'role', not both"_s);
    // 'tenant' stands for the X-Sluice-Tenant an admin (or the desktop's View as, for a role)
    // would send; a key acts for its own tenant and the request path refuses the header for it.
    if (!tenant.isEmpty() && !key.isEmpty())
        return Error::badRequest(u"Give 'tenant' with a role or for yourself: an API key acts for "
                                 "its own tenant"_s);
    if (!tenant.isEmpty() && !isValidTenantName(tenant)) {
        return Error::badRequest(
            u"Parameter 'tenant': '%1' is not a tenant name (1 to 63 of a-z, 0-9, '_', '-')"_s.arg(
                tenant.left(64)));
    }
    auto target = accessTargetOf(method, path);
    if (!target)
        return target.error();
    const ServiceHandle service = scope.context.registry->find(target->service);
    if (!service || !service->config.enabled)
        return Error::notFound(u"Service '%1' does not exist"_s.arg(target->service),
                               { { u"service"_s, target->service } });

    Result<Principal> principal = call.principal;
    if (!key.isEmpty())
        principal = keyPrincipal(*scope.context.config, key);
    else if (!role.isEmpty())
        principal = rolePrincipal(*scope.context.config, role, u"role:"_s + role, role);
    if (!principal)
        return principal.error();
    if (!tenant.isEmpty())
        principal->tenant = tenant;

    AccessExplanation explanation = explainAccess(
        *principal, { target->service, target->component, target->verb, service->config.readOnly });
    // The resolver the request path asks first (which, as a request would, reads a tenant's
    // backend on its first use).
    const Result<ServiceHandle> routed =
        resolveService(*scope.context.registry, target->service, *principal);
    explainTenancy(explanation, service->config.tenancy,
                   routed ? Status() : Status(routed.error()));
    QJsonObject answer = explanationJson(explanation);
    if (!target->note.isEmpty())
        answer.insert(u"note"_s, target->note);
    reply.body = QJsonDocument(answer).toJson(QJsonDocument::Compact);
    return {};
}

} // namespace

void installSystemExplainRoutes(Router &router, const RouteScope &scope)
{
    router.add(HttpMethod::Get, u"/api/v1/system/explain"_s, systemRoute(scope, explain));
}

} // namespace sluice
