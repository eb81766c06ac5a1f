#include "db/postgres/pgpipeline.h"

#include "db/dialect.h"
#include "db/postgres/pgparams.h"
#include "db/postgres/pgresultcursor.h"
#include "db/postgres/postgresconnection.h"

#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QSqlError>

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Q_LOGGING_CATEGORY(lcPipeline, "sluice.db.pipeline")

// As for a statement on QPSQL (PostgresDialect::watchExecution): how long past its
// statement_timeout a read may go unanswered before the server is taken to be gone.
constexpr int kUnansweredGraceMs = 2000;
// Statements kept prepared per connection, as on the pool's (Connection); past that, a read's
// statement is the unnamed one, parsed each time.
constexpr qsizetype kMaxPreparedStatements = 256;

// Values whose text means to the server what QPSQL's literal of them means whatever the
// parameter's type (see toPgParams): strings, integers, bytes and NULLs. A statement's parameter
// types are not known here before it is sent; reads with other values go through the pool.
bool meansTheSameAsText(const QVariantList &binds)
{
    for (const QVariant &value : binds) {
        switch (value.typeId()) {
        case QMetaType::UnknownType:
        case QMetaType::QString:
        case QMetaType::QByteArray:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong: break;
        default: return false;
        }
    }
    return true;
}

} // namespace

std::unique_ptr<PgPipeline> PgPipeline::start(const QSqlDatabase &db, const Dialect &dialect,
                                              int statementTimeoutMs)
{
    PGconn *connection = libpqConnection(db.driver());
    if (!connection || PQstatus(connection) != CONNECTION_OK)
        return nullptr;
    if (PQsetnonblocking(connection, 1) != 0 || PQenterPipelineMode(connection) != 1) {
        qCWarning(lcPipeline).noquote()
            << "pipeline mode refused:" << QString::fromUtf8(PQerrorMessage(connection)).trimmed();
        return nullptr;
    }
    return std::unique_ptr<PgPipeline>(new PgPipeline(db, connection, dialect, statementTimeoutMs));
}

PgPipeline::PgPipeline(const QSqlDatabase &db, pg_conn *connection, const Dialect &dialect,
                       int statementTimeoutMs)
    : m_db(db)
    , m_connection(connection)
    , m_dialect(dialect)
    , m_statementTimeoutMs(statementTimeoutMs)
{
    const qintptr socket = PQsocket(connection);
    m_readable = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Read);
    connect(m_readable.get(), &QSocketNotifier::activated, this, &PgPipeline::onReadable);
    m_writable = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Write);
    m_writable->setEnabled(false);
    connect(m_writable.get(), &QSocketNotifier::activated, this, &PgPipeline::flush);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &PgPipeline::checkDeadline);
    m_clock.start();
}

PgPipeline::~PgPipeline()
{
    for (Command &command : m_commands)
        PQclear(command.result);
    // The answers owed are dropped with the connection: QPSQL closes it (PQfinish) when the
    // database is removed, which does not mind the pipeline.
}

bool PgPipeline::submit(const QString &sql, const QVariantList &binds, Done done)
{
    if (m_lost || !meansTheSameAsText(binds))
        return false;
    const std::optional<PgParams> params = toPgParams(binds);
    if (!params)
        return false;
    QByteArray name = m_statements.value(sql);
    if (name.isNull()) {
        const bool kept = m_statements.size() < kMaxPreparedStatements;
        // A counter, not the cache's size: a failed statement leaves the cache later, while
        // others may have been named meanwhile.
        name = kept ? "sluice_pipe_" + QByteArray::number(++m_statementsNamed) : QByteArray("");
        // Types left to the server, as QPSQL's PREPARE leaves them.
        if (!PQsendPrepare(m_connection, name.constData(),
                           withNumberedParameters(sql).toUtf8().constData(), 0, nullptr)) {
            lose(QString::fromUtf8(PQerrorMessage(m_connection)).trimmed(), true);
            return false; // this read was not queued: the pool takes it
        }
        m_commands.push_back({ Command::Prepare, sql, {}, nullptr });
        if (kept)
            m_statements.insert(sql, name);
    }
    if (!PQsendQueryPrepared(m_connection, name.constData(), params->count(), params->values.data(),
                             params->lengths.data(), params->formats.data(), 0)) {
        lose(QString::fromUtf8(PQerrorMessage(m_connection)).trimmed(), true);
        return false; // this read was not queued: the pool takes it
    }
    m_commands.push_back({ Command::Read, sql, std::move(done), nullptr });
    if (m_reads++ == 0)
        m_progressAt = m_clock.elapsed(); // at the head of the queue from now
    if (m_statementTimeoutMs > 0 && !m_deadline.isActive())
        m_deadline.start(m_statementTimeoutMs + kUnansweredGraceMs);
    // From here on the read is owed an answer: a failure reaches it from the event loop (lose()),
    // never from inside submit().
    if (!PQpipelineSync(m_connection)) {
        lose(QString::fromUtf8(PQerrorMessage(m_connection)).trimmed(), true);
        return true;
    }
    m_commands.push_back({ Command::Sync, {}, {}, nullptr });
    flush();
    return true;
}

void PgPipeline::flush()
{
    if (m_lost)
        return;
    const int pending = PQflush(m_connection);
    if (pending < 0) {
        lose(QString::fromUtf8(PQerrorMessage(m_connection)).trimmed(), true);
        return;
    }
    m_writable->setEnabled(pending == 1); // the rest once the socket takes more
    // A partial write lets libpq read what has come meanwhile into its buffer, where no socket
    // notifier sees it.
    if (pending == 1)
        QMetaObject::invokeMethod(this, &PgPipeline::takeResults, Qt::QueuedConnection);
}

void PgPipeline::onReadable()
{
    if (m_lost)
        return;
    if (!PQconsumeInput(m_connection)) {
        lose(QString::fromUtf8(PQerrorMessage(m_connection)).trimmed(), true);
        return;
    }
    takeResults();
}

void PgPipeline::takeResults()
{
    // In pipeline mode a command's results end with a null result; a Sync has one result of its
    // own and no null after it.
    while (!m_lost && !m_commands.empty() && !PQisBusy(m_connection)) {
        PGresult *result = PQgetResult(m_connection);
        Command &front = m_commands.front();
        if (front.kind == Command::Sync) {
            if (!result)
                break; // not there yet
            const bool synced = PQresultStatus(result) == PGRES_PIPELINE_SYNC;
            if (!synced) {
                const bool ended = PQstatus(m_connection) == CONNECTION_BAD
                    || QByteArrayView(PQresultErrorField(result, PG_DIAG_SQLSTATE))
                           .startsWith("57P");
                const Error failure = ended
                    ? errorOf(result)
                    : Error::internal(u"The database's answers came out of order"_s);
                PQclear(result);
                lose(failure, ended);
                return;
            }
            PQclear(result);
            m_commands.pop_front();
            m_progressAt = m_clock.elapsed();
            continue;
        }
        if (result) {
            if (front.result)
                PQclear(result); // a read has one result; anything more is not ours
            else
                front.result = result;
            continue;
        }
        Command finished = std::move(front);
        m_commands.pop_front();
        m_progressAt = m_clock.elapsed();
        finishCommand(finished); // may send more, or lose the connection
    }
    if (!m_lost && PQstatus(m_connection) == CONNECTION_BAD)
        lose(QString::fromUtf8(PQerrorMessage(m_connection)).trimmed(), true);
}

void PgPipeline::finishCommand(Command &command)
{
    PGresult *result = std::exchange(command.result, nullptr);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK
        && status != PGRES_PIPELINE_ABORTED) {
        // The server ended the session (terminated, shutting down: SQLSTATE class 57P), which
        // libpq hands the first command waiting: no read ran, and each may run elsewhere.
        const QString state =
            result ? QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE)) : QString();
        if (PQstatus(m_connection) == CONNECTION_BAD || state.startsWith(u"57P")) {
            const Error failure = errorOf(result);
            PQclear(result);
            m_commands.push_front(std::move(command)); // owed, with the rest
            lose(failure, true);
            return;
        }
    }
    if (command.kind == Command::Prepare) {
        if (status == PGRES_COMMAND_OK) {
            m_failedPrepares.remove(command.sql);
        } else {
            if (m_failedPrepares.size() >= kMaxPreparedStatements)
                m_failedPrepares.clear(); // a client making up failing statements
            m_failedPrepares.insert(command.sql, errorOf(result));
            m_statements.remove(command.sql); // prepared again by the next read of it
        }
        PQclear(result);
        return;
    }
    if (--m_reads == 0)
        m_deadline.stop();
    if (status == PGRES_TUPLES_OK) {
        command.done(
            std::unique_ptr<RowCursor>(std::make_unique<PgResultCursor>(PgResultPtr(result))),
            false);
        return;
    }
    // Its statement failed to prepare, and says why: the Prepare just before it (the read is
    // aborted), or one before a read of the same statement sent while that was not yet known
    // (the statement does not exist: SQLSTATE 26000).
    Error error = errorOf(result);
    if (const auto failed = m_failedPrepares.constFind(command.sql);
        failed != m_failedPrepares.cend()
        && (status == PGRES_PIPELINE_ABORTED || error.sqlState == u"26000"))
        error = *failed;
    PQclear(result);
    command.done(std::move(error), false);
}

Error PgPipeline::errorOf(const PGresult *result) const
{
    QString message =
        result ? QString::fromUtf8(PQresultErrorMessage(result)).trimmed() : QString();
    if (message.isEmpty()) // no result at all: the connection's own error says why
        message = QString::fromUtf8(PQerrorMessage(m_connection)).trimmed();
    const QString state =
        result ? QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE)) : QString();
    const QSqlError error(QString(), message,
                          state.isEmpty() ? QSqlError::ConnectionError : QSqlError::StatementError,
                          state);
    return m_dialect.classify(error, m_db);
}

void PgPipeline::lose(const QString &reason, bool connectionLost)
{
    lose(m_dialect.classify(QSqlError(QString(), reason, QSqlError::ConnectionError), m_db),
         connectionLost);
}

void PgPipeline::lose(const Error &failure, bool connectionLost,
                      const std::optional<Error> &headFailure)
{
    if (m_lost)
        return;
    m_lost = true;
    m_readable->setEnabled(false);
    m_writable->setEnabled(false);
    m_deadline.stop();
    qCInfo(lcPipeline).noquote() << "pipelined connection given up:" << failure.message;
    // The owed reads hear of it from the event loop: never inside submit() (whose caller has not
    // taken its reply for later yet) nor inside another read's callback. Until then they count
    // as in flight, so the line is not closed under them.
    QMetaObject::invokeMethod(
        this,
        [this, failure, connectionLost, headFailure] {
            std::deque<Command> owed = std::exchange(m_commands, {});
            m_reads = 0;
            bool head = headFailure.has_value();
            for (Command &command : owed) {
                PQclear(std::exchange(command.result, nullptr));
                if (command.kind != Command::Read)
                    continue;
                if (std::exchange(head, false))
                    command.done(*headFailure, false);
                else
                    command.done(failure, connectionLost);
            }
        },
        Qt::QueuedConnection);
}

void PgPipeline::checkDeadline()
{
    if (m_reads == 0)
        return;
    // The server runs a connection's reads one after another, each under its statement timeout:
    // the read at the head has had that long, and more, since the one before it was answered.
    const qint64 due = m_progressAt + m_statementTimeoutMs + kUnansweredGraceMs;
    if (m_clock.elapsed() < due) {
        m_deadline.start(int(due - m_clock.elapsed()));
        return;
    }
    // As a statement on QPSQL that its watch ended (Connection::run()); the reads behind it
    // never ran, and go to a new connection.
    lose(Error::unavailable(u"The database stopped answering"_s), true,
         Error::timeout(u"The statement ran past its timeout and was interrupted"_s));
}

} // namespace sluice
