#pragma once

#include "config/serviceconfig.h"
#include "core/metrics.h"
#include "core/result.h"
#include "db/dialect.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

namespace sluice {

class RowCursor;
class NativeReads;

// One open database connection owned by one worker thread, with its prepared statements
// cached by SQL text (parse and plan once, execute many times).
class Connection
{
public:
    // `metrics` (may be null) counts failed statements.
    Connection(const ServiceConfig &service, const Dialect &dialect, QString name,
               int statementTimeoutMs, MetricsShard *metrics = nullptr);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Opens the connection if needed. Unavailable when the database cannot be reached.
    Status ensureOpen();

    // Prepares (or reuses) `sql`, binds `binds`, executes. The query is forward-only and keeps
    // NUMERIC at full precision. Errors are classified by the dialect; a lost connection is
    // dropped so the next request reconnects.
    Result<QSqlQuery *> execute(const QString &sql, const QVariantList &binds);

    // Runs a SELECT and returns its rows to read once, by the fastest way this connection has
    // (see RowCursor). The cursor must be finished before the next statement on the connection.
    // For reads outside a transaction only: when a connection that has worked before turns out
    // lost (the server ended the session while it was idle, or restarted), the read runs once
    // more on a new connection, so a database restart costs no failed reads.
    Result<std::unique_ptr<RowCursor>> select(const QString &sql, const QVariantList &binds);

    // Whether the database ended this idle connection (Dialect::connectionBroken).
    bool broken() const { return m_open && m_dialect.connectionBroken(m_db); }

    // Like execute(), for a statement that runs once (raw SQL): not kept. Not `prepared`: sent as
    // it is, without values. The query must be gone before the connection.
    Result<std::unique_ptr<QSqlQuery>> executeOnce(const QString &sql, const QVariantList &binds,
                                                   bool prepared);

    QSqlDatabase database() const { return m_db; }
    const Dialect &dialect() const { return m_dialect; }
    // The session's statement timeout (0: none), for reads that run beside QSqlQuery.
    int statementTimeoutMs() const { return m_statementTimeoutMs; }
    Error classify(const QSqlError &error) const { return m_dialect.classify(error, m_db); }
    // A statement failed with `error`: classified, counted, logged when unexpected; a lost
    // connection is closed so the next request reconnects.
    Error failed(const QSqlError &error);

    // Forgets cached statements (after a schema change: their plans may be stale).
    void clearStatements();
    // Forgets cached statements unless they were prepared under `schema`: after DDL (through
    // _schema or from outside, seen by a refresh) a cached plan may no longer fit its table —
    // PostgreSQL refuses to run one whose result columns changed type.
    void followSchema(const SchemaSnapshot &schema);

private:
    void close();
    Error recordFailure(const Error &error, const QSqlError &sqlError);
    Status prepare(QSqlQuery &query, const QString &sql);
    // Runs the prepared `query` with `binds`, or (`direct` non-empty) that text unprepared.
    Status run(QSqlQuery &query, const QVariantList &binds, const QString &direct = {});
    Result<std::unique_ptr<RowCursor>> selectOnce(const QString &sql, const QVariantList &binds);

    ServiceConfig m_service;
    const Dialect &m_dialect;
    QString m_name;
    int m_statementTimeoutMs;
    MetricsShard *m_metrics;
    QSqlDatabase m_db;
    bool m_open = false;
    bool m_proven = false; // a statement has succeeded since the connection was opened
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    std::unique_ptr<NativeReads> m_native; // the dialect's faster reads, where it has them
    // The snapshot the cached statements were prepared under. A weak pointer, so a new snapshot
    // can never be mistaken for an old one at a reused address.
    std::weak_ptr<const Schema> m_preparedUnder;
};

} // namespace sluice
