#include "auth/password.h"

#include <QRegularExpression>
#include <QTest>

#include <argon2.h>

using namespace sluice;
using namespace Qt::StringLiterals;

namespace {

// An encoding made directly with libargon2, with parameters of our choosing, so the test can
// check which well-formed hashes verifyPassword refuses on purpose.
QString encodeWith(argon2_type type, uint32_t version, uint32_t passes, uint32_t memoryKiB,
                   uint32_t lanes, const QByteArray &password)
{
    const QByteArray salt = "0123456789abcdef"_ba;
    argon2_context context {};
    QByteArray hash(32, '\0');
    context.out = reinterpret_cast<uint8_t *>(hash.data());
    context.outlen = uint32_t(hash.size());
    QByteArray pwd = password;
    context.pwd = reinterpret_cast<uint8_t *>(pwd.data());
    context.pwdlen = uint32_t(pwd.size());
    QByteArray saltCopy = salt;
    context.salt = reinterpret_cast<uint8_t *>(saltCopy.data());
    context.saltlen = uint32_t(saltCopy.size());
    context.t_cost = passes;
    context.m_cost = memoryKiB;
    context.lanes = lanes;
    context.threads = lanes;
    context.version = version;
    if (argon2_ctx(&context, type) != ARGON2_OK)
        return {};
    const auto b64 = [](const QByteArray &bytes) {
        return QString::fromLatin1(bytes.toBase64(QByteArray::OmitTrailingEquals));
    };
    return u"$%1$v=%2$m=%3,t=%4,p=%5$%6$%7"_s.arg(QString::fromLatin1(argon2_type2string(type, 0)))
        .arg(version)
        .arg(memoryKiB)
        .arg(passes)
        .arg(lanes)
        .arg(b64(salt), b64(hash));
}

} // namespace

class TestPassword : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashHasStandardEncoding()
    {
        const Result<QString> hashed = hashPassword(u"correct horse"_s);
        QVERIFY(hashed.ok());
        static const QRegularExpression shape(
            u"^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$"_s);
        QVERIFY2(shape.match(*hashed).hasMatch(), qPrintable(*hashed));
    }

    void saltIsRandom()
    {
        const Result<QString> first = hashPassword(u"same password"_s);
        const Result<QString> second = hashPassword(u"same password"_s);
        QVERIFY(first.ok() && second.ok());
        QCOMPARE_NE(*first, *second);
        QVERIFY(verifyPassword(u"same password"_s, *first));
        QVERIFY(verifyPassword(u"same password"_s, *second));
    }

    void verify_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("attempt");
        QTest::addColumn<bool>("matches");
        QTest::newRow("same") << u"hunter22"_s << u"hunter22"_s << true;
        QTest::newRow("wrong") << u"hunter22"_s << u"hunter23"_s << false;
        QTest::newRow("case matters") << u"hunter22"_s << u"Hunter22"_s << false;
        QTest::newRow("prefix") << u"hunter22"_s << u"hunter2"_s << false;
        QTest::newRow("longer") << u"hunter22"_s << u"hunter22 "_s << false;
        QTest::newRow("empty attempt") << u"hunter22"_s << QString() << false;
        QTest::newRow("unicode") << u"pässwört 密码 🔑"_s << u"pässwört 密码 🔑"_s << true;
        // The same text typed as composed (macOS keyboards often send decomposed) characters.
        QTest::newRow("NFC vs NFD")
            << u"caf\u00e9 cr\u00e8me"_s << u"cafe\u0301 cre\u0300me"_s << true;
        QTest::newRow("long") << QString(1024, u'x') << QString(1024, u'x') << true;
        QTest::newRow("long, last differs")
            << QString(1024, u'x') << (QString(1023, u'x') + u'y') << false;
    }

    void verify()
    {
        QFETCH(QString, stored);
        QFETCH(QString, attempt);
        QFETCH(bool, matches);
        const Result<QString> hashed = hashPassword(stored);
        QVERIFY(hashed.ok());
        QCOMPARE(verifyPassword(attempt, *hashed), matches);
    }

    void acceptsOtherArgon2idParameters()
    {
        // Hashes written with cheaper or future parameters still verify: the encoding carries them.
        const QString cheap = encodeWith(Argon2_id, ARGON2_VERSION_13, 1, 64, 1, "letmein!"_ba);
        QVERIFY(!cheap.isEmpty());
        QVERIFY(verifyPassword(u"letmein!"_s, cheap));
        QVERIFY(!verifyPassword(u"letmein?"_s, cheap));
    }

    void refusesMalformed_data()
    {
        QTest::addColumn<QString>("encoded");
        const QString good = hashPassword(u"letmein!"_s).value();
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << u"not a hash"_s;
        QTest::newRow("plain sha256")
            << u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
        QTest::newRow("truncated") << good.left(good.size() - 5);
        QTest::newRow("trailing junk") << good + u"$"_s;
        QTest::newRow("trailing newline") << good + u"\n"_s;
        QTest::newRow("leading space") << u" "_s + good;
        QTest::newRow("no hash") << good.left(good.lastIndexOf(u'$'));
        QTest::newRow("padded base64") << good + u"="_s;
        QTest::newRow("non-base64 in hash") << good.left(good.size() - 1) + u"*"_s;
        QTest::newRow("huge memory") << QString(good).replace(u"m=19456"_s, u"m=4294967295"_s);
        QTest::newRow("memory too big for its digits")
            << QString(good).replace(u"m=19456"_s, u"m=99999999999"_s);
        QTest::newRow("zero passes") << QString(good).replace(u"t=2"_s, u"t=0"_s);
        QTest::newRow("zero lanes") << QString(good).replace(u"p=1"_s, u"p=0"_s);
        QTest::newRow("negative memory") << QString(good).replace(u"m=19456"_s, u"m=-1"_s);
        QTest::newRow("memory below 8 per lane") << QString(good).replace(u"m=19456"_s, u"m=7"_s);
        // Correct hashes of the right password that we still refuse: other variants, the old
        // version, and parameters beyond the bounds a tampered row could use to stall a login.
        QTest::newRow("argon2i") << encodeWith(Argon2_i, ARGON2_VERSION_13, 2, 64, 1,
                                               "letmein!"_ba);
        QTest::newRow("argon2d") << encodeWith(Argon2_d, ARGON2_VERSION_13, 2, 64, 1,
                                               "letmein!"_ba);
        QTest::newRow("version 16")
            << encodeWith(Argon2_id, ARGON2_VERSION_10, 2, 64, 1, "letmein!"_ba);
        QTest::newRow("17 passes")
            << encodeWith(Argon2_id, ARGON2_VERSION_13, 17, 64, 1, "letmein!"_ba);
        QTest::newRow("17 lanes") << encodeWith(Argon2_id, ARGON2_VERSION_13, 1, 17 * 8, 17,
                                                "letmein!"_ba);
    }

    void refusesMalformed()
    {
        QFETCH(QString, encoded);
        QVERIFY(!verifyPassword(u"letmein!"_s, encoded));
    }

    void tamperedHashFails()
    {
        QString encoded = hashPassword(u"letmein!"_s).value();
        const qsizetype last = encoded.size() - 2;
        encoded[last] = encoded[last] == u'A' ? u'B' : u'A';
        QVERIFY(!verifyPassword(u"letmein!"_s, encoded));
    }

    void policy_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("error");
        const QString tooShort = u"Password must be at least 8 characters"_s;
        const QString tooLong = u"Password must be at most 1024 characters"_s;
        QTest::newRow("empty") << QString() << tooShort;
        QTest::newRow("7") << u"1234567"_s << tooShort;
        QTest::newRow("8") << u"12345678"_s << QString();
        QTest::newRow("8 spaces") << u"        "_s << QString();
        // Seven emoji are fourteen UTF-16 units but seven characters.
        QTest::newRow("7 emoji") << u"🔑🔑🔑🔑🔑🔑🔑"_s << tooShort;
        QTest::newRow("8 emoji") << u"🔑🔑🔑🔑🔑🔑🔑🔑"_s << QString();
        // Seven accented letters typed decomposed are fourteen code points before NFC.
        QTest::newRow("7 decomposed") << QString(u"e\u0301"_s).repeated(7) << tooShort;
        QTest::newRow("1024") << QString(1024, u'a') << QString();
        QTest::newRow("1025") << QString(1025, u'a') << tooLong;
    }

    void policy()
    {
        QFETCH(QString, password);
        QFETCH(QString, error);
        const Status status = checkPasswordPolicy(password);
        QCOMPARE(status.ok(), error.isEmpty());
        if (!status) {
            QCOMPARE(status.error().kind, ErrorKind::BadRequest);
            QCOMPARE(status.error().message, error);
        }
    }
};

QTEST_GUILESS_MAIN(TestPassword)
#include "tst_password.moc"
