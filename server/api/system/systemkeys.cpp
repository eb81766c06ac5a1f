// System API, API keys: /api/v1/system/api-key[/{id or prefix}[/revoke]]. The plaintext of a
// key is in the creation reply and nowhere else; only its SHA-256 is stored. Revoking keeps the
// record (the audit trail names keys by prefix) and takes effect on the next request.
#include "api/system/systemroutes.h"

#include "api/system/systemsupport.h"
#include "audit/auditlog.h"
#include "auth/apikey.h"
#include "auth/clientcertificate.h"
#include "config/apikeyrepository.h"
#include "config/configservice.h"
#include "config/rolerepository.h"
#include "config/tenantrepository.h"

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
    w.field("id", key.id);
    w.field("key_prefix", key.keyPrefix);
    w.field("label", key.label);
    w.field("role", key.roleName);
    w.field("role_id", key.roleId);
    // The tenant the key acts for (API.md §11), null for none.
    w.field("tenant", key.tenant.isEmpty() ? std::optional<QString>() : key.tenant);
    w.field("rate_limit_per_minute", key.rateLimitPerMinute);
    w.field("created_at", rfc3339(key.createdAt));
    w.field("expires_at", rfc3339(key.expiresAt));
    w.field("revoked_at", rfc3339(key.revokedAt));
    w.field("last_used", rfc3339(lastUsed.value(key.id)));
    // Mutual TLS: the fingerprint of the certificate bound to the key, null for none.
    w.field("client_cert_sha256",
            key.clientCertSha256.isEmpty() ? std::optional<QString>() : key.clientCertSha256);
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

// A role named by "role" (its name, or its id as a number) or "role_id" (its id, a number or
// numeric string: Faucet's spelling). BadRequest naming the field when it names no role.
Result<RoleRecord> roleNamedBy(RoleRepository &roles, const QString &field, const QJsonValue &value)
{
    const bool byName = field == u"role"_s && value.isString();
    qint64 id = 0;
    if (value.isDouble() && value.toDouble() == double(value.toInteger())
        && value.toInteger() > 0) {
        id = value.toInteger();
    } else if (value.isString() && !byName) {
        bool ok = false;
        id = value.toString().trimmed().toLongLong(&ok);
        if (!ok || id <= 0)
            id = 0;
    }
    if (byName ? value.toString().isEmpty() : id == 0)
        return Error::badRequest(byName || field == u"role"_s
                                     ? u"Field 'role' must name a role (its name or id)"_s
                                     : u"Field 'role_id' must be a role's id"_s);
    auto found = byName ? roles.findByName(value.toString()) : roles.get(id);
    if (!found && found.error().kind == ErrorKind::NotFound) {
        Error e =
            Error::badRequest(byName ? u"Field 'role': no role '%1'"_s.arg(value.toString())
                                     : u"Field '%1': no role with id %2"_s.arg(field).arg(id));
        e.context.insert(field, value);
        return e;
    }
    return found;
}

// The role a new key gets: {"role":"name"}, {"role":id} or {"role_id":id}; both fields may be
// given only when they name the same role.
Result<qint64> roleIdOf(const QSqlDatabase &db, const QJsonObject &body)
{
    const auto given = [&body](const QString &field) {
        const QJsonValue v = body.value(field);
        return !v.isUndefined() && !v.isNull();
    };
    const bool hasRole = given(u"role"_s);
    const bool hasRoleId = given(u"role_id"_s);
    if (!hasRole && !hasRoleId)
        return Error::badRequest(u"Field 'role' (a role's name) or 'role_id' must name a role"_s);
    RoleRepository roles(db);
    std::optional<RoleRecord> byRole;
    if (hasRole) {
        auto found = roleNamedBy(roles, u"role"_s, body.value(u"role"_s));
        if (!found)
            return found.error();
        byRole = *found;
    }
    if (!hasRoleId)
        return byRole->id;
    auto byId = roleNamedBy(roles, u"role_id"_s, body.value(u"role_id"_s));
    if (!byId)
        return byId.error();
    if (byRole && byRole->id != byId->id)
        return Error::badRequest(
            u"Fields 'role' and 'role_id' name different roles ('%1' and '%2'); give one"_s.arg(
                byRole->name, byId->name));
    return byId->id;
}

Status listKeys(const RouteScope &scope, const Call &, const RouteParams &, HttpReply &reply)
{
    auto keys = scope.context.config->readValue<QList<ApiKeyRecord>>(
        [](const QSqlDatabase &db) { return ApiKeyRepository(db).list(); });
    if (!keys)
        return keys.error();
    const LastUsed lastUsed = lastUsedTimes(scope.context);
    replyList(reply, *keys, [&lastUsed](JsonWriter &w, const ApiKeyRecord &key) {
        w.beginObject();
        writeKey(w, key, lastUsed);
        w.endObject();
    });
    return {};
}

Status getKey(const RouteScope &scope, const Call &, const RouteParams &p, HttpReply &reply)
{
    auto key = readRecord(*scope.context.config, findKey, p.at(0));
    if (!key)
        return key.error();
    replyKey(scope.context, reply, *key);
    return {};
}

// {role | role_id, label, expires_in_days | expires_at, rate_limit_per_minute, tenant,
// client_cert} → 201 with "api_key", the plaintext, shown this once. client_cert: a PEM
// certificate whose fingerprint is bound to the key (only the fingerprint is kept).
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
    record.tenant = fields.string(u"tenant"_s).trimmed();
    const QString clientCert = fields.string(u"client_cert"_s);
    if (Status s = fields.status(); !s)
        return s.error();
    if (!clientCert.isEmpty()) {
        auto sha256 = clientCertificateSha256(clientCert.toUtf8(), u"Field 'client_cert'"_s);
        if (!sha256)
            return sha256.error();
        record.clientCertSha256 = *sha256;
    }
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
    auto created =
        writeValue(*scope.context.config, [&](const QSqlDatabase &db) -> Result<ApiKeyRecord> {
            auto roleId = roleIdOf(db, *body);
            if (!roleId)
                return roleId.error();
            record.roleId = *roleId;
            if (!record.tenant.isEmpty()) {
                if (auto tenant = TenantRepository(db).get(record.tenant); !tenant) {
                    if (tenant.error().kind != ErrorKind::NotFound)
                        return tenant.error();
                    return Error::badRequest(u"Field 'tenant': no tenant '%1' (create it with POST "
                                             "/api/v1/system/tenant)"_s.arg(record.tenant));
                }
            }
            return ApiKeyRepository(db).create(record);
        });
    if (!created)
        return created.error();
    auditChange(scope, call, u"api_key.create"_s, 201,
                u"key %1 for role %2%3%4"_s.arg(
                    created->keyPrefix, created->roleName,
                    created->tenant.isEmpty() ? QString() : u" (tenant %1)"_s.arg(created->tenant),
                    created->clientCertSha256.isEmpty()
                        ? QString()
                        : u", client certificate SHA-256 %1"_s.arg(created->clientCertSha256)));
    reply.status = 201;
    JsonWriter w(reply.body);
    w.beginObject();
    w.field("api_key", key.plaintext);
    writeKey(w, *created, {});
    w.endObject();
    return {};
}

Status revokeKey(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    auto revoked = changeRecord(
        *scope.context.config, findKey, p.at(0),
        [](ApiKeyRepository &keys, const ApiKeyRecord &key) { return keys.revoke(key.id); });
    if (!revoked)
        return revoked.error();
    auditChange(scope, call, u"api_key.revoke"_s, 200,
                u"key %1 of role %2"_s.arg(revoked->keyPrefix, revoked->roleName));
    replyKey(scope.context, reply, *revoked);
    return {};
}

} // namespace

void installSystemKeyRoutes(Router &router, const RouteScope &scope)
{
    const QString base = u"/api/v1/system/api-key"_s;
    // Keys never change: DELETE revokes (and so does POST …/revoke).
    installRecordRoutes(router, scope, base, { listKeys, createKey, getKey, nullptr, revokeKey });
    router.add(HttpMethod::Post, base + u"/{id}/revoke"_s, systemRoute(scope, revokeKey));
}

} // namespace sluice
