#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

#include <optional>

namespace sluice {

// The encodings every JOSE object uses (RFC 7515 §2, RFC 7519 §2), shared by the admin session
// tokens (jwt.h), key sets (jwk.h) and external tokens (jwsverify.h).

inline constexpr auto Base64UrlNoPadding =
    QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

// Strict, canonical base64url: the alphabet only, no padding, and the text must be exactly what
// encoding the decoded bytes gives back (no stray low bits), so one token has one spelling.
std::optional<QByteArray> decodeBase64Url(QByteArrayView text);

// A base64url part that decodes to a JSON object (a JWS header or a JWT claims set).
std::optional<QJsonObject> decodeBase64UrlJsonObject(QByteArrayView text);

// A NumericDate we accept: an integral JSON number within the exactly representable range.
std::optional<qint64> integerClaim(const QJsonObject &object, QLatin1StringView name);

// The three parts of a compact JWS, split at its two dots; nullopt unless there are exactly two.
struct CompactJwsParts
{
    QByteArrayView header;
    QByteArrayView payload;
    QByteArrayView signature;
    QByteArrayView signingInput; // header.payload, what the signature covers
};
std::optional<CompactJwsParts> splitCompactJws(QByteArrayView token);

// A compact JWS split at its dots with its header decoded, as a verifier reads it before the
// signature (the payload is left for after); nullopt when either is malformed.
struct CompactJws
{
    CompactJwsParts parts;
    QJsonObject header;
};
std::optional<CompactJws> readCompactJws(QByteArrayView token);

} // namespace sluice
