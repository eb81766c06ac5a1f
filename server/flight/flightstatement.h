#pragma once

#include "api/sql/rawsqlaccess.h"
#include "arrow/arrowschema.h"
#include "db/connectionpool.h"
#include "db/sql/rawstatement.h"

#include <atomic>
#include <functional>
#include <optional>

namespace sluice {

// A caller's statement for one service, checked as POST _sql checks it: the same access
// (authorizeRawSql) and the same one-statement reading (readRawStatement).
struct FlightStatement
{
    RawSqlAccess access;
    RawStatement statement;
};

Result<FlightStatement> checkFlightStatement(ServiceRegistry &registry, const QString &service,
                                             const QString &sql, const Principal &caller);

// Called with a running statement's interrupter (Dialect::statementInterrupter; may be null)
// just before it starts, and with null once it has ended: a caller's chance to watch the call
// (CallWatch) and end the statement when its client goes away.
using StatementWatch = std::function<void(std::function<void()>)>;

// The Arrow schema of the statement's result, without reading its rows: a SELECT (or WITH,
// VALUES, TABLE) is asked for none of them; any other statement that returns rows (SHOW,
// EXPLAIN, …), or one with a column typed only by a row (SQLite's expressions), is run
// read-only up to its first row and rolled back. Nothing for a statement that returns no rows:
// Flight SQL's clients (JDBC) take an empty dataset schema to mean an update.
Result<std::optional<arrow::Schema>> describeResult(const FlightStatement &statement,
                                                    int statementTimeoutMs,
                                                    const StatementWatch &watch = {});

// Where a statement's result goes: the schema once, then each batch as it fills (≤ 64k rows,
// ~4 MiB); false from either: the client is gone, stop and roll back.
struct FlightResultSink
{
    std::function<bool(const arrow::Schema &)> schema;
    std::function<bool(const QByteArray &header, const QByteArray &body)> batch;
    const std::atomic<bool> *cancelled = nullptr; // set by CancelFlightInfo: stop
    StatementWatch running; // see StatementWatch
};

// Runs the statement with `parameters` on a connection of its own (raw SQL's session state ends
// with it) in the caller's rights (read-only unless it may write), streaming its rows to `sink`.
// Returns the rows affected for a statement without rows (-1: not known), else the rows sent.
Result<qint64> runFlightStatement(const FlightStatement &statement, const QVariantList &parameters,
                                  int statementTimeoutMs, const FlightResultSink &sink);

} // namespace sluice
