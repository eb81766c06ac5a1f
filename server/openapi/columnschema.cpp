#include "openapi/columnschema.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// type and format for a JsonType; `exactAsText`: also accept the exact text form.
void typeFor(JsonType type, SchemaUse use, QString *jsonType, QString *format, bool *alsoString)
{
    *alsoString = false;
    switch (type) {
    case JsonType::Integer:
        *jsonType = u"integer"_s;
        *format = u"int64"_s;
        return;
    case JsonType::Decimal:
        // Answers carry the database's exact digits as a JSON number; a client that cannot
        // hold them as a double may send them as a string.
        *jsonType = u"number"_s;
        *format = u"decimal"_s;
        *alsoString = use == SchemaUse::Write;
        return;
    case JsonType::Float:
        *jsonType = u"number"_s;
        *format = u"double"_s;
        return;
    case JsonType::Boolean: *jsonType = u"boolean"_s; return;
    case JsonType::Date:
        *jsonType = u"string"_s;
        *format = u"date"_s;
        return;
    case JsonType::DateTime: *jsonType = u"string"_s; return; // format set by the caller
    case JsonType::Time:
        *jsonType = u"string"_s;
        *format = u"time"_s;
        return;
    case JsonType::Json: return; // any JSON value
    case JsonType::Binary:
        *jsonType = u"string"_s;
        *format = u"byte"_s;
        return;
    case JsonType::Uuid:
        *jsonType = u"string"_s;
        *format = u"uuid"_s;
        return;
    case JsonType::String: *jsonType = u"string"_s; return;
    }
}

} // namespace

bool requiredOnInsert(const Column &column)
{
    return !column.nullable && !column.hasDefault && !column.autoIncrement;
}

QJsonObject columnSchema(const Column &column, SchemaUse use)
{
    QJsonObject schema;
    QString type;
    QString format;
    bool alsoString = false;
    typeFor(column.jsonType, use, &type, &format, &alsoString);
    if (column.jsonType == JsonType::DateTime) {
        // An instant is RFC 3339 date-time; a wall-clock timestamp has no offset, which the
        // date-time format requires, so it is a plain string.
        if (column.zoned)
            format = u"date-time"_s;
    }
    if (!type.isEmpty()) {
        QJsonArray types { type };
        if (alsoString)
            types.append(u"string"_s);
        if (column.nullable && !column.primaryKey) // SQLite reports rowid keys as nullable
            types.append(u"null"_s);
        schema.insert(u"type"_s, types.size() == 1 ? QJsonValue(type) : QJsonValue(types));
    }
    if (!format.isEmpty())
        schema.insert(u"format"_s, format);
    if (column.jsonType == JsonType::Binary)
        schema.insert(u"contentEncoding"_s, u"base64"_s);
    if (column.maxLength > 0 && column.jsonType == JsonType::String)
        schema.insert(u"maxLength"_s, column.maxLength);
    if (use == SchemaUse::Row && column.autoIncrement)
        schema.insert(u"readOnly"_s, true);
    if (!column.dbType.isEmpty())
        schema.insert(u"description"_s, column.dbType);
    return schema;
}

} // namespace sluice
