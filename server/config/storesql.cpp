#include "config/storesql.h"

#include "core/logging.h"
#include "core/paths.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// SQLite primary result codes (sqlite3.h); the Qt driver reports them as nativeErrorCode().
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;

// How long a statement waits for another process (the CLI or a second server) to release the
// write lock before it fails with Unavailable.
constexpr int BusyTimeoutMs = 5000;

} // namespace

bool isPostgresStore(const QSqlDatabase &db)
{
    return db.driverName() == u"QPSQL"_s;
}

namespace {

// The SQLSTATE classes that mean the store could not be reached or went away, not that the
// statement was wrong: 08 connection exception, 57P0x shutdown, 53 insufficient resources.
bool postgresUnreachable(const QSqlError &error)
{
    const QString state = error.nativeErrorCode();
    return error.type() == QSqlError::ConnectionError || state.isEmpty()
        || state.startsWith(u"08"_s) || state.startsWith(u"57P0"_s) || state.startsWith(u"53"_s);
}

Error postgresStoreError(const QSqlError &error, const QString &what)
{
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (postgresUnreachable(error)) {
        // The answer may reach any caller (a login): it names neither the store nor libpq's
        // reason, which go to the log.
        qCWarning(lcConfig).noquote()
            << "the config store went away while" << what << "-" << detail.simplified();
        Error e = Error::unavailable(
            u"the config store is unavailable while %1; try again once it answers"_s.arg(what));
        e.sqlState = error.nativeErrorCode();
        return e;
    }
    Error e = Error::internal(u"config store: %1 failed: %2"_s.arg(what, detail.trimmed()));
    e.sqlState = error.nativeErrorCode();
    return e;
}

} // namespace

Error sqliteFileError(const QSqlError &error, const QString &file, const QString &what)
{
    const QString code = error.nativeErrorCode();
    bool isNumber = false;
    // Extended codes keep the primary code in the low byte.
    const int primary = code.toInt(&isNumber) & 0xff;
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    Error e = isNumber && (primary == SqliteBusy || primary == SqliteLocked)
        ? Error::unavailable(
            u"%1 is locked by another process while %2; try again"_s.arg(file, what))
        : Error::internal(u"%1: %2 failed: %3"_s.arg(file, what, detail));
    e.sqlState = code;
    return e;
}

Status execStoreSql(QSqlQuery &query, const QString &sql, const QVariantList &values,
                    const QString &file, const QString &what)
{
    const bool postgres = query.driver() && query.driver()->dbmsType() == QSqlDriver::PostgreSQL;
    const auto failed = [&] {
        return postgres ? postgresStoreError(query.lastError(), what)
                        : sqliteFileError(query.lastError(), file, what);
    };
    if (postgres && values.isEmpty()) {
        // QPSQL prepares server-side (PREPARE … AS), which PostgreSQL refuses for BEGIN, DDL
        // and NOTIFY; a statement without parameters needs no preparing.
        return query.exec(sql) ? Status() : failed();
    }
    if (!query.prepare(sql))
        return failed();
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        // The driver binds a null QString as SQL NULL.
        const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
        query.bindValue(int(i), nullText ? QVariant(u""_s) : value);
    }
    if (!query.exec())
        return failed();
    return {};
}

Result<QString> privateDataFile(const QString &dataDir, const QString &fileName)
{
    if (dataDir.isEmpty())
        return Error::internal(u"no data directory given for %1"_s.arg(fileName));
    if (Status made = ensurePrivateDir(dataDir); !made)
        return made.error();
    const QString path = QDir(dataDir).absoluteFilePath(fileName);
    if (Status made = ensurePrivateFile(path); !made)
        return made.error();
    return path;
}

QDateTime timeFromColumn(const QVariant &value)
{
    if (value.isNull())
        return {};
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

void readColumn(const QVariant &value, QString &member)
{
    member = value.toString();
}

void readColumn(const QVariant &value, qint64 &member)
{
    member = value.toLongLong();
}

void readColumn(const QVariant &value, int &member)
{
    member = value.toInt();
}

void readColumn(const QVariant &value, bool &member)
{
    member = value.toInt() != 0;
}

void readColumn(const QVariant &value, QDateTime &member)
{
    member = timeFromColumn(value);
}

void readColumn(const QVariant &value, std::optional<qint64> &member)
{
    member = value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

SqliteFileConnection::SqliteFileConnection(const QString &namePrefix, const QString &path)
    : m_fileName(QFileInfo(path).fileName())
{
    static QAtomicInteger<quint32> counter;
    m_connectionName = namePrefix + u'-' + QString::number(counter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
}

SqliteFileConnection::~SqliteFileConnection()
{
    m_db.close();
    m_db = QSqlDatabase(); // drop the last handle before removing the connection
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status SqliteFileConnection::open(const QStringList &pragmas)
{
    if (!m_db.open())
        return sqliteFileError(m_db.lastError(), m_fileName,
                               u"opening %1"_s.arg(m_db.databaseName()));
    QSqlQuery query(m_db);
    const QString wal = u"PRAGMA journal_mode = WAL"_s;
    if (Status set = execStoreSql(query, wal, {}, m_fileName, u"switching to WAL"_s); !set)
        return set;
    const QString mode = query.next() ? query.value(0).toString() : QString();
    if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return Error::internal(u"%1: journal_mode WAL returned '%2'"_s.arg(m_fileName, mode));
    query.finish();
    const QStringList always = { u"PRAGMA synchronous = FULL"_s,
                                 u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs) };
    for (const QString &pragma : always + pragmas) {
        if (Status set = execStoreSql(query, pragma, {}, m_fileName, pragma); !set)
            return set;
    }
    return {};
}

WriteTransaction::WriteTransaction(const QSqlDatabase &db, const QString &file)
    : m_db(db)
    , m_file(file)
{
}

WriteTransaction::~WriteTransaction()
{
    if (!m_active)
        return;
    // QSqlDatabase::transaction() would issue a plain BEGIN (deferred); we manage the
    // transaction with SQL so that it is IMMEDIATE, and end it the same way.
    const Status rolledBack = exec(u"ROLLBACK"_s, u"rolling back"_s);
    if (!rolledBack)
        qCWarning(lcConfig).noquote() << rolledBack.error().message;
}

Status WriteTransaction::begin()
{
    Q_ASSERT(!m_active);
    if (!isPostgresStore(m_db)) {
        Status status = exec(u"BEGIN IMMEDIATE"_s, u"starting a write"_s);
        m_active = status.ok();
        return status;
    }
    Status status = exec(u"BEGIN"_s, u"starting a write"_s);
    m_active = status.ok();
    if (!status)
        return status;
    // Any fixed number works as long as every writer uses the same one ("sluice" in ASCII).
    return exec(u"SELECT pg_advisory_xact_lock(495873926501)"_s, u"waiting for other writers"_s);
}

Status WriteTransaction::commit()
{
    Q_ASSERT(m_active);
    Status status = exec(u"COMMIT"_s, u"committing"_s);
    // A failed COMMIT leaves the transaction open (e.g. SQLITE_BUSY); the destructor then
    // rolls it back.
    if (status)
        m_active = false;
    return status;
}

Status WriteTransaction::exec(const QString &sql, const QString &what)
{
    QSqlQuery query(m_db);
    return execStoreSql(query, sql, {}, m_file, what);
}

} // namespace sluice
