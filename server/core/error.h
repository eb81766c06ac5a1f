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
    RequestTimeout, // the client did not send its whole request in time
    ExpectationFailed, // an Expect header this server cannot meet
    HttpVersionNotSupported, // a request line naming neither HTTP/1.0 nor HTTP/1.1
    UnsupportedMedia, // body is not JSON
    TooManyRequests, // throttled or rate limited: retry after Error::retryAfter seconds
    NotImplemented, // a feature this database cannot offer yet
    Unavailable, // the database cannot be reached
    Timeout, // a statement ran past its timeout
    Internal, // a genuine server fault: logged with the request id (stays last: error.cpp names
              // every kind and checks that it ends here)
};

struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString message;
    QString sqlState; // native code from the database, when the error came from one
    QJsonObject context; // optional details for the client
    int retryAfter = 0; // seconds, for TooManyRequests and Unavailable (0: the default)

    // Builds an Error of one kind; `context` is the optional details for the client.
    struct Factory
    {
        ErrorKind kind;
        Error operator()(const QString &message, const QJsonObject &context = {}) const
        {
            return { kind, message, {}, context };
        }
    };

    // One factory per kind that code raises: Error::notFound(u"…"_s, context).
    static constexpr Factory badRequest { ErrorKind::BadRequest };
    static constexpr Factory unauthorized { ErrorKind::Unauthorized };
    static constexpr Factory forbidden { ErrorKind::Forbidden };
    static constexpr Factory notFound { ErrorKind::NotFound };
    static constexpr Factory methodNotAllowed { ErrorKind::MethodNotAllowed };
    static constexpr Factory conflict { ErrorKind::Conflict };
    static constexpr Factory payloadTooLarge { ErrorKind::PayloadTooLarge };
    static constexpr Factory uriTooLong { ErrorKind::UriTooLong };
    static constexpr Factory headersTooLarge { ErrorKind::HeadersTooLarge };
    static constexpr Factory requestTimeout { ErrorKind::RequestTimeout };
    static constexpr Factory expectationFailed { ErrorKind::ExpectationFailed };
    static constexpr Factory httpVersionNotSupported { ErrorKind::HttpVersionNotSupported };
    static constexpr Factory unsupportedMedia { ErrorKind::UnsupportedMedia };
    static constexpr Factory notImplemented { ErrorKind::NotImplemented };
    static constexpr Factory unavailable { ErrorKind::Unavailable };
    static constexpr Factory timeout { ErrorKind::Timeout };
    static constexpr Factory internal { ErrorKind::Internal };
    // `retryAfterSeconds` becomes the Retry-After header (0: none).
    static Error tooManyRequests(const QString &message, int retryAfterSeconds = 0);
};

// A short English name of the kind, for logs and CLI messages.
QString errorKindName(ErrorKind kind);

} // namespace sluice
