#include "core/error.h"

#include "core/nametable.h"

namespace sluice {

namespace {

constexpr auto ErrorKindNames = enumNames<ErrorKind::Internal>({
    { ErrorKind::BadRequest, u"bad request" },
    { ErrorKind::Unauthorized, u"unauthorized" },
    { ErrorKind::Forbidden, u"forbidden" },
    { ErrorKind::NotFound, u"not found" },
    { ErrorKind::MethodNotAllowed, u"method not allowed" },
    { ErrorKind::NotAcceptable, u"not acceptable" },
    { ErrorKind::Conflict, u"conflict" },
    { ErrorKind::PayloadTooLarge, u"payload too large" },
    { ErrorKind::UriTooLong, u"URI too long" },
    { ErrorKind::HeadersTooLarge, u"headers too large" },
    { ErrorKind::RequestTimeout, u"request timeout" },
    { ErrorKind::ExpectationFailed, u"expectation failed" },
    { ErrorKind::HttpVersionNotSupported, u"HTTP version not supported" },
    { ErrorKind::UnsupportedMedia, u"unsupported media type" },
    { ErrorKind::TooManyRequests, u"too many requests" },
    { ErrorKind::NotImplemented, u"not implemented" },
    { ErrorKind::Unavailable, u"unavailable" },
    { ErrorKind::Timeout, u"timeout" },
    { ErrorKind::Internal, u"internal error" },
});

} // namespace

QString errorKindName(ErrorKind kind)
{
    return nameOf(ErrorKindNames, kind, u"error");
}

Error Error::tooManyRequests(const QString &message, int retryAfterSeconds)
{
    return { ErrorKind::TooManyRequests, message, {}, {}, retryAfterSeconds };
}

} // namespace sluice
