// SHA-256 and HMAC-SHA-256 (core/digest.h) against the published test vectors: FIPS 180-2's
// "abc" and RFC 4231's cases 1 (short key), 2 (key shorter than the data) and 6 (key longer than
// a block), one-shot and with a prepared key.
#include "core/digest.h"

#include <QTest>

using namespace sluice;

class TestDigest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sha256Vector()
    {
        QCOMPARE(sha256("abc").toHex(),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void hmacVectors_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("mac");
        QTest::newRow("rfc4231 case 1")
            << QByteArray(20, '\x0b') << QByteArray("Hi There")
            << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        QTest::newRow("rfc4231 case 2")
            << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
            << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        QTest::newRow("rfc4231 case 6")
            << QByteArray(131, '\xaa')
            << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
            << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }
    void hmacVectors()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, mac);
        QCOMPARE(hmacSha256(key, data).toHex(), mac);
        const HmacSha256Key prepared(key);
        QCOMPARE(prepared.sign(data).toHex(), mac);
        QCOMPARE(prepared.sign(data).toHex(), mac); // the prepared state is not used up
    }
};

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_digest.moc"
