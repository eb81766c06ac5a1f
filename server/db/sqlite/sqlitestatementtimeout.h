#pragma once

#include "core/result.h"

#include <QSqlDatabase>

struct sqlite3;

namespace sluice {

// The native handle of an open QSQLITE connection, or nullptr.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

// SQLite has no statement timeout of its own. This arms one on an open QSQLITE connection: a
// trace hook notes when each statement starts running and a progress handler interrupts it
// (SQLITE_INTERRUPT, classified as Timeout) once it has run for longer than `timeoutMs`.
// The clock runs from the statement's first step to its last, so time the caller spends between
// steps of a streamed result counts too, as with PostgreSQL's statement_timeout. With several
// statements open at once, the most recently started one sets the clock.
// `timeoutMs` <= 0 disarms it.
Status setSqliteStatementTimeout(QSqlDatabase &db, int timeoutMs);

} // namespace sluice
