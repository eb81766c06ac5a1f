#include "audit/auditlog.h"

#include "config/storeconnection.h"
#include "config/storesql.h"
#include "core/logging.h"

#include <QDeadlineTimer>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>
#include <QVariantList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Attempts at writing one batch (each waiting up to the busy timeout) before it is dropped.
constexpr int WriteAttempts = 3;
// After the first entry of a batch arrives, the writer waits this long for more: under load one
// synced commit then carries a burst of entries instead of each few. Requests never wait for
// the audit write, so this delays only when an entry reaches the disk.
constexpr int GatherMs = 5;
constexpr qsizetype MaxBatch = 5000;
// A key's last use is written at most this often.
constexpr qint64 TouchIntervalSecs = 60;
// audit.db's schema, kept in PRAGMA user_version: 1 as first made, 2 with each entry's tenant.
constexpr int SchemaVersion = 2;

// On a shared store the first pause before connecting again, and the longest.
constexpr int FirstReconnectPauseMs = 100;
constexpr int LongestReconnectPauseMs = 5000;
// How long a log being destroyed waits for a shared store that went away to answer again.
constexpr int ShutdownGraceMs = 10000;
// The transaction-scoped advisory lock that makes creating the tables in a shared store safe
// when several instances start at once ("auditlog" in ASCII; the config store's is another).
constexpr qint64 AuditSchemaLock = 0x61756469746c6f67;

const QString AuditFile = u"audit.db"_s;

const QStringList SchemaStatements = {
    u"CREATE TABLE audit_entries ("
    "  id         INTEGER PRIMARY KEY,"
    "  at         TEXT NOT NULL,"
    "  actor      TEXT NOT NULL,"
    "  action     TEXT NOT NULL,"
    "  service    TEXT,"
    "  table_name TEXT,"
    "  verb       TEXT,"
    "  row_count  INTEGER,"
    "  status     INTEGER NOT NULL,"
    "  request_id TEXT NOT NULL,"
    "  detail     TEXT,"
    "  tenant     TEXT"
    ")"_s,
    u"CREATE INDEX audit_entries_by_at ON audit_entries (at)"_s,
    u"CREATE INDEX audit_entries_by_actor ON audit_entries (actor, at)"_s,
    u"CREATE INDEX audit_entries_by_action ON audit_entries (action, at)"_s,
    u"CREATE INDEX audit_entries_by_service ON audit_entries (service, at)"_s,
    u"CREATE INDEX audit_entries_by_tenant ON audit_entries (tenant, at)"_s,
    // Append-only for every connection, the CLI and sqlite3 included (short of dropping the
    // triggers or editing the file, which the file's 0600 mode leaves to its owner).
    u"CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"_s,
    u"CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"_s,
    u"CREATE TABLE key_usage ("
    "  key_id       INTEGER PRIMARY KEY,"
    "  last_used_at TEXT NOT NULL"
    ")"_s,
};

// What a file of an older version lacks, by the version that added it. Adding a column leaves
// the entries as they were (the append-only triggers refuse UPDATE, not ALTER TABLE); entries
// written before have no tenant (NULL).
const QList<std::pair<int, QStringList>> Migrations = {
    { 2,
      { u"ALTER TABLE audit_entries ADD COLUMN tenant TEXT"_s,
        u"CREATE INDEX audit_entries_by_tenant ON audit_entries (tenant, at)"_s } },
};

// The same tables in a shared PostgreSQL store. `at` and `last_used_at` compare bytewise
// (COLLATE "C") as SQLite's text does, so filters and order match audit.db's whatever the
// database's collation. PRAGMA user_version has no equivalent: audit_schema_version holds it.
// Every statement is idempotent; they run under AuditSchemaLock. A later version adds its
// own statements here, run when the recorded version is older.
const QStringList PostgresSchemaStatements = {
    u"CREATE TABLE IF NOT EXISTS audit_entries ("
    "  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    "  at         TEXT COLLATE \"C\" NOT NULL,"
    "  actor      TEXT NOT NULL,"
    "  action     TEXT NOT NULL,"
    "  service    TEXT,"
    "  table_name TEXT,"
    "  verb       TEXT,"
    "  row_count  BIGINT,"
    "  status     INTEGER NOT NULL,"
    "  request_id TEXT NOT NULL,"
    "  detail     TEXT,"
    "  tenant     TEXT"
    ")"_s,
    u"CREATE INDEX IF NOT EXISTS audit_entries_by_at ON audit_entries (at)"_s,
    u"CREATE INDEX IF NOT EXISTS audit_entries_by_actor ON audit_entries (actor, at)"_s,
    u"CREATE INDEX IF NOT EXISTS audit_entries_by_action ON audit_entries (action, at)"_s,
    u"CREATE INDEX IF NOT EXISTS audit_entries_by_service ON audit_entries (service, at)"_s,
    u"CREATE INDEX IF NOT EXISTS audit_entries_by_tenant ON audit_entries (tenant, at)"_s,
    u"CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger"
    " LANGUAGE plpgsql AS $$"
    " BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$"_s,
    u"DROP TRIGGER IF EXISTS audit_entries_no_update ON audit_entries"_s,
    u"CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries"
    " FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()"_s,
    u"DROP TRIGGER IF EXISTS audit_entries_no_delete ON audit_entries"_s,
    u"CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries"
    " FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()"_s,
    u"DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries"_s,
    u"CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries"
    " FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()"_s,
    u"CREATE TABLE IF NOT EXISTS key_usage ("
    "  key_id       BIGINT PRIMARY KEY,"
    "  last_used_at TEXT COLLATE \"C\" NOT NULL"
    ")"_s,
};

const QString SelectEntries = u"SELECT id, at, actor, action, service, table_name, verb,"
                              " row_count, status, request_id, detail, tenant FROM audit_entries"_s;

// ISO-8601 UTC with milliseconds: text order is time order, as in config.db.
QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// Absent optional fields are stored as NULL, not ''.
QVariant optionalText(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

Error postgresError(const QSqlError &error, const QString &what)
{
    // As execStoreSql maps them: a connection exception (08), a shutdown (57P0x) or a
    // statement cut off without a SQLSTATE means the store went away.
    const QString state = error.nativeErrorCode();
    const QString detail =
        (error.databaseText().isEmpty() ? error.text() : error.databaseText()).trimmed();
    Error e = error.type() == QSqlError::ConnectionError || state.isEmpty()
            || state.startsWith(u"08"_s) || state.startsWith(u"57P0"_s) || state.startsWith(u"53"_s)
        ? Error::unavailable(
            u"the shared store (PostgreSQL) is unavailable while %1: %2"_s.arg(what, detail))
        : Error::internal(u"audit log: %1 failed: %2"_s.arg(what, detail));
    e.sqlState = state;
    return e;
}

Error auditSqlError(const QSqlDatabase &db, const QSqlError &error, const QString &what)
{
    return isPostgresStore(db) ? postgresError(error, what)
                               : sqliteFileError(error, AuditFile, what);
}

Status execAudit(QSqlQuery &query, const QString &sql, const QVariantList &values,
                 const QString &what)
{
    if (!query.driver() || query.driver()->dbmsType() != QSqlDriver::PostgreSQL)
        return execStoreSql(query, sql, values, AuditFile, what);
    // QPSQL prepares with SQL PREPARE, which takes no BEGIN, COMMIT or DDL: a statement without
    // values runs as it is.
    if (values.isEmpty()) {
        if (!query.exec(sql))
            return postgresError(query.lastError(), what);
        return {};
    }
    if (!query.prepare(sql))
        return postgresError(query.lastError(), what);
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        // As execStoreSql: a null QString is '', an invalid QVariant NULL.
        const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
        query.bindValue(int(i), nullText ? QVariant(u""_s) : value);
    }
    if (!query.exec())
        return postgresError(query.lastError(), what);
    return {};
}

Status execAudit(const QSqlDatabase &db, const QString &sql, const QString &what)
{
    QSqlQuery query(db);
    return execAudit(query, sql, {}, what);
}

// A connection to audit.db or the shared store owned by the current thread, removed when it
// goes out of scope.
class AuditConnection : public StoreConnection
{
public:
    explicit AuditConnection(const StoreLocation &location)
        : StoreConnection(location, u"sluice-audit"_s, AuditFile)
    {
    }
};

// A write transaction on audit.db (BEGIN IMMEDIATE, see WriteTransaction) or on the shared
// store: there a plain one, as appends need no lock (ids come from an identity column), and
// `lock` (creating the schema) waits for other instances doing the same.
class AuditTransaction
{
public:
    explicit AuditTransaction(const QSqlDatabase &db, std::optional<qint64> lock = {})
        : m_db(db)
        , m_lock(lock)
    {
    }
    ~AuditTransaction()
    {
        // A failed statement on a store that went away fails ROLLBACK too; the caller has the
        // error already.
        if (m_active && m_db.isOpen())
            (void)execAudit(m_db, u"ROLLBACK"_s, u"rolling back"_s);
    }
    AuditTransaction(const AuditTransaction &) = delete;
    AuditTransaction &operator=(const AuditTransaction &) = delete;

    Status begin()
    {
        if (!isPostgresStore(m_db)) {
            m_file.emplace(m_db, AuditFile);
            return m_file->begin();
        }
        Status begun = execAudit(m_db, u"BEGIN"_s, u"starting a write"_s);
        m_active = begun.ok();
        if (begun && m_lock) {
            begun = execAudit(m_db, u"SELECT pg_advisory_xact_lock(%1)"_s.arg(*m_lock),
                              u"waiting for other instances"_s);
        }
        return begun;
    }
    Status commit()
    {
        if (m_file)
            return m_file->commit();
        Status committed = execAudit(m_db, u"COMMIT"_s, u"committing"_s);
        if (committed)
            m_active = false;
        return committed;
    }

private:
    QSqlDatabase m_db;
    std::optional<qint64> m_lock;
    std::optional<WriteTransaction> m_file;
    bool m_active = false; // a PostgreSQL transaction to roll back
};

Result<int> userVersion(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status ran = execAudit(query, u"PRAGMA user_version"_s, {}, u"reading the version"_s);
        !ran) {
        return ran.error();
    }
    return query.next() ? query.value(0).toInt() : 0;
}

// Creates the tables in a shared store, or brings them up to date: under AuditSchemaLock, so
// that instances starting together take turns, and the second finds the work done.
Status ensurePostgresSchema(const QSqlDatabase &db)
{
    AuditTransaction transaction(db, AuditSchemaLock);
    if (Status begun = transaction.begin(); !begun)
        return begun;
    // Without "relation already exists, skipping" and the like in every instance's log.
    if (Status quiet =
            execAudit(db, u"SET LOCAL client_min_messages = warning"_s, u"creating the schema"_s);
        !quiet) {
        return quiet;
    }
    if (Status made = execAudit(db,
                                u"CREATE TABLE IF NOT EXISTS audit_schema_version ("
                                "  version INTEGER NOT NULL"
                                ")"_s,
                                u"creating audit_schema_version"_s);
        !made) {
        return made;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status read =
            execAudit(query, u"SELECT coalesce(max(version), 0) FROM audit_schema_version"_s, {},
                      u"reading the version"_s);
        !read) {
        return read;
    }
    const int current = query.next() ? query.value(0).toInt() : 0;
    query.finish();
    if (current > SchemaVersion) {
        return Error::internal(
            u"the audit log in the shared store was written by a newer Sluice (version %1);"
            " this build knows version %2"_s.arg(current)
                .arg(SchemaVersion));
    }
    if (current == SchemaVersion)
        return transaction.commit(); // another instance was first
    for (const QString &statement : PostgresSchemaStatements) {
        if (Status done = execAudit(db, statement, u"creating the schema"_s); !done)
            return done;
    }
    for (const QString &statement :
         { u"DELETE FROM audit_schema_version"_s,
           u"INSERT INTO audit_schema_version (version) VALUES (%1)"_s.arg(SchemaVersion) }) {
        if (Status done = execAudit(db, statement, u"recording the version"_s); !done)
            return done;
    }
    return transaction.commit();
}

// Creates the schema of a new file, or brings an older file's up to date. BEGIN IMMEDIATE and a
// second look make two processes opening the file at once safe.
Status ensureSchema(const QSqlDatabase &db)
{
    if (isPostgresStore(db))
        return ensurePostgresSchema(db);
    const Result<int> found = userVersion(db);
    if (!found)
        return found.error();
    if (*found == SchemaVersion)
        return {};
    WriteTransaction transaction(db, AuditFile);
    if (Status begun = transaction.begin(); !begun)
        return begun;
    const Result<int> current = userVersion(db);
    if (!current)
        return current.error();
    if (*current > SchemaVersion) {
        return Error::internal(
            u"audit.db was written by a newer Sluice (version %1); this build knows version %2"_s
                .arg(*current)
                .arg(SchemaVersion));
    }
    if (*current == SchemaVersion)
        return transaction.commit(); // another process was first
    if (*current == 0) {
        for (const QString &statement : SchemaStatements) {
            if (Status done = execAudit(db, statement, u"creating the schema"_s); !done)
                return done;
        }
    } else {
        for (const auto &[version, statements] : Migrations) {
            if (version <= *current)
                continue;
            for (const QString &statement : statements) {
                if (Status done = execAudit(db, statement,
                                            u"updating the schema to version %1"_s.arg(version));
                    !done)
                    return done;
            }
        }
    }
    if (Status done = execAudit(db, u"PRAGMA user_version = %1"_s.arg(SchemaVersion),
                                u"recording the version"_s);
        !done) {
        return done;
    }
    return transaction.commit();
}

AuditEntry entryFromRow(const QSqlQuery &query)
{
    AuditEntry entry;
    readColumns(query, entry.id, entry.at, entry.actor, entry.action, entry.service, entry.table,
                entry.verb, entry.rows, entry.status, entry.requestId, entry.detail, entry.tenant);
    return entry;
}

// Whether a batch failed because the shared store went away rather than because of the batch:
// a statement cut off by a terminated connection does not always say so, so ask.
bool storeWentAway(const QSqlDatabase &db, const Error &error)
{
    if (error.kind == ErrorKind::Unavailable)
        return true;
    QSqlQuery probe(db);
    return !probe.exec(u"SELECT 1"_s);
}

} // namespace

Result<std::unique_ptr<AuditLog>> AuditLog::open(const QString &dataDir)
{
    return open(StoreLocation { dataDir, {}, {} });
}

Result<std::unique_ptr<AuditLog>> AuditLog::open(const StoreLocation &location)
{
    auto log = start(location);
    if (!log)
        return log.error();
    if (Status opened = (*log)->waitUntilOpen(); !opened)
        return opened.error(); // the writer has returned; the destructor joins it
    return log;
}

Result<std::unique_ptr<AuditLog>> AuditLog::start(const StoreLocation &location)
{
    std::unique_ptr<AuditLog> log(new AuditLog);
    log->m_location = location;
    if (location.isShared()) {
        log->m_path = location.describe();
    } else {
        const Result<QString> path = privateDataFile(location.dataDir, AuditFile);
        if (!path)
            return path.error();
        log->m_path = *path;
    }
    AuditLog *self = log.get();
    log->m_writer.reset(QThread::create([self] { self->run(); }));
    log->m_writer->setObjectName(u"sluice-audit"_s);
    log->m_writer->start();
    return log;
}

Status AuditLog::waitUntilOpen()
{
    // The writer opens its own connection (a connection stays on the thread that opened it)
    // and creates the schema; waited for so that a bad file fails at start, not later.
    QMutexLocker lock(&m_mutex);
    while (!m_started)
        m_progress.wait(&m_mutex);
    if (m_startError)
        return *m_startError;
    return {};
}

AuditLog::~AuditLog()
{
    if (!m_writer)
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_workAvailable.wakeAll();
    }
    m_writer->wait(); // the writer drains the queue before it returns
}

void AuditLog::run()
{
    AuditConnection connection(m_location);
    Status ready = connection.open();
    if (ready)
        ready = ensureSchema(connection.db());
    {
        QMutexLocker lock(&m_mutex);
        m_started = true;
        if (!ready)
            m_startError = ready.error();
        m_progress.wakeAll();
        if (!ready)
            return;
    }

    // A shared store that went away: logged once, until a batch is written again; the pause
    // before connecting again grows over the whole outage (a store that takes connections but
    // fails writes, e.g. with a full disk, is not hammered either).
    bool away = false;
    int pauseMs = FirstReconnectPauseMs;
    for (;;) {
        QList<AuditEntry> entries;
        QHash<qint64, QDateTime> touches;
        quint64 upTo = 0;
        {
            QMutexLocker lock(&m_mutex);
            while (!m_stopping && m_pending.isEmpty() && m_pendingTouches.isEmpty())
                m_workAvailable.wait(&m_mutex);
            for (const QDeadlineTimer gather(GatherMs);
                 !m_stopping && !gather.hasExpired() && m_pending.size() < MaxBatch;)
                m_workAvailable.wait(&m_mutex, gather);
            if (m_pending.isEmpty() && m_pendingTouches.isEmpty())
                return; // stopping, and everything is written
            entries.swap(m_pending);
            touches.swap(m_pendingTouches);
            upTo = m_queued;
        }
        const QString label = connection.isShared() ? u"audit log"_s : AuditFile;
        Status written;
        bool wentAway = false;
        for (int attempt = 1; attempt <= WriteAttempts; ++attempt) {
            written = writeBatch(connection.db(), entries, touches);
            if (written)
                break;
            if (connection.isShared() && storeWentAway(connection.db(), written.error())) {
                wentAway = true;
                break;
            }
            qCWarning(lcConfig).noquote()
                << u"%1: attempt %2 of %3 at writing %4 entries failed: %5"_s.arg(label)
                       .arg(attempt)
                       .arg(WriteAttempts)
                       .arg(entries.size())
                       .arg(written.error().message);
        }
        if (wentAway) {
            if (!away) {
                qCWarning(lcConfig).noquote()
                    << u"audit log: the shared store went away (%1); %2 audit entries are kept"
                       " queued and written when it answers again"_s.arg(written.error().message)
                           .arg(entries.size());
            }
            away = true;
            requeue(std::move(entries), touches);
            if (!reconnect(connection, pauseMs))
                return; // being destroyed, and the store stayed away
            continue;
        }
        if (away) {
            qCInfo(lcConfig).noquote()
                << u"audit log: the shared store answers again; the entries kept queued are"
                   " written"_s;
            away = false;
            pauseMs = FirstReconnectPauseMs;
        }
        if (!written) {
            qCCritical(lcConfig).noquote()
                << u"%1: %2 audit entries and %3 key uses could not be written and are lost"_s
                       .arg(label)
                       .arg(entries.size())
                       .arg(touches.size());
        }
        QMutexLocker lock(&m_mutex);
        m_done = upTo;
        m_progress.wakeAll();
    }
}

void AuditLog::requeue(QList<AuditEntry> entries, const QHash<qint64, QDateTime> &touches)
{
    QMutexLocker lock(&m_mutex);
    entries.append(std::move(m_pending));
    m_pending = std::move(entries);
    for (auto it = touches.cbegin(); it != touches.cend(); ++it) {
        const auto queued = m_pendingTouches.constFind(it.key());
        if (queued == m_pendingTouches.cend() || *queued < it.value())
            m_pendingTouches.insert(it.key(), it.value());
    }
    m_storeDown = true;
    m_progress.wakeAll(); // flush() stops waiting
}

bool AuditLog::reconnect(StoreConnection &connection, int &pauseMs)
{
    std::optional<QDeadlineTimer> grace; // from when the log is being destroyed
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            // append() wakes the writer; only stopping cuts the pause short (once).
            const QDeadlineTimer pause(pauseMs);
            while (!pause.hasExpired() && !(m_stopping && !grace))
                m_workAvailable.wait(&m_mutex, pause);
            if (m_stopping && !grace)
                grace.emplace(ShutdownGraceMs);
            if (grace && grace->hasExpired()) {
                qCCritical(lcConfig).noquote()
                    << u"audit log: the shared store did not answer again before shutdown;"
                       " %1 audit entries and %2 key uses are lost"_s.arg(m_pending.size())
                           .arg(m_pendingTouches.size());
                m_pending.clear();
                m_pendingTouches.clear();
                m_done = m_queued;
                m_progress.wakeAll();
                return false;
            }
        }
        const bool connected = connection.reconnect().ok();
        pauseMs = std::min(pauseMs * 2, grace ? 1000 : LongestReconnectPauseMs);
        if (connected)
            break;
    }
    QMutexLocker lock(&m_mutex);
    m_storeDown = false;
    return true;
}

Status AuditLog::writeBatch(const QSqlDatabase &db, const QList<AuditEntry> &entries,
                            const QHash<qint64, QDateTime> &touches)
{
    AuditTransaction transaction(db);
    if (Status begun = transaction.begin(); !begun)
        return begun;
    Status done;
    QSqlQuery insert(db);
    if (!entries.isEmpty()
        && !insert.prepare(u"INSERT INTO audit_entries (at, actor, action, service, table_name,"
                           " verb, row_count, status, request_id, detail, tenant)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s)) {
        done = auditSqlError(db, insert.lastError(), u"preparing an insert"_s);
    }
    for (qsizetype i = 0; done && i < entries.size(); ++i) {
        const AuditEntry &entry = entries.at(i);
        const QVariantList values = {
            timeText(entry.at),
            entry.actor,
            entry.action,
            optionalText(entry.service),
            optionalText(entry.table),
            optionalText(entry.verb),
            entry.rows ? QVariant(*entry.rows) : QVariant(),
            entry.status,
            entry.requestId,
            optionalText(entry.detail),
            optionalText(entry.tenant),
        };
        for (qsizetype v = 0; v < values.size(); ++v)
            insert.bindValue(int(v), values.at(v));
        if (!insert.exec())
            done = auditSqlError(db, insert.lastError(), u"appending an entry"_s);
    }
    QSqlQuery upsert(db);
    // In key order: two instances upserting the same keys then lock them in the same order.
    QList<qint64> keys = touches.keys();
    std::sort(keys.begin(), keys.end());
    for (qsizetype i = 0; done && i < keys.size(); ++i) {
        // Valid on both: PostgreSQL has no two-argument max() and needs the table's column
        // named as such; the time only moves forward.
        done = execAudit(upsert,
                         u"INSERT INTO key_usage (key_id, last_used_at) VALUES (?, ?)"
                         " ON CONFLICT (key_id) DO UPDATE SET last_used_at ="
                         " CASE WHEN excluded.last_used_at > key_usage.last_used_at"
                         " THEN excluded.last_used_at ELSE key_usage.last_used_at END"_s,
                         { keys.at(i), timeText(touches.value(keys.at(i))) },
                         u"recording a key's use"_s);
    }
    insert.finish();
    upsert.finish();
    if (done)
        done = transaction.commit(); // else (or when COMMIT fails) the guard rolls back
    return done;
}

void AuditLog::append(AuditEntry entry)
{
    if (!entry.at.isValid())
        entry.at = QDateTime::currentDateTimeUtc();
    QMutexLocker lock(&m_mutex);
    m_pending.append(std::move(entry));
    ++m_queued;
    m_workAvailable.wakeOne();
}

void AuditLog::touchKey(qint64 keyId, const QDateTime &at)
{
    const QDateTime when = at.isValid() ? at : QDateTime::currentDateTimeUtc();
    QMutexLocker lock(&m_mutex);
    QDateTime &last = m_lastTouch[keyId];
    if (last.isValid() && when < last.addSecs(TouchIntervalSecs))
        return;
    last = when;
    m_pendingTouches.insert(keyId, when);
    ++m_queued;
    m_workAvailable.wakeOne();
}

void AuditLog::flush()
{
    QMutexLocker lock(&m_mutex);
    const quint64 target = m_queued;
    while (m_done < target && !m_startError && !m_storeDown)
        m_progress.wait(&m_mutex);
}

Result<AuditPage> AuditLog::query(const AuditQuery &filter)
{
    if (filter.limit < 1 || filter.limit > AuditQuery::MaxLimit) {
        return Error::badRequest(u"limit must be between 1 and %1"_s.arg(AuditQuery::MaxLimit));
    }
    if (filter.offset < 0)
        return Error::badRequest(u"offset cannot be negative"_s);

    QStringList conditions;
    QVariantList values;
    if (filter.since.isValid()) {
        conditions.append(u"at >= ?"_s);
        values.append(timeText(filter.since));
    }
    if (filter.until.isValid()) {
        conditions.append(u"at < ?"_s);
        values.append(timeText(filter.until));
    }
    const std::pair<QString, QString> exact[] = {
        { u"actor"_s, filter.actor },
        { u"action"_s, filter.action },
        { u"service"_s, filter.service },
        { u"tenant"_s, filter.tenant },
    };
    for (const auto &[column, value] : exact) {
        if (value.isEmpty())
            continue;
        conditions.append(column + u" = ?"_s);
        values.append(value);
    }
    const QString where =
        conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(u" AND "_s);

    flush(); // a caller sees what it (or anyone) appended before asking
    AuditConnection connection(m_location);
    if (Status opened = connection.open(); !opened)
        return opened.error();
    // One read transaction, so the total and the page describe the same entries (PostgreSQL's
    // default isolation would take a new snapshot for each statement).
    const QString begin = connection.isShared()
        ? u"START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"_s
        : u"BEGIN"_s;
    if (Status begun = execAudit(connection.db(), begin, u"reading the audit log"_s); !begun) {
        return begun.error();
    }
    AuditPage page;
    QSqlQuery query(connection.db());
    query.setForwardOnly(true);
    if (Status ran = execAudit(query, u"SELECT count(*) FROM audit_entries"_s + where, values,
                               u"counting audit entries"_s);
        !ran) {
        return ran.error();
    }
    page.total = query.next() ? query.value(0).toLongLong() : 0;
    values << filter.limit << filter.offset;
    if (Status ran = execAudit(
            query, SelectEntries + where + u" ORDER BY at DESC, id DESC LIMIT ? OFFSET ?"_s, values,
            u"reading audit entries"_s);
        !ran) {
        return ran.error();
    }
    while (query.next())
        page.entries.append(entryFromRow(query));
    query.finish();
    if (Status ended = execAudit(connection.db(), u"COMMIT"_s, u"reading the audit log"_s);
        !ended) {
        return ended.error();
    }
    return page;
}

Result<QHash<qint64, QDateTime>> AuditLog::keyLastUsed()
{
    flush();
    AuditConnection connection(m_location);
    if (Status opened = connection.open(); !opened)
        return opened.error();
    QSqlQuery query(connection.db());
    query.setForwardOnly(true);
    if (Status ran = execAudit(query, u"SELECT key_id, last_used_at FROM key_usage"_s, {},
                               u"reading key usage"_s);
        !ran) {
        return ran.error();
    }
    QHash<qint64, QDateTime> lastUsed;
    while (query.next())
        lastUsed.insert(query.value(0).toLongLong(), timeFromColumn(query.value(1)));
    return lastUsed;
}

} // namespace sluice
