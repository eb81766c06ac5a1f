#include "flight/flightstatement.h"

#include "arrow/recordbatchbuilder.h"
#include "db/sql/rawsql.h"
#include "flight/arrowresult.h"

#include <QAtomicInteger>
#include <QScopeGuard>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Connections of Flight calls are named apart from the HTTP workers' (their pools' names).
ConnectionPool callPool(int statementTimeoutMs)
{
    static QAtomicInteger<int> calls;
    return ConnectionPool(10'000 + calls.fetchAndAddRelaxed(1) % 100'000, statementTimeoutMs);
}

// Reads only the result's columns.
class ColumnsOnly final : public RawRowSink
{
public:
    explicit ColumnsOnly(const Dialect &dialect)
        : m_dialect(dialect)
    {
    }
    Status begin(const QSqlRecord &columns) override
    {
        schema = arrowSchemaOf(columns, m_dialect);
        typed = true;
        for (int i = 0; i < columns.count(); ++i)
            typed = typed && columns.field(i).metaType().isValid();
        return {};
    }
    Result<bool> row(const QSqlQuery &) override { return false; }

    std::optional<arrow::Schema> schema;
    // Every column's type was known without a row (SQLite tells an expression's only from a
    // row's value).
    bool typed = false;

private:
    const Dialect &m_dialect;
};

// Streams rows as Arrow record batches.
class ArrowRows final : public RawRowSink
{
public:
    ArrowRows(const Dialect &dialect, const FlightResultSink &sink)
        : m_dialect(dialect)
        , m_sink(sink)
    {
    }

    Status begin(const QSqlRecord &columns) override
    {
        m_batch.emplace(arrowSchemaOf(columns, m_dialect));
        if (!m_sink.schema(m_batch->schema()))
            return clientGone();
        return {};
    }

    Result<bool> row(const QSqlQuery &query) override
    {
        if (m_sink.cancelled && m_sink.cancelled->load(std::memory_order_relaxed))
            return Error::badRequest(u"Cancelled by CancelFlightInfo"_s);
        if (Status s = appendRow(*m_batch, query); !s)
            return s.error();
        ++rows;
        if (m_batch->rowCount() >= kBatchRows || m_batch->bodySize() >= kBatchBytes) {
            if (Status s = flush(); !s)
                return s.error();
        }
        return true;
    }

    Status flush()
    {
        if (!m_batch || m_batch->rowCount() == 0)
            return {};
        const arrow::RecordBatchBuilder::Encoded encoded = m_batch->finish();
        if (!m_sink.batch(encoded.header, encoded.body))
            return clientGone();
        return {};
    }

    bool started() const { return m_batch.has_value(); }
    qint64 rows = 0;

private:
    static Error clientGone()
    {
        return Error::badRequest(u"The client went away before the last row"_s);
    }

    const Dialect &m_dialect;
    const FlightResultSink &m_sink;
    std::optional<arrow::RecordBatchBuilder> m_batch;
};

bool wrappable(const QString &keyword)
{
    return keyword == u"SELECT"_s || keyword == u"WITH"_s || keyword == u"VALUES"_s
        || keyword == u"TABLE"_s;
}

bool returnsRows(const QString &keyword)
{
    return wrappable(keyword) || keyword == u"SHOW"_s || keyword == u"EXPLAIN"_s
        || keyword == u"DESCRIBE"_s || keyword == u"DESC"_s;
}

} // namespace

Result<FlightStatement> checkFlightStatement(ServiceRegistry &registry, const QString &service,
                                             const QString &sql, const Principal &caller)
{
    auto access = authorizeRawSql(registry, service, caller);
    if (!access)
        return access.error();
    auto statement = readRawStatement(sql, access->service->dialect->id());
    if (!statement)
        return statement.error();
    return FlightStatement { *access, *statement };
}

Result<std::optional<arrow::Schema>>
describeResult(const FlightStatement &flight, int statementTimeoutMs, const StatementWatch &watch)
{
    const RawStatement &statement = flight.statement;
    if (!returnsRows(statement.keyword))
        return std::optional<arrow::Schema>();
    ConnectionPool pool = callPool(statementTimeoutMs);
    auto lease = pool.acquire(*flight.access.service);
    if (!lease)
        return lease.error();
    lease->discard();
    const Dialect &dialect = *flight.access.service->dialect;
    const QVariantList nulls(statement.placeholders);
    ColumnsOnly columns(dialect);
    if (watch)
        watch(dialect.statementInterrupter((*lease)->database()));
    const auto unwatch = qScopeGuard([&watch] {
        if (watch)
            watch({});
    });
    if (wrappable(statement.keyword)) {
        // No rows: the columns of a derived table with none. The line breaks keep a trailing
        // line comment in the statement from swallowing the wrapper.
        RawStatement wrapped = statement;
        wrapped.sql = u"SELECT * FROM (\n"_s + statement.sql + u"\n) sluice_describe"_s
            + dialect.limitClause(0, 0);
        if (runRawStatement(**lease, wrapped, nulls, true, columns) && columns.schema
            && columns.typed)
            return columns.schema;
    }
    // Some statements cannot be wrapped (MySQL refuses a derived table with repeated column
    // names), and some columns are typed only by a row: read the columns of the statement
    // itself up to its first row, read-only and rolled back.
    auto run = runRawStatement(**lease, statement, nulls, true, columns);
    if (!run)
        return run.error();
    return columns.schema;
}

Result<qint64> runFlightStatement(const FlightStatement &flight, const QVariantList &parameters,
                                  int statementTimeoutMs, const FlightResultSink &sink)
{
    if (parameters.size() != flight.statement.placeholders) {
        return Error::badRequest(
            u"The statement has %1 '?' parameter(s) but %2 value(s) were bound"_s.arg(
                QString::number(flight.statement.placeholders),
                QString::number(parameters.size())));
    }
    ConnectionPool pool = callPool(statementTimeoutMs);
    auto lease = pool.acquire(*flight.access.service);
    if (!lease)
        return lease.error();
    lease->discard(); // whatever the statement did to its session ends with this call
    ArrowRows rows(*flight.access.service->dialect, sink);
    if (sink.running)
        sink.running(flight.access.service->dialect->statementInterrupter((*lease)->database()));
    auto run =
        runRawStatement(**lease, flight.statement, parameters, !flight.access.mayWrite, rows);
    if (sink.running)
        sink.running({});
    if (!run)
        return run.error();
    if (!run->returnedRows)
        return run->affected;
    if (Status s = rows.flush(); !s)
        return s.error();
    return rows.rows;
}

} // namespace sluice
