#include "db/rawsql.h"

#include "db/rowwriter.h"
#include "db/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

Status Dialect::confirmOneStatement(QSqlDatabase &, const QString &) const
{
    return {};
}

namespace {

// A write refused by a read-only session, told in terms of the caller's rights.
Error readOnlyRefusal(Error error)
{
    if (error.kind == ErrorKind::Forbidden)
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
    if (Status s = dialect.confirmOneStatement(db, statement.sql); !s)
        return s.error();

    RawSqlOutcome outcome;
    {
        auto query = connection.executeOnce(statement.sql, binds);
        if (!query)
            return readOnly ? readOnlyRefusal(query.error()) : query.error();
        QSqlQuery &result = **query;
        if (result.isSelect()) {
            const RowWriter writer(untypedColumns(result.record()));
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
                return dialect.classifyFailure(result, db);
        } else {
            outcome.affected = result.numRowsAffected();
        }
    }
    if (!readOnly && !tx.commit())
        return dialect.classify(db.lastError(), db);
    return outcome;
}

} // namespace sluice
