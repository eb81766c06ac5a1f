#pragma once

#include "core/result.h"
#include "db/sql/ddlbuilder.h"

#include <QSqlDatabase>

namespace sluice {

class SqliteDialect;

// Applies a drop_column or modify_column to a SQLite table by rebuilding it, as SQLite's own
// documentation prescribes (https://sqlite.org/lang_altertable.html, "Making Other Kinds Of Table
// Schema Changes"): a new table from the original CREATE TABLE text with that one column clause
// removed or replaced, the rows copied, the old table dropped, the new one renamed, its indexes
// and triggers re-created. Editing the original text keeps everything else of the table: CHECK
// and UNIQUE constraints, collations, foreign keys, WITHOUT ROWID, STRICT.
//
// Must run inside a transaction with foreign key enforcement off (SqliteDialect::runSchemaChange
// arranges both and runs PRAGMA foreign_key_check before committing). BadRequest when the column
// is named by a table constraint that would be left dangling.
Status rebuildSqliteTable(QSqlDatabase &db, const SqliteDialect &dialect, const DdlStep &step);

} // namespace sluice
