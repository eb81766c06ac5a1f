#pragma once

#include "core/result.h"
#include "http/httprequest.h"

#include <QJsonObject>
#include <QList>

namespace sluice {

// The records of a write request. The body may be an object, an array of objects or
// {"resource":[…]} (docs/api.md, Tables). `single` is true for a bare object.
struct RequestRecords
{
    QList<QJsonObject> records;
    bool single = false;
    QJsonObject envelope; // the top-level object when the body was one (may carry "ids")
};

// Parses the body; BadRequest names what is wrong (empty, malformed JSON with its offset, a
// record that is not an object, a string beginning with U+FDD0), UnsupportedMedia for a non-JSON
// Content-Type, PayloadTooLarge past `maxRecords`. A number a double would not hold exactly
// comes as a marked string: ask exactNumberText() (core/jsonsyntax.h).
Result<RequestRecords> parseRequestRecords(const HttpRequest &request, int maxRecords);

// The body as one JSON object (sign-in, setup, the system API: no database values, so numbers
// are left as QJsonDocument reads them); BadRequest otherwise.
Result<QJsonObject> jsonObjectBody(const HttpRequest &request);

} // namespace sluice
