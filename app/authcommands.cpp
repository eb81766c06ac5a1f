// sluice auth explain [--key K | --role R] [--json] METHOD PATH: why the access decision allows
// or denies a request of the service API, as an API key, a role or the CLI's admin would make it
// (docs/api.md, Command line). Exit status as `kubectl auth can-i`: 0 allowed, 1 denied.
#include "clistores.h"
#include "commands.h"

#include "api/accesstarget.h"
#include "auth/accessexplanation.h"
#include "auth/roleprincipal.h"
#include "config/configservice.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

const QString kExplainUsage =
    u"usage: sluice auth explain [--key ID|PREFIX|KEY | --role NAME] [--json] METHOD PATH"_s;

int runExplain(const CliContext &context, CliArgs &args)
{
    const QString key = args.option(u"--key"_s);
    const QString role = args.option(u"--role"_s);
    const QString token = args.option(u"--token"_s);
    const bool json = args.flag(u"--json"_s);
    const QString method = args.takePositional();
    const QString path = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (method.isNull() || path.isNull() || (!key.isNull() && !role.isNull()))
        return fail(kExplainUsage, ExitUsage);
    // API.md §12 names --token; external identity (auth.issuers) is not built yet.
    if (!token.isNull())
        return fail(u"--token is not supported yet: tokens of an identity provider come with "
                    "auth.issuers; use --key or --role"_s,
                    ExitUsage);
    auto target = accessTargetOf(method, path);
    if (!target)
        return fail(target.error().message, ExitUsage);

    auto config = ConfigService::open(context.dataDir);
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

    const AccessExplanation explanation = explainAccess(
        *principal, { target->service, target->component, target->verb, service->readOnly });
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
