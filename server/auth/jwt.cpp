#include "auth/jwt.h"

#include "auth/apikey.h"
#include "core/digest.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

Error unauthorized(const QString &reason)
{
    return Error::unauthorized(reason);
}

Error malformed()
{
    return unauthorized(u"Invalid token: malformed"_s);
}

// Strict, canonical base64url: the alphabet only, no padding, and the text must be exactly what
// encoding the decoded bytes gives back (no stray low bits), so one token has one spelling.
std::optional<QByteArray> decodeBase64Url(QByteArrayView text)
{
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    const QByteArray encoded = text.toByteArray();
    const QByteArray::FromBase64Result decoded = QByteArray::fromBase64Encoding(
        encoded, Base64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64(Base64Url) != encoded)
        return std::nullopt;
    return decoded.decoded;
}

std::optional<QJsonObject> decodeJsonObject(QByteArrayView text)
{
    const std::optional<QByteArray> bytes = decodeBase64Url(text);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// A NumericDate we accept: an integral JSON number within the exactly representable range.
std::optional<qint64> integerClaim(const QJsonObject &payload, QLatin1StringView name)
{
    const QJsonValue value = payload.value(name);
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    constexpr double Limit = 9007199254740992.0; // 2^53
    if (!std::isfinite(number) || std::trunc(number) != number || std::fabs(number) > Limit)
        return std::nullopt;
    return qint64(number);
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
    static const QByteArray header = R"({"alg":"HS256","typ":"JWT"})"_ba.toBase64(Base64Url);
    const QJsonObject payload {
        { "sub"_L1, claims.sub }, { "admin_id"_L1, claims.adminId }, { "email"_L1, claims.email },
        { "iss"_L1, claims.iss }, { "iat"_L1, claims.iat },          { "exp"_L1, claims.exp },
        { "jti"_L1, claims.jti }, { "epoch"_L1, claims.epoch },
    };
    const QByteArray signingInput =
        header + '.' + QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(Base64Url);
    return signingInput + '.' + hmacSha256(secret, signingInput).toBase64(Base64Url);
}

Result<JwtClaims> verifyJwt(QByteArrayView token, const QByteArray &secret, qint64 now)
{
    if (secret.isEmpty())
        return Error::internal(u"The JWT secret is not configured"_s);
    if (token.size() > MaxJwtBytes)
        return unauthorized(u"Invalid token: too long"_s);

    if (std::count(token.begin(), token.end(), '.') != 2)
        return malformed();
    const qsizetype firstDot = token.indexOf('.');
    const qsizetype lastDot = token.lastIndexOf('.');
    const QByteArrayView headerPart = token.first(firstDot);
    const QByteArrayView payloadPart = token.sliced(firstDot + 1, lastDot - firstDot - 1);
    const QByteArrayView signaturePart = token.sliced(lastDot + 1);

    const std::optional<QJsonObject> header = decodeJsonObject(headerPart);
    if (!header)
        return malformed();
    if (const Status status = checkHeader(*header); !status)
        return status.error();

    const std::optional<QByteArray> signature = decodeBase64Url(signaturePart);
    if (!signature)
        return malformed();
    const QByteArray expected = hmacSha256(secret, token.first(lastDot));
    if (!constantTimeEquals(*signature, expected))
        return unauthorized(u"Invalid token: bad signature"_s);

    // Only a payload we signed ourselves is parsed.
    const std::optional<QJsonObject> payload = decodeJsonObject(payloadPart);
    if (!payload)
        return malformed();
    return readClaims(*payload, now);
}

QString newTokenId()
{
    return QString::fromLatin1(generateSecret(16).toHex());
}

} // namespace sluice
