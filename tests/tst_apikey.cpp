#include "auth/apikey.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace sluice;
using namespace Qt::StringLiterals;

class TestApiKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedKey()
    {
        static const QRegularExpression format(u"^sluice_[0-9a-f]{64}$"_s);
        static const QRegularExpression sha256Hex(u"^[0-9a-f]{64}$"_s);
        const NewApiKey key = generateApiKey();
        QVERIFY2(format.match(key.plaintext).hasMatch(), qPrintable(key.plaintext));
        QVERIFY(looksLikeApiKey(key.plaintext));
        QCOMPARE(key.hash, hashApiKey(key.plaintext));
        QVERIFY(sha256Hex.match(key.hash).hasMatch());
        QCOMPARE(key.prefix, key.plaintext.left(15));
        QVERIFY(key.prefix.startsWith(u"sluice_"_s));
        QVERIFY(!key.hash.contains(key.plaintext.mid(7)));
    }

    void keysAreUnique()
    {
        QSet<QString> seen;
        for (int i = 0; i < 100; ++i)
            seen.insert(generateApiKey().plaintext);
        QCOMPARE(seen.size(), 100);
    }

    void hash_data()
    {
        QTest::addColumn<QString>("plaintext");
        QTest::addColumn<QString>("sha256");
        // FIPS 180-2 examples and one key-shaped value, computed independently.
        QTest::newRow("empty")
            << QString() << u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
        QTest::newRow("abc")
            << u"abc"_s << u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s;
        QTest::newRow("key shaped")
            << (u"sluice_"_s + QString(64, u'0'))
            << u"e0bdca69d0252ca2250920c153a3c0ee903df453f05dc9774013587ffa8b4529"_s;
    }

    void hash()
    {
        QFETCH(QString, plaintext);
        QFETCH(QString, sha256);
        QCOMPARE(hashApiKey(plaintext), sha256);
    }

    void prefix_data()
    {
        QTest::addColumn<QString>("plaintext");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("key")
            << u"sluice_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"_s
            << u"sluice_01234567"_s;
        QTest::newRow("short") << u"sluice_01"_s << u"sluice_01"_s;
        QTest::newRow("empty") << QString() << QString();
    }

    void prefix()
    {
        QFETCH(QString, plaintext);
        QFETCH(QString, prefix);
        QCOMPARE(apiKeyPrefix(plaintext), prefix);
    }

    void format_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const QString hex64 = u"0123456789abcdef"_s.repeated(4);
        QTest::newRow("valid") << u"sluice_"_s + hex64 << true;
        QTest::newRow("all f") << u"sluice_"_s + QString(64, u'f') << true;
        QTest::newRow("upper-case hex") << u"sluice_"_s + hex64.toUpper() << false;
        QTest::newRow("upper-case scheme") << u"SLUICE_"_s + hex64 << false;
        QTest::newRow("63 digits") << u"sluice_"_s + hex64.left(63) << false;
        QTest::newRow("65 digits") << u"sluice_"_s + hex64 + u'0' << false;
        QTest::newRow("non-hex") << u"sluice_"_s + hex64.left(63) + u'g' << false;
        QTest::newRow("other scheme") << u"faucet_"_s + hex64 << false;
        QTest::newRow("no scheme") << hex64 + u"0123456"_s << false;
        QTest::newRow("trailing space") << u"sluice_"_s + hex64.left(63) + u' ' << false;
        QTest::newRow("leading space") << u" sluice_"_s + hex64.left(63) << false;
        QTest::newRow("arabic-indic digit") << u"sluice_"_s + hex64.left(63) + u'\u0660' << false;
        QTest::newRow("fullwidth a") << u"sluice_"_s + hex64.left(63) + u'\uff41' << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("scheme only") << u"sluice_"_s << false;
    }

    void format()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(looksLikeApiKey(text), valid);
    }

    void secrets_data()
    {
        QTest::addColumn<int>("bytes");
        QTest::addColumn<int>("size");
        QTest::newRow("-1") << -1 << 0;
        QTest::newRow("0") << 0 << 0;
        QTest::newRow("1") << 1 << 1;
        QTest::newRow("3") << 3 << 3;
        QTest::newRow("32") << 32 << 32;
        QTest::newRow("33") << 33 << 33;
        QTest::newRow("64") << 64 << 64;
    }

    void secrets()
    {
        QFETCH(int, bytes);
        QFETCH(int, size);
        QCOMPARE(generateSecret(bytes).size(), size);
    }

    void secretsAreRandom()
    {
        QCOMPARE_NE(generateSecret(32), generateSecret(32));
        // Every byte value should show up across 64 KiB of output; a constant or a
        // zero-padded buffer would not.
        const QByteArray many = generateSecret(64 * 1024);
        QSet<char> values;
        for (const char c : many)
            values.insert(c);
        QCOMPARE(values.size(), 256);
        // Odd sizes use the tail of the last 32-bit word: it must be random too.
        QSet<QByteArray> tails;
        for (int i = 0; i < 50; ++i)
            tails.insert(generateSecret(3));
        QVERIFY(tails.size() > 40);
    }

    void bootstrapToken()
    {
        static const QRegularExpression hex32(u"^[0-9a-f]{32}$"_s);
        const QString first = generateBootstrapToken();
        QVERIFY2(hex32.match(first).hasMatch(), qPrintable(first));
        QCOMPARE_NE(first, generateBootstrapToken());
    }

    void constantTime_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
        QTest::newRow("same") << "secret"_ba
                              << "secret"_ba << true;
        QTest::newRow("first byte") << "secret"_ba
                                    << "Secret"_ba << false;
        QTest::newRow("last byte") << "secret"_ba
                                   << "secreT"_ba << false;
        QTest::newRow("one bit") << "secret"_ba
                                 << "secres"_ba << false;
        QTest::newRow("prefix") << "secret"_ba
                                << "secre"_ba << false;
        QTest::newRow("empty vs non-empty") << QByteArray() << "x"_ba << false;
        QTest::newRow("embedded NUL") << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
        QTest::newRow("high bytes") << "\xff\x80"_ba
                                    << "\xff\x80"_ba << true;
    }

    void constantTime()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        QCOMPARE(constantTimeEquals(a, b), equal);
        QCOMPARE(constantTimeEquals(b, a), equal);
    }
};

QTEST_GUILESS_MAIN(TestApiKey)
#include "tst_apikey.moc"
