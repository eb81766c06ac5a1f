#pragma once

#include "core/jsonwriter.h"
#include "db/schema.h"

#include <functional>

namespace sluice {

// The introspected schema as docs/api.md, Schema describes it; shared by GET _schema and `sluice db
// schema`. `visible` and `procedureVisible` pick the tables and views, and the routines, to
// include (all when empty).
void writeSchemaJson(JsonWriter &w, const Schema &schema,
                     const std::function<bool(const Table &)> &visible = {},
                     const std::function<bool(const Procedure &)> &procedureVisible = {});
void writeTableJson(JsonWriter &w, const Table &table);
// The members a table starts with, "name" and "type" (table or view): all GET _table lists of it.
void writeTableNameAndType(JsonWriter &w, const Table &table);

} // namespace sluice
