#include "config/storeconnection.h"

#include "config/dsnmask.h"

#include <QAtomicInteger>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

QString StoreLocation::describe() const
{
    return isShared() ? maskDsn(postgresDsn)
                      : u"config.db in %1"_s.arg(QDir::toNativeSeparators(dataDir));
}

StoreConnection::StoreConnection(const StoreLocation &location, const QString &namePrefix,
                                 const QString &fileName)
    : m_location(location)
    , m_namePrefix(namePrefix)
    , m_fileName(fileName)
{
    if (!location.isShared())
        return; // the file's connection is made by open(): its path must exist first
    static QAtomicInteger<quint32> counter;
    m_connectionName = namePrefix + u"-pg-"_s + QString::number(counter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connectionName);
    m_where = maskDsn(location.postgresDsn);
}

StoreConnection::~StoreConnection()
{
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase(); // drop the last handle before removing the connection
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status StoreConnection::open(const QStringList &sqlitePragmas)
{
    if (!isShared()) {
        const Result<QString> path = privateDataFile(m_location.dataDir, m_fileName);
        if (!path)
            return path.error();
        m_where = *path;
        m_file = std::make_unique<SqliteFileConnection>(m_namePrefix, *path);
        m_db = m_file->db();
        return m_file->open(sqlitePragmas);
    }
    if (!m_db.isValid())
        return Error::internal(u"Qt's PostgreSQL driver (QPSQL) is not installed: it is needed"
                               " for config.store"_s);
    if (!m_location.applyPostgresDsn)
        return Error::internal(u"no PostgreSQL DSN reader was given for config.store"_s);
    if (Status applied = m_location.applyPostgresDsn(m_db, m_location.postgresDsn); !applied)
        return Error::badRequest(u"config.store: "_s + applied.error().message);
    // libpq waits for an unanswered host forever by default; the store's thread must not.
    const QString options = m_db.connectOptions();
    if (!options.contains(u"connect_timeout"_s))
        m_db.setConnectOptions(options.isEmpty() ? u"connect_timeout=5"_s
                                                 : options + u";connect_timeout=5"_s);
    return reconnect();
}

Status StoreConnection::reconnect()
{
    Q_ASSERT(isShared());
    m_db.close();
    if (m_db.open()) {
        // PostgreSQL's NOTICEs ("already exists, skipping") would reach stderr through QPSQL.
        QSqlQuery quiet(m_db);
        quiet.exec(u"SET client_min_messages = warning"_s);
        return {};
    }
    // libpq's message names the host and port, never the password.
    // libpq's message spans lines ("…failed: Connection refused\n\tIs the server running…").
    const QString why = m_db.lastError().databaseText().simplified();
    return Error::unavailable(
        u"the config store (PostgreSQL at %1) does not answer: %2"_s.arg(m_where, why));
}

} // namespace sluice
