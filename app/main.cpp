#include "commands.h"
#include "core/logsetup.h"
#include "core/paths.h"
#include "desktoplauncher.h"
#include "windowsservice.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

const char kUsage[] =
    "usage: sluice [--data-dir DIR] [--config FILE] [--config-store DSN] COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  serve [--host H] [--port P] [--flight-port F] [--tls-cert C --tls-key K] [--demo]\n"
    "        [--tls-client-ca CA [--tls-client-auth optional|required]]\n"
    "                                         serve the REST API, Flight SQL on F (or --server)\n"
    "  db add NAME --driver sqlite|postgres|mysql|odbc --dsn DSN [--label L] [--schema S] "
    "[--read-only] "
    "[--raw-sql]\n"
    "            [--tenancy none|database|schema|setting]\n"
    "  db list [--json] | db show NAME [--json] | db test NAME | db schema NAME [--table T]\n"
    "  db remove NAME\n"
    "  db tenant SERVICE TENANT --dsn DSN | [--schema S] | --remove   a tenant's backend\n"
    "  tenant create NAME [--label L] | tenant list [--json] | tenant remove NAME\n"
    "  admin create --email E [--name N] [--password P]   (no --password: prompt, or one line "
    "of stdin)\n"
    "  admin list [--json] | admin passwd --email E [--password P]\n"
    "  admin disable --email E | admin enable --email E\n"
    "  role create --name N [--description D] [--rate-limit N] "
    "--access 'SERVICE:COMPONENT:VERBS[:FILTER]' ...\n"
    "  role list [--json] | role show NAME [--json] | role delete NAME\n"
    "  role update NAME [--access ...] [--description D] [--rate-limit N]   (--access replaces "
    "the rules)\n"
    "  key create --role N [--label L] [--expires 30d|12h|2026-12-31] [--rate-limit N]\n"
    "            [--tenant T] [--client-cert FILE.pem]\n"
    "  key list [--json] | key revoke PREFIX|ID | key delete PREFIX|ID\n"
    "  auth explain [--key ID|PREFIX|KEY | --token JWT | --role NAME [--tenant T]] [--json]\n"
    "            METHOD PATH\n"
    "            why a request is allowed or denied (exit 0 allowed, 1 denied)\n"
    "  audit [--since T] [--until T] [--actor A] [--action X] [--service S] [--tenant T]\n"
    "            [--limit N] [--json]\n"
    "  config init [--force] | config show [--json]\n"
    "  config migrate --to DSN [--force]      copy config.db and audit.db into a PostgreSQL store\n"
    "  openapi SERVICE|--all [-o FILE]       the OpenAPI 3.1 document (as an admin sees it)\n"
    "  mcp --role NAME | --key KEY [--demo]   MCP over stdio for local agents\n"
    "  benchmark URL [--key K] [--duration S] [--concurrency N] [--method M] [--body JSON]\n"
    "            [--header 'Name: value' ...] [--json]   load a running server, print QPS, "
    "p50/p95/p99\n"
    "  version [--json]\n"
    "  service install|uninstall|run          Windows: Sluice as a Windows service\n"
    "  (no command)                          the desktop app (sluice-desktop)\n"
    "\n"
    "  --demo on its own serves the built-in SQLite demo database.\n"
    "  Times: RFC 3339 (2026-12-31T18:00:00Z), a date, or relative (90s, 15m, 12h, 7d, 2w).\n"
    "  A DSN password is kept in the secret store (secrets.backend), not in config.db.\n"
    "  The data directory defaults to the per-user app data folder (env SLUICE_DATA_DIR).\n"
    "  --config-store (config.store, env SLUICE_CONFIG_STORE): a PostgreSQL DSN that several\n"
    "  instances share instead of config.db/audit.db; its secrets need SLUICE_MASTER_KEY.\n";

} // namespace

int main(int argc, char *argv[])
{
    // With TZ unset, glibc re-reads /etc/localtime (a stat() at least) on every local-time
    // conversion, and QPSQL converts each timestamp it reads. Naming the same zone lets glibc
    // keep what it read once: the zone is unchanged, only the cost goes.
    if (!qEnvironmentVariableIsSet("TZ"))
        qputenv("TZ", ":/etc/localtime");
    // Headless paths never need a display: QCoreApplication only. The desktop app (no
    // command) is a binary of its own, sluice-desktop, started in this process's place.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"sluice"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SLUICE_VERSION));

    // One-shot commands print only warnings and errors; `serve` applies log.level itself.
    sluice::setUpLogging(u"warning"_s, false);
    sluice::CliArgs args(app.arguments().mid(1));
    if (args.flag(u"--help"_s) || args.flag(u"-h"_s)) {
        std::fputs(kUsage, stdout);
        return sluice::ExitOk;
    }
    sluice::CliContext context;
    context.dataDir = sluice::resolveDataDir(args.option(u"--data-dir"_s));
    context.configFile = args.option(u"--config"_s);
    context.configStore = args.option(u"--config-store"_s);
    const bool serverFlag = args.flag(u"--server"_s);
    const bool demo = args.flag(u"--demo"_s);
    if (!args.error().isEmpty())
        return sluice::fail(args.error(), sluice::ExitUsage);

    // `sluice mcp --demo` serves the demo over stdio; elsewhere --demo means `serve --demo`.
    const bool mcp = sluice::CliArgs(args).takePositional() == u"mcp"_s;
    const QString command = (serverFlag || demo) && !mcp ? u"serve"_s : args.takePositional();
    if (command == u"serve"_s) {
        if (serverFlag || demo) {
            // "sluice --server serve" and "sluice --demo serve" mean the same as without it.
            sluice::CliArgs probe = args;
            if (probe.takePositional() == u"serve"_s)
                args.takePositional();
        }
        return sluice::runServe(context, args, demo);
    }
    if (command == u"db"_s)
        return sluice::runDb(context, args);
    if (command == u"admin"_s)
        return sluice::runAdmin(context, args);
    if (command == u"role"_s)
        return sluice::runRole(context, args);
    if (command == u"key"_s)
        return sluice::runKey(context, args);
    if (command == u"tenant"_s)
        return sluice::runTenant(context, args);
    if (command == u"auth"_s)
        return sluice::runAuth(context, args);
    if (command == u"audit"_s)
        return sluice::runAudit(context, args);
    if (command == u"openapi"_s)
        return sluice::runOpenApi(context, args);
    if (command == u"mcp"_s)
        return sluice::runMcp(context, args, demo);
    if (command == u"benchmark"_s)
        return sluice::runBenchmark(args);
    if (command == u"config"_s)
        return sluice::runConfig(context, args);
    if (command == u"version"_s)
        return sluice::runVersion(args);
    if (command == u"service"_s)
        return sluice::runWindowsService(context, args);
    if (command.isNull()) {
        // No command: the desktop app, on the same data directory and config.
        if (const QString extra = args.leftovers(); !extra.isEmpty())
            return sluice::fail(extra, sluice::ExitUsage);
        QStringList desktopArgs { u"--data-dir"_s, context.dataDir };
        if (!context.configFile.isEmpty())
            desktopArgs << u"--config"_s << context.configFile;
        return sluice::launchDesktop(desktopArgs);
    }
    // One line on stderr (docs/api.md, Command line); the usage is one --help away.
    return sluice::fail(u"unknown command '%1'; see 'sluice --help'"_s.arg(command),
                        sluice::ExitUsage);
}
