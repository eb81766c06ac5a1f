#include "db/connection.h"

#include "core/logging.h"
#include "core/requesttimings.h"
#include "db/backends.h"
#include "db/connectionfactory.h"
#include "db/rowcursor.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {
constexpr qsizetype kMaxCachedStatements = 256;

// A statement its ExecutionWatch ended: whatever the driver made of it, it timed out.
Error statementTimedOut()
{
    return Error::timeout(u"The statement ran past its timeout and was interrupted"_s);
}

// Every statement reads forward only and keeps NUMERIC at full precision.
void configure(QSqlQuery &query)
{
    query.setForwardOnly(true);
    query.setNumericalPrecisionPolicy(QSql::HighPrecision);
}
} // namespace

Connection::Connection(const ServiceConfig &service, const Dialect &dialect, QString name,
                       int statementTimeoutMs, MetricsShard *metrics)
    : m_service(service)
    , m_dialect(dialect)
    , m_name(std::move(name))
    , m_statementTimeoutMs(statementTimeoutMs)
    , m_metrics(metrics)
{
}

Connection::~Connection()
{
    close();
}

void Connection::close()
{
    m_statements.clear(); // queries must die before their connection
    m_native.reset();
    if (m_open) {
        m_db = QSqlDatabase();
        closeDatabase(m_name);
        m_open = false;
    }
    m_proven = false;
}

Status Connection::ensureOpen()
{
    if (m_open)
        return {};
    auto opened = openService(m_service, m_name, m_statementTimeoutMs);
    if (!opened)
        return opened.error();
    if (opened->dialect != &m_dialect && isOdbcDriver(m_service.driver)) {
        // The ODBC DSN now reaches another kind of database: this connection's SQL would be
        // wrong. The next schema refresh picks the new dialect up.
        opened->db = QSqlDatabase();
        closeDatabase(m_name);
        return Error::unavailable(
            u"Service \"%1\": the database behind the ODBC DSN changed"_s.arg(m_service.name));
    }
    m_db = opened->db;
    m_open = true;
    m_native = m_dialect.nativeReads(m_db);
    return {};
}

void Connection::clearStatements()
{
    m_statements.clear();
    if (m_native)
        m_native->clear();
}

void Connection::followSchema(const SchemaSnapshot &schema)
{
    const bool same =
        !m_preparedUnder.owner_before(schema) && !schema.owner_before(m_preparedUnder);
    if (same)
        return;
    clearStatements();
    m_preparedUnder = schema;
}

Result<QSqlQuery *> Connection::execute(const QString &sql, const QVariantList &binds)
{
    if (Status s = ensureOpen(); !s)
        return s.error();

    std::shared_ptr<QSqlQuery> &slot = m_statements[sql];
    if (!slot) {
        if (m_statements.size() > kMaxCachedStatements) {
            m_statements.clear();
            return execute(sql, binds);
        }
        auto query = std::make_shared<QSqlQuery>(m_db);
        if (Status s = prepare(*query, sql); !s) {
            m_statements.remove(sql);
            return s.error();
        }
        slot = std::move(query);
    }
    QSqlQuery *query = slot.get();
    if (Status s = run(*query, binds); !s)
        return s.error();
    return query;
}

Result<std::unique_ptr<RowCursor>> Connection::select(const QString &sql, const QVariantList &binds)
{
    const bool proven = m_proven;
    auto cursor = selectOnce(sql, binds);
    // A failure that closed the connection (Unavailable) on one that worked before: the session
    // was lost between requests, and a read is safe to run again. A fresh connection failing
    // means the database is down, and trying again would only double the wait.
    if (!cursor && proven && !m_open && cursor.error().kind == ErrorKind::Unavailable) {
        qCInfo(lcDb).noquote() << "connection" << m_name << "was lost; reading again on a new one";
        cursor = selectOnce(sql, binds);
    }
    return cursor;
}

Result<std::unique_ptr<RowCursor>> Connection::selectOnce(const QString &sql,
                                                          const QVariantList &binds)
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    if (m_native) {
        if (auto cursor = m_native->select(sql, binds, *this)) {
            if (*cursor)
                m_proven = true;
            return std::move(*cursor);
        }
    }
    auto query = execute(sql, binds);
    if (!query)
        return query.error();
    return std::unique_ptr<RowCursor>(std::make_unique<QueryCursor>(**query, *this));
}

Error Connection::failed(const QSqlError &sqlError)
{
    return recordFailure(m_dialect.classify(sqlError, m_db), sqlError);
}

Error Connection::recordFailure(const Error &error, const QSqlError &sqlError)
{
    if (m_metrics)
        m_metrics->countDatabaseError(error.kind);
    if (error.kind == ErrorKind::Unavailable)
        close();
    else if (error.kind == ErrorKind::Internal)
        qCWarning(lcDb).noquote() << "statement failed:" << sqlError.text();
    return error;
}

Result<std::unique_ptr<QSqlQuery>> Connection::executeOnce(const QString &sql,
                                                           const QVariantList &binds, bool prepared)
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    auto query = std::make_unique<QSqlQuery>(m_db);
    if (prepared) {
        if (Status s = prepare(*query, sql); !s) // (configures the query)
            return s.error();
    } else {
        configure(*query);
    }
    if (Status s = run(*query, binds, prepared ? QString() : sql); !s)
        return s.error();
    return query;
}

Status Connection::prepare(QSqlQuery &query, const QString &sql)
{
    const TimedSpan span(&RequestTimings::dbNs);
    configure(query);
    bool prepared = false;
    bool interrupted = false;
    {
        // Preparing is a round trip too (QPSQL's PREPARE): a server that stops answering must
        // not hold the worker here either.
        const std::unique_ptr<ExecutionWatch> watch =
            m_dialect.watchExecution(query, m_statementTimeoutMs);
        prepared = query.prepare(sql);
        interrupted = watch && watch->disarm();
    }
    if (!prepared) {
        const Error recorded =
            recordFailure(m_dialect.classifyFailure(query, m_db), query.lastError());
        return interrupted ? statementTimedOut() : recorded;
    }
    m_dialect.statementPrepared(query, m_statementTimeoutMs);
    return {};
}

Status Connection::run(QSqlQuery &query, const QVariantList &binds, const QString &direct)
{
    const TimedSpan span(&RequestTimings::dbNs);
    for (qsizetype i = 0; i < binds.size(); ++i)
        query.bindValue(int(i), binds.at(i));
    bool executed = false;
    bool interrupted = false;
    {
        const std::unique_ptr<ExecutionWatch> watch =
            m_dialect.watchExecution(query, m_statementTimeoutMs);
        executed = direct.isEmpty() ? query.exec() : query.exec(direct);
        interrupted = watch && watch->disarm();
    }
    const Error timedOut = statementTimedOut();
    if (!executed) {
        const Error error = m_dialect.classifyFailure(query, m_db);
        const QSqlError sqlError = query.lastError();
        query.finish();
        const Error recorded = recordFailure(error, sqlError); // (closes a lost connection)
        // Ended by the watch: whatever the driver made of it, the statement timed out.
        return interrupted ? timedOut : recorded;
    }
    if (interrupted) {
        // Cancelled just as it finished: whatever it returned is gone.
        query.finish();
        if (m_metrics)
            m_metrics->countDatabaseError(ErrorKind::Timeout);
        return timedOut;
    }
    m_proven = true;
    return {};
}

} // namespace sluice
