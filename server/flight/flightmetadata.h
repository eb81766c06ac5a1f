#pragma once

#include "arrow/recordbatchbuilder.h"
#include "flight/flightcatalog.h"
#include "flight/flightcommand.h"

#include <optional>

namespace sluice {

// The answer's schema for a Flight SQL metadata command (GetSqlInfo, GetCatalogs, GetTables, …);
// none for any other command (statements).
std::optional<arrow::Schema> metadataSchema(const FlightCommand &command);

// Appends the rows of the metadata `command` for the caller of `catalog` to `rows` (made with
// metadataSchema()): one batch, as metadata answers are small. `identifierQuote` for SqlInfo.
Status answerMetadata(const FlightCommand &command, FlightCatalog &catalog,
                      arrow::RecordBatchBuilder &rows, const QString &identifierQuote);

} // namespace sluice
