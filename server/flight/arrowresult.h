#pragma once

#include "arrow/recordbatchbuilder.h"
#include "core/result.h"
#include "db/dialect.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace sluice {

// The Arrow type of each column of a result (API.md §13): bool, int64 for every integer,
// float64, decimal128 for exact numerics with a declared precision up to 38 (their exact
// digits; wider or undeclared ones as utf8 text), utf8, binary, date32, time64[us],
// timestamp[us] ("UTC" for instants), and utf8 for anything else, which then carries the
// database's own text. Repeated names are kept: Arrow allows them.
arrow::Schema arrowSchemaOf(const QSqlRecord &record, const Dialect &dialect);

// Appends the query's current row to `batch`, whose schema arrowSchemaOf() made from the same
// result. BadRequest naming the column for a value its column cannot hold exactly (a numeric's
// NaN, a timestamp 'infinity').
Status appendRow(arrow::RecordBatchBuilder &batch, const QSqlQuery &query);

// Flight SQL's batch size: at most 64k rows or about 4 MiB of body.
inline constexpr qint64 kBatchRows = 65'536;
inline constexpr qint64 kBatchBytes = 4 * 1024 * 1024;

} // namespace sluice
