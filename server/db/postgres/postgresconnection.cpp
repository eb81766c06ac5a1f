#include "db/postgres/postgresconnection.h"

#include "db/deadlinewatch.h"
#include "db/postgres/pgpipeline.h"
#include "db/postgres/postgresdialect.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include <libpq-fe.h>

#ifndef Q_OS_WIN
#include <poll.h>
#include <sys/socket.h>
#endif

namespace sluice {

namespace {
// How long past its statement_timeout a statement may go unanswered before the server is taken
// to be gone: the server's own cancel normally arrives within milliseconds.
constexpr int kUnansweredGraceMs = 2000;
} // namespace

pg_conn *libpqConnection(const QSqlDriver *driver)
{
    if (!driver)
        return nullptr;
    // Registered under the struct's name, "pg_conn*" (older Qt: "PGconn*").
    const QVariant handle = driver->handle();
    if (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0)
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

std::function<void()> PostgresDialect::statementInterrupter(const QSqlDatabase &db) const
{
    PGconn *connection = libpqConnection(db.driver());
    if (!connection)
        return {};
    // A cancel request on a connection of its own, as psql's Ctrl+C: thread-safe, and the
    // statement fails with SQLSTATE 57014. The PGcancel outlives the connection safely.
    std::shared_ptr<PGcancel> cancel(PQgetCancel(connection), PQfreeCancel);
    if (!cancel)
        return {};
    return [cancel] {
        char error[256];
        PQcancel(cancel.get(), error, int(sizeof error));
    };
}

std::unique_ptr<ExecutionWatch> PostgresDialect::watchExecution(QSqlQuery &query,
                                                                int statementTimeoutMs) const
{
#ifdef Q_OS_WIN
    Q_UNUSED(query);
    Q_UNUSED(statementTimeoutMs);
    return nullptr;
#else
    if (statementTimeoutMs <= 0)
        return nullptr;
    PGconn *connection = libpqConnection(query.driver());
    const int socket = connection ? PQsocket(connection) : -1;
    if (socket < 0)
        return nullptr;
    // Shut down, not closed: the descriptor stays libpq's, which sees the end of the stream,
    // fails the statement and marks the connection bad.
    return std::make_unique<DeadlineWatch>([socket] { ::shutdown(socket, SHUT_RDWR); },
                                           statementTimeoutMs + kUnansweredGraceMs);
#endif
}

std::unique_ptr<PipelinedReads> PostgresDialect::pipelinedReads(const QSqlDatabase &db,
                                                                int statementTimeoutMs) const
{
    return PgPipeline::start(db, *this, statementTimeoutMs);
}

bool PostgresDialect::connectionBroken(const QSqlDatabase &db) const
{
    PGconn *connection = libpqConnection(db.driver());
    if (!connection)
        return false;
    if (PQstatus(connection) == CONNECTION_BAD)
        return true;
#ifdef Q_OS_WIN
    return false;
#else
    // An idle connection has nothing to read: anything there is the server ending the session
    // (a terminated backend's FATAL message, a restart's end of stream). The rare asynchronous
    // notice costs no more than a new connection.
    pollfd ready { PQsocket(connection), POLLIN, 0 };
    return ready.fd < 0 || ::poll(&ready, 1, 0) != 0;
#endif
}

} // namespace sluice
