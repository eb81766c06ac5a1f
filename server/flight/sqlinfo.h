#pragma once

#include "arrow/recordbatchbuilder.h"

#include <QList>

namespace sluice {

// CommandGetSqlInfo (API.md §13): what this server is and supports, as rows of
// <info_name: uint32, value: dense_union<string_value, bool_value, bigint_value, int32_bitmask,
// string_list, int32_to_int32_list_map>>.
arrow::Schema sqlInfoSchema();
// The rows for the ids in `wanted` that Sluice knows (all it knows when empty), in its order.
// `identifierQuote`: the chosen service's ("\"" when none is chosen).
void appendSqlInfo(arrow::RecordBatchBuilder &rows, const QList<quint32> &wanted,
                   const QString &identifierQuote);

} // namespace sluice
