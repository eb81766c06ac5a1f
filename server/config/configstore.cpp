#include "config/configstore.h"

#include "config/configsql.h"
#include "config/migrations.h"
#include "core/logging.h"
#include "core/paths.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// How long a write waits for another process (the CLI or a second server) to release the
// lock before it reports Unavailable.
constexpr int BusyTimeoutMs = 5000;

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

Status pragma(const QSqlDatabase &db, const QString &statement, const QString &expected)
{
    QSqlQuery query(db);
    if (Status done = execConfigSql(query, statement, {}, statement); !done)
        return done;
    if (!expected.isEmpty()) {
        const QString got = query.next() ? query.value(0).toString() : QString();
        if (got.compare(expected, Qt::CaseInsensitive) != 0)
            return Error::internal(u"config.db: %1 returned '%2'"_s.arg(statement, got));
    }
    return {};
}

ServiceConfig serviceFromRow(const QSqlQuery &query)
{
    ServiceConfig service;
    service.name = query.value(0).toString();
    service.driver = query.value(1).toString();
    service.dsn = query.value(2).toString();
    service.label = query.value(3).toString();
    service.schema = query.value(4).toString();
    service.readOnly = query.value(5).toInt() != 0;
    service.rawSql = query.value(6).toInt() != 0;
    service.enabled = query.value(7).toInt() != 0;
    service.createdAt = QDateTime::fromString(query.value(8).toString(), Qt::ISODateWithMs);
    service.updatedAt = QDateTime::fromString(query.value(9).toString(), Qt::ISODateWithMs);
    return service;
}

const QString SelectServices = u"SELECT name, driver, dsn, label, schema_name, read_only, raw_sql,"
                               " enabled, created_at, updated_at FROM services"_s;

Error serviceNotFound(const QString &name)
{
    return Error::notFound(u"service '%1' does not exist"_s.arg(name));
}

} // namespace

Result<std::unique_ptr<ConfigStore>> ConfigStore::open(const QString &dataDir)
{
    if (dataDir.isEmpty())
        return Error::internal(u"no data directory given for config.db"_s);
    if (Status made = ensurePrivateDir(dataDir); !made)
        return made.error();
    const QString path = QDir(dataDir).absoluteFilePath(u"config.db"_s);
    if (Status made = ensurePrivateFile(path); !made)
        return made.error();

    static QAtomicInteger<quint32> counter;
    std::unique_ptr<ConfigStore> store(new ConfigStore);
    store->m_path = path;
    store->m_thread = QThread::currentThread();
    store->m_connectionName = u"sluice-config-%1"_s.arg(counter.fetchAndAddRelaxed(1));
    store->m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, store->m_connectionName);
    store->m_db.setDatabaseName(path);
    store->m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
    if (!store->m_db.open())
        return configSqlError(store->m_db.lastError(), u"opening %1"_s.arg(path));

    // WAL lets readers (the CLI's `db list`) run while the server writes. synchronous=FULL
    // also syncs the WAL at each commit, so a committed change survives power loss, not only
    // a crash of the process; config writes are rare, so the extra fsync costs nothing.
    const QList<std::pair<QString, QString>> pragmas = {
        { u"PRAGMA journal_mode = WAL"_s, u"wal"_s },
        { u"PRAGMA synchronous = FULL"_s, {} },
        { u"PRAGMA foreign_keys = ON"_s, {} },
        { u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs), {} },
    };
    for (const auto &[statement, expected] : pragmas) {
        if (Status set = pragma(store->m_db, statement, expected); !set)
            return set.error();
    }

    const Result<int> version = migrateConfig(store->m_db);
    if (!version)
        return version.error();
    store->m_schemaVersion = *version;
    return store;
}

ConfigStore::~ConfigStore()
{
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase(); // drop the last handle before removing the connection
    QSqlDatabase::removeDatabase(m_connectionName);
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
    WriteTransaction transaction(m_db);
    if (Status begun = transaction.begin(); !begun)
        return begun;
    m_inBody = true;
    const Status done = body(m_db);
    m_inBody = false;
    if (!done)
        return done; // the guard rolls back
    return transaction.commit();
}

Status ConfigStore::read(const std::function<Status(const QSqlDatabase &)> &body) const
{
    if (Status usable = checkThread(); !usable)
        return usable;
    QMutexLocker lock(&m_mutex);
    m_inBody = true;
    const Status done = body(m_db);
    m_inBody = false;
    return done;
}

Result<QList<ServiceConfig>> ConfigStore::services() const
{
    QList<ServiceConfig> result;
    const Status done = read([&result](const QSqlDatabase &db) -> Status {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (Status ran = execConfigSql(query, SelectServices + u" ORDER BY name"_s, {},
                                       u"listing services"_s);
            !ran) {
            return ran;
        }
        while (query.next())
            result.append(serviceFromRow(query));
        return {};
    });
    if (!done)
        return done.error();
    return result;
}

Result<ServiceConfig> ConfigStore::service(const QString &name) const
{
    std::optional<ServiceConfig> found;
    const Status done = read([&](const QSqlDatabase &db) -> Status {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (Status ran = execConfigSql(query, SelectServices + u" WHERE name = ?"_s, { name },
                                       u"reading service '%1'"_s.arg(name));
            !ran) {
            return ran;
        }
        if (query.next())
            found = serviceFromRow(query);
        return {};
    });
    if (!done)
        return done.error();
    if (!found)
        return serviceNotFound(name);
    return *found;
}

Status ConfigStore::addService(const ServiceConfig &input)
{
    const Result<ServiceConfig> checked = validatedService(input);
    if (!checked)
        return checked.error();
    const ServiceConfig &service = *checked;
    return write([&service](const QSqlDatabase &db) -> Status {
        // Checked inside the write lock, so no other writer can add the name in between.
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (Status ran = execConfigSql(query, u"SELECT 1 FROM services WHERE name = ?"_s,
                                       { service.name }, u"adding a service"_s);
            !ran) {
            return ran;
        }
        if (query.next()) {
            return Error::conflict(u"service '%1' already exists"_s.arg(service.name));
        }
        query.finish();
        const QString now = nowText();
        return execConfigSql(
            query,
            u"INSERT INTO services (name, driver, dsn, label, schema_name, read_only, raw_sql,"
            " enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            { service.name, service.driver, service.dsn, service.label, service.schema,
              int(service.readOnly), int(service.rawSql), int(service.enabled), now, now },
            u"adding service '%1'"_s.arg(service.name));
    });
}

Status ConfigStore::updateService(const ServiceConfig &input)
{
    const Result<ServiceConfig> checked = validatedService(input);
    if (!checked)
        return checked.error();
    const ServiceConfig &service = *checked;
    return write([&service](const QSqlDatabase &db) -> Status {
        QSqlQuery query(db);
        if (Status ran = execConfigSql(
                query,
                u"UPDATE services SET driver = ?, dsn = ?, label = ?, schema_name = ?,"
                " read_only = ?, raw_sql = ?, enabled = ?, updated_at = ? WHERE name = ?"_s,
                { service.driver, service.dsn, service.label, service.schema, int(service.readOnly),
                  int(service.rawSql), int(service.enabled), nowText(), service.name },
                u"updating service '%1'"_s.arg(service.name));
            !ran) {
            return ran;
        }
        if (query.numRowsAffected() == 0)
            return serviceNotFound(service.name);
        return {};
    });
}

Status ConfigStore::removeService(const QString &name)
{
    return write([&name](const QSqlDatabase &db) -> Status {
        QSqlQuery query(db);
        if (Status ran = execConfigSql(query, u"DELETE FROM services WHERE name = ?"_s, { name },
                                       u"removing service '%1'"_s.arg(name));
            !ran) {
            return ran;
        }
        if (query.numRowsAffected() == 0)
            return serviceNotFound(name);
        return {};
    });
}

Result<QString> ConfigStore::setting(const QString &key) const
{
    std::optional<QString> value;
    const Status done = read([&](const QSqlDatabase &db) -> Status {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (Status ran = execConfigSql(query, u"SELECT value FROM settings WHERE key = ?"_s,
                                       { key }, u"reading setting '%1'"_s.arg(key));
            !ran) {
            return ran;
        }
        if (query.next())
            value = query.value(0).toString();
        return {};
    });
    if (!done)
        return done.error();
    if (!value)
        return Error::notFound(u"setting '%1' is not set"_s.arg(key));
    return *value;
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
