#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace sluice {

// True when `text` is exactly one JSON value as RFC 8259 defines it (surrounding whitespace
// allowed). Stricter than QJsonDocument, which accepts "[.5]" or raw control characters in
// strings; text embedded verbatim into a response must pass this. Iterative: no recursion
// depth to exhaust, whatever the nesting.
bool isStrictJson(QByteArrayView text);

// Exact numbers in request bodies. QJsonDocument holds a number as a qint64 when it is whole and
// fits, else as a double, so 987654321098.87654321 would reach a NUMERIC(20,8) as
// 987654321098.8766. markExactNumbers() runs over a body before QJsonDocument does and turns each
// number whose value QJsonDocument would not keep into a string: U+FDD0 and the number's text.
// exactNumberText() recognises such a value wherever it goes, nested in an object or forwarded by
// MCP, and JsonWriter::value() writes it back as the number it was.
// (Why a marked string rather than exact texts carried beside the QJsonObject: values travel as
// QJsonValue through records, envelopes, MCP arguments and JSON columns' nested objects; a side
// table would have to follow each of those paths, a marked value travels with itself.)
// U+FDD0 is a Unicode noncharacter, reserved for a program's internal use. A string value in a
// body that begins with it is refused, so no text a client sends can pass for a number.
inline constexpr char16_t ExactNumberMarker = 0xFDD0;

// `body` with those numbers marked: the same bytes, not copied, when there are none, and also
// when the body is not JSON (QJsonDocument then says where). BadRequest naming the offset for a
// string value that begins with U+FDD0.
Result<QByteArray> markExactNumbers(const QByteArray &body);

// The number's text when `value` is a number markExactNumbers() kept, else nullopt.
std::optional<QString> exactNumberText(const QJsonValue &value);

} // namespace sluice
