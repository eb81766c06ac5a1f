#pragma once

#include "config/storelocation.h"
#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <memory>
#include <optional>

class QSqlDatabase;
class QThread;

namespace sluice {

class StoreConnection;

// One audit entry (docs/api.md, System API, audit). Empty strings and an empty `rows` are "absent"
// (stored NULL).
struct AuditEntry
{
    qint64 id = 0; // assigned when written
    QDateTime at; // when it happened; append() fills in the current time when invalid
    QString actor; // who, e.g. "admin:ann@example.com", "key:sluice_1a2b3c4d", "anonymous"
    QString action; // what, e.g. "auth.login", "role.create", "data.write"
    QString service;
    QString table;
    QString verb; // GET, POST, …
    std::optional<qint64> rows; // how many rows a data write touched
    int status = 0; // the HTTP status answered (0 when not an HTTP request)
    QString requestId;
    QString detail; // free text, never row contents or secrets
    QString tenant; // the tenant the caller acted for (API.md §11); empty: none
};

// Filters of AuditLog::query(); invalid dates and empty strings do not filter.
struct AuditQuery
{
    QDateTime since; // at >= since
    QDateTime until; // at < until
    QString actor; // exact
    QString action; // exact
    QString service; // exact
    QString tenant; // exact
    int limit = 100; // 1 … MaxLimit
    int offset = 0;

    static constexpr int MaxLimit = 1000;
};

struct AuditPage
{
    QList<AuditEntry> entries; // newest first
    qint64 total = 0; // entries matching the filters, ignoring limit and offset
};

// The append-only audit trail, in its own SQLite file <dataDir>/audit.db (WAL, mode 0600), or,
// when the state store is a PostgreSQL database shared by several instances (config.store,
// API.md §15), in tables of that database with the same names and columns.
// audit.db is a separate file from config.db on purpose: audit writes are frequent, and a write
// to config.db would change its PRAGMA data_version and invalidate every cache keyed on it.
// Triggers make UPDATE and DELETE of entries fail, for every connection and process (on
// PostgreSQL also TRUNCATE).
//
// Threading: every public function may be called from any thread. append() and touchKey()
// only queue under a mutex; one writer thread owned by the log inserts what is queued in
// batched transactions on its own connection. query() and keyLastUsed() first flush(), then
// read on a short-lived connection of the calling thread. The destructor writes everything
// still queued before it returns.
//
// Several processes may open the same file (the `sluice audit` CLI while the server runs):
// WAL lets readers and the writer proceed together, and the busy timeout serialises writers.
// On a shared store, any number of instances append to the same tables, and each sees all.
//
// When a shared store goes away (a restart, a failover), the writer keeps what is queued, logs
// once, reconnects with a growing pause and writes it when the store answers again; append()
// never waits for that. A batch whose COMMIT was cut off is written again, so such an outage can
// at worst duplicate entries, never lose them. Only a log destroyed while its store stays away
// (for ShutdownGraceMs) gives up on what is queued, and says so.
class AuditLog
{
public:
    static Result<std::unique_ptr<AuditLog>> open(const StoreLocation &location);
    // open() in two halves: start() starts the writer, which opens the store and creates the
    // schema on its own thread, and returns at once, so that a caller can go on starting up
    // meanwhile; waitUntilOpen() waits for the writer and says how that went (an error: the
    // log is of no use).
    static Result<std::unique_ptr<AuditLog>> start(const StoreLocation &location);
    Status waitUntilOpen();
    // The data directory's audit.db.
    static Result<std::unique_ptr<AuditLog>> open(const QString &dataDir);
    ~AuditLog();
    AuditLog(const AuditLog &) = delete;
    AuditLog &operator=(const AuditLog &) = delete;

    // audit.db's path, or the shared store's DSN with its password masked.
    QString path() const { return m_path; }

    void append(AuditEntry entry);
    // Returns once everything queued before the call is written (or given up on, logged), or
    // the shared store is unavailable (what is queued stays queued).
    void flush();
    // BadRequest for a limit outside 1 … MaxLimit or a negative offset.
    Result<AuditPage> query(const AuditQuery &query);

    // Records that an API key was used at `at`. Coalesced: a key's time is written at most
    // once a minute (a touch less than 60 s after the last one written is dropped), so the
    // request path costs a hash lookup and last-used times are accurate to a minute.
    void touchKey(qint64 keyId, const QDateTime &at);
    Result<QHash<qint64, QDateTime>> keyLastUsed(); // key id → last use

private:
    AuditLog() = default;
    void run(); // the writer thread
    static Status writeBatch(const QSqlDatabase &db, const QList<AuditEntry> &entries,
                             const QHash<qint64, QDateTime> &touches);
    // Shared store only: puts a batch that could not be written back in front of the queue.
    void requeue(QList<AuditEntry> entries, const QHash<qint64, QDateTime> &touches);
    // Shared store only: waits for it to answer again, first pausing `pauseMs` (which grows).
    // False when the log is being destroyed and the store stayed away for ShutdownGraceMs:
    // what is queued is then given up on.
    bool reconnect(StoreConnection &connection, int &pauseMs);

    StoreLocation m_location;
    QString m_path;
    std::unique_ptr<QThread> m_writer;

    QMutex m_mutex; // guards everything below
    QWaitCondition m_workAvailable; // the writer waits on it
    QWaitCondition m_progress; // flush() and open() wait on it
    QList<AuditEntry> m_pending;
    QHash<qint64, QDateTime> m_pendingTouches;
    QHash<qint64, QDateTime> m_lastTouch; // per key, the last time queued for writing
    quint64 m_queued = 0; // sequence of the last queued item
    quint64 m_done = 0; // sequence up to which everything is written
    bool m_stopping = false;
    bool m_started = false;
    bool m_storeDown = false; // the shared store went away; the writer is reconnecting
    std::optional<Error> m_startError;
};

} // namespace sluice
