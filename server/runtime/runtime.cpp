#include "runtime/runtime.h"

#include "api/apihandler.h"
#include "runtime/schemarefresher.h"

namespace sluice {

Runtime::Runtime(const Settings &settings)
    : m_settings(settings)
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
    options.connection.idleTimeoutMs = settings.server.idleTimeoutS * 1000;
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
    return options;
}

Result<quint16> Runtime::start(const QList<ServiceConfig> &services)
{
    m_registry.setServices(services);
    m_registry.refreshAll();

    ApiContext context;
    context.registry = &m_registry;
    context.options = apiOptions(m_settings);
    m_server =
        std::make_unique<HttpServer>(serverOptions(m_settings), ApiHandler::factory(context));
    auto port = m_server->start();
    if (!port) {
        m_server.reset();
        return port.error();
    }

    m_refresher = new SchemaRefresher(m_registry, m_settings.db.schemaRefreshS);
    m_refresher->moveToThread(&m_refreshThread);
    QObject::connect(&m_refreshThread, &QThread::finished, m_refresher, &QObject::deleteLater);
    m_refreshThread.setObjectName(QStringLiteral("schema-refresh"));
    m_refreshThread.start();
    QMetaObject::invokeMethod(m_refresher, &SchemaRefresher::start, Qt::QueuedConnection);
    return port;
}

void Runtime::stop()
{
    m_server.reset();
    if (m_refreshThread.isRunning()) {
        m_refreshThread.quit();
        m_refreshThread.wait();
        m_refresher = nullptr;
    }
}

} // namespace sluice
