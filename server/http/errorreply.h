#pragma once

#include "core/error.h"
#include "core/jsonwriter.h"
#include "http/httpreply.h"

namespace sluice {

// The one place that maps an Error to an HTTP status and the JSON error body:
//   {"error":{"code":<status>,"message":"…","context":{…}}}
int httpStatusFor(ErrorKind kind);
HttpReply errorReply(const Error &error);
// Turns `reply` into errorReply(error), keeping the headers already on it (rate limits, CORS).
void answerWithError(HttpReply &reply, const Error &error);
// The same {"error":{…}} object written into a larger answer (a record's failure in a write
// with continue=true).
void writeError(JsonWriter &w, const Error &error);
QByteArray errorBody(int status, const QString &message, const QJsonObject &context = {});
QByteArray reasonPhrase(int status);

} // namespace sluice
