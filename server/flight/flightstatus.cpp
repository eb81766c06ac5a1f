#include "flight/flightstatus.h"

#include "core/logging.h"

namespace sluice {

namespace {

grpc::StatusCode codeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::BadRequest:
    case ErrorKind::UriTooLong:
    case ErrorKind::HeadersTooLarge:
    case ErrorKind::ExpectationFailed:
    case ErrorKind::HttpVersionNotSupported:
    case ErrorKind::UnsupportedMedia:
    case ErrorKind::NotAcceptable:
    case ErrorKind::MethodNotAllowed: return grpc::StatusCode::INVALID_ARGUMENT;
    case ErrorKind::Unauthorized: return grpc::StatusCode::UNAUTHENTICATED;
    case ErrorKind::Forbidden: return grpc::StatusCode::PERMISSION_DENIED;
    case ErrorKind::NotFound: return grpc::StatusCode::NOT_FOUND;
    case ErrorKind::Conflict: return grpc::StatusCode::ALREADY_EXISTS;
    case ErrorKind::PayloadTooLarge:
    case ErrorKind::TooManyRequests: return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case ErrorKind::RequestTimeout:
    case ErrorKind::Timeout: return grpc::StatusCode::DEADLINE_EXCEEDED;
    case ErrorKind::NotImplemented: return grpc::StatusCode::UNIMPLEMENTED;
    case ErrorKind::Unavailable: return grpc::StatusCode::UNAVAILABLE;
    case ErrorKind::Internal: return grpc::StatusCode::INTERNAL;
    }
    return grpc::StatusCode::INTERNAL;
}

} // namespace

grpc::Status grpcStatusFor(const Error &error)
{
    const grpc::StatusCode code = codeFor(error.kind);
    if (code == grpc::StatusCode::INTERNAL) {
        qCWarning(lcApi, "Flight: %s", qUtf8Printable(error.message));
        return { code, "Internal error; the server log has the details" };
    }
    QString message = error.message;
    if (!error.sqlState.isEmpty())
        message += QStringLiteral(" (SQLSTATE %1)").arg(error.sqlState);
    return { code, message.toStdString() };
}

} // namespace sluice
