#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>

struct evp_pkey_st; // OpenSSL's EVP_PKEY

namespace sluice {

// One public signing key of a JWK Set (RFC 7517), as OpenSSL holds it. Immutable once made, so
// several worker threads may verify with it at once.
struct Jwk
{
    enum class Type { Rsa, EcP256, EcP384, Ed25519 };

    Type type = Type::Rsa;
    QString kid; // empty when the key names none
    QString alg; // the one algorithm the key is for, when the JWK says so (RFC 7517 §4.4)
    std::shared_ptr<::evp_pkey_st> key;
};

// The signing keys an identity provider publishes. Keys we cannot use for verifying signatures
// are left out, as RFC 7517 §5 asks: another "kty" ("oct" included: a shared secret never comes
// from a key set), "use" other than "sig", or "key_ops" without "verify". A key of a type we do
// support that is malformed (bad base64url, a point off its curve, an RSA modulus under 2048
// bits) makes the whole set an error that names it, so an operator's typo is not silently lost.
class JwkSet
{
public:
    // Sets larger than this, or with more keys, are refused.
    static constexpr qsizetype MaxBytes = 256 * 1024;
    static constexpr qsizetype MaxKeys = 64;

    // BadRequest errors, naming the key by its index and kid; never repeat key material.
    static Result<JwkSet> parse(QByteArrayView json);

    const QList<Jwk> &keys() const { return m_keys; }
    bool isEmpty() const { return m_keys.isEmpty(); }
    // The key with this kid, or null.
    const Jwk *find(const QString &kid) const;

private:
    QList<Jwk> m_keys;
};

// "RSA", "EC P-256", "EC P-384", "Ed25519": for messages.
QString jwkTypeName(Jwk::Type type);

} // namespace sluice
