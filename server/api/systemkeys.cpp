// System API, API keys: /api/v1/system/api-key[/{id or prefix}[/revoke]]. The plaintext of a
// key is in the creation reply and nowhere else; only its SHA-256 is stored. Revoking keeps the
// record (the audit trail names keys by prefix) and takes effect on the next request.
#include "api/systemroutes.h"

#include "api/systemsupport.h"
#include "audit/auditlog.h"
#include "auth/apikey.h"
#include "config/apikeyrepository.h"
#include "config/configservice.h"
#include "config/rolerepository.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

using LastUsed = QHash<qint64, QDateTime>;

LastUsed lastUsedTimes(const ApiContext &ctx)
{
    if (!ctx.audit)
        return {};
    auto times = ctx.audit->keyLastUsed();
    return times ? *times : LastUsed(); // a listing without last-use times beats none
}

void writeKey(JsonWriter &w, const ApiKeyRecord &key, const LastUsed &lastUsed)
{
    w.key("id");
    w.integer(key.id);
    w.key("key_prefix");
    w.string(key.keyPrefix);
    w.key("label");
    w.string(key.label);
    w.key("role");
    w.string(key.roleName);
    w.key("rate_limit_per_minute");
    w.integer(key.rateLimitPerMinute);
    w.key("created_at");
    writeTime(w, key.createdAt);
    w.key("expires_at");
    writeTime(w, key.expiresAt);
    w.key("revoked_at");
    writeTime(w, key.revokedAt);
    w.key("last_used");
    writeTime(w, lastUsed.value(key.id));
}

void replyKey(const ApiContext &ctx, HttpReply &reply, const ApiKeyRecord &key)
{
    JsonWriter w(reply.body);
    w.beginObject();
    writeKey(w, key, lastUsedTimes(ctx));
    w.endObject();
}

// A key by id, or by the prefix a listing shows.
Result<ApiKeyRecord> findKey(ApiKeyRepository &keys, const QString &idOrPrefix)
{
    if (idOrPrefix.startsWith(u"sluice_"_s))
        return keys.findByPrefix(idOrPrefix);
    auto id = idParam(idOrPrefix, u"API key"_s);
    if (!id)
        return id.error();
    return keys.get(*id);
}

// The role a new key gets: {"role":"name"} or {"role":id}.
Result<qint64> roleIdOf(const QSqlDatabase &db, const QJsonValue &role)
{
    RoleRepository roles(db);
    Result<RoleRecord> found = Error::badRequest(u"Field 'role' must name a role"_s);
    if (role.isString() && !role.toString().isEmpty())
        found = roles.findByName(role.toString());
    else if (role.isDouble())
        found = roles.get(qint64(role.toDouble()));
    else
        return found.error();
    if (!found && found.error().kind == ErrorKind::NotFound)
        return Error::badRequest(u"Field 'role': no role '%1'"_s.arg(
            role.isString() ? role.toString() : QString::number(role.toDouble())));
    if (!found)
        return found.error();
    return found->id;
}

Status listKeys(const RouteScope &scope, const Call &, const RouteParams &, HttpReply &reply)
{
    auto keys = scope.context.config->readValue<QList<ApiKeyRecord>>(
        [](const QSqlDatabase &db) { return ApiKeyRepository(db).list(); });
    if (!keys)
        return keys.error();
    const LastUsed lastUsed = lastUsedTimes(scope.context);
    replyList<ApiKeyRecord>(reply, *keys, [&lastUsed](JsonWriter &w, const ApiKeyRecord &key) {
        w.beginObject();
        writeKey(w, key, lastUsed);
        w.endObject();
    });
    return {};
}

Status getKey(const RouteScope &scope, const Call &, const RouteParams &p, HttpReply &reply)
{
    auto key = scope.context.config->readValue<ApiKeyRecord>([&p](const QSqlDatabase &db) {
        ApiKeyRepository keys(db);
        return findKey(keys, p.at(0));
    });
    if (!key)
        return key.error();
    replyKey(scope.context, reply, *key);
    return {};
}

// {role, label, expires_in_days | expires_at, rate_limit_per_minute} → 201 with "api_key", the
// plaintext, shown this once.
Status createKey(const RouteScope &scope, const Call &call, const RouteParams &, HttpReply &reply)
{
    auto body = jsonObjectBody(call.request);
    if (!body)
        return body.error();
    BodyFields fields(*body);
    ApiKeyRecord record;
    record.label = fields.string(u"label"_s).trimmed();
    record.rateLimitPerMinute = int(fields.integer(u"rate_limit_per_minute"_s, 0, 0, 1'000'000));
    const qint64 days = fields.integer(u"expires_in_days"_s, 0, 1, 36'500);
    record.expiresAt = fields.time(u"expires_at"_s);
    if (Status s = fields.status(); !s)
        return s.error();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (days > 0 && record.expiresAt.isValid())
        return Error::badRequest(u"Give either 'expires_in_days' or 'expires_at', not both"_s);
    if (days > 0)
        record.expiresAt = now.addDays(days);
    if (record.expiresAt.isValid() && record.expiresAt <= now)
        return Error::badRequest(u"Field 'expires_at' is in the past"_s);
    const NewApiKey key = generateApiKey();
    record.keyHash = key.hash;
    record.keyPrefix = key.prefix;
    ApiKeyRecord created;
    Status s = scope.context.config->write([&](const QSqlDatabase &db) -> Status {
        auto roleId = roleIdOf(db, body->value(u"role"_s));
        if (!roleId)
            return roleId.error();
        record.roleId = *roleId;
        auto made = ApiKeyRepository(db).create(record);
        if (!made)
            return made.error();
        created = *made;
        return {};
    });
    if (!s)
        return s.error();
    auditChange(scope, call, u"api_key.create"_s, 201,
                u"key %1 for role %2"_s.arg(created.keyPrefix, created.roleName));
    reply.status = 201;
    JsonWriter w(reply.body);
    w.beginObject();
    w.key("api_key");
    w.string(key.plaintext);
    writeKey(w, created, {});
    w.endObject();
    return {};
}

Status revokeKey(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    ApiKeyRecord revoked;
    Status s = scope.context.config->write([&](const QSqlDatabase &db) -> Status {
        ApiKeyRepository keys(db);
        auto key = findKey(keys, p.at(0));
        if (!key)
            return key.error();
        auto done = keys.revoke(key->id);
        if (!done)
            return done.error();
        revoked = *done;
        return {};
    });
    if (!s)
        return s.error();
    auditChange(scope, call, u"api_key.revoke"_s, 200,
                u"key %1 of role %2"_s.arg(revoked.keyPrefix, revoked.roleName));
    replyKey(scope.context, reply, revoked);
    return {};
}

} // namespace

void installSystemKeyRoutes(Router &router, const RouteScope &scope)
{
    const QString base = u"/api/v1/system/api-key"_s;
    router.add(HttpMethod::Get, base, systemRoute(scope, listKeys));
    router.add(HttpMethod::Post, base, systemRoute(scope, createKey));
    router.add(HttpMethod::Get, base + u"/{id}"_s, systemRoute(scope, getKey));
    router.add(HttpMethod::Delete, base + u"/{id}"_s, systemRoute(scope, revokeKey));
    router.add(HttpMethod::Post, base + u"/{id}/revoke"_s, systemRoute(scope, revokeKey));
}

} // namespace sluice
