// sluice mcp: MCP over stdio for local agents (`claude mcp add sluice -- sluice mcp --role R`).
// One JSON-RPC message per line on stdin, one answer per line on stdout; logs go to stderr.
// The caller is a role of this data dir (--role) or an API key (--key or SLUICE_API_KEY); every
// tool runs as a REST request under that identity, through the same access decision.
#include "auth/roleprincipal.h"
#include "commands.h"
#include "config/configservice.h"
#include "config/rolerepository.h"
#include "core/logsetup.h"
#include "demo/demodatabase.h"
#include "runtime/authbootstrap.h"
#include "runtime/runtime.h"
#include "runtime/statestore.h"
#include "settingsloader.h"

#include "api/apihandler.h"
#include "api/resolver.h"
#include "auth/snapshotauthenticator.h"
#include "mcp/mcpserver.h"

#include <QDir>
#include <QJsonArray>

#include <cstdio>
#include <iostream>
#include <string>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Every request of this process is the one role's (no credentials travel over stdio).
class RoleAuthenticator : public RequestAuthenticator
{
public:
    explicit RoleAuthenticator(Principal principal)
        : m_principal(std::move(principal))
    {
    }
    Result<Principal> authenticate(const HttpRequest &) override { return m_principal; }

private:
    Principal m_principal;
};

void writeLine(const QJsonValue &message)
{
    const QByteArray line = jsonrpc::serialize(message);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace

int runMcp(const CliContext &context, CliArgs &args, bool demo)
{
    const QString role = args.option(u"--role"_s);
    QString key = args.option(u"--key"_s);
    if (const QString transport = args.option(u"--transport"_s);
        !transport.isNull() && transport != u"stdio"_s)
        return fail(u"sluice mcp speaks stdio; MCP over HTTP is /mcp of 'sluice serve'"_s,
                    ExitUsage);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (key.isNull())
        key = qEnvironmentVariable("SLUICE_API_KEY");
    if (role.isNull() == key.isEmpty())
        return fail(u"usage: sluice mcp --role NAME | --key KEY (or SLUICE_API_KEY) [--demo]"_s,
                    ExitUsage);

    auto settings = loadSettings(context);
    if (!settings)
        return fail(settings.error().message);
    setUpLogging(settings->log.level, settings->log.json); // stderr: stdout is the protocol's
    auto config = ConfigService::open(stateStoreLocation(*settings, context.dataDir));
    if (!config)
        return fail(config.error().message);
    Result<QList<ServiceConfig>> services = QList<ServiceConfig>();
    if (Status s = (*config)->run([&services](ConfigStore &store) -> Status {
            services = store.services();
            return services ? Status() : Status(services.error());
        });
        !s)
        return fail(s.error().message);
    if (demo) {
        const ServiceConfig service = demoServiceConfig(context.dataDir);
        if (Status s = ensureDemoDatabase(service.dsn); !s)
            return fail(u"cannot create the demo database: "_s + s.error().message);
        if (std::none_of(services->cbegin(), services->cend(),
                         [](const ServiceConfig &c) { return c.name == u"demo"_s; }))
            services->prepend(service);
    }
    auto jwtSecret = loadOrCreateJwtSecret(*settings, **config);
    if (!jwtSecret)
        return fail(jwtSecret.error().message);
    Runtime runtime(*settings, **config, *jwtSecret);
    if (Status s = runtime.prepare(*services); !s)
        return fail(s.error().message);

    ApiContext apiContext = runtime.apiContext();
    Principal principal;
    if (!role.isNull()) {
        // How the audit log names this caller.
        auto fixed =
            rolePrincipal(**config, role, u"stdio-role-"_s + role, u"sluice mcp --role "_s + role);
        if (!fixed)
            return fail(fixed.error().message);
        principal = *fixed;
        apiContext.makeAuthenticator = [principal] {
            return std::make_unique<RoleAuthenticator>(principal);
        };
    } else {
        // Checked once up front for a clear start-up error; every request checks it again, so
        // a revocation holds at once.
        auto checked = SnapshotAuthenticator((*config)->path(), *jwtSecret)
                           .authenticate(key.toLatin1(), {}, QDateTime::currentSecsSinceEpoch());
        if (!checked)
            return fail(checked.error().message);
        principal = *checked;
    }
    ApiHandler api(apiContext, 0);
    McpBackend backend;
    backend.registry = &runtime.registry();
    backend.principal = &principal;
    backend.limits = apiContext.options.read;
    // What the tools offer is what REST serves this caller (a per-tenant service: its tenant's).
    backend.resolve = [&runtime, &principal](const QString &name) {
        return resolveService(runtime.registry(), name, principal);
    };
    const QByteArray keyHeader = key.toLatin1();
    backend.dispatch = [&api, &keyHeader](HttpRequest request) {
        if (!keyHeader.isEmpty())
            request.headers.append({ QByteArrayLiteral("X-API-Key"), keyHeader });
        request.remoteAddress = QHostAddress::LocalHost;
        HttpReply reply;
        api.handle(request, reply);
        return reply;
    };
    McpServer server(backend);
    McpSessionState session;
    std::string line;
    while (std::getline(std::cin, line)) {
        const QByteArray bytes = QByteArray::fromStdString(line).trimmed();
        if (bytes.isEmpty())
            continue;
        const Result<QJsonValue> payload = jsonrpc::parse(bytes);
        if (!payload) {
            writeLine(jsonrpc::error(QJsonValue(), jsonrpc::ParseError, payload.error().message));
            continue;
        }
        const QJsonValue responses = server.handlePayload(*payload, session);
        if (!responses.isUndefined())
            writeLine(responses);
    }
    runtime.stop();
    return ExitOk;
}

} // namespace sluice
