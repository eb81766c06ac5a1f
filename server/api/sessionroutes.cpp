#include "api/sessionroutes.h"

#include "api/auditing.h"
#include "api/configwrite.h"
#include "api/requestbody.h"
#include "api/setupgate.h"
#include "auth/jwt.h"
#include "auth/loginthrottle.h"
#include "auth/password.h"
#include "config/adminrepository.h"
#include "config/configservice.h"
#include "config/tokenrepository.h"
#include "core/jsonwriter.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Error notConfigured()
{
    return Error::unavailable(u"The credentials store is not available"_s);
}

// The admin a setup created or a sign-in found, as both replies name them.
void writeAdminMembers(JsonWriter &w, const AdminRecord &admin)
{
    w.key("admin_id");
    w.integer(admin.id);
    w.key("email");
    w.string(admin.email);
    w.key("name");
    w.string(admin.name);
}

Result<qint64> adminCount(ConfigService &config)
{
    return config.readValue<qint64>(
        [](const QSqlDatabase &db) { return AdminRepository(db).count(); });
}

Status setupStatus(const RouteScope &scope, const HttpRequest &, const RouteParams &,
                   HttpReply &reply)
{
    if (!scope.context.config)
        return notConfigured();
    auto count = adminCount(*scope.context.config);
    if (!count)
        return count.error();
    const bool complete = *count > 0;
    reply.body = complete ? "{\"setup_complete\":true,\"needs_setup\":false}"_ba
                          : "{\"setup_complete\":false,\"needs_setup\":true}"_ba;
    return {};
}

Status completeSetup(const RouteScope &scope, const HttpRequest &request, const RouteParams &,
                     HttpReply &reply)
{
    ApiContext &ctx = scope.context;
    if (!ctx.config || !ctx.setup)
        return notConfigured();
    auto body = jsonObjectBody(request);
    if (!body)
        return body.error();
    QString token = QString::fromUtf8(request.header("X-Setup-Token"));
    if (token.isEmpty())
        token = body->value(u"setup_token"_s).toString();
    // The token is checked before anything else: without it the caller learns nothing.
    if (!ctx.setup->accepts(token))
        return Error::forbidden(
            u"Setup needs the one-time setup token printed in the server's start-up "
            "banner (X-Setup-Token header or setup_token field), and only while no "
            "admin exists"_s);
    AdminRecord admin;
    admin.email = body->value(u"email"_s).toString().trimmed();
    admin.name = body->value(u"name"_s).toString().trimmed();
    const QString password = body->value(u"password"_s).toString();
    if (Status s = checkPasswordPolicy(password); !s)
        return s.error();
    auto hash = hashPassword(password);
    if (!hash)
        return hash.error();
    admin.passwordHash = *hash;
    auto created = writeValue(*ctx.config, [&](const QSqlDatabase &db) -> Result<AdminRecord> {
        AdminRepository admins(db);
        auto count = admins.count();
        if (!count)
            return count.error();
        if (*count > 0) // re-checked inside the transaction: two racing setups make one admin
            return Error::forbidden(u"Setup is already complete"_s);
        return admins.create(admin);
    });
    if (!created)
        return created.error();
    ctx.setup->disarm();
    audit(ctx, request, u"setup"_s,
          { u"auth.setup"_s, {}, {}, {}, 201, u"created admin "_s + created->email });
    reply.status = 201;
    JsonWriter w(reply.body);
    w.beginObject();
    writeAdminMembers(w, *created);
    w.endObject();
    return {};
}

} // namespace

Result<AdminSession> signInAdmin(ApiContext &ctx, const HttpRequest &request, const QString &email,
                                 const QString &password)
{
    if (!ctx.config || !ctx.loginThrottle || ctx.jwtSecret.isEmpty())
        return notConfigured();
    const QString address = request.remoteAddress.toString();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (const auto wait = ctx.loginThrottle->retryAfter(email, address, nowMs)) {
        audit(ctx, request, u"admin:"_s + email,
              { u"auth.login"_s, {}, {}, {}, 429, u"throttled"_s });
        return Error::tooManyRequests(u"Too many failed sign-ins; try again in %1 s"_s.arg(*wait),
                                      int(*wait));
    }

    std::optional<AdminRecord> admin;
    Status s = ctx.config->read([&](const QSqlDatabase &db) -> Status {
        auto found = AdminRepository(db).findByEmail(email);
        if (found)
            admin = *found;
        else if (found.error().kind != ErrorKind::NotFound)
            return found.error();
        return {};
    });
    if (!s)
        return s.error();
    bool ok = false;
    if (admin)
        ok = verifyPassword(password, admin->passwordHash) && !admin->disabled;
    else
        burnPasswordVerification(); // same time whether or not the email exists
    if (!ok) {
        ctx.loginThrottle->recordFailure(email, address, nowMs);
        audit(ctx, request, u"admin:"_s + email, { u"auth.login"_s, {}, {}, {}, 401, u"failed"_s });
        return Error::unauthorized(u"Invalid email or password"_s);
    }
    ctx.loginThrottle->recordSuccess(email, address);
    audit(ctx, request, u"admin:"_s + admin->email, { u"auth.login"_s, {}, {}, {}, 200, {} });

    const qint64 now = nowMs / 1000;
    JwtClaims claims;
    claims.sub = QString::number(admin->id);
    claims.adminId = admin->id;
    claims.email = admin->email;
    claims.iat = now;
    claims.exp = now + ctx.sessionTtlS;
    claims.jti = newTokenId();
    claims.epoch = admin->tokenEpoch;
    AdminSession session { signJwt(claims, ctx.jwtSecret), *admin };
    (void)ctx.config->write([&](const QSqlDatabase &db) {
        return AdminRepository(db).recordLogin(admin->id, QDateTime::currentDateTimeUtc());
    });

    return session;
}

namespace {

Status signIn(const RouteScope &scope, const HttpRequest &request, const RouteParams &,
              HttpReply &reply)
{
    auto body = jsonObjectBody(request);
    if (!body)
        return body.error();
    const QString email = body->value(u"email"_s).toString().trimmed();
    const QString password = body->value(u"password"_s).toString();
    if (email.isEmpty() || password.isEmpty())
        return Error::badRequest(u"Send {\"email\":…, \"password\":…}"_s);
    auto session = signInAdmin(scope.context, request, email, password);
    if (!session)
        return session.error();

    JsonWriter w(reply.body);
    w.beginObject();
    w.key("session_token");
    w.stringUtf8(session->token);
    w.key("token_type");
    w.stringUtf8("bearer");
    w.key("expires_in");
    w.integer(scope.context.sessionTtlS);
    writeAdminMembers(w, session->admin);
    w.endObject();
    return {};
}

Status signOut(const RouteScope &scope, const Call &call, const RouteParams &, HttpReply &reply)
{
    if (!call.principal.isAdmin() || call.principal.tokenId.isEmpty())
        return Error::badRequest(
            u"This ends an admin session: send the session token as Authorization: Bearer"_s);
    const QDateTime expires = QDateTime::fromSecsSinceEpoch(call.principal.tokenExpiresAt, Qt::UTC);
    Status s = scope.context.config->write([&](const QSqlDatabase &db) {
        return TokenRepository(db).add(call.principal.tokenId, expires);
    });
    if (!s)
        return s.error();
    audit(scope.context, call, { u"auth.logout"_s, {}, {}, {}, 200, {} });
    reply.body = "{\"success\":true}"_ba;
    return {};
}

} // namespace

void installSessionRoutes(Router &router, const RouteScope &scope)
{
    auto open = [scope](Status (*fn)(const RouteScope &, const HttpRequest &, const RouteParams &,
                                     HttpReply &)) {
        return replyingErrors([scope, fn](const HttpRequest &rq, const RouteParams &p,
                                          HttpReply &r) { return fn(scope, rq, p, r); });
    };
    router.add(HttpMethod::Get, u"/api/v1/setup"_s, open(setupStatus));
    router.add(HttpMethod::Post, u"/api/v1/setup"_s, open(completeSetup));
    router.add(HttpMethod::Post, u"/api/v1/system/admin/session"_s, open(signIn));
    router.add(HttpMethod::Delete, u"/api/v1/system/admin/session"_s, guardedRoute(scope, signOut));
}

} // namespace sluice
