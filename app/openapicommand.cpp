// sluice openapi [SERVICE|--all] [-o FILE]: the OpenAPI 3.1 document of configured services, as
// an admin sees them (every table; read-only services without writes), without a server.
#include "clistores.h"
#include "commands.h"
#include "settingsloader.h"

#include "db/serviceregistry.h"
#include "openapi/openapidocument.h"
#include "runtime/runtime.h"
#include "secrets/servicesecrets.h"

#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sluice {

int runOpenApi(const CliContext &context, CliArgs &args)
{
    const QString outputFile = args.option(u"-o"_s);
    const bool all = args.flag(u"--all"_s);
    const QString name = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (all == !name.isNull())
        return fail(u"usage: sluice openapi SERVICE|--all [-o FILE]"_s, ExitUsage);

    auto settings = loadSettings(context);
    if (!settings)
        return fail(settings.error().message);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    QList<ServiceConfig> services;
    if (all) {
        auto configured = (*store)->services();
        if (!configured)
            return fail(configured.error().message);
        services = *configured;
    } else {
        auto one = (*store)->service(name);
        if (!one)
            return fail(one.error().message);
        services = { *one };
    }
    auto secrets = openSecretStore(context);
    if (!secrets)
        return fail(secrets.error().message);
    loadServicePasswords(**secrets, services);

    ServiceRegistry registry(settings->db.statementTimeoutMs);
    registry.setServices(services);
    registry.refreshAll();
    QList<OpenApiService> described;
    for (const ServiceHandle &service : registry.all()) {
        if (!service->schema) {
            // One unreachable service of many is left out with a warning; the one asked for
            // is an error.
            if (!all)
                return fail(
                    u"service '%1': %2"_s.arg(service->config.name, service->schemaError.message));
            fail(u"service '%1' left out: %2"_s.arg(service->config.name,
                                                    service->schemaError.message));
            continue;
        }
        described.append(OpenApiService::of(*service));
    }
    Principal admin;
    admin.kind = Principal::Kind::Admin;
    OpenApiOptions options;
    options.version = QStringLiteral(SLUICE_VERSION);
    options.limits = Runtime::apiOptions(*settings).read;
    const QJsonObject document = openApiDocument(
        described,
        [&admin](const AccessRequest &request) { return decideAccess(admin, request).ok(); },
        options);
    const QByteArray json = QJsonDocument(document).toJson(QJsonDocument::Indented);
    if (outputFile.isNull()) {
        say(QString::fromUtf8(json).trimmed());
        return ExitOk;
    }
    QFile file(outputFile);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(json) != json.size())
        return fail(u"cannot write %1: %2"_s.arg(outputFile, file.errorString()));
    return ExitOk;
}

} // namespace sluice
