#include "db/sql/rawsql.h"

#include "db/rowwriter.h"
#include "db/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

Result<Dialect::RawExecution> Dialect::confirmOneStatement(QSqlDatabase &, const QString &,
                                                           bool) const
{
    return RawExecution::Prepared;
}

namespace {

// A failure of the caller's statement, told as such: a database error no class fits (SQLite's
// generic SQLITE_ERROR for a syntax error or an unknown table) is the statement's fault here, not
// the server's; a write refused by a read-only session is told in terms of the caller's rights.
Error statementFailure(Error error, bool readOnly)
{
    if (error.kind == ErrorKind::Internal)
        error.kind = ErrorKind::BadRequest;
    if (readOnly && error.kind == ErrorKind::Forbidden)
        error.message =
            u"Raw SQL runs read-only for this caller (it may not POST _sql): "_s + error.message;
    return error;
}

} // namespace

Result<RawStatementRun> runRawStatement(Connection &connection, const RawStatement &statement,
                                        const QVariantList &binds, bool readOnly, RawRowSink &sink)
{
    if (Status s = connection.ensureOpen(); !s)
        return s.error();
    QSqlDatabase db = connection.database();
    const Dialect &dialect = connection.dialect();
    if (readOnly) {
        if (const QString guard = dialect.readOnlySessionStatement(); !guard.isEmpty()) {
            QSqlQuery query(db);
            if (!query.exec(guard))
                return dialect.classifyFailure(query, db);
        }
    }
    TransactionGuard tx(db); // rolled back unless committed below
    if (!tx.active())
        return dialect.classify(db.lastError(), db);
    auto execution = dialect.confirmOneStatement(db, statement.sql, !binds.isEmpty());
    if (!execution)
        return statementFailure(execution.error(), readOnly);

    RawStatementRun run;
    {
        auto query = connection.executeOnce(statement.sql, binds,
                                            *execution == Dialect::RawExecution::Prepared);
        if (!query)
            return statementFailure(query.error(), readOnly);
        QSqlQuery &result = **query;
        if (result.isSelect()) {
            run.returnedRows = true;
            if (Status s = sink.begin(result.record()); !s)
                return s.error();
            while (result.next()) {
                auto more = sink.row(result);
                if (!more)
                    return more.error();
                if (!*more) {
                    run.stoppedEarly = true;
                    break;
                }
            }
            // A failure while rows arrive (a timeout, an error in a later row) ends them early.
            if (!run.stoppedEarly && result.lastError().isValid())
                return statementFailure(dialect.classifyFailure(result, db), readOnly);
        } else {
            run.affected = result.numRowsAffected();
        }
    }
    if (!readOnly && !tx.commit())
        return dialect.classify(db.lastError(), db);
    return run;
}

namespace {

// Raw SQL's rows as the elements of an open JSON array, at most `limit`.
class JsonRowSink final : public RawRowSink
{
public:
    JsonRowSink(JsonWriter &rows, qint64 limit, RawSqlOutcome &outcome)
        : m_rows(rows)
        , m_limit(limit)
        , m_outcome(outcome)
    {
    }

    Status begin(const QSqlRecord &columns) override
    {
        m_writer.emplace(untypedColumns(columns));
        QStringList names;
        names.reserve(m_writer->columns().size());
        for (const OutputColumn &column : m_writer->columns())
            names << column.name;
        m_outcome.columns = std::move(names);
        return {};
    }

    Result<bool> row(const QSqlQuery &query) override
    {
        if (m_outcome.rows == m_limit) {
            m_outcome.truncated = true;
            return false;
        }
        m_writer->writeRow(m_rows, query);
        ++m_outcome.rows;
        return true;
    }

private:
    JsonWriter &m_rows;
    qint64 m_limit;
    RawSqlOutcome &m_outcome;
    std::optional<RowWriter> m_writer;
};

} // namespace

Result<RawSqlOutcome> runRawStatement(Connection &connection, const RawStatement &statement,
                                      const QVariantList &binds, bool readOnly, qint64 limit,
                                      JsonWriter &rows)
{
    RawSqlOutcome outcome;
    JsonRowSink sink(rows, limit, outcome);
    auto run = runRawStatement(connection, statement, binds, readOnly, sink);
    if (!run)
        return run.error();
    outcome.affected = run->affected;
    return outcome;
}

} // namespace sluice
