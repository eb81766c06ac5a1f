#include "core/jsonwriter.h"

#include "core/jsonsyntax.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace sluice;

namespace {

// Every byte sequence the writer produces must be valid JSON: wrap it in an array so scalars
// parse too, and hand back the one element.
QJsonValue parsed(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + json + "]", &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning("not JSON (%s at %d): %s", qPrintable(error.errorString()), error.offset,
                 json.constData());
        return QJsonValue(QJsonValue::Undefined);
    }
    const QJsonArray array = doc.array();
    if (array.size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return array.first();
}

QByteArray writtenString(const QString &text)
{
    QByteArray out;
    JsonWriter(out).string(text);
    return out;
}

} // namespace

// JsonWriter: compact JSON written straight into a buffer; every output is checked against
// Qt's own JSON parser as well as against the exact expected bytes.
class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escaping_data();
    void escaping();
    void escapingUtf8_data();
    void escapingUtf8();
    void loneSurrogates_data();
    void loneSurrogates();
    void allControlCharacters();
    void integers_data();
    void integers();
    void doubles_data();
    void doubles();
    void nonFiniteIsNull_data();
    void nonFiniteIsNull();
    void nesting();
    void keysKeepOrder();
    void fieldsOneMemberEach();
    void escapedKey();
    void jsonValue_data();
    void jsonValue();
    void ndjsonSeparator();
    void isJsonNumber_data();
    void isJsonNumber();
};

void TestJsonWriter::escaping_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty") << QString() << "\"\""_ba;
    QTest::newRow("plain") << u"hello"_s << "\"hello\""_ba;
    QTest::newRow("quote") << u"say \"hi\""_s << "\"say \\\"hi\\\"\""_ba;
    QTest::newRow("backslash") << u"C:\\dir\\"_s << "\"C:\\\\dir\\\\\""_ba;
    QTest::newRow("slash stays") << u"a/b"_s << "\"a/b\""_ba;
    QTest::newRow("newline") << u"a\nb"_s << "\"a\\nb\""_ba;
    QTest::newRow("cr tab") << u"\r\t"_s << "\"\\r\\t\""_ba;
    QTest::newRow("backspace formfeed") << u"\b\f"_s << "\"\\b\\f\""_ba;
    QTest::newRow("nul") << QString(QChar(0)) << "\"\\u0000\""_ba;
    QTest::newRow("0x1f") << QString(QChar(0x1f)) << "\"\\u001f\""_ba;
    QTest::newRow("0x7f raw") << QString(QChar(0x7f)) << "\"\x7f\""_ba;
    QTest::newRow("latin1") << u"café"_s << "\"caf\xc3\xa9\""_ba;
    QTest::newRow("cjk") << u"日本"_s << "\"\xe6\x97\xa5\xe6\x9c\xac\""_ba;
    QTest::newRow("emoji pair") << u"😀"_s << "\"\xf0\x9f\x98\x80\""_ba;
    // U+2028/2029 are valid raw in JSON (RFC 8259); written as UTF-8.
    QTest::newRow("u2028") << QString(QChar(0x2028)) << "\"\xe2\x80\xa8\""_ba;
    QTest::newRow("u2029") << QString(QChar(0x2029)) << "\"\xe2\x80\xa9\""_ba;
    QTest::newRow("mixed runs") << u"é\"x\"ü\n"_s << "\"\xc3\xa9\\\"x\\\"\xc3\xbc\\n\""_ba;
}

void TestJsonWriter::escaping()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, expected);

    const QByteArray out = writtenString(text);
    QCOMPARE(out, expected);
    const QJsonValue back = parsed(out);
    QVERIFY(back.isString());
    QCOMPARE(back.toString(), text);

    QByteArray direct;
    JsonWriter::appendEscaped(direct, text);
    QCOMPARE(direct, expected);
}

void TestJsonWriter::escapingUtf8_data()
{
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("plain") << "abc"_ba
                           << "\"abc\""_ba;
    QTest::newRow("quote backslash") << "\"\\"_ba
                                     << "\"\\\"\\\\\""_ba;
    QTest::newRow("controls") << "\x01\n\x1f"_ba
                              << "\"\\u0001\\n\\u001f\""_ba;
    QTest::newRow("multibyte") << "\xc3\xa9\xe2\x80\xa8"_ba
                               << "\"\xc3\xa9\xe2\x80\xa8\""_ba;
    QTest::newRow("base64") << "AAE+/w=="_ba
                            << "\"AAE+/w==\""_ba;
}

void TestJsonWriter::escapingUtf8()
{
    QFETCH(QByteArray, utf8);
    QFETCH(QByteArray, expected);

    QByteArray out;
    JsonWriter(out).stringUtf8(utf8);
    QCOMPARE(out, expected);
    const QJsonValue back = parsed(out);
    QVERIFY(back.isString());
    QCOMPARE(back.toString(), QString::fromUtf8(utf8));
}

void TestJsonWriter::loneSurrogates_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("lone high") << QString(QChar(0xd800));
    QTest::newRow("lone low") << QString(QChar(0xdc00));
    QTest::newRow("high at end") << (u"abc"_s + QChar(0xd83d));
    QTest::newRow("low first") << (QString(QChar(0xde00)) + u"abc"_s);
    QTest::newRow("reversed pair") << (QString(QChar(0xde00)) + QChar(0xd83d));
}

void TestJsonWriter::loneSurrogates()
{
    QFETCH(QString, text);
    // Not representable in UTF-8: the writer must neither crash nor produce broken JSON.
    const QByteArray out = writtenString(text);
    QVERIFY(out.startsWith('"'));
    QVERIFY(out.endsWith('"'));
    QVERIFY(parsed(out).isString());
}

void TestJsonWriter::allControlCharacters()
{
    QString text;
    for (char16_t c = 0; c < 0x20; ++c)
        text.append(QChar(c));
    const QByteArray out = writtenString(text);
    for (qsizetype i = 1; i + 1 < out.size(); ++i)
        QVERIFY2(uchar(out.at(i)) >= 0x20, qPrintable(u"raw control byte at %1"_s.arg(i)));
    QCOMPARE(parsed(out).toString(), text);
}

void TestJsonWriter::integers_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("zero") << qint64(0) << "0"_ba;
    QTest::newRow("negative") << qint64(-42) << "-42"_ba;
    QTest::newRow("2^53+1") << qint64(9007199254740993) << "9007199254740993"_ba;
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << "9223372036854775807"_ba;
    QTest::newRow("min") << std::numeric_limits<qint64>::min() << "-9223372036854775808"_ba;
}

void TestJsonWriter::integers()
{
    QFETCH(qint64, value);
    QFETCH(QByteArray, expected);

    QByteArray out;
    JsonWriter(out).integer(value);
    QCOMPARE(out, expected);
    QVERIFY(parsed(out).isDouble());
}

void TestJsonWriter::doubles_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("tenth") << 0.1 << "0.1"_ba;
    QTest::newRow("sum noise kept") << 0.1 + 0.2 << "0.30000000000000004"_ba;
    QTest::newRow("price") << 19.99 << "19.99"_ba;
    QTest::newRow("integral") << 3.0 << "3"_ba;
    QTest::newRow("negative") << -2.5 << "-2.5"_ba;
    QTest::newRow("negative zero") << -0.0 << "-0"_ba;
    QTest::newRow("tiny") << 5e-324 << "5e-324"_ba;
    QTest::newRow("huge") << 1.7976931348623157e308 << "1.7976931348623157e+308"_ba;
    QTest::newRow("third") << 1.0 / 3.0 << "0.3333333333333333"_ba;
}

void TestJsonWriter::doubles()
{
    QFETCH(double, value);
    QFETCH(QByteArray, expected);

    QByteArray out;
    JsonWriter(out).number(value);
    QCOMPARE(out, expected);
    QVERIFY(sluice::isJsonNumber(out));
    const QJsonValue back = parsed(out);
    QVERIFY(back.isDouble());
    QCOMPARE(back.toDouble(), value); // round-trips exactly
}

void TestJsonWriter::nonFiniteIsNull_data()
{
    QTest::addColumn<double>("value");
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("+inf") << std::numeric_limits<double>::infinity();
    QTest::newRow("-inf") << -std::numeric_limits<double>::infinity();
}

void TestJsonWriter::nonFiniteIsNull()
{
    QFETCH(double, value);
    QByteArray out;
    JsonWriter w(out);
    w.beginArray();
    w.number(value);
    w.number(1.5);
    w.endArray();
    QCOMPARE(out, "[null,1.5]"_ba);
    QVERIFY(parsed(out).isArray());
}

void TestJsonWriter::nesting()
{
    QByteArray out;
    JsonWriter w(out);
    w.beginObject();
    w.key("resource"_ba);
    w.beginArray();
    for (int i = 1; i <= 2; ++i) {
        w.beginObject();
        w.key(u"id"_s);
        w.integer(i);
        w.key(u"tags"_s);
        w.beginArray();
        w.string(u"a"_s);
        w.beginArray();
        w.endArray();
        w.beginObject();
        w.endObject();
        w.endArray();
        w.key(u"ok"_s);
        w.boolean(i == 1);
        w.key(u"none"_s);
        w.null();
        w.endObject();
    }
    w.endArray();
    w.key("meta"_ba);
    w.beginObject();
    w.key("count"_ba);
    w.integer(2);
    w.key("raw"_ba);
    w.raw("{\"x\":[1,2]}");
    w.key("digits"_ba);
    w.rawNumber("15.50");
    w.endObject();
    w.endObject();

    QCOMPARE(out,
             "{\"resource\":[{\"id\":1,\"tags\":[\"a\",[],{}],\"ok\":true,\"none\":null},"
             "{\"id\":2,\"tags\":[\"a\",[],{}],\"ok\":false,\"none\":null}],"
             "\"meta\":{\"count\":2,\"raw\":{\"x\":[1,2]},\"digits\":15.50}}"_ba);
    const QJsonValue back = parsed(out);
    QVERIFY(back.isObject());
    QCOMPARE(back[u"resource"_s].toArray().size(), 2);
    QCOMPARE(back[u"meta"_s][u"digits"_s].toDouble(), 15.5);
}

void TestJsonWriter::fieldsOneMemberEach()
{
    // field() is key() and the value's writer: each type as its own writer writes it, bool never
    // an integer, an empty optional null.
    QByteArray out;
    JsonWriter w(out);
    w.beginObject();
    w.field("s", u"it's \"q\""_s);
    w.field("u", "utf8 \xc3\xa9");
    w.field("i", qint64(-9007199254740993));
    w.field("n", 7);
    w.field("b", true);
    w.field("d", 286.76);
    w.field("some", std::optional<qint64>(5));
    w.field("none", std::optional<QString>());
    w.endObject();
    QCOMPARE(out,
             "{\"s\":\"it's \\\"q\\\"\",\"u\":\"utf8 \xc3\xa9\",\"i\":-9007199254740993,"
             "\"n\":7,\"b\":true,\"d\":286.76,\"some\":5,\"none\":null}"_ba);
    QVERIFY(parsed(out).isObject());
}

void TestJsonWriter::keysKeepOrder()
{
    QByteArray out;
    JsonWriter w(out);
    w.beginObject();
    for (const QString &k : { u"zeta"_s, u"alpha"_s, u"mu"_s, u"we\"ird"_s, u"ключ"_s }) {
        w.key(k);
        w.string(k);
    }
    w.endObject();
    QCOMPARE(out,
             "{\"zeta\":\"zeta\",\"alpha\":\"alpha\",\"mu\":\"mu\",\"we\\\"ird\":\"we\\\"ird\","
             "\"\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87\":\"\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87\"}"_ba);
    QVERIFY(parsed(out).isObject());
}

void TestJsonWriter::escapedKey()
{
    QByteArray key;
    JsonWriter::appendEscaped(key, u"a\"b"_s);
    QByteArray out;
    JsonWriter w(out);
    w.beginObject();
    w.escapedKey(key);
    w.integer(1);
    w.escapedKey(key);
    w.integer(2);
    w.endObject();
    QCOMPARE(out, "{\"a\\\"b\":1,\"a\\\"b\":2}"_ba);
    QVERIFY(parsed(out).isObject());
}

void TestJsonWriter::jsonValue_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << "null"_ba;
    QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << "null"_ba;
    QTest::newRow("true") << QJsonValue(true) << "true"_ba;
    QTest::newRow("integral double") << QJsonValue(42.0) << "42"_ba;
    QTest::newRow("fraction") << QJsonValue(2.25) << "2.25"_ba;
    QTest::newRow("string") << QJsonValue(u"x\"y"_s) << "\"x\\\"y\""_ba;
    QTest::newRow("array") << QJsonValue(QJsonArray { 1, u"a"_s, QJsonValue() })
                           << "[1,\"a\",null]"_ba;
    QTest::newRow("object") << QJsonValue(QJsonObject { { u"k"_s, false } }) << "{\"k\":false}"_ba;
    QTest::newRow("integer beyond 2^53")
        << QJsonValue(qint64(9007199254740993)) << "9007199254740993"_ba;
    // A number a request body kept exact (core/jsonsyntax.h) is written as that number again,
    // nested too; the marker inside a string or not followed by a number is just text.
    const QString marker { QChar(ExactNumberMarker) };
    QTest::newRow("exact number") << QJsonValue(marker + u"987654321098.87654321"_s)
                                  << "987654321098.87654321"_ba;
    QTest::newRow("exact number, nested") << QJsonValue(QJsonObject {
        { u"x"_s, QJsonArray { QString(marker + u"1.2345678901234567890123"_s), 2 } } })
                                          << "{\"x\":[1.2345678901234567890123,2]}"_ba;
    QTest::newRow("marker, no number") << QJsonValue(marker + u"1x"_s)
                                       << "\"\xef\xb7\x90"
                                          "1x\""_ba;
}

void TestJsonWriter::jsonValue()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, expected);

    QByteArray out;
    JsonWriter w(out);
    w.beginArray();
    w.value(value);
    w.value(value);
    w.endArray();
    QCOMPARE(out, "[" + expected + "," + expected + "]");
    QVERIFY(parsed(out).isArray());
}

void TestJsonWriter::ndjsonSeparator()
{
    QByteArray out;
    JsonWriter w(out);
    for (int i = 0; i < 3; ++i) {
        w.beginObject();
        w.key("n"_ba);
        w.integer(i);
        w.endObject();
        out.append('\n');
        w.resetSeparator();
    }
    QCOMPARE(out, "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n"_ba);
    const QList<QByteArray> lines = out.trimmed().split('\n');
    for (const QByteArray &line : lines)
        QVERIFY(parsed(line).isObject());
}

void TestJsonWriter::isJsonNumber_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");

    // Valid per RFC 8259 §6.
    QTest::newRow("0") << "0"_ba << true;
    QTest::newRow("-0") << "-0"_ba << true;
    QTest::newRow("int") << "123"_ba << true;
    QTest::newRow("negative") << "-7"_ba << true;
    QTest::newRow("fraction") << "19.99"_ba << true;
    QTest::newRow("trailing zeros") << "15.50"_ba << true;
    QTest::newRow("zero fraction") << "0.000"_ba << true;
    QTest::newRow("exp") << "1e10"_ba << true;
    QTest::newRow("Exp+") << "1E+10"_ba << true;
    QTest::newRow("exp-") << "2.5e-3"_ba << true;
    QTest::newRow("exp leading zero") << "1e007"_ba << true;
    QTest::newRow("long digits") << "123456789012345678901234567890.123456789"_ba << true;

    // Invalid.
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("minus only") << "-"_ba << false;
    QTest::newRow("plus") << "+1"_ba << false;
    QTest::newRow("leading zero") << "01"_ba << false;
    QTest::newRow("negative leading zero") << "-01"_ba << false;
    QTest::newRow("leading dot") << ".5"_ba << false;
    QTest::newRow("trailing dot") << "5."_ba << false;
    QTest::newRow("exp without digits") << "1e"_ba << false;
    QTest::newRow("exp sign only") << "1e+"_ba << false;
    QTest::newRow("dot exp") << "1.e5"_ba << false;
    QTest::newRow("hex") << "0x10"_ba << false;
    QTest::newRow("nan") << "NaN"_ba << false;
    QTest::newRow("inf") << "Infinity"_ba << false;
    QTest::newRow("space") << " 1"_ba << false;
    QTest::newRow("trailing space") << "1 "_ba << false;
    QTest::newRow("two dots") << "1.2.3"_ba << false;
    QTest::newRow("comma") << "1,5"_ba << false;
    QTest::newRow("double minus") << "--1"_ba << false;
    QTest::newRow("trailing garbage") << "12abc"_ba << false;
}

void TestJsonWriter::isJsonNumber()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);

    QCOMPARE(sluice::isJsonNumber(text), valid);
    if (valid) {
        // A valid number embedded raw reads back as that number. (Qt's parser is laxer than
        // RFC 8259 — it takes ".5" and "5." — so it cannot judge the invalid rows.)
        const QJsonValue back = parsed(text);
        QVERIFY(back.isDouble());
        QCOMPARE(back.toDouble(), text.toDouble());
    }
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
