#include "core/error.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::BadRequest: return u"bad request"_s;
    case ErrorKind::Unauthorized: return u"unauthorized"_s;
    case ErrorKind::Forbidden: return u"forbidden"_s;
    case ErrorKind::NotFound: return u"not found"_s;
    case ErrorKind::MethodNotAllowed: return u"method not allowed"_s;
    case ErrorKind::NotAcceptable: return u"not acceptable"_s;
    case ErrorKind::Conflict: return u"conflict"_s;
    case ErrorKind::PayloadTooLarge: return u"payload too large"_s;
    case ErrorKind::UriTooLong: return u"URI too long"_s;
    case ErrorKind::HeadersTooLarge: return u"headers too large"_s;
    case ErrorKind::RequestTimeout: return u"request timeout"_s;
    case ErrorKind::ExpectationFailed: return u"expectation failed"_s;
    case ErrorKind::HttpVersionNotSupported: return u"HTTP version not supported"_s;
    case ErrorKind::UnsupportedMedia: return u"unsupported media type"_s;
    case ErrorKind::TooManyRequests: return u"too many requests"_s;
    case ErrorKind::NotImplemented: return u"not implemented"_s;
    case ErrorKind::Unavailable: return u"unavailable"_s;
    case ErrorKind::Timeout: return u"timeout"_s;
    case ErrorKind::Internal: return u"internal error"_s;
    }
    return u"error"_s;
}

Error Error::badRequest(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::BadRequest, message, {}, context };
}

Error Error::unauthorized(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::Unauthorized, message, {}, context };
}

Error Error::forbidden(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::Forbidden, message, {}, context };
}

Error Error::notFound(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::NotFound, message, {}, context };
}

Error Error::conflict(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::Conflict, message, {}, context };
}

Error Error::payloadTooLarge(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::PayloadTooLarge, message, {}, context };
}

Error Error::uriTooLong(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::UriTooLong, message, {}, context };
}

Error Error::headersTooLarge(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::HeadersTooLarge, message, {}, context };
}

Error Error::requestTimeout(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::RequestTimeout, message, {}, context };
}

Error Error::expectationFailed(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::ExpectationFailed, message, {}, context };
}

Error Error::httpVersionNotSupported(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::HttpVersionNotSupported, message, {}, context };
}

Error Error::unsupportedMedia(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::UnsupportedMedia, message, {}, context };
}

Error Error::tooManyRequests(const QString &message, int retryAfterSeconds)
{
    return { ErrorKind::TooManyRequests, message, {}, {}, retryAfterSeconds };
}

Error Error::notImplemented(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::NotImplemented, message, {}, context };
}

Error Error::unavailable(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::Unavailable, message, {}, context };
}

Error Error::timeout(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::Timeout, message, {}, context };
}

Error Error::internal(const QString &message, const QJsonObject &context)
{
    return { ErrorKind::Internal, message, {}, context };
}

} // namespace sluice
