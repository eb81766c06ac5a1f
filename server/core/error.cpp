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
    case ErrorKind::UnsupportedMedia: return u"unsupported media type"_s;
    case ErrorKind::TooManyRequests: return u"too many requests"_s;
    case ErrorKind::NotImplemented: return u"not implemented"_s;
    case ErrorKind::Unavailable: return u"unavailable"_s;
    case ErrorKind::Timeout: return u"timeout"_s;
    case ErrorKind::Internal: return u"internal error"_s;
    }
    return u"error"_s;
}

} // namespace sluice
