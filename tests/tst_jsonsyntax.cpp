#include "core/jsonsyntax.h"

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
};

QTEST_GUILESS_MAIN(TestJsonSyntax)
#include "tst_jsonsyntax.moc"
