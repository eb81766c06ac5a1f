#include "auth/jwt.h"

#include "auth/apikey.h"
#include "auth/josecodec.h"
#include "core/digest.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Error unauthorized(const QString &reason)
{
    return Error::unauthorized(reason);
}

Error malformed()
{
    return unauthorized(u"Invalid token: malformed"_s);
}

std::optional<QString> stringClaim(const QJsonObject &payload, QLatin1StringView name)
{
    const QJsonValue value = payload.value(name);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

Status checkHeader(const QJsonObject &header)
{
    const QJsonValue alg = header.value("alg"_L1);
    if (!alg.isString() || alg.toString() != "HS256"_L1)
        return unauthorized(u"Invalid token: algorithm must be HS256"_s);
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == "alg"_L1)
            continue;
        // Nothing else is ours to honour: "crit", "jku", "jwk", "kid", "x5u" … would all ask us
        // to trust something other than our one secret.
        if (it.key() != "typ"_L1 || !it.value().isString()
            || it.value().toString().compare("JWT"_L1, Qt::CaseInsensitive) != 0)
            return unauthorized(u"Invalid token: unsupported header"_s);
    }
    return {};
}

Result<JwtClaims> readClaims(const QJsonObject &payload, qint64 now)
{
    const std::optional<qint64> exp = integerClaim(payload, "exp"_L1);
    if (!exp)
        return unauthorized(u"Invalid token: missing exp"_s);
    if (now >= *exp + JwtLeewaySeconds)
        return unauthorized(u"Token expired"_s);

    const std::optional<qint64> iat = integerClaim(payload, "iat"_L1);
    if (!iat)
        return unauthorized(u"Invalid token: missing iat"_s);
    if (*iat > now + JwtLeewaySeconds)
        return unauthorized(u"Invalid token: issued in the future"_s);

    if (payload.contains("nbf"_L1)) {
        const std::optional<qint64> nbf = integerClaim(payload, "nbf"_L1);
        if (!nbf)
            return malformed();
        if (*nbf > now + JwtLeewaySeconds)
            return unauthorized(u"Token not yet valid"_s);
    }

    const std::optional<QString> iss = stringClaim(payload, "iss"_L1);
    if (!iss || *iss != "sluice"_L1)
        return unauthorized(u"Invalid token: wrong issuer"_s);

    const std::optional<QString> jti = stringClaim(payload, "jti"_L1);
    if (!jti || jti->isEmpty())
        return unauthorized(u"Invalid token: missing jti"_s);

    const std::optional<QString> sub = stringClaim(payload, "sub"_L1);
    if (!sub || sub->isEmpty())
        return unauthorized(u"Invalid token: missing sub"_s);

    const std::optional<qint64> adminId = integerClaim(payload, "admin_id"_L1);
    if (!adminId)
        return unauthorized(u"Invalid token: missing admin_id"_s);

    const QJsonValue email = payload.value("email"_L1);
    if (!email.isUndefined() && !email.isString())
        return malformed();

    // The admin's token epoch when the token was issued: raising it (password change, disable)
    // invalidates every older token of that admin.
    const std::optional<qint64> epoch = integerClaim(payload, "epoch"_L1);
    if (!epoch)
        return unauthorized(u"Invalid token: missing epoch"_s);

    JwtClaims claims;
    claims.epoch = *epoch;
    claims.sub = *sub;
    claims.adminId = *adminId;
    claims.email = email.toString();
    claims.iss = *iss;
    claims.iat = *iat;
    claims.exp = *exp;
    claims.jti = *jti;
    return claims;
}

} // namespace

QByteArray signJwt(const JwtClaims &claims, const QByteArray &secret)
{
    if (secret.isEmpty())
        return {};
    static const QByteArray header =
        R"({"alg":"HS256","typ":"JWT"})"_ba.toBase64(Base64UrlNoPadding);
    const QJsonObject payload {
        { "sub"_L1, claims.sub }, { "admin_id"_L1, claims.adminId }, { "email"_L1, claims.email },
        { "iss"_L1, claims.iss }, { "iat"_L1, claims.iat },          { "exp"_L1, claims.exp },
        { "jti"_L1, claims.jti }, { "epoch"_L1, claims.epoch },
    };
    const QByteArray signingInput = header + '.'
        + QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(Base64UrlNoPadding);
    return signingInput + '.' + hmacSha256(secret, signingInput).toBase64(Base64UrlNoPadding);
}

Result<JwtClaims> verifyJwt(QByteArrayView token, const QByteArray &secret, qint64 now)
{
    if (secret.isEmpty())
        return Error::internal(u"The JWT secret is not configured"_s);
    if (token.size() > MaxJwtBytes)
        return unauthorized(u"Invalid token: too long"_s);

    const std::optional<CompactJws> jws = readCompactJws(token);
    if (!jws)
        return malformed();
    const CompactJwsParts &parts = jws->parts;
    if (const Status status = checkHeader(jws->header); !status)
        return status.error();

    const std::optional<QByteArray> signature = decodeBase64Url(parts.signature);
    if (!signature)
        return malformed();
    const QByteArray expected = hmacSha256(secret, parts.signingInput);
    if (!constantTimeEquals(*signature, expected))
        return unauthorized(u"Invalid token: bad signature"_s);

    // Only a payload we signed ourselves is parsed.
    const std::optional<QJsonObject> payload = decodeBase64UrlJsonObject(parts.payload);
    if (!payload)
        return malformed();
    return readClaims(*payload, now);
}

QString newTokenId()
{
    return QString::fromLatin1(generateSecret(16).toHex());
}

} // namespace sluice
