#pragma once

#include "core/jsonwriter.h"
#include "db/schema.h"

namespace sluice {

// The introspected schema as API.md §9 describes it; shared by GET _schema and `sluice db schema`.
void writeSchemaJson(JsonWriter &w, const Schema &schema);
void writeTableJson(JsonWriter &w, const Table &table);

} // namespace sluice
