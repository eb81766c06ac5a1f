#pragma once

#include "db/pipelinedreads.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <deque>
#include <memory>
#include <optional>

class QSocketNotifier;
struct pg_conn;
struct pg_result;

namespace sluice {

class Dialect;

// PipelinedReads on a QPSQL connection's own libpq connection, in libpq's pipeline mode
// (libpq ≥ 14): each read is its statement (prepared once per connection) and a Sync, so a
// failing read fails alone. The connection is non-blocking and watched by socket notifiers on the
// worker's event loop; QPSQL only opened it (with the session settings every connection gets)
// and closes it.
class PgPipeline final : public QObject, public PipelinedReads
{
public:
    // `db` is open; nullptr when its driver gives no libpq connection or pipeline mode fails.
    static std::unique_ptr<PgPipeline> start(const QSqlDatabase &db, const Dialect &dialect,
                                             int statementTimeoutMs);
    ~PgPipeline() override;

    bool submit(const QString &sql, const QVariantList &binds, Done done) override;
    int inFlight() const override { return m_reads; }
    bool lost() const override { return m_lost; }

private:
    PgPipeline(const QSqlDatabase &db, pg_conn *connection, const Dialect &dialect,
               int statementTimeoutMs);

    // What the server owes an answer to, in the order sent.
    struct Command
    {
        enum Kind { Prepare, Read, Sync } kind;
        QString sql;
        Done done; // Read
        pg_result *result = nullptr; // the command's first result, once it came
    };

    void onReadable();
    void flush();
    // Takes what the server has answered and hands each finished read its rows.
    void takeResults();
    void finishCommand(Command &command);
    // The connection failed: every read still owed fails with `reason`, classified, or
    // `failure` (the read at the head of the queue with `headFailure` when given), from the
    // event loop.
    void lose(const QString &reason, bool connectionLost);
    void lose(const Error &failure, bool connectionLost,
              const std::optional<Error> &headFailure = std::nullopt);
    void checkDeadline();
    Error errorOf(const pg_result *result) const;

    QSqlDatabase m_db;
    pg_conn *m_connection;
    const Dialect &m_dialect;
    int m_statementTimeoutMs;
    std::unique_ptr<QSocketNotifier> m_readable;
    std::unique_ptr<QSocketNotifier> m_writable;
    std::deque<Command> m_commands;
    QHash<QString, QByteArray> m_statements; // SQL text → prepared statement's name
    quint64 m_statementsNamed = 0;
    int m_reads = 0; // Read commands in m_commands
    QHash<QString, Error> m_failedPrepares; // SQL text → why its last Prepare failed
    bool m_lost = false;
    QElapsedTimer m_clock;
    qint64 m_progressAt = 0; // m_clock's when the read at the head of the queue got there
    QTimer m_deadline; // a read at the head past its statement timeout: the server is gone
};

} // namespace sluice
