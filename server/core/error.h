#pragma once

#include <QJsonObject>
#include <QString>

namespace sluice {

// What went wrong, in terms a caller can act on. The HTTP layer maps each kind to a status in
// one place (http/errorreply.cpp); nothing below api/ knows about HTTP.
enum class ErrorKind {
    BadRequest, // the caller's request is malformed or names something invalid
    Unauthorized, // missing or bad credentials
    Forbidden, // valid caller, not allowed
    NotFound, // unknown service, table or row
    MethodNotAllowed, // the route exists, the verb does not
    NotAcceptable, // no representation for the Accept header
    Conflict, // unique or primary key violation
    PayloadTooLarge, // body or record count past the configured limit
    UriTooLong, // request target past the configured limit
    HeadersTooLarge, // header block past the configured limit
    UnsupportedMedia, // body is not JSON
    TooManyRequests, // throttled or rate limited: retry after Error::retryAfter seconds
    NotImplemented, // a feature this database cannot offer yet
    Unavailable, // the database cannot be reached
    Timeout, // a statement ran past its timeout
    Internal, // a genuine server fault: logged with the request id
};

struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString message;
    QString sqlState; // native code from the database, when the error came from one
    QJsonObject context; // optional details for the client
    int retryAfter = 0; // seconds, for TooManyRequests and Unavailable (0: the default)

    static Error badRequest(const QString &message)
    {
        return { ErrorKind::BadRequest, message, {}, {} };
    }
    static Error notFound(const QString &message)
    {
        return { ErrorKind::NotFound, message, {}, {} };
    }
    static Error internal(const QString &message)
    {
        return { ErrorKind::Internal, message, {}, {} };
    }
};

// A short English name of the kind, for logs and CLI messages.
QString errorKindName(ErrorKind kind);

} // namespace sluice
