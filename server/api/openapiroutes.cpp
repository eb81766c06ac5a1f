#include "api/openapiroutes.h"

#include "api/resolver.h"
#include "api/table/etag.h"
#include "openapi/openapidocument.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// The caller as the document names it: never a secret, only what the caller already knows.
QJsonObject callerOf(const Principal &principal)
{
    switch (principal.kind) {
    case Principal::Kind::Admin:
        return { { u"kind"_s, u"admin"_s }, { u"email"_s, principal.email } };
    case Principal::Kind::ApiKey:
        return { { u"kind"_s, u"api_key"_s },
                 { u"key_prefix"_s, principal.keyPrefix },
                 { u"role"_s, principal.role ? principal.role->name : QString() } };
    case Principal::Kind::Anonymous: break;
    }
    return { { u"kind"_s, u"anonymous"_s } };
}

Status answer(const RouteScope &scope, const Call &call, const QList<OpenApiService> &services,
              HttpReply &reply)
{
    const Principal &principal = call.principal;
    OpenApiOptions options;
    options.limits = scope.context.options.read;
    options.version = QStringLiteral(SLUICE_VERSION);
    options.description =
        u"The REST API of a Sluice server, as the calling role may use it. Errors are "
        "{\"error\":{\"code\",\"message\",\"context\"?}}."_s;
    options.caller = callerOf(principal);
    const QJsonObject document = openApiDocument(
        services,
        [&principal](const AccessRequest &request) {
            return decideAccess(principal, request).ok();
        },
        options);
    reply.body = QJsonDocument(document).toJson(QJsonDocument::Compact);
    applyEtag(call.request, reply, reply.body, call.principal.tenant);
    return {};
}

Status wholeApi(const RouteScope &scope, const Call &call, const RouteParams &, HttpReply &reply)
{
    QList<OpenApiService> services;
    for (const ServiceHandle &service : scope.context.registry->all()) {
        if (service->config.tenancy == Tenancy::None) {
            services.append(OpenApiService::of(*service));
            continue;
        }
        // A per-tenant service as the caller's tenant has it; left out for callers it refuses.
        if (auto reached =
                resolveService(*scope.context.registry, service->config.name, call.principal))
            services.append(OpenApiService::of(**reached));
    }
    return answer(scope, call, services, reply);
}

Status serviceApi(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    auto service = resolveService(*scope.context.registry, p.at(0), call.principal);
    if (!service)
        return service.error();
    return answer(scope, call, { OpenApiService::of(**service) }, reply);
}

} // namespace

void installOpenApiRoutes(Router &router, const RouteScope &scope)
{
    // docs/api.md, Routes without credentials: unauthenticated; an anonymous caller sees what an
    // anonymous role may use.
    router.add(HttpMethod::Get, u"/openapi.json"_s,
               guardedOrAnonymous(
                   scope, [scope](const Call &call, const RouteParams &p, HttpReply &reply) {
                       return wholeApi(scope, call, p, reply);
                   }));
    router.add(HttpMethod::Get, u"/api/v1/{service}/_doc"_s, guardedRoute(scope, serviceApi));
}

} // namespace sluice
