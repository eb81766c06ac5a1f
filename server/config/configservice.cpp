#include "config/configservice.h"

#include "config/tenantrepository.h"
#include "core/logging.h"

#include <QMetaObject>
#include <QSqlDriver>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace sluice {

Result<std::unique_ptr<ConfigService>> ConfigService::open(const QString &dataDir)
{
    return open(StoreLocation { dataDir, {}, {} });
}

Result<std::unique_ptr<ConfigService>> ConfigService::open(const StoreLocation &location)
{
    std::unique_ptr<ConfigService> service(new ConfigService);
    service->m_dataDir = location.dataDir;
    service->m_location = location;
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
        [raw, &location, &failure, &ok] {
            auto store = ConfigStore::open(location);
            if (!store) {
                failure = store.error();
                return;
            }
            raw->m_store = std::move(*store);
            raw->m_path = raw->m_store->path();
            if (raw->m_store->isShared()) {
                raw->followSharedStore();
                if (!raw->m_snapshot) {
                    failure = Error::unavailable(
                        u"the config store does not answer: %1"_s.arg(raw->m_path));
                    return;
                }
                raw->listenForChanges();
                auto *poll = new QTimer(raw->m_context);
                poll->setInterval(FollowMs);
                QObject::connect(poll, &QTimer::timeout, raw->m_context,
                                 [raw] { raw->followSharedStore(); });
                poll->start();
            }
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
            m_context,
            [this, &body, &result] {
                result = body(*m_store);
                // What this call changed is in the snapshot before the caller goes on.
                if (m_store->isShared())
                    followSharedStore();
            },
            Qt::BlockingQueuedConnection);
    }
    m_changes.fetch_add(1, std::memory_order_release);
    return result;
}

std::shared_ptr<const AuthSnapshotData> ConfigService::authSnapshot() const
{
    QMutexLocker lock(&m_snapshotMutex);
    return m_snapshot;
}

void ConfigService::listenForChanges()
{
    QSqlDriver *driver = m_store->database().driver();
    const QString channel = QString::fromLatin1(ConfigStore::ChangeChannel);
    if (driver->subscribedToNotifications().contains(channel))
        return;
    if (!driver->subscribeToNotification(channel)) {
        qCWarning(lcConfig).noquote() << "cannot LISTEN on the config store; following it by"
                                      << "polling every" << FollowMs << "ms";
        return;
    }
    if (m_listening)
        return; // the driver object outlives reconnections, and so does the connection below
    m_listening = true;
    QObject::connect(driver, &QSqlDriver::notification, m_context, [this](const QString &name) {
        if (name == QLatin1StringView(ConfigStore::ChangeChannel))
            followSharedStore();
    });
}

void ConfigService::followSharedStore()
{
    const Result<qint64> generation = m_store->generation();
    if (!generation) {
        if (m_reachable.exchange(false))
            qCWarning(lcConfig).noquote()
                << "serving from the last configuration read:" << generation.error().message;
        return;
    }
    if (!m_reachable.exchange(true))
        qCInfo(lcConfig).noquote() << "the config store answers again";
    listenForChanges(); // again after a reconnection: closing the connection ended LISTEN
    if (*generation == m_seenGeneration)
        return;
    Result<AuthSnapshotData> loaded = AuthSnapshotData();
    const Status read = m_store->read([&loaded](const QSqlDatabase &db) -> Status {
        loaded = loadAuthSnapshot(db);
        return loaded ? Status() : loaded.error();
    });
    if (!read) {
        qCWarning(lcConfig).noquote() << "cannot reload the configuration:" << read.error().message;
        return; // tried again at the next notification or poll
    }
    auto snapshot = std::make_shared<const AuthSnapshotData>(std::move(*loaded));
    m_seenGeneration = snapshot->dataVersion;
    {
        QMutexLocker lock(&m_snapshotMutex);
        m_snapshot = std::move(snapshot);
    }
    m_changes.fetch_add(1, std::memory_order_release);
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
