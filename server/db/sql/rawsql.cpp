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

Result<RawSqlOutcome> runRawStatement(Connection &connection, const RawStatement &statement,
                                      const QVariantList &binds, bool readOnly, qint64 limit,
                                      JsonWriter &rows)
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

    RawSqlOutcome outcome;
    {
        auto query = connection.executeOnce(statement.sql, binds,
                                            *execution == Dialect::RawExecution::Prepared);
        if (!query)
            return statementFailure(query.error(), readOnly);
        QSqlQuery &result = **query;
        if (result.isSelect()) {
            const RowWriter writer(untypedColumns(result.record()));
            QStringList names;
            names.reserve(writer.columns().size());
            for (const OutputColumn &column : writer.columns())
                names << column.name;
            outcome.columns = std::move(names);
            while (result.next()) {
                if (outcome.rows == limit) {
                    outcome.truncated = true;
                    break;
                }
                writer.writeRow(rows, result);
                ++outcome.rows;
            }
            // A failure while rows arrive (a timeout, an error in a later row) ends them early.
            if (!outcome.truncated && result.lastError().isValid())
                return statementFailure(dialect.classifyFailure(result, db), readOnly);
        } else {
            outcome.affected = result.numRowsAffected();
        }
    }
    if (!readOnly && !tx.commit())
        return dialect.classify(db.lastError(), db);
    return outcome;
}

} // namespace sluice
