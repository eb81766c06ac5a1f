#pragma once

#include "core/result.h"
#include "db/dialect.h"

#include <QString>

namespace sluice {

// One statement of a caller's own SQL (POST _sql, MCP sluice_raw_sql), read the way its
// database reads SQL text.
struct RawStatement
{
    QString sql; // the statement alone: no trailing ';', and nothing after it
    QString keyword; // its first word in upper case: "SELECT", "WITH", "UPDATE", …
    int placeholders = 0; // '?' parameters, bound in order
};

// Accepts exactly one statement. Splitting statements is where a second statement could slip
// past the transaction Sluice runs raw SQL in (QPSQL, for one, sends a prepared statement as
// simple-query text), so the text is read with the dialect's own quoting and comment rules —
// string literals, quoted identifiers, nested comments, PostgreSQL's dollar quotes, MySQL's
// executable comments — and, where a database setting changes how a backslash in a string is
// read, under both settings; they must agree. BadRequest, naming the problem, for: no
// statement, more than one, an unterminated literal or comment, and statements that Sluice
// itself owns or that reach outside the database: transaction control and session settings
// (each call runs in a transaction of its own), server-side PREPARE/EXECUTE, PostgreSQL COPY,
// SQLite PRAGMA/ATTACH/DETACH/VACUUM, MySQL LOAD DATA and INTO OUTFILE/DUMPFILE, T-SQL EXEC.
Result<RawStatement> readRawStatement(QStringView text, DialectId dialect);

} // namespace sluice
