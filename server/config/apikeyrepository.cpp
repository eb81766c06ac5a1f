#include "config/apikeyrepository.h"

#include "config/authsql.h"
#include "config/configsql.h"

#include <QRegularExpression>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qsizetype MaxLabelLength = 200;

Error keyNotFound(qint64 id)
{
    return Error::notFound(u"API key %1 does not exist"_s.arg(id));
}

ApiKeyRecord keyFromRow(const QSqlQuery &query)
{
    ApiKeyRecord key;
    readColumns(query, key.id, key.keyHash, key.keyPrefix, key.label, key.roleId, key.roleName,
                key.createdAt, key.expiresAt, key.revokedAt, key.rateLimitPerMinute, key.tenant,
                key.clientCertSha256);
    return key;
}

} // namespace

Result<QList<ApiKeyRecord>>
ApiKeyRepository::select(const QString &where, const QVariantList &values, const QString &what)
{
    return selectConfigRows(
        m_db,
        u"SELECT k.id, k.key_hash, k.key_prefix, k.label, k.role_id, r.name, k.created_at,"
        " k.expires_at, k.revoked_at, k.rate_limit_per_minute, coalesce(k.tenant, ''),"
        " coalesce(k.client_cert_sha256, '')"
        " FROM api_keys k JOIN roles r ON r.id = k.role_id"_s
            + where + u" ORDER BY k.created_at DESC, k.id DESC"_s,
        values, what, keyFromRow);
}

Result<ApiKeyRecord> ApiKeyRepository::create(const ApiKeyRecord &key)
{
    if (key.keyHash.isEmpty())
        return Error::badRequest(u"An API key needs a hash"_s);
    if (key.keyPrefix.isEmpty())
        return Error::badRequest(u"An API key needs a prefix"_s);
    if (key.label.size() > MaxLabelLength)
        return Error::badRequest(u"A key label is limited to %1 characters"_s.arg(MaxLabelLength));
    if (key.rateLimitPerMinute < 0)
        return Error::badRequest(u"A rate limit cannot be negative"_s);
    const Result<qint64> role = scalarInt(m_db, u"SELECT count(*) FROM roles WHERE id = ?"_s,
                                          { key.roleId }, u"checking a key's role"_s);
    if (!role)
        return role.error();
    if (*role == 0)
        return Error::notFound(u"Role %1 does not exist"_s.arg(key.roleId));
    if (!key.tenant.isEmpty()) {
        const Result<qint64> tenant =
            scalarInt(m_db, u"SELECT count(*) FROM tenants WHERE name = ?"_s, { key.tenant },
                      u"checking a key's tenant"_s);
        if (!tenant)
            return tenant.error();
        if (*tenant == 0)
            return Error::notFound(u"Tenant '%1' does not exist"_s.arg(key.tenant));
    }
    if (Status unused = ensureUnused(m_db, u"SELECT count(*) FROM api_keys WHERE key_hash = ?"_s,
                                     { key.keyHash }, u"checking a key's hash"_s,
                                     u"An API key with this hash already exists"_s);
        !unused) {
        return unused.error();
    }
    if (!key.clientCertSha256.isEmpty()) {
        static const QRegularExpression sha256(u"\\A[0-9a-f]{64}\\z"_s);
        if (!sha256.match(key.clientCertSha256).hasMatch())
            return Error::badRequest(
                u"A client certificate's SHA-256 is 64 lowercase hex digits"_s);
        const Result<QList<ApiKeyRecord>> bound =
            select(u" WHERE k.client_cert_sha256 = ?"_s, { key.clientCertSha256 },
                   u"checking a key's client certificate"_s);
        if (!bound)
            return bound.error();
        if (!bound->isEmpty())
            return Error::conflict(u"This client certificate is already bound to API key %1"_s.arg(
                bound->constFirst().keyPrefix));
    }

    const Result<qint64> id = insertReturningId(
        m_db,
        u"INSERT INTO api_keys (key_hash, key_prefix, label, role_id, created_at, expires_at,"
        " rate_limit_per_minute, tenant, client_cert_sha256)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        { key.keyHash, key.keyPrefix, key.label, key.roleId, authNowText(),
          authTimeValue(key.expiresAt), key.rateLimitPerMinute,
          key.tenant.isEmpty() ? QVariant() : QVariant(key.tenant),
          key.clientCertSha256.isEmpty() ? QVariant() : QVariant(key.clientCertSha256) },
        u"adding an API key"_s);
    if (!id)
        return id.error();
    return get(*id);
}

Result<QList<ApiKeyRecord>> ApiKeyRepository::list()
{
    return select({}, {}, u"listing API keys"_s);
}

Result<ApiKeyRecord> ApiKeyRepository::get(qint64 id)
{
    return firstRow(select(u" WHERE k.id = ?"_s, { id }, u"reading API key %1"_s.arg(id)),
                    [id] { return keyNotFound(id); });
}

Result<ApiKeyRecord> ApiKeyRepository::findByPrefix(const QString &prefix)
{
    if (prefix.isEmpty())
        return Error::badRequest(u"Give an API key's prefix"_s);
    // substr() rather than LIKE: '_' (as in "sluice_") would be a LIKE wildcard.
    const Result<QList<ApiKeyRecord>> found =
        select(u" WHERE substr(k.key_prefix, 1, ?) = ?"_s, { qint64(prefix.size()), prefix },
               u"looking up an API key by prefix"_s);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(u"No API key has the prefix '%1'"_s.arg(prefix));
    if (found->size() > 1) {
        return Error::badRequest(
            u"The prefix '%1' matches %2 API keys; give the key's id instead"_s.arg(prefix).arg(
                found->size()));
    }
    return found->constFirst();
}

Result<ApiKeyRecord> ApiKeyRepository::findByHash(const QString &keyHash)
{
    return firstRow(select(u" WHERE k.key_hash = ?"_s, { keyHash }, u"looking up an API key"_s),
                    [] { return Error::notFound(u"No such API key"_s); });
}

Result<ApiKeyRecord> ApiKeyRepository::revoke(qint64 id, const QDateTime &at)
{
    const QDateTime when = at.isValid() ? at : QDateTime::currentDateTimeUtc();
    if (Status revoked = changeOneRow(
            m_db, u"UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?"_s,
            { authTimeValue(when), id }, u"revoking API key %1"_s.arg(id),
            [id] { return keyNotFound(id); });
        !revoked) {
        return revoked.error();
    }
    return get(id);
}

Result<ApiKeyRecord> ApiKeyRepository::revokeByPrefix(const QString &prefix, const QDateTime &at)
{
    const Result<ApiKeyRecord> key = findByPrefix(prefix);
    if (!key)
        return key.error();
    return revoke(key->id, at);
}

Status ApiKeyRepository::remove(qint64 id)
{
    return changeOneRow(m_db, u"DELETE FROM api_keys WHERE id = ?"_s, { id },
                        u"deleting API key %1"_s.arg(id), [id] { return keyNotFound(id); });
}

} // namespace sluice
