#include "core/error.h"

#include "core/nametable.h"

namespace sluice {

namespace {

constexpr std::array ErrorKindNames = {
    EnumName { ErrorKind::BadRequest, u"bad request" },
    EnumName { ErrorKind::Unauthorized, u"unauthorized" },
    EnumName { ErrorKind::Forbidden, u"forbidden" },
    EnumName { ErrorKind::NotFound, u"not found" },
    EnumName { ErrorKind::MethodNotAllowed, u"method not allowed" },
    EnumName { ErrorKind::NotAcceptable, u"not acceptable" },
    EnumName { ErrorKind::Conflict, u"conflict" },
    EnumName { ErrorKind::PayloadTooLarge, u"payload too large" },
    EnumName { ErrorKind::UriTooLong, u"URI too long" },
    EnumName { ErrorKind::HeadersTooLarge, u"headers too large" },
    EnumName { ErrorKind::RequestTimeout, u"request timeout" },
    EnumName { ErrorKind::ExpectationFailed, u"expectation failed" },
    EnumName { ErrorKind::HttpVersionNotSupported, u"HTTP version not supported" },
    EnumName { ErrorKind::UnsupportedMedia, u"unsupported media type" },
    EnumName { ErrorKind::TooManyRequests, u"too many requests" },
    EnumName { ErrorKind::NotImplemented, u"not implemented" },
    EnumName { ErrorKind::Unavailable, u"unavailable" },
    EnumName { ErrorKind::Timeout, u"timeout" },
    EnumName { ErrorKind::Internal, u"internal error" },
};
static_assert(listsEnumInOrder(ErrorKindNames)
                  && ErrorKindNames.back().value == ErrorKind::Internal,
              "one name per ErrorKind, in the enum's order");

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
