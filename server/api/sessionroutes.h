#pragma once

#include "api/routescope.h"
#include "config/authrecords.h"
#include "http/router.h"

namespace sluice {

// First-run setup (GET/POST /api/v1/setup) and admin sessions
// (POST/DELETE /api/v1/system/admin/session).
void installSessionRoutes(Router &router, const RouteScope &scope);

// An admin's new session token and who the admin is.
struct AdminSession
{
    QByteArray token;
    AdminRecord admin;
};

// Signs an admin in by e-mail and password, for every front door that accepts them (REST's
// POST /api/v1/system/admin/session, Flight's handshake): the login throttle per e-mail and
// address (429 with Retry-After), the same time spent whether or not the e-mail exists, 401
// "Invalid email or password" for either being wrong or a disabled admin, each attempt audited
// as auth.login with `request`'s address and id, and the login time recorded.
Result<AdminSession> signInAdmin(ApiContext &context, const HttpRequest &request,
                                 const QString &email, const QString &password);

} // namespace sluice
