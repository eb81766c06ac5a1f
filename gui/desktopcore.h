#pragma once

#include "config/configservice.h"
#include "config/settings.h"
#include "core/requestlog.h"
#include "core/result.h"
#include "gui/localapi.h"

#include <memory>

namespace sluice {

class Runtime;

// The core as the desktop app holds it: the data directory's settings and stores, the
// services with their schemas, the API the view-models call in process, and the embedded HTTP
// server, which the user starts and stops.
class DesktopCore
{
public:
    static Result<std::unique_ptr<DesktopCore>> open(const QString &dataDir,
                                                     const QString &configFile = {});
    ~DesktopCore();

    LocalApi &api() { return *m_api; }
    const Settings &settings() const { return m_settings; }
    QString dataDir() const;

    // Whether config.db holds an admin yet (the first-run wizard creates one).
    Result<bool> hasAdmin() const;

    // Starts the HTTP server on `host`:`port` (0: any free port); returns the bound port.
    Result<quint16> startServer(const QString &host, int port);
    void stopServer();
    bool serverRunning() const;
    // The PEM certificate and private key the server speaks HTTPS with from its next start (both
    // empty: plain HTTP; at first the settings' server.tls.cert/key), checked as `sluice serve`
    // checks them (TlsIdentity::load): on a failure, its one-line reason and nothing changed.
    Status setTls(const QString &cert, const QString &key);
    QString tlsCert() const { return m_tlsCert; }
    QString tlsKey() const { return m_tlsKey; }
    // Whether the running server speaks HTTPS.
    bool serverTls() const { return serverRunning() && m_servingTls; }
    // The requests the embedded server answered (not the app's own calls).
    const RequestLog &requestLog() const { return *m_requestLog; }

private:
    DesktopCore() = default;

    Settings m_settings;
    std::unique_ptr<ConfigService> m_config;
    std::unique_ptr<Runtime> m_runtime;
    std::shared_ptr<RequestLog> m_requestLog = std::make_shared<RequestLog>();
    std::unique_ptr<LocalApi> m_api; // destroyed first: its thread uses the runtime's context
    QString m_tlsCert;
    QString m_tlsKey;
    bool m_servingTls = false;
};

} // namespace sluice
