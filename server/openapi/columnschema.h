#pragma once

#include "db/schema.h"

#include <QJsonObject>

namespace sluice {

// How a column appears in OpenAPI (JSON Schema 2020-12, as OpenAPI 3.1 uses it).
enum class SchemaUse {
    Row, // what reads answer: exact types, read-only generated columns
    Write, // what writes accept: exact decimals and big integers may also be strings
};

// The JSON Schema of one column's values: type (with "null" when nullable), format, maxLength,
// readOnly for generated columns, the database type as a description.
QJsonObject columnSchema(const Column &column, SchemaUse use);

// Whether an insert must name the column: NOT NULL, no default, not generated.
bool requiredOnInsert(const Column &column);

} // namespace sluice
