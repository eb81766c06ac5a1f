#include "audit/auditlog.h"
#include "commands.h"
#include "config/configservice.h"
#include "core/logging.h"
#include "core/logsetup.h"
#include "core/memorytrim.h"
#include "core/paths.h"
#include "demo/demodatabase.h"
#include "runtime/authbootstrap.h"
#include "runtime/demokey.h"
#include "runtime/runtime.h"
#include "runtime/statestore.h"
#include "settingsloader.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSslConfiguration>

#include <cstdio>
#include <future>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString plural(qsizetype n, const QString &noun)
{
    return u"%1 %2%3"_s.arg(n).arg(noun, n == 1 ? QString() : u"s"_s);
}

void printBanner(Runtime &runtime, const Settings &settings, quint16 port, qint64 startupMs,
                 const QString &demoKey)
{
    const QString host = settings.server.host.contains(u':') ? u"[%1]"_s.arg(settings.server.host)
                                                             : settings.server.host;
    const QString base =
        (settings.server.tlsCert.isEmpty() ? u"http://%1:%2"_s : u"https://%1:%2"_s)
            .arg(host)
            .arg(port);
    const QList<ServiceHandle> services = runtime.registry().all();
    say(u"Sluice %1 is serving %2 at %3 (%4, ready in %5 ms)"_s.arg(QStringLiteral(SLUICE_VERSION))
            .arg(plural(services.size(), u"service"_s), base,
                 plural(runtime.workerCount(), u"worker"_s))
            .arg(startupMs));
    for (const ServiceHandle &s : services) {
        QString state;
        if (s->schema) {
            int tables = 0;
            int views = 0;
            for (const Table &t : s->schema->tables)
                (t.isView ? views : tables)++;
            state = plural(tables, u"table"_s) + u", "_s + plural(views, u"view"_s);
        } else {
            state = u"UNAVAILABLE: "_s + s->schemaError.message;
        }
        say(u"  %1  %2/api/v1/%1/_table  (%3, %4)"_s.arg(s->config.name, base, s->config.driver,
                                                         state));
    }
    if (!demoKey.isEmpty()) {
        say(u"Try (the key's role covers only the demo service):"_s);
        say(u"  curl -H 'X-API-Key: "_s + demoKey + u"' '"_s + base
            + u"/api/v1/demo/_table/books?filter=price%20%3E%2010&order=price%20DESC&limit=5&include_count=true'"_s);
    }
    say(u"API explorer: %1/docs   OpenAPI: %1/openapi.json   MCP: %1/mcp"_s.arg(base));
    if (const quint16 flight = runtime.flightPort())
        say(u"Arrow Flight SQL: %3://%1:%2  (JDBC: jdbc:arrow-flight-sql://%1:%2/?useEncryption=%4)"_s
                .arg(host)
                .arg(flight)
                .arg(settings.server.tlsCert.isEmpty() ? u"grpc"_s : u"grpc+tls"_s,
                     settings.server.tlsCert.isEmpty() ? u"false"_s : u"true"_s));
    say(u"Every data route needs an API key or an admin session. Ctrl+C stops Sluice."_s);
}

// No admin yet: the one-time token that lets the first admin be created over HTTP. It goes to
// stderr, where the operator looks, never into a response: as a banner for a person reading the
// text log, or as one log line where the log is JSON lines a banner would break. Once either way.
void printSetupBanner(const QString &token, quint16 port, const Settings &settings)
{
    if (settings.log.json) {
        qCInfo(lcApp).noquote() << "Setup token:" << token;
        return;
    }
    const QString host = settings.server.host.contains(u':') ? u"[%1]"_s.arg(settings.server.host)
                                                             : settings.server.host;
    const QString line(72, u'=');
    const QString text = line
        + u"\n  No admin exists yet. Create the first one with this one-time token:\n\n"
          "  Setup token: %1\n\n"
          "  curl -X POST %4://%2:%3/api/v1/setup -H 'X-Setup-Token: %1' \\\n"
          "       -d '{\"email\":\"you@example.com\",\"password\":\"a long password\"}'\n"
          "  (or: sluice admin create --email you@example.com, or set SLUICE_ADMIN_EMAIL\n"
          "   and SLUICE_ADMIN_PASSWORD before starting)\n"_s.arg(token, host)
              .arg(port)
              .arg(settings.server.tlsCert.isEmpty() ? u"http"_s : u"https"_s)
        + line;
    std::fprintf(stderr, "%s\n", qUtf8Printable(text));
    std::fflush(stderr);
}

} // namespace

int runServe(const CliContext &context, CliArgs &args, bool demo)
{
    QElapsedTimer startup;
    startup.start();
    QHash<QString, QString> flags;
    if (const QString host = args.option(u"--host"_s); !host.isNull())
        flags.insert(u"server.host"_s, host);
    if (const QString port = args.option(u"--port"_s); !port.isNull())
        flags.insert(u"server.port"_s, port);
    if (const QString port = args.option(u"--flight-port"_s); !port.isNull())
        flags.insert(u"flight.port"_s, port);
    if (const QString cert = args.option(u"--tls-cert"_s); !cert.isNull())
        flags.insert(u"server.tls.cert"_s, cert);
    if (const QString key = args.option(u"--tls-key"_s); !key.isNull())
        flags.insert(u"server.tls.key"_s, key);
    if (const QString ca = args.option(u"--tls-client-ca"_s); !ca.isNull())
        flags.insert(u"server.tls.client_ca"_s, ca);
    if (const QString mode = args.option(u"--tls-client-auth"_s); !mode.isNull())
        flags.insert(u"server.tls.client_auth"_s, mode);
    demo = args.flag(u"--demo"_s) || demo;
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);

    auto settings = loadSettings(context, flags);
    if (!settings)
        return fail(settings.error().message);
    setUpLogging(settings->log.level, settings->log.json);
    if (QHostAddress(settings->server.host).isNull())
        return fail(u"invalid server.host '%1': give an IP address such as 127.0.0.1 or ::1"_s.arg(
                        settings->server.host),
                    ExitUsage);
    // The demo database (on a first start: created, several hundred rows) is made on a thread
    // of its own while the config store opens (on a first start: created and migrated); both
    // mostly wait for the disk. Joined below before the demo is served, and on every early
    // return by the future's destructor.
    std::future<Status> demoDatabase;
    if (demo) {
        // Made here, private, as the config store would make it; not by the demo's mkpath.
        if (Status made = ensurePrivateDir(context.dataDir); !made)
            return fail(made.error().message);
        demoDatabase =
            std::async(std::launch::async, [dsn = demoServiceConfig(context.dataDir).dsn] {
                return ensureDemoDatabase(dsn);
            });
    }
#if QT_CONFIG(ssl)
    // Every listener makes a QSslConfiguration, and the first one made in the process loads
    // Qt's TLS plugin and initialises OpenSSL (5-13 ms here): made now, on a thread of its own,
    // while the stores open, instead of on the way to listening. Joined before the listeners.
    std::future<void> tlsLoaded = std::async(std::launch::async, [] { QSslConfiguration(); });
#endif
    auto config = ConfigService::open(stateStoreLocation(*settings, context.dataDir));
    if (!config)
        return fail(config.error().message);
    // The audit log opens (on a first start: creates audit.db) on its own thread while the
    // session secret, the demo database and the runtime are made; the runtime waits for it.
    auto auditLog = AuditLog::start((*config)->location());
    if (!auditLog)
        return fail(auditLog.error().message);
    Result<QList<ServiceConfig>> services = QList<ServiceConfig>();
    if (Status s = (*config)->run([&services](ConfigStore &store) -> Status {
            services = store.services();
            return services ? Status() : Status(services.error());
        });
        !s)
        return fail(s.error().message);
    auto jwtSecret = loadOrCreateJwtSecret(*settings, **config);
    if (!jwtSecret)
        return fail(u"cannot set up session signing: "_s + jwtSecret.error().message);
    auto envAdmin = createAdminFromEnvironment(**config);
    if (!envAdmin)
        return fail(u"cannot create the admin from SLUICE_ADMIN_EMAIL: "_s
                    + envAdmin.error().message);
    if (*envAdmin)
        say(u"Created admin %1 from SLUICE_ADMIN_EMAIL."_s.arg(
            qEnvironmentVariable("SLUICE_ADMIN_EMAIL")));

    if (demo) {
        const ServiceConfig service = demoServiceConfig(context.dataDir);
        if (Status s = demoDatabase.get(); !s)
            return fail(u"cannot create the demo database: "_s + s.error().message);
        const bool configured =
            std::any_of(services->cbegin(), services->cend(),
                        [](const ServiceConfig &c) { return c.name == u"demo"_s; });
        if (!configured)
            services->prepend(service);
    }
    if (services->isEmpty())
        say(u"No services are configured yet: add one with 'sluice db add' or start with --demo."_s);

    Runtime runtime(*settings, **config, *jwtSecret);
    runtime.adoptAuditLog(std::move(*auditLog));
#if QT_CONFIG(ssl)
    tlsLoaded.wait();
#endif
    auto port = runtime.start(*services);
    if (!port)
        return fail(port.error().message);
    auto setupToken = runtime.armSetupIfNeeded();
    if (!setupToken)
        return fail(setupToken.error().message);
    QString demoKey;
    if (demo && runtime.registry().find(u"demo"_s)) {
        auto key = ensureDemoKey(**config, *settings, context.dataDir);
        if (!key)
            return fail(u"cannot prepare the demo API key: "_s + key.error().message);
        demoKey = *key;
    }
    printBanner(runtime, *settings, *port, startup.elapsed(), demoKey);
    if (!setupToken->isEmpty())
        printSetupBanner(*setupToken, *port, *settings);

    // Starting (the config store's migrations, the demo database, the schemas read) left freed
    // blocks scattered through the heap: give their pages back before idling.
    releaseFreedMemorySoon();
    SignalWatcher shutdownOnSignal;
    const int code = QCoreApplication::exec();
    runtime.stop();
    say(u"Sluice stopped."_s);
    return code;
}

} // namespace sluice
