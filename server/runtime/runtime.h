#pragma once

#include "api/apicontext.h"
#include "api/setupgate.h"
#include "audit/auditlog.h"
#include "auth/loginthrottle.h"
#include "auth/ratelimiter.h"
#include "config/configservice.h"
#include "config/serviceconfig.h"
#include "config/settings.h"
#include "core/result.h"
#include "db/serviceregistry.h"
#include "http/httpserver.h"

#include <QThread>
#include <QTimer>

#include <memory>

namespace sluice {

class FlightFrontDoor;
class SchemaRefresher;
class SecretStore;

// A running Sluice: the services with their schemas, a background schema refresher and the
// HTTP workers. Used by `sluice serve` and by the desktop app's embedded server.
class Runtime
{
public:
    // `config` holds admins, roles and keys; `jwtSecret` signs admin sessions.
    Runtime(const Settings &settings, ConfigService &config, const QByteArray &jwtSecret);
    ~Runtime();

    // Opens the secret store (secrets.backend) and takes each service's DSN password from it,
    // reads every service's schema (a failure leaves that service unavailable, not the server
    // down), then starts listening. Returns the bound port.
    Result<quint16> start(const QList<ServiceConfig> &services);
    // start() without listening: services, schemas, stores and the API context, for a front
    // door of its own (`sluice mcp` over stdio). The schema refresher runs too.
    Status prepare(const QList<ServiceConfig> &services);
    // An audit log already started on the config store's location (AuditLog::start), which
    // prepare() then waits for instead of starting its own: `sluice serve` starts it as soon
    // as the config store is open, so that it opens while the rest starts.
    void adoptAuditLog(std::unique_ptr<AuditLog> log);
    const ApiContext &apiContext() const { return m_context; }
    // After prepare(): starts the HTTP workers, on `host` and `port` when given (else the
    // settings'), and returns the bound port. stopListening() closes them and keeps the rest,
    // so the desktop app can stop and start its server.
    Result<quint16> listen(const QString &host = {}, int port = -1);
    void stopListening();
    // The PEM certificate and key the next listen() serves HTTPS with, in place of the
    // settings' server.tls.cert/key (both empty: plain HTTP): the desktop app's Server page.
    void setTlsFiles(const QString &cert, const QString &key)
    {
        m_settings.server.tlsCert = cert;
        m_settings.server.tlsKey = key;
    }
    // Keeps the last requests the HTTP workers answer in `log` (from the next listen()).
    void setRequestLog(std::shared_ptr<RequestLog> log) { m_context.requestLog = std::move(log); }
    bool isListening() const { return m_server != nullptr; }
    // The Arrow Flight SQL port listen() opened (flight.port); 0 when Flight is off.
    quint16 flightPort() const { return m_flightPort; }
    void stop();

    ServiceRegistry &registry() { return m_registry; }
    SecretStore *secrets() const { return m_secrets.get(); } // null before start()

    // While no admin exists: a fresh one-time setup token for POST /api/v1/setup (empty once an
    // admin exists).
    Result<QString> armSetupIfNeeded();
    quint16 port() const { return m_server ? m_server->port() : 0; }
    int workerCount() const { return m_server ? m_server->workerCount() : 0; }

    static ServerOptions serverOptions(const Settings &settings);
    static ApiOptions apiOptions(const Settings &settings);

private:
    Settings m_settings;
    ConfigService &m_config;
    QByteArray m_jwtSecret;
    ServiceRegistry m_registry;
    SetupGate m_setup;
    LoginThrottle m_loginThrottle;
    RateLimiter m_rateLimiter;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<SecretStore> m_secrets;
    ApiContext m_context;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<FlightFrontDoor> m_flight;
    quint16 m_flightPort = 0;
    QThread m_refreshThread;
    SchemaRefresher *m_refresher = nullptr;

    // Changes another process (the CLI) made to services and tenants in config.db: the system
    // API updates the registry itself, these are found by polling SQLite's data_version.
    void followOutsideChanges();
    QTimer m_configWatch;
    qint64 m_seenDataVersion = -1;
    QSet<QString> m_storedServices; // the services config.db held at the last look
};

} // namespace sluice
