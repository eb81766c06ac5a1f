#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace sluice::jsonrpc {

// JSON-RPC 2.0 error codes.
enum Code {
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
};

// One incoming JSON-RPC message, classified.
struct Message
{
    enum class Kind { Request, Notification, Response, Invalid };
    Kind kind = Kind::Invalid;
    QJsonValue id; // Request (and Response): a string or a number
    QString method;
    QJsonObject params; // absent params are an empty object
    QString invalidReason; // Kind::Invalid: why
};

// Classifies a parsed JSON value: {"jsonrpc":"2.0", "method", "id"?, "params"?} is a request or
// notification; one with "result"/"error" and an id is a response; anything else is invalid
// (params that are not an object, an id that is not a string or number, a wrong version).
Message classify(const QJsonValue &value);

// Reads a payload (one message or a batch), as both transports receive it. A number with more
// digits than a double holds comes as a marked string (core/jsonsyntax.h), so tool arguments
// reach the database with every digit. The error is the message of a ParseError.
Result<QJsonValue> parse(const QByteArray &text);
// A payload or answer as compact JSON; marked numbers are written back as the numbers they were.
QByteArray serialize(const QJsonValue &value);

QJsonObject result(const QJsonValue &id, const QJsonValue &result);
QJsonObject error(const QJsonValue &id, int code, const QString &message,
                  const QJsonValue &data = {});

} // namespace sluice::jsonrpc
