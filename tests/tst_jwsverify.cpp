#include "auth/jwk.h"
#include "auth/jwsverify.h"

#include "support/nodescript.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace sluice;
using namespace Qt::StringLiterals;

namespace {

const QString Issuer = u"https://idp.test/realms/acme"_s;
const QString Audience = u"sluice-api"_s;

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

// Keys and tokens come from the npm `jose` library (tests/node/jose-tokens.mjs), as an identity
// provider would make them; the cases that attack the verifier are made there too.
class TestJwsVerify : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tokens_data();
    void tokens();
    void hs256NeedsTheConfiguredSecret();
    void allowedAlgorithmsRestrict();
    void malformedTokens_data();
    void malformedTokens();
    void claims_data();
    void claims();
    void keySetSkipsKeysNotForSigning();
    void keySetErrors_data();
    void keySetErrors();
    void unverifiedIssuer();

private:
    JwsKeys keysWithSecret() const
    {
        JwsKeys keys;
        keys.keySet = m_keySet;
        keys.hmacSecret = m_secret;
        return keys;
    }

    QTemporaryDir m_dir;
    QJsonObject m_jwks;
    JwkSet m_keySet;
    QByteArray m_secret;
    QHash<QString, QByteArray> m_tokens;
};

void TestJwsVerify::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const sluice::test::JoseTokens made =
        sluice::test::makeJoseTokens(m_dir.path(), Issuer, Audience);
    QVERIFY2(made.problem.isEmpty(), qPrintable(made.problem));
    m_jwks = made.jwks;
    auto keySet = JwkSet::parse(json(m_jwks));
    QVERIFY2(keySet, qPrintable(keySet ? QString() : keySet.error().message));
    m_keySet = *keySet;
    QCOMPARE(made.secret.size(), 32);
    m_secret = made.secret;
    m_tokens = made.tokens;
}

void TestJwsVerify::tokens_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error"); // empty: accepted

    const char *const good[] = { "rs256",
                                 "rs384",
                                 "rs512",
                                 "ps256",
                                 "es256",
                                 "es384",
                                 "eddsa",
                                 "hs256",
                                 "aud_array",
                                 "no_kid",
                                 "exp_within_leeway",
                                 "nbf_within_leeway" };
    for (const char *name : good)
        QTest::newRow(name) << QString::fromLatin1(name) << QString();

    QTest::newRow("expired") << u"expired"_s << u"Token expired"_s;
    QTest::newRow("nbf in the future") << u"nbf_future"_s << u"Token not yet valid"_s;
    QTest::newRow("wrong aud") << u"wrong_aud"_s << u"Invalid token: wrong audience"_s;
    QTest::newRow("wrong iss") << u"wrong_iss"_s << u"Invalid token: wrong issuer"_s;
    QTest::newRow("no exp") << u"no_exp"_s << u"Invalid token: missing exp"_s;
    QTest::newRow("alg none")
        << u"alg_none"_s << u"Invalid token: unsigned tokens (alg \"none\") are not accepted"_s;
    // With a secret configured the PEM is simply the wrong key; without one HS256 is refused
    // outright (hs256NeedsTheConfiguredSecret).
    QTest::newRow("HS256 keyed with the RSA public key")
        << u"hs256_rsa_public_pem"_s << u"Invalid token: bad signature"_s;
    QTest::newRow("unknown kid") << u"unknown_kid"_s << u"Invalid token: unknown key id"_s;
    QTest::newRow("encryption key") << u"enc_key"_s << u"Invalid token: unknown key id"_s;
    QTest::newRow("tampered payload") << u"tampered_payload"_s << u"Invalid token: bad signature"_s;
    QTest::newRow("RS256 naming an EC key")
        << u"alg_key_mismatch"_s
        << u"Invalid token: algorithm RS256 does not fit the key (EC P-256)"_s;
    QTest::newRow("RS256 with a key published for RS384")
        << u"jwk_alg_mismatch"_s << u"Invalid token: algorithm RS256 does not fit the key (RSA)"_s;
    QTest::newRow("oversized") << u"oversized"_s << u"Invalid token: too long"_s;
    QTest::newRow("bad signature") << u"bad_signature"_s << u"Invalid token: bad signature"_s;
}

void TestJwsVerify::tokens()
{
    QFETCH(QString, name);
    QFETCH(QString, error);
    QVERIFY2(m_tokens.contains(name), qPrintable(u"jose-tokens.mjs made no "_s + name));
    const QByteArray token = m_tokens.value(name);
    const ClaimExpectations expected { Issuer, Audience, QDateTime::currentSecsSinceEpoch() };
    const auto verified = verifyExternalJwt(token, keysWithSecret(), expected);
    if (error.isEmpty()) {
        QVERIFY2(verified, qPrintable(verified ? QString() : verified.error().message));
        QCOMPARE(verified->value("sub"_L1).toString(), u"user-42"_s);
        QCOMPARE(verified->value("iss"_L1).toString(), Issuer);
        return;
    }
    QVERIFY(!verified);
    QCOMPARE(verified.error().kind, ErrorKind::Unauthorized);
    QCOMPARE(verified.error().message, error);
    QVERIFY(!verified.error().message.contains(QString::fromLatin1(token.left(20))));
}

void TestJwsVerify::hs256NeedsTheConfiguredSecret()
{
    JwsKeys keys;
    keys.keySet = m_keySet;
    const ClaimExpectations expected { Issuer, Audience, QDateTime::currentSecsSinceEpoch() };
    for (const char *name : { "hs256", "hs256_rsa_public_pem" }) {
        const auto verified =
            verifyExternalJwt(m_tokens.value(QString::fromLatin1(name)), keys, expected);
        QVERIFY(!verified);
        QCOMPARE(verified.error().message,
                 u"Invalid token: algorithm HS256 is not allowed for this issuer"_s);
    }
    // The same PEM configured as the secret on purpose would verify: HS256 keys come only from
    // configuration, so that is the operator's choice, never the token's.
    keys.hmacSecret = "another secret of at least thirty-two bytes"_ba;
    QVERIFY(!verifyExternalJwt(m_tokens.value(u"hs256"_s), keys, expected));
}

void TestJwsVerify::allowedAlgorithmsRestrict()
{
    JwsKeys keys = keysWithSecret();
    keys.allowed = { JwsAlgorithm::ES256 };
    const ClaimExpectations expected { Issuer, Audience, QDateTime::currentSecsSinceEpoch() };
    QVERIFY(verifyExternalJwt(m_tokens.value(u"es256"_s), keys, expected));
    const auto refused = verifyExternalJwt(m_tokens.value(u"rs256"_s), keys, expected);
    QVERIFY(!refused);
    QCOMPARE(refused.error().message, u"Invalid token: algorithm RS256 is not allowed"_s);
}

void TestJwsVerify::malformedTokens_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("error");
    const QByteArray good = m_tokens.value(u"es256"_s);
    const QList<QByteArray> parts = good.split('.');
    QTest::newRow("empty") << QByteArray() << u"Invalid token: malformed"_s;
    QTest::newRow("two parts") << parts.at(0) + '.' + parts.at(1) << u"Invalid token: malformed"_s;
    QTest::newRow("four parts") << good + ".x" << u"Invalid token: malformed"_s;
    QTest::newRow("padded header")
        << parts.at(0) + "==." + parts.at(1) + '.' + parts.at(2) << u"Invalid token: malformed"_s;
    QTest::newRow("standard base64 in the signature") << parts.at(0) + '.' + parts.at(1) + '.'
            + QByteArray(parts.at(2)).replace('-', '+').replace('_', '/')
            + "+/" << u"Invalid token: malformed"_s;
    QTest::newRow("header not JSON")
        << b64("{alg") + '.' + parts.at(1) + '.' + parts.at(2) << u"Invalid token: malformed"_s;
    QTest::newRow("header an array")
        << b64("[1]") + '.' + parts.at(1) + '.' + parts.at(2) << u"Invalid token: malformed"_s;
    QTest::newRow("alg missing") << b64("{\"kid\":\"es256\"}") + '.' + parts.at(1) + '.'
            + parts.at(2) << u"Invalid token: the header names no algorithm"_s;
    QTest::newRow("alg None") << b64("{\"alg\":\"None\"}") + '.' + parts.at(1)
            + '.' << u"Invalid token: unsigned tokens (alg \"none\") are not accepted"_s;
    QTest::newRow("alg unknown") << b64("{\"alg\":\"ES512\",\"kid\":\"es256\"}") + '.' + parts.at(1)
            + '.' + parts.at(2) << u"Invalid token: unsupported algorithm"_s;
    QTest::newRow("crit") << b64("{\"alg\":\"ES256\",\"kid\":\"es256\",\"crit\":[\"b64\"]}") + '.'
            + parts.at(1) + '.'
            + parts.at(2) << u"Invalid token: unsupported critical header"_s;
    QTest::newRow("kid a number") << b64("{\"alg\":\"ES256\",\"kid\":7}") + '.' + parts.at(1) + '.'
            + parts.at(2) << u"Invalid token: malformed"_s;
    QTest::newRow("empty signature")
        << parts.at(0) + '.' + parts.at(1) + '.' << u"Invalid token: malformed"_s;
    QTest::newRow("short ECDSA signature") << parts.at(0) + '.' + parts.at(1) + '.'
            + b64(QByteArray(63, 'x')) << u"Invalid token: bad signature"_s;
    QTest::newRow("17 KiB of dots") << QByteArray(17 * 1024, '.') << u"Invalid token: too long"_s;
}

void TestJwsVerify::malformedTokens()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, error);
    const auto verified = verifyJwsSignature(token, keysWithSecret());
    QVERIFY(!verified);
    QCOMPARE(verified.error().kind, ErrorKind::Unauthorized);
    QCOMPARE(verified.error().message, error);
}

void TestJwsVerify::claims_data()
{
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<QString>("error");
    constexpr qint64 Now = 1'700'000'000;
    const QJsonObject base { { u"iss"_s, Issuer }, { u"aud"_s, Audience }, { u"exp"_s, Now + 10 } };
    const auto with = [&](const char *key, const QJsonValue &value) {
        QJsonObject claims = base;
        if (value.isUndefined())
            claims.remove(QString::fromLatin1(key));
        else
            claims.insert(QString::fromLatin1(key), value);
        return claims;
    };
    QTest::newRow("valid") << base << QString();
    QTest::newRow("exp 59 s ago") << with("exp", Now - 59) << QString();
    QTest::newRow("exp 60 s ago") << with("exp", Now - 60) << u"Token expired"_s;
    QTest::newRow("exp a string") << with("exp", u"soon"_s) << u"Invalid token: missing exp"_s;
    QTest::newRow("exp fractional")
        << with("exp", double(Now) + 0.5) << u"Invalid token: missing exp"_s;
    QTest::newRow("nbf now + 60") << with("nbf", Now + 60) << QString();
    QTest::newRow("nbf now + 61") << with("nbf", Now + 61) << u"Token not yet valid"_s;
    QTest::newRow("nbf a string") << with("nbf", u"x"_s) << u"Invalid token: malformed"_s;
    QTest::newRow("iss missing") << with("iss", QJsonValue::Undefined)
                                 << u"Invalid token: wrong issuer"_s;
    QTest::newRow("iss with a trailing slash")
        << with("iss", QString(Issuer + u'/')) << u"Invalid token: wrong issuer"_s;
    QTest::newRow("aud missing") << with("aud", QJsonValue::Undefined)
                                 << u"Invalid token: wrong audience"_s;
    QTest::newRow("aud array without ours")
        << with("aud", QJsonArray { u"a"_s, u"b"_s }) << u"Invalid token: wrong audience"_s;
    QTest::newRow("aud array with ours") << with("aud", QJsonArray { 1, Audience }) << QString();
    QTest::newRow("aud a number") << with("aud", 7) << u"Invalid token: wrong audience"_s;
}

void TestJwsVerify::claims()
{
    QFETCH(QJsonObject, claims);
    QFETCH(QString, error);
    const Status status = checkRegisteredClaims(claims, { Issuer, Audience, 1'700'000'000 });
    if (error.isEmpty()) {
        QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
        return;
    }
    QVERIFY(!status);
    QCOMPARE(status.error().message, error);
}

void TestJwsVerify::keySetSkipsKeysNotForSigning()
{
    // jose-tokens.mjs publishes eight keys, one of them for encryption.
    QCOMPARE(m_jwks.value("keys"_L1).toArray().size(), 8);
    QCOMPARE(m_keySet.keys().size(), 7);
    QVERIFY(m_keySet.find(u"es384"_s));
    QVERIFY(!m_keySet.find(u"enc"_s));

    QJsonArray keys = m_jwks.value("keys"_L1).toArray();
    keys.append(QJsonObject { { u"kty"_s, u"oct"_s }, { u"k"_s, u"c2VjcmV0"_s } });
    keys.append(QJsonObject { { u"kty"_s, u"EC"_s }, { u"crv"_s, u"P-521"_s } });
    QJsonObject verifyOnly = keys.at(0).toObject();
    verifyOnly.insert(u"kid"_s, u"signing-only"_s);
    verifyOnly.insert(u"key_ops"_s, QJsonArray { u"sign"_s });
    keys.append(verifyOnly);
    const auto parsed = JwkSet::parse(json({ { u"keys"_s, keys } }));
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->keys().size(), 7);
}

void TestJwsVerify::keySetErrors_data()
{
    QTest::addColumn<QByteArray>("keySet");
    QTest::addColumn<QString>("error");
    const QJsonArray keys = m_jwks.value("keys"_L1).toArray();
    const auto withKey = [&](const QJsonObject &key) {
        return json({ { u"keys"_s, QJsonArray { key } } });
    };
    const QJsonObject rsa = keys.at(0).toObject();
    const QJsonObject ec = keys.at(4).toObject();
    QCOMPARE(ec.value("kid"_L1).toString(), u"es256"_s);

    QTest::newRow("not JSON") << "{\"keys\":"_ba << u"JWK set: not JSON"_s;
    QTest::newRow("no keys array")
        << "{\"key\":[]}"_ba << u"JWK set: expected an object with a \"keys\" array"_s;
    QJsonObject offCurve = ec;
    QByteArray y = QByteArray::fromBase64(ec.value("y"_L1).toString().toLatin1(),
                                          QByteArray::Base64UrlEncoding);
    y[31] = char(y[31] ^ 1);
    offCurve.insert(u"y"_s, QString::fromLatin1(b64(y)));
    QTest::newRow("EC point off the curve")
        << withKey(offCurve) << u"JWK set: key 0 (kid \"es256\"): not a point on P-256"_s;
    QJsonObject shortX = ec;
    shortX.insert(u"x"_s, QString::fromLatin1(b64(QByteArray(31, 'x'))));
    QTest::newRow("EC x too short")
        << withKey(shortX) << u"JWK set: key 0 (kid \"es256\"): \"x\" must be 32 bytes"_s;
    QJsonObject smallRsa = rsa;
    QByteArray n = QByteArray::fromBase64(rsa.value("n"_L1).toString().toLatin1(),
                                          QByteArray::Base64UrlEncoding);
    smallRsa.insert(u"n"_s, QString::fromLatin1(b64(n.left(128)))); // 1024 bits
    QTest::newRow("RSA 1024") << withKey(
        smallRsa) << u"JWK set: key 0 (kid \"rs256\"): RSA keys must have at least 2048 bits"_s;
    QJsonObject noE = rsa;
    noE.remove(u"e"_s);
    QTest::newRow("RSA without e")
        << withKey(noE) << u"JWK set: key 0 (kid \"rs256\"): \"e\" is missing"_s;
    QJsonObject paddedN = rsa;
    paddedN.insert(u"n"_s, QString(rsa.value("n"_L1).toString() + u"=="_s));
    QTest::newRow("n padded") << withKey(paddedN)
                              << u"JWK set: key 0 (kid \"rs256\"): \"n\" is not base64url"_s;
    QTest::newRow("duplicate kid")
        << json({ { u"keys"_s, QJsonArray { rsa, rsa } } })
        << u"JWK set: key 1 (kid \"rs256\"): another key has the same kid"_s;
}

void TestJwsVerify::keySetErrors()
{
    QFETCH(QByteArray, keySet);
    QFETCH(QString, error);
    const auto parsed = JwkSet::parse(keySet);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().kind, ErrorKind::BadRequest);
    QVERIFY2(parsed.error().message.startsWith(error), qPrintable(parsed.error().message));
}

void TestJwsVerify::unverifiedIssuer()
{
    QCOMPARE(sluice::unverifiedIssuer(m_tokens.value(u"rs256"_s)), std::optional<QString>(Issuer));
    QCOMPARE(sluice::unverifiedIssuer(m_tokens.value(u"wrong_iss"_s)),
             std::optional<QString>(Issuer + u"/evil"_s));
    QVERIFY(!sluice::unverifiedIssuer("a.b.c"));
}

QTEST_GUILESS_MAIN(TestJwsVerify)
#include "tst_jwsverify.moc"
