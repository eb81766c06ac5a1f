#pragma once

#include "core/jsonwriter.h"
#include "core/result.h"
#include "db/connection.h"
#include "db/sql/rawstatement.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace sluice {

// How a caller's raw SQL statement ran.
struct RawSqlOutcome
{
    qint64 rows = 0; // rows written to the answer
    bool truncated = false; // the statement had more rows than the limit
    qint64 affected = -1; // rows changed, for a statement that answers no rows; -1: not known
    // The result's column names in order, repeated ones with the rows' "_2" suffix; none for a
    // statement that returns no result set. Known even when no row came back.
    std::optional<QStringList> columns;
};

// Where the rows of a raw statement go, as they arrive.
class RawRowSink
{
public:
    virtual ~RawRowSink() = default;
    // The result's columns, before its first row (only for a statement that returns rows).
    virtual Status begin(const QSqlRecord &columns) = 0;
    // The query's current row. false: read no further (a limit reached; the statement still
    // succeeds); an error: stop and roll back (a client gone, a value that cannot be written).
    virtual Result<bool> row(const QSqlQuery &query) = 0;
};

// How a raw statement ran, whatever its rows became.
struct RawStatementRun
{
    bool returnedRows = false; // a result set (begin() was called), else affected rows
    bool stoppedEarly = false; // the sink read no further than it wanted
    qint64 affected = -1; // see RawSqlOutcome
};

// Runs `statement` with `binds` on `connection` as runRawStatement() below does, handing the
// result's rows to `sink`.
Result<RawStatementRun> runRawStatement(Connection &connection, const RawStatement &statement,
                                        const QVariantList &binds, bool readOnly, RawRowSink &sink);

// Runs `statement` with `binds` (one per '?') on `connection` in a transaction of its own, and
// writes its rows, at most `limit`, as the elements of an open JSON array. `readOnly`: the session
// is made read-only first (Dialect::readOnlySessionStatement), so the database refuses writes and
// DDL; the transaction is rolled back whatever the statement did. Otherwise it is committed when
// the statement succeeds. Either way the connection may carry session state the caller chose
// (variables, temporary tables, settings): it must not serve anyone else afterwards
// (ConnectionLease::discard).
Result<RawSqlOutcome> runRawStatement(Connection &connection, const RawStatement &statement,
                                      const QVariantList &binds, bool readOnly, qint64 limit,
                                      JsonWriter &rows);

} // namespace sluice
