#include "config/tokenrepository.h"

#include "config/authsql.h"
#include "config/configsql.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString nowOr(const QDateTime &now)
{
    return authTimeText(now.isValid() ? now : QDateTime::currentDateTimeUtc());
}

} // namespace

Status TokenRepository::add(const QString &jti, const QDateTime &expiresAt)
{
    if (jti.isEmpty())
        return Error::badRequest(u"A revoked token needs its id (jti)"_s);
    if (!expiresAt.isValid())
        return Error::badRequest(u"A revoked token needs its expiry"_s);
    return execConfigSql(
        m_db,
        u"INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?)"
        " ON CONFLICT (jti) DO UPDATE"
        // CASE rather than max()/greatest(): both stores read it.
        " SET expires_at = CASE WHEN excluded.expires_at > revoked_tokens.expires_at"
        " THEN excluded.expires_at ELSE revoked_tokens.expires_at END"_s,
        { jti, authTimeText(expiresAt) }, u"revoking a session token"_s);
}

Result<bool> TokenRepository::isRevoked(const QString &jti)
{
    const Result<qint64> found =
        scalarInt(m_db, u"SELECT count(*) FROM revoked_tokens WHERE jti = ?"_s, { jti },
                  u"checking a session token"_s);
    if (!found)
        return found.error();
    return *found > 0;
}

Result<qint64> TokenRepository::purgeExpired(const QDateTime &now)
{
    QSqlQuery query(m_db);
    if (Status ran = execConfigSql(query, u"DELETE FROM revoked_tokens WHERE expires_at <= ?"_s,
                                   { nowOr(now) }, u"purging expired token revocations"_s);
        !ran) {
        return ran.error();
    }
    return qint64(query.numRowsAffected());
}

Result<QHash<QString, QDateTime>> TokenRepository::listUnexpired(const QDateTime &now)
{
    QHash<QString, QDateTime> tokens;
    if (Status ran = forEachConfigRow(
            m_db, u"SELECT jti, expires_at FROM revoked_tokens WHERE expires_at > ?"_s,
            { nowOr(now) }, u"listing revoked session tokens"_s,
            [&tokens](const QSqlQuery &query) {
                tokens.insert(query.value(0).toString(), timeFromColumn(query.value(1)));
            });
        !ran) {
        return ran.error();
    }
    return tokens;
}

} // namespace sluice
