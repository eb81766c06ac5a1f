#include "auth/jwt.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QTest>

using namespace sluice;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Secret = "0123456789abcdef0123456789abcdef"_ba;
constexpr qint64 Now = 1700000000;

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A token assembled by hand, so the test can forge what signJwt never would.
QByteArray forge(const QByteArray &header, const QByteArray &payload,
                 const QByteArray &key = Secret,
                 QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256)
{
    const QByteArray signingInput = b64(header) + '.' + b64(payload);
    return signingInput + '.' + b64(QMessageAuthenticationCode::hash(signingInput, key, algorithm));
}

const QByteArray Hs256Header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}"_ba;

QJsonObject validPayload()
{
    return { { "sub"_L1, u"7"_s },
             { "admin_id"_L1, 7 },
             { "email"_L1, u"ada@example.com"_s },
             { "iss"_L1, u"sluice"_s },
             { "iat"_L1, Now },
             { "exp"_L1, Now + 3600 },
             { "jti"_L1, u"0123456789abcdef0123456789abcdef"_s },
             // The admin's token epoch, which the session layer checks against the database.
             { "epoch"_L1, 0 } };
}

QByteArray payloadWith(const QString &key, const QJsonValue &value)
{
    QJsonObject payload = validPayload();
    if (value.isUndefined())
        payload.remove(key);
    else
        payload.insert(key, value);
    return json(payload);
}

JwtClaims sampleClaims()
{
    JwtClaims claims;
    claims.sub = u"7"_s;
    claims.adminId = 7;
    claims.email = u"ada@example.com"_s;
    claims.iat = Now;
    claims.exp = Now + 3600;
    claims.jti = newTokenId();
    return claims;
}

// The reason a token was refused, empty when it was accepted: failures then say why.
QString refusal(QByteArrayView token, qint64 now = Now)
{
    const Result<JwtClaims> verified = verifyJwt(token, Secret, now);
    return verified ? QString() : verified.error().message;
}

QList<QByteArray> parts(const QByteArray &token)
{
    return token.split('.');
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        const JwtClaims claims = sampleClaims();
        const QByteArray token = signJwt(claims, Secret);
        QCOMPARE(parts(token).size(), 3);
        QVERIFY(!token.contains('='));
        QCOMPARE(QByteArray::fromBase64(parts(token).at(0), QByteArray::Base64UrlEncoding),
                 Hs256Header);

        const Result<JwtClaims> verified = verifyJwt(token, Secret, Now + 10);
        QVERIFY2(verified.ok(), qPrintable(verified ? QString() : verified.error().message));
        QCOMPARE(verified->sub, claims.sub);
        QCOMPARE(verified->adminId, claims.adminId);
        QCOMPARE(verified->email, claims.email);
        QCOMPARE(verified->iss, u"sluice"_s);
        QCOMPARE(verified->iat, claims.iat);
        QCOMPARE(verified->exp, claims.exp);
        QCOMPARE(verified->jti, claims.jti);
    }

    void payloadCarriesApiClaims()
    {
        const QByteArray payload = QByteArray::fromBase64(
            parts(signJwt(sampleClaims(), Secret)).at(1), QByteArray::Base64UrlEncoding);
        const QJsonObject object = QJsonDocument::fromJson(payload).object();
        for (const auto name :
             { "sub"_L1, "admin_id"_L1, "email"_L1, "iss"_L1, "iat"_L1, "exp"_L1, "jti"_L1 })
            QVERIFY2(object.contains(name), name.data());
        QCOMPARE(object.value("admin_id"_L1).toInteger(), qint64(7));
        QCOMPARE(object.value("iss"_L1).toString(), u"sluice"_s);
    }

    void rfc7515Signature()
    {
        // RFC 7515 appendix A.1: a foreign HS256 token. Our HMAC must accept its signature, so
        // the first complaint is about the claims, not "bad signature".
        const QByteArray token =
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
            ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxl"
            "LmNvbS9pc19yb290Ijp0cnVlfQ"
            ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_ba;
        const QByteArray key = QByteArray::fromBase64(
            "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"_ba,
            QByteArray::Base64UrlEncoding);
        const Result<JwtClaims> verified = verifyJwt(token, key, 1300819000);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().message, u"Invalid token: missing iat"_s);

        QByteArray otherKey = key;
        otherKey[0] = char(otherKey[0] ^ 1);
        QCOMPARE(verifyJwt(token, otherKey, 1300819000).error().message,
                 u"Invalid token: bad signature"_s);
    }

    void leeway_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<bool>("valid");
        QTest::newRow("exp just ahead") << payloadWith(u"exp"_s, Now + 1) << Now << true;
        QTest::newRow("exp 29 s ago") << payloadWith(u"exp"_s, Now - 29) << Now << true;
        QTest::newRow("exp 30 s ago") << payloadWith(u"exp"_s, Now - 30) << Now << false;
        QTest::newRow("iat 30 s ahead") << payloadWith(u"iat"_s, Now + 30) << Now << true;
        QTest::newRow("iat 31 s ahead") << payloadWith(u"iat"_s, Now + 31) << Now << false;
        QTest::newRow("nbf 30 s ahead") << payloadWith(u"nbf"_s, Now + 30) << Now << true;
        QTest::newRow("nbf 31 s ahead") << payloadWith(u"nbf"_s, Now + 31) << Now << false;
    }

    void leeway()
    {
        QFETCH(QByteArray, payload);
        QFETCH(qint64, now);
        QFETCH(bool, valid);
        const QString reason = refusal(forge(Hs256Header, payload), now);
        QVERIFY2(reason.isEmpty() == valid, qPrintable(reason));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("reason");

        const QByteArray good = signJwt(sampleClaims(), Secret);
        const QByteArray payload = json(validPayload());
        const QString badAlg = u"Invalid token: algorithm must be HS256"_s;
        const QString badSignature = u"Invalid token: bad signature"_s;
        const QString malformed = u"Invalid token: malformed"_s;
        const QString badHeader = u"Invalid token: unsupported header"_s;

        // The algorithm.
        QTest::newRow("alg none, no signature")
            << (b64("{\"alg\":\"none\",\"typ\":\"JWT\"}"_ba) + '.' + b64(payload) + '.') << badAlg;
        QTest::newRow("alg none, with signature")
            << forge("{\"alg\":\"none\",\"typ\":\"JWT\"}"_ba, payload) << badAlg;
        QTest::newRow("alg None") << forge("{\"alg\":\"None\"}"_ba, payload) << badAlg;
        QTest::newRow("alg hs256") << forge("{\"alg\":\"hs256\"}"_ba, payload) << badAlg;
        QTest::newRow("alg HS512") << forge("{\"alg\":\"HS512\",\"typ\":\"JWT\"}"_ba, payload,
                                            Secret, QCryptographicHash::Sha512)
                                   << badAlg;
        QTest::newRow("alg RS256")
            << forge("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"_ba, payload) << badAlg;
        QTest::newRow("alg missing") << forge("{\"typ\":\"JWT\"}"_ba, payload) << badAlg;
        QTest::newRow("alg not a string") << forge("{\"alg\":256}"_ba, payload) << badAlg;
        QTest::newRow("alg null") << forge("{\"alg\":null}"_ba, payload) << badAlg;
        QTest::newRow("header empty object") << forge("{}"_ba, payload) << badAlg;

        // The rest of the header.
        QTest::newRow("header with kid")
            << forge("{\"alg\":\"HS256\",\"kid\":\"../../etc/passwd\"}"_ba, payload) << badHeader;
        QTest::newRow("header with jku")
            << forge("{\"alg\":\"HS256\",\"jku\":\"https://evil.example/keys\"}"_ba, payload)
            << badHeader;
        QTest::newRow("header with crit")
            << forge("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}"_ba, payload) << badHeader;
        QTest::newRow("typ JWE") << forge("{\"alg\":\"HS256\",\"typ\":\"JWE\"}"_ba, payload)
                                 << badHeader;
        QTest::newRow("typ not a string")
            << forge("{\"alg\":\"HS256\",\"typ\":1}"_ba, payload) << badHeader;
        QTest::newRow("header is an array") << forge("[]"_ba, payload) << malformed;
        QTest::newRow("header not JSON") << forge("alg=HS256"_ba, payload) << malformed;

        // The signature.
        {
            // An equally valid HS256 header, but not the bytes that were signed.
            const QList<QByteArray> p = parts(good);
            QTest::newRow("header swapped")
                << (b64("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"_ba) + '.' + p[1] + '.' + p[2])
                << badSignature;
            QJsonObject elevated = validPayload();
            elevated.insert("admin_id"_L1, 1);
            elevated.insert("sub"_L1, u"1"_s);
            QTest::newRow("payload modified")
                << (p[0] + '.' + b64(json(elevated)) + '.' + p[2]) << badSignature;
            QTest::newRow("payload of another token")
                << (p[0] + '.' + parts(signJwt(sampleClaims(), Secret)).at(1) + '.' + p[2])
                << badSignature;
            QTest::newRow("signature empty") << (p[0] + '.' + p[1] + '.') << badSignature;
            QTest::newRow("signature truncated")
                << (p[0] + '.' + p[1] + '.' + p[2].left(p[2].size() - 3)) << badSignature;
            QTest::newRow("signature doubled")
                << (p[0] + '.' + p[1] + '.'
                    + b64(QByteArray::fromBase64(p[2], QByteArray::Base64UrlEncoding).repeated(2)))
                << badSignature;
        }
        QTest::newRow("other secret")
            << forge(Hs256Header, payload, "another secret"_ba) << badSignature;
        QTest::newRow("empty secret") << forge(Hs256Header, payload, QByteArray()) << badSignature;

        // The claims.
        QTest::newRow("expired") << forge(Hs256Header, payloadWith(u"exp"_s, Now - 3600))
                                 << u"Token expired"_s;
        QTest::newRow("iat in the future") << forge(Hs256Header, payloadWith(u"iat"_s, Now + 3600))
                                           << u"Invalid token: issued in the future"_s;
        QTest::newRow("nbf in the future")
            << forge(Hs256Header, payloadWith(u"nbf"_s, Now + 3600)) << u"Token not yet valid"_s;
        QTest::newRow("wrong iss") << forge(Hs256Header, payloadWith(u"iss"_s, u"faucet"_s))
                                   << u"Invalid token: wrong issuer"_s;
        QTest::newRow("missing iss")
            << forge(Hs256Header, payloadWith(u"iss"_s, QJsonValue::Undefined))
            << u"Invalid token: wrong issuer"_s;
        QTest::newRow("missing jti")
            << forge(Hs256Header, payloadWith(u"jti"_s, QJsonValue::Undefined))
            << u"Invalid token: missing jti"_s;
        QTest::newRow("empty jti") << forge(Hs256Header, payloadWith(u"jti"_s, QString()))
                                   << u"Invalid token: missing jti"_s;
        QTest::newRow("missing exp")
            << forge(Hs256Header, payloadWith(u"exp"_s, QJsonValue::Undefined))
            << u"Invalid token: missing exp"_s;
        QTest::newRow("exp as string")
            << forge(Hs256Header, payloadWith(u"exp"_s, QString::number(Now + 3600)))
            << u"Invalid token: missing exp"_s;
        QTest::newRow("exp fractional") << forge(Hs256Header, payloadWith(u"exp"_s, Now + 0.5))
                                        << u"Invalid token: missing exp"_s;
        QTest::newRow("exp beyond 2^53")
            << forge(Hs256Header, payloadWith(u"exp"_s, 1e300)) << u"Invalid token: missing exp"_s;
        QTest::newRow("missing iat")
            << forge(Hs256Header, payloadWith(u"iat"_s, QJsonValue::Undefined))
            << u"Invalid token: missing iat"_s;
        QTest::newRow("missing sub")
            << forge(Hs256Header, payloadWith(u"sub"_s, QJsonValue::Undefined))
            << u"Invalid token: missing sub"_s;
        QTest::newRow("missing admin_id")
            << forge(Hs256Header, payloadWith(u"admin_id"_s, QJsonValue::Undefined))
            << u"Invalid token: missing admin_id"_s;
        QTest::newRow("admin_id as string")
            << forge(Hs256Header, payloadWith(u"admin_id"_s, u"7"_s))
            << u"Invalid token: missing admin_id"_s;
        QTest::newRow("email not a string")
            << forge(Hs256Header, payloadWith(u"email"_s, 5)) << malformed;
        QTest::newRow("payload not JSON") << forge(Hs256Header, "{\"exp\":"_ba) << malformed;
        QTest::newRow("payload an array") << forge(Hs256Header, "[1,2]"_ba) << malformed;

        // Shape and encoding.
        QTest::newRow("empty") << QByteArray() << malformed;
        QTest::newRow("garbage") << "garbage"_ba << malformed;
        QTest::newRow("dots only") << ".."_ba << malformed;
        QTest::newRow("two parts") << good.left(good.lastIndexOf('.')) << malformed;
        QTest::newRow("four parts") << good + ".AAAA" << malformed;
        QTest::newRow("bearer prefix kept") << "Bearer " + good << malformed;
        QTest::newRow("trailing newline") << good + '\n' << malformed;
        QTest::newRow("padding") << good + "=" << malformed;
        {
            const QList<QByteArray> p = parts(good);
            QTest::newRow("standard base64 alphabet")
                << (p[0] + '.' + p[1] + '.' + '+' + p[2].mid(1)) << malformed;
        }
        {
            // The same signature bytes spelt with non-zero unused low bits: one token, one
            // spelling.
            const QList<QByteArray> p = parts(good);
            QByteArray sig = p[2];
            const QByteArray alphabet =
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"_ba;
            sig.back() = alphabet.at(alphabet.indexOf(sig.back()) ^ 1);
            QTest::newRow("non-canonical base64") << (p[0] + '.' + p[1] + '.' + sig) << malformed;
        }
        QTest::newRow("binary") << QByteArray("\0\xff.\x01.\x80", 6) << malformed;

        // Size: refused before anything else, even when properly signed.
        QTest::newRow("huge") << forge(Hs256Header,
                                       payloadWith(u"email"_s, QString(8 * 1024, u'a')))
                              << u"Invalid token: too long"_s;
        QTest::newRow("huge garbage") << QByteArray(1 << 20, '.') << u"Invalid token: too long"_s;
    }

    void rejects()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, reason);
        const Result<JwtClaims> verified = verifyJwt(token, Secret, Now);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().kind, ErrorKind::Unauthorized);
        QCOMPARE(verified.error().message, reason);
        QVERIFY(!verified.error().message.toUtf8().contains(Secret));
    }

    void sizeLimitIsInclusive()
    {
        // Grow the email until the token is just within the limit: it must still verify.
        JwtClaims claims = sampleClaims();
        claims.email = QString(5000, u'a');
        QByteArray token = signJwt(claims, Secret);
        while (token.size() < MaxJwtBytes) {
            claims.email += u'a';
            token = signJwt(claims, Secret);
        }
        if (token.size() > MaxJwtBytes) {
            claims.email.chop(1);
            token = signJwt(claims, Secret);
        }
        QVERIFY(token.size() <= MaxJwtBytes);
        QVERIFY(token.size() > MaxJwtBytes - 4);
        QCOMPARE(refusal(token), QString());
    }

    void typIsOptional()
    {
        QCOMPARE(refusal(forge("{\"alg\":\"HS256\"}"_ba, json(validPayload()))), QString());
        QCOMPARE(refusal(forge("{\"typ\":\"jwt\",\"alg\":\"HS256\"}"_ba, json(validPayload()))),
                 QString());
    }

    void emptySecretIsAServerFault()
    {
        QVERIFY(signJwt(sampleClaims(), QByteArray()).isEmpty());
        const Result<JwtClaims> verified =
            verifyJwt(signJwt(sampleClaims(), Secret), QByteArray(), Now);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().kind, ErrorKind::Internal);
    }

    void tokenIds()
    {
        static const QRegularExpression hex32(u"^[0-9a-f]{32}$"_s);
        const QString first = newTokenId();
        const QString second = newTokenId();
        QVERIFY2(hex32.match(first).hasMatch(), qPrintable(first));
        QVERIFY2(hex32.match(second).hasMatch(), qPrintable(second));
        QCOMPARE_NE(first, second);
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
