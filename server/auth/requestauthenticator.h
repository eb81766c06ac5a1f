#pragma once

#include "auth/principal.h"
#include "core/result.h"
#include "http/httprequest.h"

#include <functional>
#include <memory>

namespace sluice {

// Establishes who is calling from a request's credentials (X-API-Key first, then
// Authorization: Bearer). One per worker thread; Unauthorized when the credentials are missing,
// unknown, expired or revoked.
class RequestAuthenticator
{
public:
    virtual ~RequestAuthenticator() = default;
    virtual Result<Principal> authenticate(const HttpRequest &request) = 0;
};

using RequestAuthenticatorFactory = std::function<std::unique_ptr<RequestAuthenticator>()>;

} // namespace sluice
