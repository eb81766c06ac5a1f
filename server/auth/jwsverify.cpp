#include "auth/jwsverify.h"

#include "auth/apikey.h"
#include "auth/josecodec.h"
#include "core/digest.h"

#include <QJsonArray>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

struct AlgorithmName
{
    JwsAlgorithm algorithm;
    QLatin1StringView name;
};

constexpr AlgorithmName AlgorithmNames[] = {
    { JwsAlgorithm::HS256, "HS256"_L1 }, { JwsAlgorithm::RS256, "RS256"_L1 },
    { JwsAlgorithm::RS384, "RS384"_L1 }, { JwsAlgorithm::RS512, "RS512"_L1 },
    { JwsAlgorithm::PS256, "PS256"_L1 }, { JwsAlgorithm::ES256, "ES256"_L1 },
    { JwsAlgorithm::ES384, "ES384"_L1 }, { JwsAlgorithm::EdDSA, "EdDSA"_L1 },
};

Error invalid(const QString &reason)
{
    return Error::unauthorized(u"Invalid token: "_s + reason);
}

Error malformed()
{
    return invalid(u"malformed"_s);
}

// The key type an algorithm needs; HS256 needs none from the set.
bool fits(JwsAlgorithm algorithm, Jwk::Type type)
{
    switch (algorithm) {
    case JwsAlgorithm::RS256:
    case JwsAlgorithm::RS384:
    case JwsAlgorithm::RS512:
    case JwsAlgorithm::PS256: return type == Jwk::Type::Rsa;
    case JwsAlgorithm::ES256: return type == Jwk::Type::EcP256;
    case JwsAlgorithm::ES384: return type == Jwk::Type::EcP384;
    case JwsAlgorithm::EdDSA: return type == Jwk::Type::Ed25519;
    case JwsAlgorithm::HS256: return false;
    }
    return false;
}

bool fits(JwsAlgorithm algorithm, const Jwk &jwk)
{
    return fits(algorithm, jwk.type)
        && (jwk.alg.isEmpty() || jwk.alg == jwsAlgorithmName(algorithm));
}

const EVP_MD *digestOf(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::HS256:
    case JwsAlgorithm::RS256:
    case JwsAlgorithm::PS256:
    case JwsAlgorithm::ES256: return EVP_sha256();
    case JwsAlgorithm::RS384:
    case JwsAlgorithm::ES384: return EVP_sha384();
    case JwsAlgorithm::RS512: return EVP_sha512();
    case JwsAlgorithm::EdDSA: return nullptr; // Ed25519 hashes internally
    }
    return nullptr;
}

struct OpenSslFree
{
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
    void operator()(ECDSA_SIG *p) const { ECDSA_SIG_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
};

// JWS carries an ECDSA signature as r || s, each the curve's size (RFC 7518 §3.4); OpenSSL
// verifies the DER SEQUENCE { r, s }. Empty when the signature has the wrong length.
QByteArray ecdsaSignatureToDer(const QByteArray &rs, qsizetype coordinateBytes)
{
    if (rs.size() != 2 * coordinateBytes)
        return {};
    const auto *bytes = reinterpret_cast<const unsigned char *>(rs.constData());
    std::unique_ptr<BIGNUM, OpenSslFree> r(BN_bin2bn(bytes, int(coordinateBytes), nullptr));
    std::unique_ptr<BIGNUM, OpenSslFree> s(
        BN_bin2bn(bytes + coordinateBytes, int(coordinateBytes), nullptr));
    std::unique_ptr<ECDSA_SIG, OpenSslFree> signature(ECDSA_SIG_new());
    if (!r || !s || !signature || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1)
        return {};
    (void)r.release(); // owned by the signature now
    (void)s.release();
    const int size = i2d_ECDSA_SIG(signature.get(), nullptr);
    if (size <= 0)
        return {};
    QByteArray der(size, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_ECDSA_SIG(signature.get(), &out) != size)
        return {};
    return der;
}

bool verifyWithKey(JwsAlgorithm algorithm, const Jwk &jwk, QByteArrayView signingInput,
                   QByteArray signature)
{
    if (algorithm == JwsAlgorithm::ES256 || algorithm == JwsAlgorithm::ES384) {
        signature = ecdsaSignatureToDer(signature, algorithm == JwsAlgorithm::ES256 ? 32 : 48);
        if (signature.isEmpty())
            return false;
    }
    std::unique_ptr<EVP_MD_CTX, OpenSslFree> context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr; // owned by `context`
    if (!context
        || EVP_DigestVerifyInit(context.get(), &keyContext, digestOf(algorithm), nullptr,
                                jwk.key.get())
            != 1)
        return false;
    if (algorithm == JwsAlgorithm::PS256) {
        // RFC 7518 §3.5: MGF1 with the same hash, a salt as long as the hash.
        if (EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) != 1
            || EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, EVP_sha256()) != 1)
            return false;
    }
    return EVP_DigestVerify(context.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(signingInput.data()),
                            size_t(signingInput.size()))
        == 1;
}

Result<JwsAlgorithm> readAlgorithm(const QJsonObject &header, const JwsKeys &keys)
{
    const QJsonValue alg = header.value("alg"_L1);
    if (!alg.isString())
        return invalid(u"the header names no algorithm"_s);
    if (alg.toString().compare("none"_L1, Qt::CaseInsensitive) == 0)
        return invalid(u"unsigned tokens (alg \"none\") are not accepted"_s);
    const std::optional<JwsAlgorithm> algorithm = jwsAlgorithmFromName(alg.toString());
    if (!algorithm)
        return invalid(u"unsupported algorithm"_s);
    if (!keys.allowed.isEmpty() && !keys.allowed.contains(*algorithm))
        return invalid(u"algorithm %1 is not allowed"_s.arg(jwsAlgorithmName(*algorithm)));
    if (*algorithm == JwsAlgorithm::HS256 && keys.hmacSecret.isEmpty())
        return invalid(u"algorithm HS256 is not allowed for this issuer"_s);
    // We implement no extension the issuer could mark critical (RFC 7515 §4.1.11).
    if (header.contains("crit"_L1))
        return invalid(u"unsupported critical header"_s);
    return *algorithm;
}

Result<const Jwk *> chooseKey(const QJsonObject &header, JwsAlgorithm algorithm,
                              const JwkSet &keySet)
{
    const QJsonValue kid = header.value("kid"_L1);
    if (!kid.isUndefined()) {
        if (!kid.isString())
            return malformed();
        const Jwk *jwk = keySet.find(kid.toString());
        if (!jwk)
            return invalid(u"unknown key id"_s);
        if (!fits(algorithm, *jwk))
            return invalid(u"algorithm %1 does not fit the key (%2)"_s.arg(
                jwsAlgorithmName(algorithm), jwkTypeName(jwk->type)));
        return jwk;
    }
    // No kid: only unambiguous when exactly one key could have made this signature.
    const Jwk *only = nullptr;
    for (const Jwk &jwk : keySet.keys()) {
        if (!fits(algorithm, jwk))
            continue;
        if (only)
            return invalid(u"the token names no key id and several keys fit"_s);
        only = &jwk;
    }
    if (!only)
        return invalid(u"no key for algorithm %1"_s.arg(jwsAlgorithmName(algorithm)));
    return only;
}

} // namespace

std::optional<JwsAlgorithm> jwsAlgorithmFromName(QStringView name)
{
    for (const AlgorithmName &entry : AlgorithmNames) {
        if (name == entry.name)
            return entry.algorithm;
    }
    return std::nullopt;
}

QString jwsAlgorithmName(JwsAlgorithm algorithm)
{
    for (const AlgorithmName &entry : AlgorithmNames) {
        if (entry.algorithm == algorithm)
            return entry.name;
    }
    return {};
}

Result<VerifiedJws> verifyJwsSignature(QByteArrayView token, const JwsKeys &keys)
{
    if (token.size() > MaxExternalJwtBytes)
        return invalid(u"too long"_s);
    const std::optional<CompactJws> jws = readCompactJws(token);
    if (!jws)
        return malformed();
    const CompactJwsParts &parts = jws->parts;
    const Result<JwsAlgorithm> algorithm = readAlgorithm(jws->header, keys);
    if (!algorithm)
        return algorithm.error();
    const std::optional<QByteArray> signature = decodeBase64Url(parts.signature);
    if (!signature || signature->isEmpty())
        return malformed();

    VerifiedJws verified;
    verified.algorithm = *algorithm;
    if (*algorithm == JwsAlgorithm::HS256) {
        if (!constantTimeEquals(*signature, hmacSha256(keys.hmacSecret, parts.signingInput)))
            return invalid(u"bad signature"_s);
    } else {
        const Result<const Jwk *> jwk = chooseKey(jws->header, *algorithm, keys.keySet);
        if (!jwk)
            return jwk.error();
        if (!verifyWithKey(*algorithm, **jwk, parts.signingInput, *signature))
            return invalid(u"bad signature"_s);
        verified.kid = (*jwk)->kid;
    }

    // Only a payload whose signature held is parsed.
    const std::optional<QJsonObject> claims = decodeBase64UrlJsonObject(parts.payload);
    if (!claims)
        return malformed();
    verified.claims = *claims;
    return verified;
}

Status checkRegisteredClaims(const QJsonObject &claims, const ClaimExpectations &expected)
{
    const std::optional<qint64> exp = integerClaim(claims, "exp"_L1);
    if (!exp)
        return invalid(u"missing exp"_s);
    if (expected.now >= *exp + expected.leewaySeconds)
        return Error::unauthorized(u"Token expired"_s);
    if (claims.contains("nbf"_L1)) {
        const std::optional<qint64> nbf = integerClaim(claims, "nbf"_L1);
        if (!nbf)
            return malformed();
        if (*nbf > expected.now + expected.leewaySeconds)
            return Error::unauthorized(u"Token not yet valid"_s);
    }
    const QJsonValue iss = claims.value("iss"_L1);
    if (!iss.isString() || iss.toString() != expected.issuer)
        return invalid(u"wrong issuer"_s);

    const QJsonValue aud = claims.value("aud"_L1);
    bool audienceFound = false;
    if (aud.isString()) {
        audienceFound = aud.toString() == expected.audience;
    } else if (aud.isArray()) {
        for (const QJsonValue &entry : aud.toArray())
            audienceFound =
                audienceFound || (entry.isString() && entry.toString() == expected.audience);
    }
    if (expected.audience.isEmpty() || !audienceFound)
        return invalid(u"wrong audience"_s);
    return {};
}

Result<QJsonObject> verifyExternalJwt(QByteArrayView token, const JwsKeys &keys,
                                      const ClaimExpectations &expected)
{
    Result<VerifiedJws> verified = verifyJwsSignature(token, keys);
    if (!verified)
        return verified.error();
    if (Status status = checkRegisteredClaims(verified->claims, expected); !status)
        return status.error();
    return std::move(verified->claims);
}

std::optional<QString> unverifiedIssuer(QByteArrayView token)
{
    if (token.size() > MaxExternalJwtBytes)
        return std::nullopt;
    const std::optional<CompactJwsParts> parts = splitCompactJws(token);
    if (!parts)
        return std::nullopt;
    const std::optional<QJsonObject> claims = decodeBase64UrlJsonObject(parts->payload);
    if (!claims || !claims->value("iss"_L1).isString())
        return std::nullopt;
    return claims->value("iss"_L1).toString();
}

} // namespace sluice
