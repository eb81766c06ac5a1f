#pragma once

#include "core/error.h"

#include <grpcpp/support/status.h>

namespace sluice {

// The one place that maps Sluice's error kinds to gRPC status codes for the Flight front door,
// as httpStatusFor() does for HTTP: BadRequest → INVALID_ARGUMENT, Unauthorized →
// UNAUTHENTICATED, Forbidden → PERMISSION_DENIED, NotFound → NOT_FOUND, Conflict →
// ALREADY_EXISTS, too large → RESOURCE_EXHAUSTED, throttled → RESOURCE_EXHAUSTED,
// NotImplemented → UNIMPLEMENTED, Unavailable → UNAVAILABLE, Timeout → DEADLINE_EXCEEDED,
// Internal → INTERNAL (its message replaced: the details are logged, never sent).
grpc::Status grpcStatusFor(const Error &error);

} // namespace sluice
