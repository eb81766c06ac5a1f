#include "mcp/jsonrpc.h"

#include "core/jsonsyntax.h"
#include "core/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sluice::jsonrpc {

Result<QJsonValue> parse(const QByteArray &text)
{
    auto marked = markExactNumbers(text);
    if (!marked)
        return Error::badRequest(u"Parse error: "_s + marked.error().message);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*marked, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error::badRequest(
            u"Parse error: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset));
    }
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

QByteArray serialize(const QJsonValue &value)
{
    QByteArray json;
    JsonWriter(json).value(value);
    return json;
}

Message classify(const QJsonValue &value)
{
    Message m;
    if (!value.isObject()) {
        m.invalidReason = u"a JSON-RPC message must be an object"_s;
        return m;
    }
    const QJsonObject o = value.toObject();
    if (o.value(u"jsonrpc"_s) != u"2.0"_s) {
        m.invalidReason = u"\"jsonrpc\" must be \"2.0\""_s;
        return m;
    }
    const bool hasId = o.contains(u"id"_s);
    m.id = o.value(u"id"_s);
    if (hasId && !m.id.isString() && !m.id.isDouble()) {
        m.id = QJsonValue(); // answered with a null id
        m.invalidReason = u"\"id\" must be a string or a number"_s;
        return m;
    }
    if (o.contains(u"method"_s)) {
        const QJsonValue method = o.value(u"method"_s);
        if (!method.isString() || method.toString().isEmpty()) {
            m.invalidReason = u"\"method\" must be a non-empty string"_s;
            return m;
        }
        const QJsonValue params = o.value(u"params"_s);
        if (!params.isUndefined() && !params.isObject()) {
            m.invalidReason = u"\"params\" must be an object"_s;
            return m;
        }
        m.method = method.toString();
        m.params = params.toObject();
        m.kind = hasId ? Message::Kind::Request : Message::Kind::Notification;
        return m;
    }
    if (hasId && (o.contains(u"result"_s) || o.contains(u"error"_s))) {
        m.kind = Message::Kind::Response;
        return m;
    }
    m.invalidReason = u"neither a request, a notification nor a response"_s;
    return m;
}

QJsonObject result(const QJsonValue &id, const QJsonValue &result)
{
    return { { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, id }, { u"result"_s, result } };
}

QJsonObject error(const QJsonValue &id, int code, const QString &message, const QJsonValue &data)
{
    QJsonObject e { { u"code"_s, code }, { u"message"_s, message } };
    if (!data.isUndefined() && !data.isNull())
        e.insert(u"data"_s, data);
    return { { u"jsonrpc"_s, u"2.0"_s },
             { u"id"_s, id.isUndefined() ? QJsonValue() : id },
             { u"error"_s, e } };
}

} // namespace sluice::jsonrpc
