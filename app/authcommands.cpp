// sluice auth explain [--key K | --token JWT | --role R] [--json] METHOD PATH: why the access
// decision allows or denies a request of the service API, as an API key, a token, a role or the
// CLI's admin would make it (docs/api.md, Command line). Exit status as `kubectl auth can-i`:
// 0 allowed, 1 denied.
#include "clistores.h"
#include "commands.h"
#include "settingsloader.h"

#include "api/accesstarget.h"
#include "api/resolver.h"
#include "auth/accessexplanation.h"
#include "auth/externalidentity.h"
#include "auth/roleprincipal.h"
#include "auth/snapshotauthenticator.h"
#include "config/configservice.h"
#include "runtime/authbootstrap.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

const QString kExplainUsage = u"usage: sluice auth explain [--key ID|PREFIX|KEY | --token JWT | "
                              "--role NAME] [--tenant T] [--json] METHOD PATH"_s;

// What the service's tenancy makes of `caller` (API.md §11): the request path's own routing over
// the stored services and tenants, without connecting to any database.
Status tenantRouting(ConfigService &config, const QString &service, const Principal &caller)
{
    const Result<ServedConfig> stored = readServedConfig(config);
    if (!stored)
        return stored.error();
    ServiceRegistry registry(0);
    registry.setTenants(stored->tenants);
    registry.setServices(stored->services);
    const Result<ServiceHandle> routed = routeToTenant(registry, service, caller);
    return routed ? Status() : Status(routed.error());
}

// The caller a token makes, verified as `sluice serve` verifies it: an identity provider's
// from auth.issuers (keys from its jwks_file, or fetched here and waited for), or an admin
// session of this data dir.
Result<Principal> tokenPrincipal(const CliContext &context, ConfigService &config,
                                 const QString &token)
{
    auto settings = loadSettings(context);
    if (!settings)
        return settings.error();
    auto identity = ExternalIdentity::load(settings->auth.issuers);
    if (!identity)
        return identity.error();
    // No later request to wait for: the fetches (discovery, then the key set) end here.
    (void)(*identity)->waitForKeys(2 * ExternalIdentity::FetchTimeout + std::chrono::seconds(1));
    const QString issuer = unverifiedIssuer(token.toUtf8()).value_or(QString());
    QByteArray sessionSecret; // only a session of our own needs it
    if (issuer == "sluice"_L1 || (*identity)->isEmpty()) {
        auto secret = loadOrCreateJwtSecret(*settings, config);
        if (!secret)
            return secret.error();
        sessionSecret = *secret;
    }
    const auto authenticator = makeSnapshotAuthenticator(config, sessionSecret, *identity);
    Result<Principal> principal = authenticator->authenticate(
        {}, QByteArray("Bearer " + token.toUtf8()), QDateTime::currentSecsSinceEpoch());
    if (!principal) {
        // The request would be refused (401, or 403 for a token naming no role); say why, and
        // why the issuer's keys did not come when that is the reason.
        if (const QString problem = (*identity)->fetchProblem(issuer); !problem.isEmpty()) {
            Error error = principal.error();
            error.message += u" ("_s + problem + u')';
            return error;
        }
    }
    return principal;
}

int runExplain(const CliContext &context, CliArgs &args)
{
    const QString key = args.option(u"--key"_s);
    const QString role = args.option(u"--role"_s);
    const QString token = args.option(u"--token"_s);
    const QString tenant = args.option(u"--tenant"_s);
    const bool json = args.flag(u"--json"_s);
    const QString method = args.takePositional();
    const QString path = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (method.isNull() || path.isNull()
        || int(!key.isNull()) + !role.isNull() + !token.isNull() > 1)
        return fail(kExplainUsage, ExitUsage);
    // A key or token acts for its own tenant; --tenant stands for an admin's X-Sluice-Tenant
    // (or a role previewed for a tenant).
    if (!tenant.isNull() && (!key.isNull() || !token.isNull()))
        return fail(
            u"--tenant is for --role or the admin: a key or token acts for its own tenant"_s,
            ExitUsage);
    if (!tenant.isNull() && !isValidTenantName(tenant))
        return fail(
            u"--tenant: '%1' is not a tenant name (1 to 63 of a-z, 0-9, '_', '-')"_s.arg(tenant),
            ExitUsage);
    auto target = accessTargetOf(method, path);
    if (!target)
        return fail(target.error().message, ExitUsage);

    auto config = openConfigService(context);
    if (!config)
        return fail(config.error().message);
    Result<ServiceConfig> service = ServiceConfig();
    if (Status s = (*config)->run([&](ConfigStore &store) -> Status {
            service = store.service(target->service);
            return {};
        });
        !s)
        return fail(s.error().message);
    if (!service)
        return fail(service.error().message);

    Result<Principal> principal = Principal();
    if (!key.isNull()) {
        principal = keyPrincipal(**config, key);
    } else if (!token.isNull()) {
        principal = tokenPrincipal(context, **config, token);
    } else if (!role.isNull()) {
        principal = rolePrincipal(**config, role, u"role:"_s + role, role);
    } else {
        // The CLI acts as an admin of the data dir, as every other command does.
        Principal admin;
        admin.kind = Principal::Kind::Admin;
        admin.email = cliActor();
        principal = admin;
    }
    if (!principal)
        return fail(principal.error().message);
    if (!tenant.isNull())
        principal->tenant = tenant;

    AccessExplanation explanation = explainAccess(
        *principal, { target->service, target->component, target->verb, service->readOnly });
    explainTenancy(explanation, service->tenancy,
                   tenantRouting(**config, target->service, *principal));
    if (json) {
        QJsonObject answer = explanationJson(explanation);
        if (!target->note.isEmpty())
            answer.insert(u"note"_s, target->note);
        sayJson(answer);
    } else {
        for (const QString &line : explanationLines(explanation))
            say(line);
        if (!target->note.isEmpty())
            say(u"note:       "_s + target->note);
    }
    return explanation.allowed ? ExitOk : ExitFailure;
}

} // namespace

int runAuth(const CliContext &context, CliArgs &args)
{
    const QString sub = args.takePositional();
    if (sub == u"explain"_s)
        return runExplain(context, args);
    return fail(kExplainUsage, ExitUsage);
}

} // namespace sluice
