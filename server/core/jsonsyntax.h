#pragma once

#include <QByteArrayView>

namespace sluice {

// True when `text` is exactly one JSON value as RFC 8259 defines it (surrounding whitespace
// allowed). Stricter than QJsonDocument, which accepts "[.5]" or raw control characters in
// strings; text embedded verbatim into a response must pass this. Iterative: no recursion
// depth to exhaust, whatever the nesting.
bool isStrictJson(QByteArrayView text);

} // namespace sluice
