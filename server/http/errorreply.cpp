#include "http/errorreply.h"

#include "core/jsonwriter.h"

namespace sluice {

int httpStatusFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::BadRequest: return 400;
    case ErrorKind::Unauthorized: return 401;
    case ErrorKind::Forbidden: return 403;
    case ErrorKind::NotFound: return 404;
    case ErrorKind::MethodNotAllowed: return 405;
    case ErrorKind::NotAcceptable: return 406;
    case ErrorKind::RequestTimeout: return 408;
    case ErrorKind::Conflict: return 409;
    case ErrorKind::PayloadTooLarge: return 413;
    case ErrorKind::UriTooLong: return 414;
    case ErrorKind::UnsupportedMedia: return 415;
    case ErrorKind::ExpectationFailed: return 417;
    case ErrorKind::HeadersTooLarge: return 431;
    case ErrorKind::TooManyRequests: return 429;
    case ErrorKind::NotImplemented: return 501;
    case ErrorKind::Unavailable: return 503;
    case ErrorKind::Timeout: return 504;
    case ErrorKind::HttpVersionNotSupported: return 505;
    case ErrorKind::Internal: return 500;
    }
    return 500;
}

namespace {

void writeErrorObject(JsonWriter &w, int status, const QString &message, const QJsonObject &context)
{
    w.beginObject();
    w.key("error");
    w.beginObject();
    w.key("code");
    w.integer(status);
    w.key("message");
    w.string(message);
    if (!context.isEmpty()) {
        w.key("context");
        w.value(context);
    }
    w.endObject();
    w.endObject();
}

} // namespace

void writeError(JsonWriter &w, const Error &error)
{
    writeErrorObject(w, httpStatusFor(error.kind), error.message, error.context);
}

QByteArray errorBody(int status, const QString &message, const QJsonObject &context)
{
    QByteArray out;
    out.reserve(64 + message.size());
    JsonWriter w(out);
    writeErrorObject(w, status, message, context);
    return out;
}

HttpReply errorReply(const Error &error)
{
    HttpReply reply;
    reply.status = httpStatusFor(error.kind);
    reply.body = errorBody(reply.status, error.message, error.context);
    if (error.retryAfter > 0)
        reply.setHeader("Retry-After", QByteArray::number(error.retryAfter));
    else if (error.kind == ErrorKind::Unavailable)
        reply.setHeader("Retry-After", "5");
    return reply;
}

void answerWithError(HttpReply &reply, const Error &error)
{
    HttpReply answer = errorReply(error);
    answer.headers.append(reply.headers);
    reply = std::move(answer);
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    }
    return "Unknown";
}

} // namespace sluice
