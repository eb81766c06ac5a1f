#include "config/configstore.h"

#include "config/authsnapshot.h"
#include "config/authsql.h"
#include "config/configsql.h"
#include "config/migrations.h"
#include "config/storeconnection.h"
#include "config/tenantrepository.h"
#include "core/logging.h"

#include <QDateTime>
#include <QMutexLocker>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

ServiceConfig serviceFromRow(const QSqlQuery &query)
{
    ServiceConfig service;
    QString tenancy;
    readColumns(query, service.name, service.driver, service.dsn, service.label, service.schema,
                service.readOnly, service.rawSql, service.enabled, service.createdAt,
                service.updatedAt, tenancy);
    // The column's CHECK allows only known names.
    const Result<Tenancy> mode = tenancyFromName(tenancy);
    service.tenancy = mode ? *mode : Tenancy::None;
    return service;
}

const QString SelectServices = u"SELECT name, driver, dsn, label, schema_name, read_only, raw_sql,"
                               " enabled, created_at, updated_at, tenancy FROM services"_s;

// Reads the per-tenant backends of the services that have them.
Status readTenantBackends(const QSqlDatabase &db, QList<ServiceConfig> &services)
{
    for (ServiceConfig &service : services) {
        if (service.tenancy != Tenancy::Database && service.tenancy != Tenancy::Schema)
            continue;
        Result<QList<TenantBackend>> backends = TenantRepository(db).backends(service.name);
        if (!backends)
            return backends.error();
        service.tenantBackends = std::move(*backends);
    }
    return {};
}

Error serviceNotFound(const QString &name)
{
    return Error::notFound(u"service '%1' does not exist"_s.arg(name));
}

// Runs `change(db, service)` inside one write of `store` for `input` once validatedService()
// accepts it, so adding and updating a service check it the same way.
template<typename Change>
Status writeValidService(ConfigStore &store, const ServiceConfig &input, Change change)
{
    const Result<ServiceConfig> checked = validatedService(input);
    if (!checked)
        return checked.error();
    return store.write([&](const QSqlDatabase &db) { return change(db, *checked); });
}

} // namespace

Result<std::unique_ptr<ConfigStore>> ConfigStore::open(const QString &dataDir)
{
    return open(StoreLocation { dataDir, {}, {} });
}

Result<std::unique_ptr<ConfigStore>> ConfigStore::open(const StoreLocation &location)
{
    std::unique_ptr<ConfigStore> store(new ConfigStore);
    store->m_thread = QThread::currentThread();
    store->m_connection =
        std::make_unique<StoreConnection>(location, u"sluice-config"_s, u"config.db"_s);
    // WAL lets readers (the CLI's `db list`) run while the server writes; config writes are
    // rare, so syncing each commit costs nothing.
    if (Status opened = store->m_connection->open({ u"PRAGMA foreign_keys = ON"_s }); !opened)
        return opened.error();
    store->m_db = store->m_connection->db();
    store->m_path = store->m_connection->where();

    const Result<int> version = migrateConfig(store->m_db);
    if (!version)
        return version.error();
    store->m_schemaVersion = *version;
    return store;
}

ConfigStore::~ConfigStore() = default;

bool ConfigStore::isShared() const
{
    return m_connection->isShared();
}

Status ConfigStore::reconnectIfLost() const
{
    if (!m_lost)
        return {};
    if (Status connected = m_connection->reconnect(); !connected) {
        // Logged where it happens; callers (any HTTP client) learn only that it is down.
        qCDebug(lcConfig).noquote() << connected.error().message;
        return Error::unavailable(
            u"the config store is unavailable; changes are refused until it answers"_s);
    }
    m_lost = false;
    qCInfo(lcConfig).noquote() << "the config store answers again:" << m_path;
    return {};
}

Result<qint64> ConfigStore::generation()
{
    Result<qint64> value = qint64(0);
    const Status done = read([&value](const QSqlDatabase &db) -> Status {
        value = authDataVersion(db);
        return value ? Status() : value.error();
    });
    if (!done)
        return done.error();
    return value;
}

Status ConfigStore::checkThread() const
{
    if (QThread::currentThread() != m_thread)
        return Error::internal(
            u"ConfigStore used from a thread other than the one that opened it"_s);
    if (m_inBody)
        return Error::internal(u"ConfigStore called from inside its own read()/write() body"_s);
    return {};
}

Status ConfigStore::write(const std::function<Status(const QSqlDatabase &)> &body)
{
    if (Status usable = checkThread(); !usable)
        return usable;
    QMutexLocker lock(&m_mutex);
    if (Status connected = reconnectIfLost(); !connected)
        return connected;
    const Status done = [&]() -> Status {
        WriteTransaction transaction(m_db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        m_inBody = true;
        const Status changed = body(m_db);
        m_inBody = false;
        if (!changed)
            return changed; // the guard rolls back
        if (isShared()) {
            // In the change's own transaction: the other instances hear of it exactly when it
            // is committed, and one that misses the notification sees the generation move.
            if (Status counted = execConfigSql(
                    m_db, u"UPDATE store_generation SET value = value + 1 WHERE id = 1"_s, {},
                    u"counting a change"_s);
                !counted) {
                return counted;
            }
            if (Status told = execConfigSql(m_db, u"NOTIFY "_s + QLatin1StringView(ChangeChannel),
                                            {}, u"announcing a change"_s);
                !told) {
                return told;
            }
        }
        return transaction.commit();
    }();
    m_lost = isShared() && !done && done.error().kind == ErrorKind::Unavailable;
    return done;
}

Status ConfigStore::read(const std::function<Status(const QSqlDatabase &)> &body) const
{
    if (Status usable = checkThread(); !usable)
        return usable;
    QMutexLocker lock(&m_mutex);
    if (Status connected = reconnectIfLost(); !connected)
        return connected;
    m_inBody = true;
    const Status done = body(m_db);
    m_inBody = false;
    m_lost = isShared() && !done && done.error().kind == ErrorKind::Unavailable;
    return done;
}

Result<QList<ServiceConfig>> ConfigStore::services() const
{
    Result<QList<ServiceConfig>> result = QList<ServiceConfig>();
    const Status done = read([&result](const QSqlDatabase &db) -> Status {
        result = selectConfigRows(db, SelectServices + u" ORDER BY name"_s, {},
                                  u"listing services"_s, serviceFromRow);
        return result ? readTenantBackends(db, *result) : Status();
    });
    if (!done)
        return done.error();
    return result;
}

Result<ServiceConfig> ConfigStore::service(const QString &name) const
{
    Result<ServiceConfig> found = serviceNotFound(name);
    const Status done = read([&](const QSqlDatabase &db) -> Status {
        found = firstRow(selectConfigRows(db, SelectServices + u" WHERE name = ?"_s, { name },
                                          u"reading service '%1'"_s.arg(name), serviceFromRow),
                         [&name] { return serviceNotFound(name); });
        if (!found)
            return {};
        QList<ServiceConfig> one { *found };
        if (Status read = readTenantBackends(db, one); !read)
            return read;
        found = one.constFirst();
        return {};
    });
    if (!done)
        return done.error();
    return found;
}

Status ConfigStore::addService(const ServiceConfig &input)
{
    return writeValidService(
        *this, input, [](const QSqlDatabase &db, const ServiceConfig &service) -> Status {
            // Checked inside the write lock, so no other writer can add the name in between.
            if (Status unused = ensureUnused(db, u"SELECT count(*) FROM services WHERE name = ?"_s,
                                             { service.name }, u"adding a service"_s,
                                             u"service '%1' already exists"_s.arg(service.name));
                !unused) {
                return unused;
            }
            const QString now = nowText();
            return execConfigSql(
                db,
                u"INSERT INTO services (name, driver, dsn, label, schema_name, read_only, raw_sql,"
                " enabled, created_at, updated_at, tenancy)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                { service.name, service.driver, service.dsn, service.label, service.schema,
                  int(service.readOnly), int(service.rawSql), int(service.enabled), now, now,
                  tenancyName(service.tenancy) },
                u"adding service '%1'"_s.arg(service.name));
        });
}

Status ConfigStore::updateService(const ServiceConfig &input)
{
    return writeValidService(
        *this, input, [](const QSqlDatabase &db, const ServiceConfig &service) {
            return changeOneRow(
                db,
                u"UPDATE services SET driver = ?, dsn = ?, label = ?, schema_name = ?,"
                " read_only = ?, raw_sql = ?, enabled = ?, updated_at = ?, tenancy = ?"
                " WHERE name = ?"_s,
                { service.driver, service.dsn, service.label, service.schema, int(service.readOnly),
                  int(service.rawSql), int(service.enabled), nowText(),
                  tenancyName(service.tenancy), service.name },
                u"updating service '%1'"_s.arg(service.name),
                [&service] { return serviceNotFound(service.name); });
        });
}

Status ConfigStore::removeService(const QString &name)
{
    return write([&name](const QSqlDatabase &db) -> Status {
        return changeOneRow(db, u"DELETE FROM services WHERE name = ?"_s, { name },
                            u"removing service '%1'"_s.arg(name),
                            [&name] { return serviceNotFound(name); });
    });
}

Result<QString> ConfigStore::setting(const QString &key) const
{
    Result<QString> value = QString();
    const Status done = read([&](const QSqlDatabase &db) -> Status {
        value = firstRow(
            selectConfigRows(db, u"SELECT value FROM settings WHERE key = ?"_s, { key },
                             u"reading setting '%1'"_s.arg(key),
                             [](const QSqlQuery &query) { return query.value(0).toString(); }),
            [&key] { return Error::notFound(u"setting '%1' is not set"_s.arg(key)); });
        return {};
    });
    if (!done)
        return done.error();
    return value;
}

Status ConfigStore::setSetting(const QString &key, const QString &value)
{
    if (key.isEmpty())
        return Error::badRequest(u"a setting needs a key"_s);
    return write([&](const QSqlDatabase &db) -> Status {
        return execConfigSql(db,
                             u"INSERT INTO settings (key, value) VALUES (?, ?)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
                             { key, value }, u"writing setting '%1'"_s.arg(key));
    });
}

} // namespace sluice
