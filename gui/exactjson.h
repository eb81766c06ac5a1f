#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace sluice {

// A JSON value as the desktop shows it: numbers keep the digits the API wrote (286.76 stays
// 286.76, 9007199254740993 and a NUMERIC(20,8) keep every digit), which QJsonDocument would turn
// into a double. Strings are decoded; arrays and objects are kept as their JSON text.
struct ExactValue
{
    enum class Kind { Null, Bool, Number, String, Composite };
    Kind kind = Kind::Null;
    QString text; // the number's digits, the decoded string, "true"/"false", the JSON text

    bool isNull() const { return kind == Kind::Null; }
    bool isNumber() const { return kind == Kind::Number; }
    // The value as JSON text again: what a request body carries to write it back unchanged.
    QString json() const;
};

// One record: its members in the order the API wrote them.
struct ExactRecord
{
    QStringList keys;
    QHash<QString, ExactValue> values;

    ExactValue value(const QString &key) const { return values.value(key); }
};

// The records of the array `member` of a JSON object ({"resource":[{…},…]}), or a BadRequest
// naming where the text stops being JSON.
Result<QList<ExactRecord>> exactRecords(QByteArrayView json, QStringView member = u"resource");
// A JSON object (the answer to a PATCH of one row) as one record.
Result<ExactRecord> exactRecord(QByteArrayView json);

// `text` typed into a cell of a column of `jsonType` ("integer", "number", "boolean", …) as the
// JSON to send: a valid JSON number for numeric columns (exactly as typed, never through a
// double), true/false for booleans, else a JSON string. Empty text is "" in a text column and
// null in any other (NULL is set explicitly, not by emptying a text cell).
QString typedJson(const QString &text, const QString &jsonType);

} // namespace sluice
