#pragma once

#include "core/jsonwriter.h"
#include "core/result.h"
#include "db/connection.h"
#include "db/sql/rawstatement.h"

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
