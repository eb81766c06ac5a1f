#include "runtime/runtime.h"

#include "runtime/flightloader.h"

#include "api/apihandler.h"
#include "auth/apikey.h"
#include "auth/snapshotauthenticator.h"
#include "config/adminrepository.h"
#include "config/authsnapshot.h"
#include "config/tenantrepository.h"
#include "config/tokenrepository.h"
#include "core/logging.h"
#include "runtime/schemarefresher.h"
#include "runtime/statestore.h"
#include "secrets/lockedsecretstore.h"
#include "secrets/secretbackend.h"
#include "secrets/servicesecrets.h"

namespace sluice {

Runtime::Runtime(const Settings &settings, ConfigService &config, const QByteArray &jwtSecret)
    : m_settings(settings)
    , m_config(config)
    , m_jwtSecret(jwtSecret)
    , m_registry(settings.db.statementTimeoutMs)
{
}

Runtime::~Runtime()
{
    stop();
}

ServerOptions Runtime::serverOptions(const Settings &settings)
{
    ServerOptions options;
    options.host = QHostAddress(settings.server.host);
    options.port = quint16(settings.server.port);
    options.workers = settings.server.workers;
    options.maxConnectionsPerWorker = settings.server.maxConnectionsPerWorker;
    options.maxConnectionsPerAddress = settings.server.maxConnectionsPerAddress;
    options.connection.idleTimeoutMs = settings.server.idleTimeoutS * 1000;
    options.connection.headTimeoutMs = settings.server.headTimeoutS * 1000;
    options.connection.limits.maxUrlBytes = settings.limits.maxUrlBytes;
    options.connection.limits.maxHeaderBytes = settings.limits.maxHeaderBytes;
    options.connection.limits.maxBodyBytes = settings.limits.maxBodyBytes;
    return options;
}

ApiOptions Runtime::apiOptions(const Settings &settings)
{
    ApiOptions options;
    options.read.defaultLimit = settings.limits.defaultLimit;
    options.read.maxLimit = settings.limits.maxLimit;
    options.maxRecordsPerWrite = settings.limits.maxRecordsPerWrite;
    options.statementTimeoutMs = settings.db.statementTimeoutMs;
    options.perAddressPerMinute = settings.rateLimit.perAddressPerMinute;
    options.serverTiming = settings.server.serverTiming;
    return options;
}

void Runtime::adoptAuditLog(std::unique_ptr<AuditLog> log)
{
    m_audit = std::move(log);
}

Status Runtime::prepare(const QList<ServiceConfig> &configured)
{
    // The audit log's writer opens (on a first start: creates) its store on its own thread
    // while the rest is prepared here; waited for below, before anything is served.
    std::unique_ptr<AuditLog> auditLog = std::move(m_audit);
    if (!auditLog) {
        auto started = AuditLog::start(m_config.location());
        if (!started)
            return started.error();
        auditLog = std::move(*started);
    }
    // Made here, on the main thread, once; the workers share it through the lock.
    auto secrets = openStateSecrets(m_settings, m_config);
    if (!secrets)
        return secrets.error();
    m_secrets = std::make_unique<LockedSecretStore>(std::move(*secrets));
    QList<ServiceConfig> services = configured;
    loadServicePasswords(*m_secrets, services);
    // Revocations of tokens that have expired anyway are no longer needed.
    (void)m_config.write([](const QSqlDatabase &db) -> Status {
        auto purged = TokenRepository(db).purgeExpired();
        return purged ? Status() : Status(purged.error());
    });
    // The tenants first (API.md §11): a per-tenant service reaches only tenants that exist.
    auto tenants = m_config.readValue<QList<TenantRecord>>(
        [](const QSqlDatabase &db) { return TenantRepository(db).list(); });
    if (!tenants)
        return tenants.error();
    QSet<QString> tenantNames;
    for (const TenantRecord &tenant : std::as_const(*tenants))
        tenantNames.insert(tenant.name);
    m_registry.setTenants(tenantNames);
    m_registry.setServices(services);
    m_registry.refreshAll();

    ApiContext &context = m_context;
    context.registry = &m_registry;
    context.options = apiOptions(m_settings);
    context.config = &m_config;
    context.setup = &m_setup;
    context.loginThrottle = &m_loginThrottle;
    context.jwtSecret = m_jwtSecret;
    context.sessionTtlS = m_settings.auth.sessionTtlS;
    context.rateLimiter = &m_rateLimiter;
    if (Status opened = auditLog->waitUntilOpen(); !opened)
        return opened;
    m_audit = std::move(auditLog);
    context.audit = m_audit.get();
    context.secrets = m_secrets.get();
    auto cors = CorsPolicy::fromSettings(m_settings.cors.origins, m_settings.cors.allowCredentials);
    if (!cors)
        return cors.error();
    context.cors = *cors;
    context.publicUrl = m_settings.server.publicUrl;
    for (const IssuerSetting &issuer : m_settings.auth.issuers)
        context.authorizationServers.append(issuer.issuer);
    // Identity providers' key files are read here, once; keys from a URL or OpenID discovery
    // are fetched on a thread of their own, so starting does not wait for any provider.
    auto external = ExternalIdentity::load(m_settings.auth.issuers);
    if (!external)
        return external.error();
    context.makeAuthenticator = [config = &m_config, secret = m_jwtSecret, external = *external] {
        return makeSnapshotAuthenticator(*config, secret, external);
    };

    // Services and tenants changed from the command line while this runs are served within
    // ConfigWatchMs without a restart (keys and roles are followed by the authenticators).
    // A shared store's changes must hold on every instance within a second (API.md §15).
    const int ConfigWatchMs = m_config.isShared() ? 500 : 2000;
    m_seenDataVersion = -1;
    followOutsideChanges(); // the version now: what prepare() read is current
    m_configWatch.setInterval(ConfigWatchMs);
    QObject::connect(&m_configWatch, &QTimer::timeout, [this] { followOutsideChanges(); });
    m_configWatch.start();

    m_refresher = new SchemaRefresher(m_registry, m_settings.db.schemaRefreshS);
    m_refresher->moveToThread(&m_refreshThread);
    QObject::connect(&m_refreshThread, &QThread::finished, m_refresher, &QObject::deleteLater);
    m_refreshThread.setObjectName(QStringLiteral("schema-refresh"));
    m_refreshThread.start();
    QMetaObject::invokeMethod(m_refresher, &SchemaRefresher::start, Qt::QueuedConnection);
    return {};
}

Result<quint16> Runtime::start(const QList<ServiceConfig> &configured)
{
    if (Status s = prepare(configured); !s)
        return s.error();
    return listen();
}

Result<quint16> Runtime::listen(const QString &host, int port)
{
    ServerOptions options = serverOptions(m_settings);
    if (!host.isEmpty())
        options.host = QHostAddress(host);
    if (port >= 0)
        options.port = quint16(port);
    const QString &cert = m_settings.server.tlsCert;
    const QString &key = m_settings.server.tlsKey;
    if (cert.isEmpty() != key.isEmpty())
        return Error::badRequest(QStringLiteral(
            "TLS needs both server.tls.cert and server.tls.key (--tls-cert, --tls-key)"));
    const QString &clientCa = m_settings.server.tlsClientCa;
    if (!clientCa.isEmpty() && cert.isEmpty())
        return Error::badRequest(QStringLiteral(
            "server.tls.client_ca (mutual TLS) needs server.tls.cert and server.tls.key "
            "(--tls-cert, --tls-key)"));
    if (clientCa.isEmpty() && m_settings.server.tlsClientAuth == u"required")
        return Error::badRequest(QStringLiteral(
            "server.tls.client_auth needs server.tls.client_ca, the CA of the client certificates "
            "(--tls-client-ca)"));
    if (!cert.isEmpty()) {
        auto identity = TlsIdentity::load(cert, key, clientCa,
                                          m_settings.server.tlsClientAuth == u"required"
                                              ? TlsIdentity::ClientAuth::Required
                                              : TlsIdentity::ClientAuth::Optional);
        if (!identity)
            return identity.error();
        options.connection.tls = *identity;
    }
    m_server = std::make_unique<HttpServer>(options, ApiHandler::factory(m_context));
    auto bound = m_server->start();
    if (!bound) {
        m_server.reset();
        return bound.error();
    }
    if (m_settings.flight.port > 0) {
        FlightOptions flight;
        flight.ticketTtlS = m_settings.flight.ticketTtlS;
        flight.maxMessageBytes = m_settings.limits.maxBodyBytes;
        flight.tlsCert = m_settings.server.tlsCert; // checked above, with the main port's
        flight.tlsKey = m_settings.server.tlsKey;
        flight.tlsClientCa = m_settings.server.tlsClientCa;
        flight.tlsClientCertRequired = m_settings.server.tlsClientAuth == u"required";
        auto frontDoor = loadFlightFrontDoor(m_context, flight);
        if (!frontDoor) {
            stopListening();
            return frontDoor.error();
        }
        m_flight = std::move(*frontDoor);
        auto flightBound = m_flight->start(options.host.toString(), m_settings.flight.port);
        if (!flightBound) {
            stopListening();
            return flightBound.error();
        }
        m_flightPort = *flightBound;
    }
    return bound;
}

void Runtime::stopListening()
{
    m_flight.reset();
    m_flightPort = 0;
    m_server.reset();
}

void Runtime::followOutsideChanges()
{
    const Result<qint64> version =
        m_config.readValue<qint64>([](const QSqlDatabase &db) { return authDataVersion(db); });
    if (!version || *version == m_seenDataVersion)
        return;
    const bool first = m_seenDataVersion < 0;
    m_seenDataVersion = *version;
    Result<ServedConfig> read = readServedConfig(m_config);
    if (!read) {
        qCWarning(lcConfig).noquote()
            << "cannot follow changes to config.db:" << read.error().message;
        return;
    }
    QList<ServiceConfig> &services = read->services;
    QSet<QString> stored;
    for (const ServiceConfig &service : std::as_const(services))
        stored.insert(service.name);
    // Only services config.db held are ever removed here: `serve --demo` adds one it never had.
    const QSet<QString> before = std::exchange(m_storedServices, stored);
    if (first)
        return; // what prepare() served is what config.db holds now
    if (read->tenants != m_registry.tenants())
        m_registry.setTenants(read->tenants);
    if (m_secrets)
        loadServicePasswords(*m_secrets, services);
    for (const ServiceConfig &service : std::as_const(services)) {
        const ServiceHandle served = m_registry.find(service.name);
        if (served && served->config == service)
            continue;
        qCInfo(lcConfig).noquote() << "config.db changed: serving service" << service.name
                                   << (served ? "as changed" : "(new)");
        m_registry.upsert(service);
        if (!served)
            (void)m_registry.refresh(service.name);
    }
    for (const QString &name : before) {
        if (!stored.contains(name)) {
            qCInfo(lcConfig).noquote() << "config.db changed: service" << name << "removed";
            m_registry.remove(name);
        }
    }
}

void Runtime::stop()
{
    m_configWatch.stop();
    m_server.reset();
    m_audit.reset(); // writes what is still queued
    if (m_refreshThread.isRunning()) {
        m_refreshThread.quit();
        m_refreshThread.wait();
        m_refresher = nullptr;
    }
}

Result<QString> Runtime::armSetupIfNeeded()
{
    auto admins = m_config.readValue<qint64>(
        [](const QSqlDatabase &db) { return AdminRepository(db).count(); });
    if (!admins)
        return admins.error();
    if (*admins > 0) {
        m_setup.disarm();
        return QString();
    }
    const QString token = generateBootstrapToken();
    m_setup.arm(token);
    return token;
}

} // namespace sluice
