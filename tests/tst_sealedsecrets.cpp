// SealedSecretStore's sealing (AES-256-GCM under the master key, the secret's name as
// associated data) and how the master key is read: what opens, what does not, and that no
// message echoes a key.

#include "secrets/sealedsecretstore.h"

#include <QTest>

using namespace Qt::StringLiterals;
using sluice::SealedSecretStore;

class TestSealedSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSealedValueOpensWithItsKeyAndName();
    void anotherKeyOrNameOrAByteChangedDoesNotOpen();
    void sealingTwiceGivesTwoCiphertexts();
    void theMasterKeyIsHexOrBase64Of32Bytes_data();
    void theMasterKeyIsHexOrBase64Of32Bytes();

private:
    const QByteArray m_key =
        QByteArray::fromHex("4f1c2a9be07d36c55e8a41f0b2d9c3e7a6158b4d2e0f9c1a7b3d5e6f8091a2b3");
};

void TestSealedSecrets::aSealedValueOpensWithItsKeyAndName()
{
    const QString value = u"s3cret pässword ✓"_s;
    const QByteArray sealed = SealedSecretStore::seal(m_key, u"service/shop/password"_s, value);
    QVERIFY(sealed.startsWith("v1:"));
    QVERIFY(!sealed.contains(value.toUtf8()));
    const auto opened = SealedSecretStore::open(m_key, u"service/shop/password"_s, sealed);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    QCOMPARE(*opened, value);
    const auto empty =
        SealedSecretStore::open(m_key, u"a"_s, SealedSecretStore::seal(m_key, u"a"_s, QString()));
    QVERIFY(empty && empty->isEmpty());
}

void TestSealedSecrets::anotherKeyOrNameOrAByteChangedDoesNotOpen()
{
    const QByteArray sealed = SealedSecretStore::seal(m_key, u"auth/jwt_secret"_s, u"abc"_s);
    QByteArray otherKey = m_key;
    otherKey[0] = char(otherKey[0] ^ 1);
    const auto wrongKey = SealedSecretStore::open(otherKey, u"auth/jwt_secret"_s, sealed);
    QVERIFY(!wrongKey);
    QVERIFY2(wrongKey.error().message.contains(u"SLUICE_MASTER_KEY"_s),
             qPrintable(wrongKey.error().message));
    // Copied under another name (say, onto another service's password): refused.
    QVERIFY(!SealedSecretStore::open(m_key, u"service/x/password"_s, sealed));
    // Every byte of nonce, ciphertext and tag is checked.
    const QByteArray raw = QByteArray::fromBase64(sealed.mid(3));
    for (qsizetype i = 0; i < raw.size(); ++i) {
        QByteArray altered = raw;
        altered[i] = char(altered[i] ^ 0x20);
        QVERIFY2(!SealedSecretStore::open(m_key, u"auth/jwt_secret"_s, "v1:" + altered.toBase64()),
                 qPrintable(u"byte %1 altered still opened"_s.arg(i)));
    }
    QVERIFY(!SealedSecretStore::open(m_key, u"auth/jwt_secret"_s, "v1:"));
    QVERIFY(!SealedSecretStore::open(m_key, u"auth/jwt_secret"_s, "v1:not base64!"));
    QVERIFY(!SealedSecretStore::open(m_key, u"auth/jwt_secret"_s, "abc"));
}

void TestSealedSecrets::sealingTwiceGivesTwoCiphertexts()
{
    const QByteArray first = SealedSecretStore::seal(m_key, u"k"_s, u"same"_s);
    const QByteArray second = SealedSecretStore::seal(m_key, u"k"_s, u"same"_s);
    QVERIFY(first != second); // a fresh nonce each time
    QCOMPARE(*SealedSecretStore::open(m_key, u"k"_s, first), u"same"_s);
    QCOMPARE(*SealedSecretStore::open(m_key, u"k"_s, second), u"same"_s);
}

void TestSealedSecrets::theMasterKeyIsHexOrBase64Of32Bytes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("usable");
    const QByteArray key = m_key;
    QTest::newRow("hex") << QString::fromLatin1(key.toHex()) << true;
    QTest::newRow("HEX with a newline")
        << QString::fromLatin1(key.toHex().toUpper() + '\n') << true;
    QTest::newRow("base64") << QString::fromLatin1(key.toBase64()) << true;
    QTest::newRow("31 bytes") << QString::fromLatin1(key.left(31).toHex()) << false;
    QTest::newRow("33 bytes base64")
        << QString::fromLatin1(QByteArray(key + "x").toBase64()) << false;
    QTest::newRow("a passphrase") << u"correct horse battery staple"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestSealedSecrets::theMasterKeyIsHexOrBase64Of32Bytes()
{
    QFETCH(QString, text);
    QFETCH(bool, usable);
    const auto key = SealedSecretStore::masterKeyFromText(text);
    QCOMPARE(bool(key), usable);
    if (usable) {
        QCOMPARE(*key, m_key);
        return;
    }
    QVERIFY(key.error().message.contains(u"SLUICE_MASTER_KEY"_s));
    if (!text.isEmpty())
        QVERIFY(!key.error().message.contains(text.trimmed()));
}

QTEST_GUILESS_MAIN(TestSealedSecrets)
#include "tst_sealedsecrets.moc"
