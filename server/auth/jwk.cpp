#include "auth/jwk.h"

#include "auth/josecodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// RFC 7518 §3.3: RSA keys for RS*/PS* must be at least 2048 bits.
constexpr int MinRsaBits = 2048;

struct OpenSslFree
{
    void operator()(BIGNUM *p) const { BN_free(p); }
    void operator()(OSSL_PARAM_BLD *p) const { OSSL_PARAM_BLD_free(p); }
    void operator()(OSSL_PARAM *p) const { OSSL_PARAM_free(p); }
    void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); }
};
template<typename T> using OpenSslPtr = std::unique_ptr<T, OpenSslFree>;

// A public key of the OpenSSL key type `name` from the parameters `fill` pushes onto a builder
// (false: OpenSSL refused a value), checked by OpenSSL's own public-key validation (an EC point
// on its curve, an odd RSA exponent …).
template<typename Fill> std::shared_ptr<EVP_PKEY> publicKeyFromParams(const char *name, Fill fill)
{
    OpenSslPtr<OSSL_PARAM_BLD> builder(OSSL_PARAM_BLD_new());
    if (!builder || !fill(builder.get()))
        return {};
    OpenSslPtr<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(builder.get()));
    OpenSslPtr<EVP_PKEY_CTX> context(EVP_PKEY_CTX_new_from_name(nullptr, name, nullptr));
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1)
        return {};
    EVP_PKEY *made = nullptr;
    if (EVP_PKEY_fromdata(context.get(), &made, EVP_PKEY_PUBLIC_KEY, params.get()) != 1 || !made)
        return {};
    std::shared_ptr<EVP_PKEY> key(made, EVP_PKEY_free);
    OpenSslPtr<EVP_PKEY_CTX> check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1)
        return {};
    return key;
}

OpenSslPtr<BIGNUM> bigNumber(const QByteArray &bytes)
{
    return OpenSslPtr<BIGNUM>(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.data()),
                                        int(bytes.size()), nullptr));
}

bool pushOctets(OSSL_PARAM_BLD *builder, const char *key, const QByteArray &bytes)
{
    return OSSL_PARAM_BLD_push_octet_string(builder, key, bytes.data(), size_t(bytes.size())) == 1;
}

class KeyReader
{
public:
    KeyReader(const QJsonObject &jwk, qsizetype index)
        : m_jwk(jwk)
        , m_index(index)
    {
    }

    QString name() const
    {
        const QString kid = m_jwk.value("kid"_L1).toString();
        return kid.isEmpty() ? u"key %1"_s.arg(m_index)
                             : u"key %1 (kid \"%2\")"_s.arg(m_index).arg(kid.left(64));
    }

    Error error(const QString &what) const
    {
        return Error::badRequest(u"JWK set: %1: %2"_s.arg(name(), what));
    }

    // A required base64url member; `size` > 0 demands exactly that many bytes.
    Result<QByteArray> bytes(QLatin1StringView member, qsizetype size = 0) const
    {
        const QJsonValue value = m_jwk.value(member);
        if (!value.isString())
            return error(u"\"%1\" is missing"_s.arg(member));
        const std::optional<QByteArray> decoded = decodeBase64Url(value.toString().toLatin1());
        if (!decoded || decoded->isEmpty())
            return error(u"\"%1\" is not base64url"_s.arg(member));
        if (size > 0 && decoded->size() != size)
            return error(u"\"%1\" must be %2 bytes"_s.arg(member).arg(size));
        return *decoded;
    }

private:
    const QJsonObject &m_jwk;
    qsizetype m_index;
};

Result<std::shared_ptr<EVP_PKEY>> rsaKey(const KeyReader &reader)
{
    auto n = reader.bytes("n"_L1);
    if (!n)
        return n.error();
    auto e = reader.bytes("e"_L1);
    if (!e)
        return e.error();
    // The builder refers to the numbers until it makes the parameters, inside the call.
    const OpenSslPtr<BIGNUM> modulus = bigNumber(*n);
    const OpenSslPtr<BIGNUM> exponent = bigNumber(*e);
    if (modulus && BN_num_bits(modulus.get()) < MinRsaBits)
        return reader.error(u"RSA keys must have at least %1 bits"_s.arg(MinRsaBits));
    auto key = publicKeyFromParams("RSA", [&](OSSL_PARAM_BLD *builder) {
        return modulus && exponent
            && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, modulus.get()) == 1
            && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, exponent.get()) == 1;
    });
    if (!key)
        return reader.error(u"not a valid RSA public key"_s);
    return key;
}

Result<std::shared_ptr<EVP_PKEY>> ecKey(const KeyReader &reader, const char *group,
                                        qsizetype coordinateBytes)
{
    auto x = reader.bytes("x"_L1, coordinateBytes);
    if (!x)
        return x.error();
    auto y = reader.bytes("y"_L1, coordinateBytes);
    if (!y)
        return y.error();
    const QByteArray point = QByteArray(1, '\x04') + *x + *y;
    auto key = publicKeyFromParams("EC", [&](OSSL_PARAM_BLD *builder) {
        return OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, group, 0) == 1
            && pushOctets(builder, OSSL_PKEY_PARAM_PUB_KEY, point);
    });
    if (!key)
        return reader.error(u"not a point on %1"_s.arg(QLatin1StringView(group)));
    return key;
}

Result<std::shared_ptr<EVP_PKEY>> ed25519Key(const KeyReader &reader)
{
    auto x = reader.bytes("x"_L1, 32);
    if (!x)
        return x.error();
    auto key = publicKeyFromParams("ED25519", [&](OSSL_PARAM_BLD *builder) {
        return pushOctets(builder, OSSL_PKEY_PARAM_PUB_KEY, *x);
    });
    if (!key)
        return reader.error(u"not a valid Ed25519 public key"_s);
    return key;
}

// Whether RFC 7517 lets this key verify signatures.
bool usableForVerifying(const QJsonObject &jwk)
{
    const QJsonValue use = jwk.value("use"_L1);
    if (!use.isUndefined() && use.toString() != "sig"_L1)
        return false;
    const QJsonValue ops = jwk.value("key_ops"_L1);
    if (!ops.isUndefined() && !ops.toArray().contains(u"verify"_s))
        return false;
    return true;
}

} // namespace

QString jwkTypeName(Jwk::Type type)
{
    switch (type) {
    case Jwk::Type::Rsa: return u"RSA"_s;
    case Jwk::Type::EcP256: return u"EC P-256"_s;
    case Jwk::Type::EcP384: return u"EC P-384"_s;
    case Jwk::Type::Ed25519: return u"Ed25519"_s;
    }
    return {};
}

Result<JwkSet> JwkSet::parse(QByteArrayView json)
{
    if (json.size() > MaxBytes)
        return Error::badRequest(u"JWK set: larger than %1 bytes"_s.arg(MaxBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::badRequest(u"JWK set: not JSON (%1)"_s.arg(parseError.errorString()));
    const QJsonValue keys = document.object().value("keys"_L1);
    if (!document.isObject() || !keys.isArray())
        return Error::badRequest(u"JWK set: expected an object with a \"keys\" array"_s);
    const QJsonArray array = keys.toArray();
    if (array.size() > MaxKeys)
        return Error::badRequest(u"JWK set: more than %1 keys"_s.arg(MaxKeys));

    JwkSet set;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return Error::badRequest(u"JWK set: key %1 is not an object"_s.arg(i));
        const QJsonObject object = array.at(i).toObject();
        const KeyReader reader(object, i);
        if (!usableForVerifying(object))
            continue;
        const QString kty = object.value("kty"_L1).toString();
        const QString crv = object.value("crv"_L1).toString();
        Jwk jwk;
        Result<std::shared_ptr<EVP_PKEY>> key = std::shared_ptr<EVP_PKEY>();
        if (kty == "RSA"_L1) {
            jwk.type = Jwk::Type::Rsa;
            key = rsaKey(reader);
        } else if (kty == "EC"_L1 && crv == "P-256"_L1) {
            jwk.type = Jwk::Type::EcP256;
            key = ecKey(reader, "P-256", 32);
        } else if (kty == "EC"_L1 && crv == "P-384"_L1) {
            jwk.type = Jwk::Type::EcP384;
            key = ecKey(reader, "P-384", 48);
        } else if (kty == "OKP"_L1 && crv == "Ed25519"_L1) {
            jwk.type = Jwk::Type::Ed25519;
            key = ed25519Key(reader);
        } else {
            continue; // a type or curve we do not verify with: RFC 7517 §5 says ignore it
        }
        if (!key)
            return key.error();
        const QJsonValue kid = object.value("kid"_L1);
        const QJsonValue alg = object.value("alg"_L1);
        if ((!kid.isUndefined() && !kid.isString()) || (!alg.isUndefined() && !alg.isString()))
            return reader.error(u"\"kid\" and \"alg\" must be strings"_s);
        jwk.kid = kid.toString();
        jwk.alg = alg.toString();
        if (!jwk.kid.isEmpty() && set.find(jwk.kid))
            return reader.error(u"another key has the same kid"_s);
        jwk.key = std::move(*key);
        set.m_keys.append(std::move(jwk));
    }
    return set;
}

const Jwk *JwkSet::find(const QString &kid) const
{
    for (const Jwk &jwk : m_keys) {
        if (jwk.kid == kid)
            return &jwk;
    }
    return nullptr;
}

} // namespace sluice
