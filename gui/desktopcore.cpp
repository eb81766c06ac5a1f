#include "gui/desktopcore.h"

#include "config/adminrepository.h"
#include "http/tlsidentity.h"
#include "runtime/authbootstrap.h"
#include "runtime/runtime.h"
#include "runtime/statestore.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// How the audit log names what the desktop app does: the operating-system user running it.
QString desktopActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return u"desktop:"_s + (user.isEmpty() ? u"user"_s : user);
}

} // namespace

Result<std::unique_ptr<DesktopCore>> DesktopCore::open(const QString &dataDir,
                                                       const QString &configFile)
{
    std::unique_ptr<DesktopCore> core(new DesktopCore);
    auto settings = Settings::load(dataDir, configFile, {});
    if (!settings)
        return settings.error();
    core->m_settings = *settings;
    core->m_tlsCert = settings->server.tlsCert;
    core->m_tlsKey = settings->server.tlsKey;
    // The data directory's files, or the shared store sluice.yaml or SLUICE_CONFIG_STORE names:
    // the desktop then shows and changes what every instance on it serves.
    auto config = ConfigService::open(stateStoreLocation(*settings, dataDir));
    if (!config)
        return config.error();
    core->m_config = std::move(*config);
    Result<QList<ServiceConfig>> services = QList<ServiceConfig>();
    if (Status s = core->m_config->run([&services](ConfigStore &store) -> Status {
            services = store.services();
            return services ? Status() : Status(services.error());
        });
        !s)
        return s.error();
    auto jwtSecret = loadOrCreateJwtSecret(core->m_settings, *core->m_config);
    if (!jwtSecret)
        return jwtSecret.error();
    core->m_runtime = std::make_unique<Runtime>(core->m_settings, *core->m_config, *jwtSecret);
    if (Status s = core->m_runtime->prepare(*services); !s)
        return s.error();
    core->m_api = std::make_unique<LocalApi>(core->m_runtime->apiContext(), desktopActor());
    // After the local API took its copy of the context: only requests over HTTP are logged.
    core->m_runtime->setRequestLog(core->m_requestLog);
    return core;
}

DesktopCore::~DesktopCore()
{
    m_api.reset();
    if (m_runtime)
        m_runtime->stop();
}

QString DesktopCore::dataDir() const
{
    return m_config->dataDir();
}

Result<bool> DesktopCore::hasAdmin() const
{
    auto admins = m_config->readValue<qint64>(
        [](const QSqlDatabase &db) { return AdminRepository(db).count(); });
    if (!admins)
        return admins.error();
    return *admins > 0;
}

Result<quint16> DesktopCore::startServer(const QString &host, int port)
{
    if (m_runtime->isListening())
        return m_runtime->port();
    auto bound = m_runtime->listen(host, port);
    m_servingTls = bound && !m_tlsCert.isEmpty();
    return bound;
}

Status DesktopCore::setTls(const QString &cert, const QString &key)
{
    if (!cert.isEmpty() || !key.isEmpty()) {
        auto identity = TlsIdentity::load(cert, key);
        if (!identity)
            return identity.error();
    }
    m_tlsCert = cert;
    m_tlsKey = key;
    m_runtime->setTlsFiles(cert, key);
    return {};
}

void DesktopCore::stopServer()
{
    m_runtime->stopListening();
}

bool DesktopCore::serverRunning() const
{
    return m_runtime->isListening();
}

} // namespace sluice
