#include "core/jsonsyntax.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sluice;

class TestJsonSyntax : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strict_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        const QList<std::pair<const char *, bool>> cases = {
            { "{}", true },
            { "[]", true },
            { " { } ", true },
            { "0", true },
            { "-1.5e+10", true },
            { "\"x\"", true },
            { "true", true },
            { "null", true },
            { "[1,2,[3,{\"a\":[]}]]", true },
            { "{\"a\":1,\"b\":{\"c\":\"d\"}}", true },
            { "\"\\u00e9\\n\\\"\"", true },
            { "\"ü\"", true },
            { "", false },
            { "   ", false },
            { "[.5]", false },
            { "[1.]", false },
            { "01", false },
            { "[1,]", false },
            { "{\"a\":1,}", false },
            { "{a:1}", false },
            { "{\"a\" 1}", false },
            { "[1 2]", false },
            { "\"tab\there\"", false },
            { "\"\\x\"", false },
            { "\"\\u12\"", false },
            { "\"open", false },
            { "[1", false },
            { "{\"a\":1", false },
            { "tru", false },
            { "nul", false },
            { "1 2", false },
            { "{}{}", false },
            { "[}", false },
            { "{]", false },
            { "+1", false },
            { "NaN", false },
            { "{\"a\":}", false },
            { ",", false },
            { "[,1]", false },
        };
        for (const auto &[text, valid] : cases)
            QTest::newRow(text) << QByteArray(text) << valid;
        QTest::newRow("deep nesting")
            << (QByteArray(100000, '[') + QByteArray(100000, ']')) << true;
        QTest::newRow("deep and unbalanced") << QByteArray(100000, '[') << false;
    }

    void strict()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QCOMPARE(isStrictJson(text), valid);
    }

    // Numbers QJsonDocument would not keep become marked strings; everything else is left as
    // sent, not even copied.
    void markExactNumbers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("marked"); // empty: unchanged
        const QByteArray m = "\"\xEF\xB7\x90"; // a marked number begins so
        QTest::newRow("nothing to keep")
            << QByteArray("{\"a\":1,\"b\":[0.1,-2.5e-3,true,null]}") << QByteArray();
        QTest::newRow("qint64 range")
            << QByteArray("[9223372036854775807,-9223372036854775808]") << QByteArray();
        QTest::newRow("trailing zeros")
            << QByteArray("[1.50000000000000000000,1E2]") << QByteArray();
        QTest::newRow("17 digits that round-trip")
            << QByteArray("[0.30000000000000004]") << QByteArray();
        QTest::newRow("NUMERIC(20,8)")
            << QByteArray("{\"amount\":987654321098.87654321}")
            << QByteArray("{\"amount\":" + m + "987654321098.87654321\"}");
        QTest::newRow("beyond qint64") << QByteArray("[9223372036854775809]")
                                       << QByteArray("[" + m + "9223372036854775809\"]");
        QTest::newRow("whole, as a double holds it not")
            << QByteArray("[1.2345678901234567e18]")
            << QByteArray("[" + m + "1.2345678901234567e18\"]");
        QTest::newRow("beyond a double")
            << QByteArray("[1e400,-1e-400]") << QByteArray("[" + m + "1e400\"," + m + "-1e-400\"]");
        QTest::newRow("nested, keys untouched")
            << QByteArray("{\"1.2345678901234567890\":{\"x\":[1.2345678901234567890123]}}")
            << QByteArray("{\"1.2345678901234567890\":{\"x\":[" + m
                          + "1.2345678901234567890123\"]}}");
        QTest::newRow("not JSON: left to the parser")
            << QByteArray("[1.2345678901234567890123,") << QByteArray();
        QTest::newRow("raw tab in a string")
            << QByteArray("[\"a\tb\",1.2345678901234567890123]")
            << QByteArray("[\"a\tb\"," + m + "1.2345678901234567890123\"]");
        QTest::newRow("marker inside a string") << QByteArray("[\"x\\uFDD0\"]") << QByteArray();
        QTest::newRow("marker as a key") << QByteArray("{\"\\uFDD0\":1}") << QByteArray();
    }

    void markExactNumbers()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, marked);
        const auto result = sluice::markExactNumbers(body);
        QVERIFY(result.ok());
        QCOMPARE(*result, marked.isEmpty() ? body : marked);
        if (marked.isEmpty())
            QVERIFY(result->constData() == body.constData()); // no copy
    }

    void markerStringsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("escaped") << QByteArray("[\"\\uFDD012\"]");
        QTest::newRow("lower case") << QByteArray("{\"a\":\"\\ufdd0\"}");
        QTest::newRow("UTF-8") << QByteArray("[\"\xEF\xB7\x90"
                                             "12\"]");
    }

    void markerStringsAreRefused()
    {
        QFETCH(QByteArray, body);
        const auto result = sluice::markExactNumbers(body);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::BadRequest);
        QVERIFY(result.error().message.contains(QStringLiteral("U+FDD0")));
    }

    void exactNumberText()
    {
        const auto marked = sluice::markExactNumbers("[987654321098.87654321,\"text\",1]");
        QVERIFY(marked.ok());
        const QJsonArray values = QJsonDocument::fromJson(*marked).array();
        const QString none = QStringLiteral("(none)");
        QCOMPARE(sluice::exactNumberText(values.at(0)).value_or(none),
                 QStringLiteral("987654321098.87654321"));
        QCOMPARE(sluice::exactNumberText(values.at(1)).value_or(none), none);
        QCOMPARE(sluice::exactNumberText(values.at(2)).value_or(none), none);
        // Only a number follows the marker.
        const QJsonValue notANumber(QString(QChar(ExactNumberMarker)) + QStringLiteral("12a"));
        QCOMPARE(sluice::exactNumberText(notANumber).value_or(none), none);
    }
};

QTEST_GUILESS_MAIN(TestJsonSyntax)
#include "tst_jsonsyntax.moc"
