#pragma once

#include "auth/jwk.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace sluice {

// Tokens signed by an operator's identity provider (API.md §12): compact JWS (RFC 7515) with a
// JWT claims set (RFC 7519), verified with the provider's published keys through OpenSSL.

enum class JwsAlgorithm { HS256, RS256, RS384, RS512, PS256, ES256, ES384, EdDSA };

std::optional<JwsAlgorithm> jwsAlgorithmFromName(QStringView name); // "RS256" …; not "none"
QString jwsAlgorithmName(JwsAlgorithm algorithm);

// Tokens longer than this are refused before any parsing.
inline constexpr qsizetype MaxExternalJwtBytes = 16 * 1024;
// Clock skew tolerated on exp and nbf.
inline constexpr qint64 ExternalJwtLeewaySeconds = 60;

// What may sign a token: the provider's key set, and for HS256 only a secret configured for
// this issuer. HS256 is never verified with a key from the set (an RSA public key is public:
// accepting "HS256 keyed with it" is the classic algorithm confusion).
struct JwsKeys
{
    JwkSet keySet;
    QByteArray hmacSecret; // non-empty: HS256 is accepted, keyed with exactly this
    // Empty: every algorithm the keys fit (HS256 only with a secret). Otherwise only these.
    QList<JwsAlgorithm> allowed;
};

struct VerifiedJws
{
    JwsAlgorithm algorithm = JwsAlgorithm::RS256;
    QString kid;
    QJsonObject claims; // the payload, parsed only once the signature held
};

// Checks, in order: size, shape and strict base64url, the header (a string "alg" that is
// allowed and fits the key, no "crit"; "none" always refused), the key ("kid" in the set, or
// the one key that fits when the token names none), the signature, then that the payload is a
// JSON object. Every failure is Unauthorized with a short reason that never repeats the token.
Result<VerifiedJws> verifyJwsSignature(QByteArrayView token, const JwsKeys &keys);

struct ClaimExpectations
{
    QString issuer; // "iss" must equal it exactly
    QString audience; // "aud" (a string or an array of strings) must contain it
    qint64 now = 0; // seconds since the Unix epoch
    qint64 leewaySeconds = ExternalJwtLeewaySeconds;
};

// exp required (now < exp + leeway), nbf when present (nbf <= now + leeway), iss, aud.
Status checkRegisteredClaims(const QJsonObject &claims, const ClaimExpectations &expected);

// verifyJwsSignature, then checkRegisteredClaims: the verified claims set.
Result<QJsonObject> verifyExternalJwt(QByteArrayView token, const JwsKeys &keys,
                                      const ClaimExpectations &expected);

// The "iss" of a token whose signature has NOT been checked, only to pick which configured
// issuer's keys to verify it with; nullopt when the token is not a JWS with a string "iss".
std::optional<QString> unverifiedIssuer(QByteArrayView token);

} // namespace sluice
