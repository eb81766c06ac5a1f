#include "api/requestbody.h"

#include "core/jsonsyntax.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

bool isJsonContentType(QByteArrayView contentType, const QByteArray &body)
{
    if (contentType.isEmpty())
        return true;
    QByteArray type = contentType.toByteArray().toLower();
    if (const qsizetype semi = type.indexOf(';'); semi >= 0)
        type.truncate(semi);
    type = type.trimmed();
    // `curl -d '{…}'` labels JSON as a form: accept it when the body is plainly JSON.
    if (type == "application/x-www-form-urlencoded") {
        const QByteArray start = body.trimmed().left(1);
        return start == "{" || start == "[";
    }
    return type == "application/json" || type.endsWith("+json") || type == "text/plain"
        || type == "*/*";
}

Result<RequestRecords> parseBody(const HttpRequest &request, int maxRecords, bool exactNumbers)
{
    const QByteArray contentType = request.header("Content-Type");
    if (!isJsonContentType(contentType, request.body)) {
        return Error::unsupportedMedia(
            u"Unsupported Content-Type '%1': send application/json"_s.arg(
                QString::fromLatin1(contentType)));
    }
    if (request.body.trimmed().isEmpty())
        return Error::badRequest(
            u"The request body is empty: send a JSON object, an array of objects or {\"resource\":[…]}"_s);

    // Values for the database keep every digit (core/jsonsyntax.h); other bodies hold none.
    Result<QByteArray> body = exactNumbers ? markExactNumbers(request.body) : request.body;
    if (!body)
        return body.error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*body, &parseError);
    const char first = request.body.trimmed().front();
    if (first != '{' && first != '[')
        return Error::badRequest(
            u"Invalid body: expected a JSON object, an array of objects or {\"resource\":[…]}"_s);
    if (parseError.error != QJsonParseError::NoError) {
        Error e =
            Error::badRequest(u"Invalid JSON body: %1 at offset %2"_s.arg(parseError.errorString())
                                  .arg(parseError.offset));
        e.context.insert(u"offset"_s, parseError.offset);
        return e;
    }

    RequestRecords out;
    QJsonArray array;
    if (doc.isObject()) {
        out.envelope = doc.object();
        const QJsonValue resource = out.envelope.value(u"resource"_s);
        if (resource.isArray()) {
            array = resource.toArray();
        } else if (!resource.isUndefined() && out.envelope.size() == 1) {
            return Error::badRequest(u"Invalid body: \"resource\" must be an array of records"_s);
        } else {
            out.single = true;
            out.records.append(out.envelope);
            return out;
        }
    } else if (doc.isArray()) {
        array = doc.array();
    } else {
        return Error::badRequest(u"Invalid body: expected a JSON object or array"_s);
    }
    if (array.size() > maxRecords) {
        return Error::payloadTooLarge(
            u"Too many records: %1 in one request, the limit is %2"_s.arg(array.size())
                .arg(maxRecords));
    }
    out.records.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            return Error::badRequest(u"Invalid body: record %1 is not a JSON object"_s.arg(i),
                                     { { u"index"_s, int(i) } });
        }
        out.records.append(array.at(i).toObject());
    }
    return out;
}

} // namespace

Result<RequestRecords> parseRequestRecords(const HttpRequest &request, int maxRecords)
{
    return parseBody(request, maxRecords, true);
}

Result<QJsonObject> jsonObjectBody(const HttpRequest &request)
{
    auto body = parseBody(request, 1, false);
    if (!body)
        return body.error();
    if (!body->single)
        return Error::badRequest(u"The body must be one JSON object"_s);
    return body->envelope;
}

} // namespace sluice
