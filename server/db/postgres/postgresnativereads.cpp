#include "db/postgres/postgresnativereads.h"

#include "core/requesttimings.h"
#include "db/connection.h"
#include "db/deadlinewatch.h"
#include "db/postgres/pgparams.h"
#include "db/postgres/pgresultcursor.h"
#include "db/postgres/postgresconnection.h"
#include "db/postgres/postgresdialect.h"

#include <QSqlDriver>
#include <QSqlError>

#include <libpq-fe.h>

#include <atomic>

#ifndef Q_OS_WIN
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qsizetype kMaxCachedStatements = 256;
// A read whose LIMIT is at most this many rows takes its rows in one result; any other (an
// export, a read by key) in libpq's single-row mode, as QPSQL reads forward-only queries, so
// memory stays flat however many rows come.
constexpr qint64 kWholeResultRows = 1000;
// As PostgresDialect::watchExecution(): how long past its statement_timeout a statement may go
// unanswered before the server is taken to be gone.
constexpr int kUnansweredGraceMs = 2000;

// The error QPSQL reports (qMakeError): `what` as the driver text, libpq's message with the
// SQLSTATE appended as the database text, the SQLSTATE as the native code.
QSqlError qpsqlError(const QString &what, PGconn *connection, const PGresult *result)
{
    QString message =
        QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(connection));
    if (message.isEmpty())
        message = QString::fromUtf8(PQerrorMessage(connection));
    QString code;
    if (result) {
        code = QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE));
        message += u"(%1)"_s.arg(code);
    }
    return QSqlError(u"QPSQL: "_s + what, message, QSqlError::StatementError, code);
}

// Whether `sql` ends in Dialect::limitClause() (" LIMIT n OFFSET m") with n at most
// kWholeResultRows.
bool smallLimit(QStringView sql)
{
    const qsizetype at = sql.lastIndexOf(u" LIMIT ");
    if (at < 0)
        return false;
    const QStringView tail = sql.sliced(at + 7);
    const qsizetype space = tail.indexOf(u' ');
    bool ok = false;
    const qint64 rows = (space < 0 ? tail : tail.first(space)).toLongLong(&ok);
    if (!ok || rows < 0 || rows > kWholeResultRows)
        return false;
    if (space < 0)
        return true;
    const QStringView rest = tail.sliced(space);
    if (!rest.startsWith(u" OFFSET "))
        return false;
    return rest.sliced(8).toLongLong(&ok) >= 0 && ok;
}

bool utcSession(PGconn *connection)
{
    const char *zone = PQparameterStatus(connection, "TimeZone");
    return zone && (qstrcmp(zone, "UTC") == 0 || qstrcmp(zone, "Etc/UTC") == 0);
}

// The rows of one execution on the connection, read as they arrive: one result with every row,
// or (single-row mode) a result per row. finish() (or the destructor) reads what is left, so the
// connection is free for the next statement, as QPSQL's QSqlQuery::finish() does.
class PgStreamCursor final : public RowCursor
{
public:
    PgStreamCursor(PGconn *connection, Connection &owner, PgResultPtr first)
        : m_connection(connection)
        , m_owner(owner)
        , m_current(std::move(first))
        , m_rows(PQntuples(m_current.get()))
    {
    }
    ~PgStreamCursor() override
    {
        if (!m_ended)
            drain();
    }
    PgStreamCursor(const PgStreamCursor &) = delete;
    PgStreamCursor &operator=(const PgStreamCursor &) = delete;

    bool next() override
    {
        if (m_current && m_row + 1 < m_rows) {
            ++m_row;
            return true;
        }
        m_current.reset();
        m_rows = 0;
        m_row = -1;
        while (!m_ended) {
            PgResultPtr result(PQgetResult(m_connection));
            if (!result) {
                m_ended = true;
                break;
            }
            if (take(std::move(result)))
                return true;
        }
        return false;
    }

    QVariant value(int index) const override
    {
        if (!m_current || m_row < 0)
            return {};
        return PgResultCursor::valueAt(m_current.get(), m_row, index);
    }

    void writeFields(JsonWriter &writer, const RowWriter &row) const override
    {
        PgResultCursor::writeFieldsAt(m_current.get(), m_row, writer, row);
    }

    Status finish() override
    {
        if (!m_ended)
            drain();
        m_current.reset();
        if (!m_failure)
            return {};
        const QSqlError error =
            qpsqlError(u"Unable to get result"_s, m_connection, m_failure.get());
        m_failure.reset();
        return m_owner.failed(error); // (may close the connection: nothing of it is used after)
    }

private:
    // Keeps `result` as the current rows when it has any (true); an error as the failure.
    bool take(PgResultPtr result)
    {
        switch (PQresultStatus(result.get())) {
        case PGRES_SINGLE_TUPLE:
        case PGRES_TUPLES_OK:
            if (m_failure || PQntuples(result.get()) == 0)
                return false; // the end of the rows
            m_rows = PQntuples(result.get());
            m_row = 0;
            m_current = std::move(result);
            return true;
        default:
            if (!m_failure)
                m_failure = std::move(result);
            return false;
        }
    }

    void drain()
    {
        while (PGresult *result = PQgetResult(m_connection)) {
            if (PQresultStatus(result) == PGRES_FATAL_ERROR && !m_failure)
                m_failure.reset(result);
            else
                PQclear(result);
        }
        m_ended = true;
    }

    PGconn *m_connection;
    Connection &m_owner;
    PgResultPtr m_current;
    int m_rows = 0;
    int m_row = -1;
    bool m_ended = false;
    PgResultPtr m_failure;
};

// Reads and drops what remains of the current command's results.
void discardResults(PGconn *connection)
{
    while (PGresult *result = PQgetResult(connection))
        PQclear(result);
}

} // namespace

PostgresNativeReads::PostgresNativeReads(PGconn *connection)
    : m_connection(connection)
{
}

PostgresNativeReads::~PostgresNativeReads() = default; // the session ends with its statements

void PostgresNativeReads::clear()
{
    if (m_statements.isEmpty())
        return;
    // One simple query of DEALLOCATEs. Not on a connection that is gone: the names are never
    // used again either way.
    if (PQstatus(m_connection) == CONNECTION_OK) {
        if (PQtransactionStatus(m_connection) == PQTRANS_ACTIVE)
            discardResults(m_connection); // as select() does
        QByteArray text;
        for (const Prepared &prepared : std::as_const(m_statements))
            text += "DEALLOCATE " + prepared.name + ';';
        PQclear(PQexec(m_connection, text.constData()));
    }
    m_statements.clear();
}

std::optional<Result<std::unique_ptr<RowCursor>>>
PostgresNativeReads::select(const QString &sql, const QVariantList &binds, Connection &connection)
{
    using Rows = Result<std::unique_ptr<RowCursor>>;
    const TimedSpan span(&RequestTimings::dbNs);
    if (PQstatus(m_connection) != CONNECTION_OK)
        return std::nullopt;
    // What QPSQL's last statement left unread (its forward-only queries stop reading at their
    // last row, before the end of the command): QPSQL itself drops it before its next statement.
    if (PQtransactionStatus(m_connection) == PQTRANS_ACTIVE)
        discardResults(m_connection);

    // The server ends a statement at statement_timeout; one that does not answer at all is cut
    // off as QPSQL's statements are (PostgresDialect::watchExecution), preparing included.
    std::unique_ptr<ExecutionWatch> watch;
#ifndef Q_OS_WIN
    if (const int timeoutMs = connection.statementTimeoutMs(); timeoutMs > 0) {
        const int socket = PQsocket(m_connection);
        if (socket >= 0) {
            watch = std::make_unique<DeadlineWatch>([socket] { ::shutdown(socket, SHUT_RDWR); },
                                                    timeoutMs + kUnansweredGraceMs);
        }
    }
#endif
    auto found = m_statements.constFind(sql);
    if (found == m_statements.cend()) {
        if (m_statements.size() >= kMaxCachedStatements)
            clear();
        static std::atomic<quint64> counter { 0 };
        Prepared prepared;
        prepared.name = "sluice_read_" + QByteArray::number(++counter, 16);
        const PgResultPtr made(PQprepare(m_connection, prepared.name.constData(),
                                         withNumberedParameters(sql).toUtf8().constData(), 0,
                                         nullptr));
        if (PQresultStatus(made.get()) != PGRES_COMMAND_OK) {
            // As QPSQL's PREPARE would fail. (failed() may close the connection, and this with
            // it: nothing of this object is used after.)
            return Rows(connection.failed(
                qpsqlError(u"Unable to prepare statement"_s, m_connection, made.get())));
        }
        const PgResultPtr described(PQdescribePrepared(m_connection, prepared.name.constData()));
        if (PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
            return Rows(connection.failed(
                qpsqlError(u"Unable to prepare statement"_s, m_connection, described.get())));
        }
        for (int i = 0; i < PQnparams(described.get()); ++i)
            prepared.paramTypes.append(PQparamtype(described.get(), i));
        prepared.returnsRows = PQnfields(described.get()) > 0;
        found = m_statements.insert(sql, prepared);
    }
    const Prepared &prepared = *found;
    if (!prepared.returnsRows)
        return std::nullopt;
    const std::optional<PgParams> params = toPgParams(
        binds, std::span<const Oid>(prepared.paramTypes.constData(), prepared.paramTypes.size()),
        utcSession(m_connection));
    if (!params)
        return std::nullopt;

    const bool sent = PQsendQueryPrepared(m_connection, prepared.name.constData(), params->count(),
                                          params->values.data(), params->lengths.data(),
                                          params->formats.data(), 0)
        == 1;
    if (sent && !smallLimit(sql))
        PQsetSingleRowMode(m_connection);
    PgResultPtr first(sent ? PQgetResult(m_connection) : nullptr);
    const bool interrupted = watch && watch->disarm();
    const Error timedOut =
        Error::timeout(u"The statement ran past its timeout and was interrupted"_s);

    const ExecStatusType status = first ? PQresultStatus(first.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_SINGLE_TUPLE) {
        const QSqlError error = sent
            ? qpsqlError(u"Unable to create query"_s, m_connection, first.get())
            : qpsqlError(u"Unable to send query"_s, m_connection, nullptr);
        first.reset();
        if (sent)
            discardResults(m_connection);
        const Error recorded = connection.failed(error); // (may close the connection and this)
        return Rows(interrupted ? timedOut : recorded);
    }
    if (interrupted) {
        // Cancelled just as it finished: whatever it returned is gone. Counted as a timeout.
        first.reset();
        discardResults(m_connection);
        (void)connection.failed(QSqlError(u"QPSQL: Unable to create query"_s, u"(57014)"_s,
                                          QSqlError::StatementError, u"57014"_s));
        return Rows(timedOut);
    }
    return Rows(std::make_unique<PgStreamCursor>(m_connection, connection, std::move(first)));
}

std::unique_ptr<NativeReads> PostgresDialect::nativeReads(const QSqlDatabase &db) const
{
    if (db.driverName() != qtDriver())
        return nullptr; // through ODBC: psqlODBC's connection is not ours to use
    PGconn *connection = libpqConnection(db.driver());
    return connection ? std::make_unique<PostgresNativeReads>(connection) : nullptr;
}

} // namespace sluice
