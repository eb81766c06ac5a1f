#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace sluice {

// The claims of an admin session token (docs/api.md, Authentication). Times are seconds since the
// Unix epoch.
struct JwtClaims
{
    QString sub; // the admin id as a string (RFC 7519 wants a string subject)
    qint64 adminId = 0;
    QString email;
    QString iss = QStringLiteral("sluice");
    qint64 iat = 0;
    qint64 exp = 0;
    QString jti; // unique per token; the key for revocation
    qint64 epoch = 0; // the admin's token epoch at issue time (see AdminRecord::tokenEpoch)
};

// Clock skew tolerated on exp, nbf and iat, in seconds: a token is accepted until exp + 30 and
// may carry an iat up to 30 s ahead of our clock (several workers or hosts share one secret).
inline constexpr qint64 JwtLeewaySeconds = 30;

// Tokens longer than this are refused before any parsing.
inline constexpr qsizetype MaxJwtBytes = 8 * 1024;

// RFC 7518 §3.2: an HS256 key should be at least as long as the hash output.
inline constexpr int MinJwtSecretBytes = 32;

// A compact JWS: base64url(header).base64url(payload).base64url(HMAC-SHA256), unpadded, with
// header {"alg":"HS256","typ":"JWT"}. An empty secret yields an empty token: we never sign with
// a guessable key.
QByteArray signJwt(const JwtClaims &claims, const QByteArray &secret);

// Checks, in order: size, shape and strict (canonical, unpadded) base64url of all three parts,
// header exactly {"alg":"HS256"} plus optional "typ":"JWT" (anything else, "none" included, is
// refused before the signature is computed), the signature in constant time, then the claims:
// iss "sluice", sub, admin_id, jti and exp required, exp + leeway > now, iat and nbf not after
// now + leeway. Every failure is Unauthorized with a short reason that reveals nothing about the
// secret; an empty secret is an Internal error (the server is misconfigured, not the caller).
Result<JwtClaims> verifyJwt(QByteArrayView token, const QByteArray &secret, qint64 now);

// 128 random bits as 32 lowercase hex characters, for jti.
QString newTokenId();

} // namespace sluice
