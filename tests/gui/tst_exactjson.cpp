// The desktop's JSON reader keeps what QJsonDocument would change (a number's digits) and reads
// everything else as JSON says: escapes, nesting, members in order, and a clear error.
#include "gui/exactjson.h"

#include <QTest>

using namespace Qt::StringLiterals;
using sluice::ExactValue;

class TestExactJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsEveryDigit();
    void readsStringsNestingAndOrder();
    void writesValuesBack_data();
    void writesValuesBack();
    void typedCellsBecomeJson_data();
    void typedCellsBecomeJson();
    void badJsonSaysWhere();
};

void TestExactJson::keepsEveryDigit()
{
    const QByteArray body =
        "{\"meta\":{\"count\":2},\"resource\":[\n        "
        "{\"id\":9007199254740993,\"price\":286.76,\"exact\":12345678901.12345678,\"tiny\":1e-7},"
        "\n        {\"id\":-0,\"price\":null,\"exact\":0.10000000000000000555,\"tiny\":2E+300}]}";
    const auto rows = sluice::exactRecords(body);
    QVERIFY2(rows.ok(), rows.ok() ? "" : qPrintable(rows.error().message));
    QCOMPARE(rows->size(), 2);
    QCOMPARE(rows->at(0).value(u"id"_s).text, u"9007199254740993"_s);
    QCOMPARE(rows->at(0).value(u"price"_s).text, u"286.76"_s);
    QCOMPARE(rows->at(0).value(u"exact"_s).text, u"12345678901.12345678"_s);
    QCOMPARE(rows->at(0).value(u"tiny"_s).text, u"1e-7"_s);
    QVERIFY(rows->at(0).value(u"tiny"_s).isNumber());
    QCOMPARE(rows->at(1).value(u"exact"_s).text, u"0.10000000000000000555"_s);
    QVERIFY(rows->at(1).value(u"price"_s).isNull());
    QCOMPARE(rows->at(1).value(u"price"_s).json(), u"null"_s);
}

void TestExactJson::readsStringsNestingAndOrder()
{
    const QByteArray body =
        "{ \"resource\" : [ { \"z\" : \"a \\\"q\\\" \\\\ \\u00e9 \\ud83d\\ude00\",\n        \"a\" "
        ": {\"k\":[1,{\"x\":\"]\"}],\"s\":\"}\"}, \"m\" : [ ], \"b\" : true } ], \"after\": 1 }";
    const auto rows = sluice::exactRecords(body);
    QVERIFY2(rows.ok(), rows.ok() ? "" : qPrintable(rows.error().message));
    const sluice::ExactRecord &row = rows->first();
    QCOMPARE(row.keys, QStringList({ u"z"_s, u"a"_s, u"m"_s, u"b"_s })); // as written
    QCOMPARE(row.value(u"z"_s).text, u"a \"q\" \\ é 😀"_s);
    QCOMPARE(row.value(u"a"_s).kind, ExactValue::Kind::Composite);
    QCOMPARE(row.value(u"a"_s).text, u"{\"k\":[1,{\"x\":\"]\"}],\"s\":\"}\"}"_s);
    QCOMPARE(row.value(u"m"_s).text, u"[ ]"_s);
    QCOMPARE(row.value(u"b"_s).kind, ExactValue::Kind::Bool);
    // A body without the member has no records; a single object reads as one.
    QCOMPARE(sluice::exactRecords("{\"meta\":{}}")->size(), 0);
    QCOMPARE(sluice::exactRecord("{\"id\":5,\"n\":\"x\"}")->value(u"id"_s).text, u"5"_s);
}

void TestExactJson::writesValuesBack_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("json");
    QTest::newRow("number as written") << int(ExactValue::Kind::Number) << u"1.50"_s << u"1.50"_s;
    QTest::newRow("string escaped")
        << int(ExactValue::Kind::String) << u"say \"hi\"\n"_s << u"\"say \\\"hi\\\"\\n\""_s;
    QTest::newRow("null") << int(ExactValue::Kind::Null) << QString() << u"null"_s;
}

void TestExactJson::writesValuesBack()
{
    QFETCH(int, kind);
    QFETCH(QString, text);
    QFETCH(QString, json);
    QCOMPARE((ExactValue { ExactValue::Kind(kind), text }.json()), json);
}

void TestExactJson::typedCellsBecomeJson_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("jsonType");
    QTest::addColumn<QString>("json");
    QTest::newRow("big integer kept")
        << u"9007199254740995"_s << u"integer"_s << u"9007199254740995"_s;
    QTest::newRow("decimal kept") << u" 12345678901.12345678 "_s << u"number"_s
                                  << u"12345678901.12345678"_s;
    QTest::newRow("not a number: a string") << u"12,5"_s << u"number"_s << u"\"12,5\""_s;
    QTest::newRow("leading zero: a string") << u"007"_s << u"integer"_s << u"\"007\""_s;
    QTest::newRow("boolean") << u"true"_s << u"boolean"_s << u"true"_s;
    QTest::newRow("empty text is the empty string") << QString() << u"string"_s << u"\"\""_s;
    QTest::newRow("empty number is NULL") << QString() << u"number"_s << u"null"_s;
    QTest::newRow("text") << u"It's"_s << u"string"_s << u"\"It's\""_s;
}

void TestExactJson::typedCellsBecomeJson()
{
    QFETCH(QString, typed);
    QFETCH(QString, jsonType);
    QFETCH(QString, json);
    QCOMPARE(sluice::typedJson(typed, jsonType), json);
}

void TestExactJson::badJsonSaysWhere()
{
    const auto broken = sluice::exactRecords("{\"resource\":[{\"a\":1,}]}");
    QVERIFY(!broken.ok());
    QVERIFY2(broken.error().message.contains(u"at byte 21"_s), qPrintable(broken.error().message));
    QVERIFY(!sluice::exactRecords("[1]").ok());
    QVERIFY(!sluice::exactRecord("{\"a\":\"unterminated").ok());
    // Nesting is bounded: deep input is an error, not a stack overflow.
    const QByteArray deep = "{\"resource\":[{\"a\":" + QByteArray(100'000, '[') + "]}]}";
    QVERIFY(!sluice::exactRecords(deep).ok());
}

QTEST_GUILESS_MAIN(TestExactJson)
#include "tst_exactjson.moc"
