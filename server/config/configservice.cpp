#include "config/configservice.h"

#include "config/tenantrepository.h"

#include <QMetaObject>

namespace sluice {

Result<std::unique_ptr<ConfigService>> ConfigService::open(const QString &dataDir)
{
    std::unique_ptr<ConfigService> service(new ConfigService);
    service->m_dataDir = dataDir;
    service->m_thread.setObjectName(QStringLiteral("config-store"));
    service->m_context = new QObject;
    service->m_context->moveToThread(&service->m_thread);
    service->m_thread.start();
    Error failure;
    bool ok = false;
    ConfigService *raw = service.get();
    // The store's connection must be opened on the thread that will use it.
    QMetaObject::invokeMethod(
        raw->m_context,
        [raw, &dataDir, &failure, &ok] {
            auto store = ConfigStore::open(dataDir);
            if (!store) {
                failure = store.error();
                return;
            }
            raw->m_store = std::move(*store);
            raw->m_path = raw->m_store->path();
            ok = true;
        },
        Qt::BlockingQueuedConnection);
    if (!ok)
        return failure;
    return service;
}

ConfigService::~ConfigService()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            m_context,
            [this] {
                m_store.reset(); // closes the connection on its own thread
                delete m_context;
                m_context = nullptr;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

Status ConfigService::run(const std::function<Status(ConfigStore &)> &body)
{
    Status result;
    if (QThread::currentThread() == &m_thread) {
        result = body(*m_store);
    } else {
        QMetaObject::invokeMethod(
            m_context, [this, &body, &result] { result = body(*m_store); },
            Qt::BlockingQueuedConnection);
    }
    m_changes.fetch_add(1, std::memory_order_release);
    return result;
}

Status ConfigService::write(const std::function<Status(const QSqlDatabase &)> &body)
{
    return run([&body](ConfigStore &store) { return store.write(body); });
}

Status ConfigService::read(const std::function<Status(const QSqlDatabase &)> &body)
{
    return run([&body](ConfigStore &store) { return store.read(body); });
}

Result<ServedConfig> readServedConfig(ConfigService &config)
{
    ServedConfig served;
    const Status read = config.run([&served](ConfigStore &store) -> Status {
        Result<QList<ServiceConfig>> services = store.services();
        if (!services)
            return services.error();
        served.services = std::move(*services);
        return store.read([&served](const QSqlDatabase &db) -> Status {
            Result<QList<TenantRecord>> tenants = TenantRepository(db).list();
            if (!tenants)
                return tenants.error();
            for (const TenantRecord &tenant : std::as_const(*tenants))
                served.tenants.insert(tenant.name);
            return {};
        });
    });
    if (!read)
        return read.error();
    return served;
}

} // namespace sluice
