// System API, admins: /api/v1/system/admin[/{id}[/password]]. Password hashes never leave the
// server; disabling an admin or changing a password bumps the admin's token epoch, which ends
// every session issued before.
#include "api/system/systemroutes.h"

#include "api/system/systemsupport.h"
#include "auth/password.h"
#include "config/adminrepository.h"
#include "config/configservice.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

void writeAdmin(JsonWriter &w, const AdminRecord &admin)
{
    w.beginObject();
    w.field("id", admin.id);
    w.field("email", admin.email);
    w.field("name", admin.name);
    w.field("disabled", admin.disabled);
    w.field("created_at", rfc3339(admin.createdAt));
    w.field("updated_at", rfc3339(admin.updatedAt));
    w.field("last_login_at", rfc3339(admin.lastLoginAt));
    w.endObject();
}

Result<AdminRecord> findAdmin(AdminRepository &admins, const QString &key)
{
    auto id = idParam(key, u"admin"_s);
    if (!id)
        return id.error();
    return admins.get(*id);
}

constexpr RecordKind<AdminRepository, AdminRecord> kAdmins { findAdmin, writeAdmin };

// The hash of a new password that passes the policy (hashed here, off the config thread: an
// Argon2id hash takes a while).
Result<QString> newPasswordHash(const QString &password)
{
    if (Status s = checkPasswordPolicy(password); !s)
        return s.error();
    return hashPassword(password);
}

// Conflict when no enabled admin but `id` would remain: nobody could sign in any more.
Status ensureAnotherEnabledAdmin(AdminRepository &admins, qint64 id, const QString &change)
{
    auto all = admins.list();
    if (!all)
        return all.error();
    for (const AdminRecord &admin : *all) {
        if (admin.id != id && !admin.disabled)
            return {};
    }
    return Error::conflict(
        u"Cannot %1 the last enabled admin: nobody could sign in any more"_s.arg(change));
}

// Where a change to one admin starts: the id the path names, then the JSON object body.
struct AdminRequest
{
    qint64 id;
    QJsonObject body;
};

Result<AdminRequest> adminRequest(const Call &call, const RouteParams &p)
{
    auto id = idParam(p.at(0), u"admin"_s);
    if (!id)
        return id.error();
    auto body = jsonObjectBody(call.request);
    if (!body)
        return body.error();
    return AdminRequest { *id, *body };
}

Status addAdmin(const RouteScope &scope, const Call &call, const RouteParams &, HttpReply &reply)
{
    auto body = jsonObjectBody(call.request);
    if (!body)
        return body.error();
    BodyFields fields(*body);
    AdminRecord admin;
    admin.email = fields.string(u"email"_s).trimmed();
    admin.name = fields.string(u"name"_s).trimmed();
    const QString password = fields.string(u"password"_s);
    if (Status s = fields.status(); !s)
        return s.error();
    if (admin.email.isEmpty() || password.isEmpty())
        return Error::badRequest(u"Send {\"email\":…, \"password\":…, \"name\":…}"_s);
    if (Status s = AdminRepository::validate(admin); !s)
        return s.error();
    auto hash = newPasswordHash(password);
    if (!hash)
        return hash.error();
    admin.passwordHash = *hash;
    auto created = writeValue(*scope.context.config, [&](const QSqlDatabase &db) {
        return AdminRepository(db).create(admin);
    });
    if (!created)
        return created.error();
    auditChange(scope, call, u"admin.create"_s, 201, u"admin "_s + created->email);
    replyRecord(reply, 201, *created, writeAdmin);
    return {};
}

// Changes name, email and disabled; disabling ends the admin's sessions.
Status updateAdmin(const RouteScope &scope, const Call &call, const RouteParams &p,
                   HttpReply &reply)
{
    auto request = adminRequest(call, p);
    if (!request)
        return request.error();
    const qint64 id = request->id;
    const QJsonObject &body = request->body;
    if (body.contains(u"password"_s))
        return Error::badRequest(
            u"Change a password with POST /api/v1/system/admin/%1/password"_s.arg(id));
    bool disabledNow = false;
    const auto change = [&](AdminRepository &admins,
                            const AdminRecord &current) -> Result<AdminRecord> {
        BodyFields fields(body);
        AdminRecord next = current;
        next.email = fields.string(u"email"_s, current.email).trimmed();
        next.name = fields.string(u"name"_s, current.name).trimmed();
        next.disabled = fields.boolean(u"disabled"_s, current.disabled);
        if (Status st = fields.status(); !st)
            return st.error();
        disabledNow = next.disabled && !current.disabled;
        if (disabledNow) {
            if (id == call.principal.adminId)
                return Error::conflict(u"You cannot disable your own account"_s);
            if (Status st = ensureAnotherEnabledAdmin(admins, id, u"disable"_s); !st)
                return st.error();
        }
        auto stored = admins.update(next);
        if (stored && disabledNow) {
            if (auto epoch = admins.bumpTokenEpoch(id); !epoch)
                return epoch.error();
        }
        return stored;
    };
    auto updated = changeRecord(*scope.context.config, findAdmin, p.at(0), change);
    if (!updated)
        return updated.error();
    auditChange(scope, call, u"admin.update"_s, 200,
                u"admin %1%2"_s.arg(updated->email,
                                    disabledNow ? u" (disabled, sessions ended)"_s : QString()));
    replyRecord(reply, 200, *updated, writeAdmin);
    return {};
}

Status deleteAdmin(const RouteScope &scope, const Call &call, const RouteParams &p,
                   HttpReply &reply)
{
    const auto allowed = [&call](AdminRepository &admins, const AdminRecord &admin) -> Status {
        if (admin.id == call.principal.adminId)
            return Error::conflict(u"You cannot delete your own account"_s);
        return ensureAnotherEnabledAdmin(admins, admin.id, u"delete"_s);
    };
    auto removed = removeRecord(*scope.context.config, findAdmin, p.at(0), allowed);
    if (!removed)
        return removed.error();
    auditChange(scope, call, u"admin.delete"_s, 200, u"admin "_s + removed->email);
    replySuccess(reply);
    return {};
}

// {password} for another admin; an admin changing their own also sends current_password, so a
// session left open on a shared screen cannot take the account over.
Status changePassword(const RouteScope &scope, const Call &call, const RouteParams &p,
                      HttpReply &reply)
{
    auto request = adminRequest(call, p);
    if (!request)
        return request.error();
    const qint64 id = request->id;
    BodyFields fields(request->body);
    const QString password = fields.string(u"password"_s);
    const QString current = fields.string(u"current_password"_s);
    if (Status s = fields.status(); !s)
        return s.error();
    if (password.isEmpty())
        return Error::badRequest(u"Send {\"password\":…}"_s);
    const bool own = id == call.principal.adminId;
    if (own && current.isEmpty())
        return Error::badRequest(u"Changing your own password needs 'current_password'"_s);
    auto hash = newPasswordHash(password);
    if (!hash)
        return hash.error();
    auto admin = readRecord(*scope.context.config, findAdmin, p.at(0));
    if (!admin)
        return admin.error();
    if (own && !verifyPassword(current, admin->passwordHash))
        return Error::forbidden(u"'current_password' is not your password"_s);
    Status s = scope.context.config->write([&](const QSqlDatabase &db) -> Status {
        AdminRepository admins(db);
        if (Status st = admins.setPasswordHash(id, *hash); !st)
            return st;
        auto epoch = admins.bumpTokenEpoch(id);
        return epoch ? Status() : Status(epoch.error());
    });
    if (!s)
        return s.error();
    auditChange(scope, call, u"admin.password"_s, 200,
                u"admin %1 (sessions ended)"_s.arg(admin->email));
    reply.body = "{\"success\":true,\"sessions_ended\":true}"_ba;
    return {};
}

} // namespace

void installSystemAdminRoutes(Router &router, const RouteScope &scope)
{
    const QString base = u"/api/v1/system/admin"_s;
    installRecordRoutes(
        router, scope, base,
        { listRecords<kAdmins>, addAdmin, getRecord<kAdmins>, updateAdmin, deleteAdmin });
    router.add(HttpMethod::Post, base + u"/{id}/password"_s, systemRoute(scope, changePassword));
}

} // namespace sluice
