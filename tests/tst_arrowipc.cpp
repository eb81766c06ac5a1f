#include "arrow/arrowschema.h"
#include "arrow/decimal128.h"
#include "arrow/ipcreader.h"
#include "arrow/ipcwriter.h"
#include "arrow/recordbatchbuilder.h"
#include "nodescript.h"

#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTime>
#include <QtEndian>

using namespace sluice;
using namespace sluice::arrow;
using namespace Qt::StringLiterals;

namespace {

// Appends one value written as the apache-arrow script prints it (see tests/node/arrow-ipc.mjs).
bool appendJson(ColumnBuilder &column, const QJsonValue &value)
{
    if (value.isNull()) {
        column.appendNull();
        return true;
    }
    const DataType &type = column.field().type;
    const auto integer = [&] {
        return value.isString() ? value.toString().toLongLong() : value.toInteger();
    };
    switch (type.id) {
    case TypeId::Bool: return column.appendBool(value.toBool());
    case TypeId::Int8:
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::Int64: return column.appendInt(integer());
    case TypeId::UInt8:
    case TypeId::UInt16:
    case TypeId::UInt32:
    case TypeId::UInt64: return column.appendUInt(quint64(integer()));
    case TypeId::Float32:
    case TypeId::Float64: return column.appendDouble(value.toDouble());
    case TypeId::Decimal128: return column.appendDecimal(value.toString());
    case TypeId::Utf8: return column.appendString(value.toString().toUtf8());
    case TypeId::Binary:
        return column.appendBinary(QByteArray::fromHex(value.toString().toLatin1()));
    case TypeId::Date32: return column.appendDate32(qint32(integer()));
    case TypeId::Time64: return column.appendTime64Micros(integer());
    case TypeId::Timestamp: return column.appendTimestampMicros(integer());
    case TypeId::List: {
        const QJsonArray items = value.toArray();
        for (const QJsonValue &item : items) {
            if (!appendJson(column.child(0), item))
                return false;
        }
        return column.endList();
    }
    case TypeId::Map: {
        ColumnBuilder &entries = column.child(0);
        const QJsonArray pairs = value.toArray();
        for (const QJsonValue &pair : pairs) {
            if (!appendJson(entries.child(0), pair[0]) || !appendJson(entries.child(1), pair[1])
                || !entries.endStruct())
                return false;
        }
        return column.endList();
    }
    case TypeId::Struct:
        for (int i = 0; i < column.childCount(); ++i) {
            if (!appendJson(column.child(i), value[column.child(i).field().name]))
                return false;
        }
        return column.endStruct();
    case TypeId::DenseUnion:
        for (int i = 0; i < column.childCount(); ++i) {
            if (column.child(i).field().name == value["type"_L1].toString()) {
                ColumnBuilder *member = column.appendUnionElement(i);
                return member && appendJson(*member, value["value"_L1]);
            }
        }
        return false;
    default: return false;
    }
}

QString shown(const QVariant &value)
{
    return u"%1 (%2)"_s.arg(value.toString(), QString::fromLatin1(value.typeName()));
}

// Empty when the reader's `actual` is the value `expected` (as the script prints it) of `field`.
QString mismatch(const QVariant &actual, const QJsonValue &expected, const Field &field)
{
    const auto differ = [&] {
        return u"%1: read %2, expected %3"_s.arg(
            field.name, shown(actual),
            QString::fromUtf8(
                QJsonDocument(QJsonArray { expected }).toJson(QJsonDocument::Compact)));
    };
    if (field.type.id == TypeId::DenseUnion) { // the reader gives the member's value
        for (const Field &member : field.children) {
            if (member.name == expected["type"_L1].toString())
                return mismatch(actual, expected["value"_L1], member);
        }
        return differ();
    }
    if (expected.isNull())
        return actual.isValid() ? differ() : QString();
    if (!actual.isValid())
        return differ();
    const auto integer = [&] {
        return expected.isString() ? expected.toString().toLongLong() : expected.toInteger();
    };
    const auto is = [&](QMetaType::Type type) {
        return actual.typeId() == type;
    };
    switch (field.type.id) {
    case TypeId::Bool:
        return is(QMetaType::Bool) && actual.toBool() == expected.toBool() ? QString() : differ();
    case TypeId::Int8:
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::Int64:
    case TypeId::UInt8:
    case TypeId::UInt16:
    case TypeId::UInt32:
        return is(QMetaType::LongLong) && actual.toLongLong() == integer() ? QString() : differ();
    case TypeId::Float32:
    case TypeId::Float64:
        return is(QMetaType::Double) && actual.toDouble() == expected.toDouble() ? QString()
                                                                                 : differ();
    case TypeId::Decimal128:
    case TypeId::Utf8:
        return is(QMetaType::QString) && actual.toString() == expected.toString() ? QString()
                                                                                  : differ();
    case TypeId::Binary:
        return is(QMetaType::QByteArray)
                && actual.toByteArray() == QByteArray::fromHex(expected.toString().toLatin1())
            ? QString()
            : differ();
    case TypeId::Date32:
        return is(QMetaType::QDate) && actual.toDate() == QDate(1970, 1, 1).addDays(integer())
            ? QString()
            : differ();
    case TypeId::Time64: // the reader keeps milliseconds
        return is(QMetaType::QTime)
                && actual.toTime() == QTime::fromMSecsSinceStartOfDay(int(integer() / 1000))
            ? QString()
            : differ();
    case TypeId::Timestamp: {
        const qint64 micros = integer();
        const qint64 millis = micros / 1000 - (micros % 1000 < 0 ? 1 : 0);
        return is(QMetaType::QDateTime) && actual.toDateTime().timeSpec() == Qt::UTC
                && actual.toDateTime().toMSecsSinceEpoch() == millis
            ? QString()
            : differ();
    }
    case TypeId::List: {
        const QVariantList items = actual.toList();
        const QJsonArray wanted = expected.toArray();
        if (!is(QMetaType::QVariantList) || items.size() != wanted.size())
            return differ();
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (QString problem = mismatch(items[i], wanted[i], field.children[0]);
                !problem.isEmpty())
                return problem;
        }
        return {};
    }
    case TypeId::Map: {
        const QVariantList pairs = actual.toList();
        const QJsonArray wanted = expected.toArray();
        if (!is(QMetaType::QVariantList) || pairs.size() != wanted.size())
            return differ();
        const Field &entries = field.children[0];
        for (qsizetype i = 0; i < pairs.size(); ++i) {
            const QVariantList pair = pairs[i].toList();
            if (pair.size() != 2)
                return differ();
            QString problem = mismatch(pair[0], wanted[i][0], entries.children[0]);
            if (problem.isEmpty())
                problem = mismatch(pair[1], wanted[i][1], entries.children[1]);
            if (!problem.isEmpty())
                return problem;
        }
        return {};
    }
    case TypeId::Struct: {
        const QVariantMap members = actual.toMap();
        if (!is(QMetaType::QVariantMap) || members.size() != field.children.size())
            return differ();
        for (const Field &member : field.children) {
            if (QString problem =
                    mismatch(members.value(member.name), expected[member.name], member);
                !problem.isEmpty())
                return problem;
        }
        return {};
    }
    default: return u"%1: no comparison for %2"_s.arg(field.name, field.type.name());
    }
}

// One column of the every-type stream: its field, the values appended (6 rows: the first batch
// takes 4, an empty batch follows, the third batch takes 2) and, where it differs, the values
// as apache-arrow prints them; `jsType` is apache-arrow's text of the type.
struct TestColumn
{
    Field field;
    QString jsType;
    QJsonArray values;
    QJsonArray printed = {};
};

QJsonArray json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).array();
}

QList<TestColumn> everyTypeColumns()
{
    const QString large = QString(200'000, u'x') + u"é"_s;
    const Field item(u"item"_s, TypeId::Int32);
    const Field stringItem(u"item"_s, TypeId::Utf8);
    const Field int32List = Field::list(u"value"_s, item);
    const Field info = Field::denseUnion(
        u"info"_s,
        { Field(u"string_value"_s, TypeId::Utf8), Field(u"bool_value"_s, TypeId::Bool),
          Field(u"bigint_value"_s, TypeId::Int64), Field(u"int32_bitmask"_s, TypeId::Int32),
          Field::list(u"string_list"_s, stringItem),
          Field::map(u"int32_to_int32_list_map"_s, Field(u"key"_s, TypeId::Int32), int32List) });
    Field i64(u"i64"_s, TypeId::Int64);
    i64.metadata = { { u"unit"_s, u"rows"_s }, { u"note"_s, u"ünï"_s } };
    return {
        { Field(u"b"_s, TypeId::Bool), u"Bool"_s, json("[true, null, false, true, null, false]") },
        { Field(u"i8"_s, TypeId::Int8), u"Int8"_s, json("[-128, 127, null, 0, 1, -1]") },
        { Field(u"i16"_s, TypeId::Int16), u"Int16"_s, json("[null, -32768, 32767, 5, 6, 7]") },
        { Field(u"i32"_s, TypeId::Int32, false), u"Int32"_s,
          json("[2147483647, 0, -2147483648, 0, 1, 2]") },
        { i64, u"Int64"_s,
          json("[\"9223372036854775807\", \"-9223372036854775808\", null, \"0\", \"1\", "
               "\"-1\"]") },
        { Field(u"u8"_s, TypeId::UInt8), u"Uint8"_s, json("[255, 0, null, 1, 2, 3]") },
        { Field(u"u32"_s, TypeId::UInt32), u"Uint32"_s, json("[4294967295, null, 0, 1, 2, 3]") },
        { Field(u"f32"_s, TypeId::Float32), u"Float32"_s, json("[1.5, null, -0.25, 0, 2, 3]") },
        { Field(u"f64"_s, TypeId::Float64), u"Float64"_s,
          json("[3.141592653589793, null, -1e300, 0.1, 2, 3]") },
        { Field(u"dec"_s, DataType::decimal128(38, 9)), u"Decimal[38e+9]"_s,
          json("[\"12345678901234567890.123456789\", \"-0.001\", null, "
               "\"-99999999999999999999999999999.999999999\", \"0\", \"1.5\"]"),
          json("[\"12345678901234567890.123456789\", \"-0.001000000\", null, "
               "\"-99999999999999999999999999999.999999999\", \"0.000000000\", "
               "\"1.500000000\"]") },
        { Field(u"dec2"_s, DataType::decimal128(5, 2)), u"Decimal[5e+2]"_s,
          json("[\"123.45\", \"-7\", null, \"0.10\", \"-999.99\", \"+1.5\"]"),
          json("[\"123.45\", \"-7.00\", null, \"0.10\", \"-999.99\", \"1.50\"]") },
        { Field(u"s"_s, TypeId::Utf8), u"Utf8"_s,
          QJsonArray { u"héllo ✓"_s, QJsonValue(), QString(), large, u"a"_s, u"b"_s } },
        { Field(u"bin"_s, TypeId::Binary), u"Binary"_s,
          json("[\"0001ff\", null, \"\", \"deadbeef\", \"00\", \"ff\"]") },
        { Field(u"d"_s, TypeId::Date32), u"Date32<DAY>"_s, json("[0, -1, null, 19000, 1, 2]") },
        { Field(u"t"_s, DataType::time64Micros()), u"Time64<MICROSECOND>"_s,
          json("[\"0\", \"86399999999\", null, \"43200000001\", \"1\", \"2000\"]") },
        { Field(u"ts"_s, DataType::timestampMicros(u"UTC"_s)), u"Timestamp<MICROSECOND, UTC>"_s,
          json("[1700000000123456, null, -1, 0, 1, 2]") },
        { Field(u"tsl"_s, DataType::timestampMicros()), u"Timestamp<MICROSECOND>"_s,
          json("[1700000000123456, null, 0, 1, 2, 3]") },
        { Field(u"n"_s, TypeId::Null), u"Null"_s, json("[null, null, null, null, null, null]") },
        { Field::list(u"l"_s, item), u"List<Int32>"_s,
          json("[[1, 2, null], null, [], [3], [], [4, 5]]") },
        { Field::map(u"m"_s, Field(u"key"_s, TypeId::Utf8), Field(u"value"_s, TypeId::Int64)),
          u"Map<{key:Utf8, value:Int64}>"_s,
          json("[[[\"a\", \"1\"], [\"b\", null]], null, [], [[\"c\", \"-5\"]], [], []]") },
        { Field::structOf(u"st"_s, { Field(u"x"_s, TypeId::Int32), Field(u"y"_s, TypeId::Utf8) }),
          u"Struct<{x:Int32, y:Utf8}>"_s,
          json("[{\"x\": 1, \"y\": \"a\"}, null, {\"x\": null, \"y\": \"c\"}, {\"x\": 2, \"y\": "
               "null}, {\"x\": 3, \"y\": \"d\"}, {\"x\": 4, \"y\": \"e\"}]") },
        { Field::denseUnion(u"repeats"_s, info.children),
          u"Union<Utf8 | Bool | Int64 | Int32 | List<Utf8> | Map<{key:Int32, value:List<Int32>}>>"_s,
          json("[{\"type\": \"string_value\", \"value\": \"a\"}, {\"type\": \"string_value\", "
               "\"value\": null}, {\"type\": \"bool_value\", \"value\": false}, {\"type\": "
               "\"string_value\", \"value\": \"c\"}, {\"type\": \"bigint_value\", \"value\": "
               "\"1\"}, "
               "{\"type\": \"bigint_value\", \"value\": \"2\"}]") },
        { info,
          u"Union<Utf8 | Bool | Int64 | Int32 | List<Utf8> | Map<{key:Int32, value:List<Int32>}>>"_s,
          json("[{\"type\": \"string_value\", \"value\": \"Sluice\"}, {\"type\": \"bool_value\", "
               "\"value\": true}, {\"type\": \"bigint_value\", \"value\": \"42\"}, {\"type\": "
               "\"int32_bitmask\", \"value\": 7}, {\"type\": \"string_list\", \"value\": [\"a\", "
               "null, \"b\"]}, {\"type\": \"int32_to_int32_list_map\", \"value\": [[1, [2, 3]], "
               "[4, []]]}]") },
    };
}

Schema schemaOf(const QList<TestColumn> &columns)
{
    Schema schema;
    for (const TestColumn &column : columns)
        schema.fields.append(column.field);
    schema.metadata = { { u"sluice.batch"_s, u"every type"_s } };
    return schema;
}

// The batches of the every-type stream: rows [0, 4), none, [4, 6).
const QList<std::pair<int, int>> batchRows { { 0, 4 }, { 4, 4 }, { 4, 6 } };

struct StreamRead
{
    QString problem;
    Schema schema;
    QList<QList<QVariantList>> batches;
};

// Reads an IPC stream (schema, batches, end of stream) with our reader.
StreamRead readStream(QByteArrayView stream)
{
    StreamRead read;
    qsizetype pos = 0;
    bool haveSchema = false;
    while (pos < stream.size()) {
        Result<EncapsulatedMessage> message = nextEncapsulated(stream.sliced(pos));
        if (!message) {
            read.problem = message.error().message;
            return read;
        }
        pos += message->size;
        if (message->header.isEmpty())
            break;
        if (!haveSchema) {
            Result<Schema> schema = readSchemaMessage(message->header);
            if (!schema) {
                read.problem = schema.error().message;
                return read;
            }
            read.schema = *schema;
            haveSchema = true;
            continue;
        }
        Result<QList<QVariantList>> rows =
            readRecordBatchRows(message->header, message->body, read.schema);
        if (!rows) {
            read.problem = rows.error().message;
            return read;
        }
        read.batches.append(*rows);
    }
    return read;
}

// One int64 column (3 rows, one null) and one utf8 column ["abc", "de", "f"]: the batch the
// bad-input cases spoil.
struct SmallBatch
{
    Schema schema;
    RecordBatchBuilder::Encoded encoded;
};

SmallBatch smallBatch()
{
    SmallBatch small;
    small.schema.fields = { Field(u"n"_s, TypeId::Int64), Field(u"s"_s, TypeId::Utf8) };
    RecordBatchBuilder builder(small.schema);
    builder.column(0).appendInt(1);
    builder.column(0).appendNull();
    builder.column(0).appendInt(3);
    builder.column(1).appendString("abc");
    builder.column(1).appendString("de");
    builder.column(1).appendString("f");
    small.encoded = builder.finish();
    return small;
}

QByteArray int64Pair(qint64 a, qint64 b)
{
    QByteArray bytes(16, Qt::Uninitialized);
    qToLittleEndian<qint64>(a, bytes.data());
    qToLittleEndian<qint64>(b, bytes.data() + 8);
    return bytes;
}

} // namespace

class TestArrowIpc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decimalText_data();
    void decimalText();
    void decimalRefused_data();
    void decimalRefused();
    void appendsOutOfRangeRefused();
    void encapsulation();
    void schemaRoundTrip();
    void writtenStreamReadByApacheArrow();
    void manyRowsReadByApacheArrow();
    void writtenStreamReadBack();
    void apacheArrowStreamRead();
    void badInput_data();
    void badInput();
    void badSchema();
    void malformedInputNeverCrashes();

private:
    QByteArray everyTypeStream(const QList<TestColumn> &columns,
                               const QList<std::pair<int, int>> &ranges = batchRows);
    QString decodeWithApacheArrow(const QByteArray &stream, QJsonObject &decoded);
    QTemporaryDir m_dir;
};

void TestArrowIpc::decimalText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("precision");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("printed");
    QTest::newRow("exact") << u"12345678901234567890.123456789"_s << 38 << 9
                           << u"12345678901234567890.123456789"_s;
    QTest::newRow("extended") << u"-0.001"_s << 38 << 9 << u"-0.001000000"_s;
    QTest::newRow("trailing zeros dropped") << u"1.2300000"_s << 5 << 2 << u"1.23"_s;
    QTest::newRow("largest") << u"99999999999999999999999999999999999999"_s << 38 << 0
                             << u"99999999999999999999999999999999999999"_s;
    QTest::newRow("smallest") << u"-99999999999999999999999999999999999999"_s << 38 << 0
                              << u"-99999999999999999999999999999999999999"_s;
    QTest::newRow("all fraction") << u"-.5"_s << 38 << 38
                                  << u"-0.50000000000000000000000000000000000000"_s;
    QTest::newRow("minus zero") << u"-0.000"_s << 5 << 2 << u"0.00"_s;
    QTest::newRow("leading zeros") << u"+000123"_s << 3 << 0 << u"123"_s;
    QTest::newRow("integer point") << u"7."_s << 3 << 1 << u"7.0"_s;
}

void TestArrowIpc::decimalText()
{
    QFETCH(QString, text);
    QFETCH(int, precision);
    QFETCH(int, scale);
    QFETCH(QString, printed);
    const Result<Decimal128> value = Decimal128::parse(text, precision, scale);
    QVERIFY2(value.ok(), qPrintable(value.ok() ? QString() : value.error().message));
    QCOMPARE(value->toString(scale), printed);
}

void TestArrowIpc::decimalRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("precision");
    QTest::addColumn<int>("scale");
    QTest::newRow("would round") << u"1.2345"_s << 10 << 3;
    QTest::newRow("would round in 38 digits") << u"0.0000000001"_s << 38 << 9;
    QTest::newRow("too many digits") << u"123456789.5"_s << 10 << 2;
    QTest::newRow("past 38 digits") << u"100000000000000000000000000000000000000"_s << 38 << 0;
    QTest::newRow("exponent") << u"1e5"_s << 10 << 0;
    QTest::newRow("empty") << QString() << 10 << 0;
    QTest::newRow("sign only") << u"-"_s << 10 << 0;
    QTest::newRow("two points") << u"1.2.3"_s << 10 << 2;
    QTest::newRow("space") << u" 1"_s << 10 << 0;
    QTest::newRow("nan") << u"NaN"_s << 10 << 0;
    QTest::newRow("arabic digits") << u"١٢"_s << 10 << 0;
}

void TestArrowIpc::decimalRefused()
{
    QFETCH(QString, text);
    QFETCH(int, precision);
    QFETCH(int, scale);
    const Result<Decimal128> value = Decimal128::parse(text, precision, scale);
    QVERIFY(!value.ok());
    QCOMPARE(value.error().kind, ErrorKind::BadRequest);

    // The builder refuses it too, and appends nothing.
    Schema schema { { Field(u"d"_s, DataType::decimal128(precision, scale)) }, {} };
    RecordBatchBuilder builder(schema);
    QVERIFY(builder.column(0).appendDecimal(u"1"_s));
    QVERIFY(!builder.column(0).appendDecimal(text));
    QCOMPARE(builder.column(0).length(), qint64(1));
    QCOMPARE(builder.rowCount(), qint64(1));
}

void TestArrowIpc::appendsOutOfRangeRefused()
{
    Schema schema { { Field(u"i8"_s, TypeId::Int8), Field(u"u8"_s, TypeId::UInt8),
                      Field(u"i32"_s, TypeId::Int32), Field(u"s"_s, TypeId::Utf8),
                      Field(u"ts"_s, DataType { TypeId::Timestamp, 0, 0, TimeUnit::Millisecond }),
                      Field(u"d"_s, DataType::decimal128(4, 2)) },
                    {} };
    RecordBatchBuilder builder(schema);
    QVERIFY(!builder.column(0).appendInt(128));
    QVERIFY(!builder.column(0).appendInt(-129));
    QVERIFY(builder.column(0).appendInt(-128));
    QVERIFY(!builder.column(1).appendInt(-1));
    QVERIFY(!builder.column(1).appendUInt(256));
    QVERIFY(!builder.column(2).appendInt(qint64(1) << 31));
    QVERIFY(!builder.column(2).appendString("1")); // another type
    QVERIFY(!builder.column(3).appendInt(1));
    QVERIFY(!builder.column(4).appendTimestampMicros(1'500)); // not whole milliseconds
    QVERIFY(builder.column(4).appendTimestampMicros(2'000));
    QVERIFY(builder.column(5).appendInt(99));
    QVERIFY(!builder.column(5).appendInt(100)); // 100.00 needs 5 digits
    QCOMPARE(builder.column(0).length(), qint64(1));
    QCOMPARE(builder.column(1).length(), qint64(0));
    QCOMPARE(builder.column(2).length(), qint64(0));
    QCOMPARE(builder.column(4).length(), qint64(1));
    QCOMPARE(builder.column(5).length(), qint64(1));
}

void TestArrowIpc::encapsulation()
{
    for (int size : { 0, 1, 7, 8, 9, 15, 16, 100 }) {
        const QByteArray header(size, 'h');
        const QByteArray body(24, 'b');
        const QByteArray message = encapsulated(header, body);
        QCOMPARE(message.left(4), QByteArray("\xFF\xFF\xFF\xFF", 4));
        const qint32 metadataSize = qFromLittleEndian<qint32>(message.constData() + 4);
        QCOMPARE((8 + metadataSize) % 8, 0);
        QVERIFY(metadataSize >= size && metadataSize < size + 8);
        QCOMPARE(message.mid(8, size), header);
        QCOMPARE(message.mid(8 + size, metadataSize - size), QByteArray(metadataSize - size, '\0'));
        QCOMPARE(message.mid(8 + metadataSize), body);
    }
    QCOMPARE(endOfStream(), QByteArray("\xFF\xFF\xFF\xFF\0\0\0\0", 8));
}

void TestArrowIpc::schemaRoundTrip()
{
    const Schema schema = schemaOf(everyTypeColumns());
    const Result<Schema> read = readSchemaMessage(schemaMessage(schema));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read->fields.size(), schema.fields.size());
    for (int i = 0; i < schema.fields.size(); ++i)
        QVERIFY2(read->fields[i] == schema.fields[i], qPrintable(schema.fields[i].name));
    QVERIFY(*read == schema);

    // ipcSchema is the same message, encapsulated.
    const Result<std::pair<QByteArray, QByteArray>> split = splitEncapsulated(ipcSchema(schema));
    QVERIFY(split.ok());
    QVERIFY(split->second.isEmpty());
    const Result<Schema> again = readSchemaMessage(split->first);
    QVERIFY(again.ok());
    QVERIFY(*again == schema);
}

QByteArray TestArrowIpc::everyTypeStream(const QList<TestColumn> &columns,
                                         const QList<std::pair<int, int>> &ranges)
{
    const Schema schema = schemaOf(columns);
    RecordBatchBuilder builder(schema);
    QByteArray stream = ipcSchema(schema);
    for (const auto &[first, end] : ranges) {
        for (int c = 0; c < columns.size(); ++c) {
            for (int row = first; row < end; ++row) {
                if (!appendJson(builder.column(c), columns[c].values[row])) {
                    qWarning("cannot append row %d of %s", row, qPrintable(columns[c].field.name));
                    return {};
                }
            }
        }
        if (builder.rowCount() != end - first) {
            qWarning("row count %lld", builder.rowCount());
            return {};
        }
        const qint64 bodySize = builder.bodySize();
        const RecordBatchBuilder::Encoded batch = builder.finish();
        if (batch.body.size() != bodySize || batch.body.size() % 8 != 0) {
            qWarning("body size %lld, bodySize() said %lld", qint64(batch.body.size()), bodySize);
            return {};
        }
        stream += encapsulated(batch.header, batch.body);
        if (builder.rowCount() != 0) {
            qWarning("finish() left %lld rows", builder.rowCount());
            return {};
        }
    }
    return stream + endOfStream();
}

QString TestArrowIpc::decodeWithApacheArrow(const QByteArray &stream, QJsonObject &decoded)
{
    if (stream.isEmpty())
        return u"no stream was written"_s;
    const QString file = m_dir.filePath(u"written.arrows"_s);
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return u"cannot write "_s + file;
    out.write(stream);
    out.close();
    const test::NodeScriptRun run = test::runNodeScript(
        u"arrow-ipc.mjs"_s, u"apache-arrow"_s, { { u"mode"_s, u"decode"_s }, { u"file"_s, file } },
        m_dir.filePath(u"decode.json"_s));
    if (!run.problem.isEmpty())
        return run.problem;
    if (!run.ok)
        return QString::fromUtf8(run.output.left(2000));
    decoded = QJsonDocument::fromJson(run.output).object();
    return {};
}

// Empty when apache-arrow's `batches` hold the values of `columns` in `ranges`.
static QString batchesDiffer(const QJsonArray &batches, const QList<TestColumn> &columns,
                             const QList<std::pair<int, int>> &ranges)
{
    if (batches.size() != ranges.size())
        return u"%1 batches, expected %2"_s.arg(batches.size()).arg(ranges.size());
    for (int b = 0; b < ranges.size(); ++b) {
        const auto [first, end] = ranges[b];
        const QJsonObject batch = batches[b].toObject();
        if (batch["rows"_L1].toInt() != end - first)
            return u"batch %1 has %2 rows"_s.arg(b).arg(batch["rows"_L1].toInt());
        const QJsonArray values = batch["columns"_L1].toArray();
        if (values.size() != columns.size())
            return u"batch %1 has %2 columns"_s.arg(b).arg(values.size());
        for (int c = 0; c < columns.size(); ++c) {
            const QJsonArray &all =
                columns[c].printed.isEmpty() ? columns[c].values : columns[c].printed;
            QJsonArray wanted;
            for (int row = first; row < end; ++row)
                wanted.append(all[row]);
            if (values[c].toArray() != wanted)
                return u"batch %1, column %2: %3"_s.arg(b).arg(
                    columns[c].field.name,
                    QString::fromUtf8(QJsonDocument(values[c].toArray())
                                          .toJson(QJsonDocument::Compact)
                                          .left(300)));
        }
    }
    return {};
}

void TestArrowIpc::writtenStreamReadByApacheArrow()
{
    const QList<TestColumn> columns = everyTypeColumns();
    QJsonObject decoded;
    const QString problem = decodeWithApacheArrow(everyTypeStream(columns), decoded);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    const QJsonObject schema = decoded["schema"_L1].toObject();
    QCOMPARE(schema["metadata"_L1].toObject(),
             QJsonObject({ { u"sluice.batch"_s, u"every type"_s } }));
    const QJsonArray fields = schema["fields"_L1].toArray();
    QCOMPARE(fields.size(), columns.size());
    for (int c = 0; c < columns.size(); ++c) {
        const QJsonObject field = fields[c].toObject();
        const Field &expected = columns[c].field;
        QCOMPARE(field["name"_L1].toString(), expected.name);
        QCOMPARE(field["nullable"_L1].toBool(), expected.nullable);
        QCOMPARE(field["type"_L1].toString(), columns[c].jsType);
        QJsonObject metadata;
        for (const auto &[key, value] : expected.metadata)
            metadata.insert(key, value);
        QCOMPARE(field["metadata"_L1].toObject(), metadata);
    }
    // The union: dense, its members by name and type id order.
    const QJsonObject info = fields.last().toObject();
    QCOMPARE(info["unionMode"_L1].toString(), u"Dense"_s);
    QStringList members;
    for (const QJsonValue &member : info["children"_L1].toArray())
        members.append(member["name"_L1].toString());
    QCOMPARE(members,
             QStringList({ u"string_value"_s, u"bool_value"_s, u"bigint_value"_s,
                           u"int32_bitmask"_s, u"string_list"_s, u"int32_to_int32_list_map"_s }));

    const QString differ = batchesDiffer(decoded["batches"_L1].toArray(), columns, batchRows);
    QVERIFY2(differ.isEmpty(), qPrintable(differ));
}

void TestArrowIpc::manyRowsReadByApacheArrow()
{
    // Bitmaps and offsets across many bytes, nulls first appearing after a run of values, and
    // a builder reused for a second, shorter batch.
    const int rows = 3000;
    QJsonArray ints, bools, texts, decimals, lists, unions;
    for (int i = 0; i < rows; ++i) {
        ints.append(i >= 20 && i % 7 == 3 ? QJsonValue() : QJsonValue(i * 1000 - 7));
        bools.append(i % 11 == 5 && i > 9 ? QJsonValue() : QJsonValue(i % 3 == 0));
        texts.append(i % 13 == 12 ? QJsonValue() : QJsonValue(QString(i % 17, u'ß')));
        decimals.append(i % 19 == 18 ? QJsonValue()
                                     : QJsonValue(u"%1%2.%3"_s.arg(i % 2 ? u"-"_s : QString())
                                                      .arg(i)
                                                      .arg(i % 100, 2, 10, QChar(u'0'))));
        QJsonArray list;
        for (int k = 0; k < i % 4; ++k)
            list.append(k == 2 ? QJsonValue() : QJsonValue(i + k));
        lists.append(i % 23 == 22 ? QJsonValue() : QJsonValue(list));
        unions.append(i % 3 == 0 ? QJsonObject { { u"type"_s, u"text"_s },
                                                 { u"value"_s, QString::number(i) } }
                                 : QJsonObject { { u"type"_s, u"number"_s },
                                                 { u"value"_s, i % 5 == 0 ? QJsonValue() : i } });
    }
    const QList<TestColumn> columns {
        { Field(u"i"_s, TypeId::Int32), u"Int32"_s, ints },
        { Field(u"b"_s, TypeId::Bool), u"Bool"_s, bools },
        { Field(u"s"_s, TypeId::Utf8), u"Utf8"_s, texts },
        { Field(u"d"_s, DataType::decimal128(12, 2)), u"Decimal[12e+2]"_s, decimals },
        { Field::list(u"l"_s, Field(u"item"_s, TypeId::Int32)), u"List<Int32>"_s, lists },
        { Field::denseUnion(u"u"_s,
                            { Field(u"text"_s, TypeId::Utf8), Field(u"number"_s, TypeId::Int32) }),
          u"Union<Utf8 | Int32>"_s, unions },
    };
    const QList<std::pair<int, int>> ranges { { 0, 2000 }, { 2000, rows } };
    const QByteArray stream = everyTypeStream(columns, ranges);
    QJsonObject decoded;
    const QString problem = decodeWithApacheArrow(stream, decoded);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QString differ = batchesDiffer(decoded["batches"_L1].toArray(), columns, ranges);
    QVERIFY2(differ.isEmpty(), qPrintable(differ));

    // Our reader agrees.
    const StreamRead read = readStream(stream);
    QVERIFY2(read.problem.isEmpty(), qPrintable(read.problem));
    QCOMPARE(read.batches.size(), ranges.size());
    for (int b = 0; b < ranges.size(); ++b) {
        for (int row = ranges[b].first; row < ranges[b].second; ++row) {
            for (int c = 0; c < columns.size(); ++c) {
                const QString wrong = mismatch(read.batches[b][row - ranges[b].first][c],
                                               columns[c].values[row], columns[c].field);
                QVERIFY2(wrong.isEmpty(), qPrintable(u"row %1: %2"_s.arg(row).arg(wrong)));
            }
        }
    }
}

void TestArrowIpc::writtenStreamReadBack()
{
    const QList<TestColumn> columns = everyTypeColumns();
    const StreamRead read = readStream(everyTypeStream(columns));
    QVERIFY2(read.problem.isEmpty(), qPrintable(read.problem));
    QVERIFY(read.schema == schemaOf(columns));
    QCOMPARE(read.batches.size(), batchRows.size());
    for (int b = 0; b < batchRows.size(); ++b) {
        const auto [first, end] = batchRows[b];
        QCOMPARE(read.batches[b].size(), qsizetype(end - first));
        for (int row = first; row < end; ++row) {
            const QVariantList &values = read.batches[b][row - first];
            QCOMPARE(values.size(), columns.size());
            for (int c = 0; c < columns.size(); ++c) {
                const QJsonArray &all =
                    columns[c].printed.isEmpty() ? columns[c].values : columns[c].printed;
                const QString problem = mismatch(values[c], all[row], columns[c].field);
                QVERIFY2(problem.isEmpty(), qPrintable(u"row %1: %2"_s.arg(row).arg(problem)));
            }
        }
    }
}

void TestArrowIpc::apacheArrowStreamRead()
{
    const QString file = m_dir.filePath(u"from-node.arrows"_s);
    const QJsonArray fields =
        QJsonDocument::fromJson(
            "[{\"name\": \"b\", \"type\": \"bool\"},"
            " {\"name\": \"i32\", \"type\": \"int32\", \"nullable\": false},"
            " {\"name\": \"i64\", \"type\": \"int64\", \"metadata\": {\"origin\": \"node\"}},"
            " {\"name\": \"f64\", \"type\": \"float64\"},"
            " {\"name\": \"s\", \"type\": \"utf8\"},"
            " {\"name\": \"bin\", \"type\": \"binary\"},"
            " {\"name\": \"dec\", \"type\": \"decimal\", \"precision\": 38, \"scale\": 9},"
            " {\"name\": \"d\", \"type\": \"date32\"},"
            " {\"name\": \"ts\", \"type\": \"timestamp_us\", \"timezone\": \"UTC\"},"
            " {\"name\": \"tsl\", \"type\": \"timestamp_us\"},"
            " {\"name\": \"t\", \"type\": \"time64_us\"}]")
            .array();
    const QJsonArray batches =
        QJsonDocument::fromJson(
            "[[[true, null, false], [1, -2147483648, 2147483647],"
            "  [\"9223372036854775807\", null, \"-9223372036854775808\"], [0.5, null, -1e-300],"
            "  [\"päärynä\", null, \"\"], [\"00ff10\", \"\", null],"
            "  [\"12345678901234567890.123456789\", \"-0.001\", null],"
            "  [19000, null, -719162], [1700000000123456, -1, null], [0, null, 1000],"
            "  [\"3600000000\", null, \"86399999000\"]],"
            " [[], [], [], [], [], [], [], [], [], [], []],"
            " [[null], [7], [\"-1\"], [2], [\"x\"], [\"ab\"], [\"-99999999999999999999999999999."
            "999999999\"], [0], [0], [null], [\"0\"]]]")
            .array();
    const test::NodeScriptRun run = test::runNodeScript(
        u"arrow-ipc.mjs"_s, u"apache-arrow"_s,
        { { u"mode"_s, u"encode"_s },
          { u"file"_s, file },
          { u"fields"_s, fields },
          { u"batches"_s, batches },
          { u"metadata"_s, QJsonObject { { u"writer"_s, u"apache-arrow"_s } } } },
        m_dir.filePath(u"encode.json"_s));
    QVERIFY2(run.problem.isEmpty(), qPrintable(run.problem));
    QVERIFY2(run.ok, run.output.left(2000).constData());
    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const StreamRead read = readStream(in.readAll());
    QVERIFY2(read.problem.isEmpty(), qPrintable(read.problem));

    Field i64(u"i64"_s, TypeId::Int64);
    i64.metadata = { { u"origin"_s, u"node"_s } };
    const Schema expected {
        { Field(u"b"_s, TypeId::Bool), Field(u"i32"_s, TypeId::Int32, false), i64,
          Field(u"f64"_s, TypeId::Float64), Field(u"s"_s, TypeId::Utf8),
          Field(u"bin"_s, TypeId::Binary), Field(u"dec"_s, DataType::decimal128(38, 9)),
          Field(u"d"_s, TypeId::Date32), Field(u"ts"_s, DataType::timestampMicros(u"UTC"_s)),
          Field(u"tsl"_s, DataType::timestampMicros()), Field(u"t"_s, DataType::time64Micros()) },
        { { u"writer"_s, u"apache-arrow"_s } }
    };
    QCOMPARE(read.schema.fields.size(), expected.fields.size());
    for (int c = 0; c < expected.fields.size(); ++c)
        QVERIFY2(read.schema.fields[c] == expected.fields[c],
                 qPrintable(u"%1: read %2"_s.arg(expected.fields[c].name,
                                                 read.schema.fields[c].type.name())));
    QVERIFY(read.schema == expected);

    QCOMPARE(read.batches.size(), batches.size());
    for (int b = 0; b < batches.size(); ++b) {
        const QJsonArray columns = batches[b].toArray();
        const qsizetype rows = columns[0].toArray().size();
        QCOMPARE(read.batches[b].size(), rows);
        for (qsizetype row = 0; row < rows; ++row) {
            for (int c = 0; c < columns.size(); ++c) {
                QJsonValue wanted = columns[c][row];
                if (expected.fields[c].type.id == TypeId::Decimal128 && wanted.isString())
                    wanted = Decimal128::parse(wanted.toString(), 38, 9)->toString(9);
                const QString problem =
                    mismatch(read.batches[b][row][c], wanted, expected.fields[c]);
                QVERIFY2(problem.isEmpty(),
                         qPrintable(u"batch %1 row %2: %3"_s.arg(b).arg(row).arg(problem)));
            }
        }
    }
    // The exact digits, spelled out rather than through our own decimal code.
    QCOMPARE(read.batches[0][0][6].toString(), u"12345678901234567890.123456789"_s);
    QCOMPARE(read.batches[0][1][6].toString(), u"-0.001000000"_s);
    QCOMPARE(read.batches[2][0][6].toString(), u"-99999999999999999999999999999.999999999"_s);
    QCOMPARE(read.batches[0][2][7].toDate(), QDate(1, 1, 1));
    QCOMPARE(read.batches[0][1][8].toDateTime(),
             QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 999), Qt::UTC));
}

void TestArrowIpc::badInput_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("schemaColumns"); // of the small batch's schema; 0: as written
    QTest::addColumn<QString>("error");

    const SmallBatch small = smallBatch();
    const QByteArray header = small.encoded.header;
    const QByteArray body = small.encoded.body;
    // Body: n's validity (8 bytes padded), n's values (24), s's offsets (16 padded), s's data.
    QCOMPARE(body.size(), qsizetype(8 + 24 + 16 + 8));

    QTest::newRow("truncated header")
        << header.left(header.size() / 2) << body << 0 << u"not a valid flatbuffer Message"_s;
    QTest::newRow("tiny header") << header.left(3) << body << 0 << u"truncated"_s;
    QByteArray random(256, Qt::Uninitialized);
    QRandomGenerator generator(18);
    for (char &byte : random)
        byte = char(generator.bounded(256));
    QTest::newRow("random bytes") << random << body << 0 << u"not a valid flatbuffer Message"_s;
    QTest::newRow("schema message")
        << schemaMessage(small.schema) << body << 0 << u"is a Schema, not a RecordBatch"_s;
    QTest::newRow("short body") << header << body.left(20) << 0
                                << u"body is 20 bytes, its message says 56"_s;

    // n's values buffer (offset 8, length 24) moved past the body.
    const QByteArray valuesBuffer = int64Pair(8, 24);
    QCOMPARE(header.count(valuesBuffer), qsizetype(1));
    QByteArray pastBody = header;
    pastBody.replace(valuesBuffer, int64Pair(4096, 24));
    QTest::newRow("buffer past the body")
        << pastBody << body << 0
        << u"'n': its values buffer (offset 4096, length 24) lies outside the 56-byte body"_s;
    QByteArray negative = header;
    negative.replace(valuesBuffer, int64Pair(-8, 24));
    QTest::newRow("negative offset") << negative << body << 0 << u"lies outside"_s;

    // s's offsets [0, 3, 5, 6] at body offset 32.
    QCOMPARE(qFromLittleEndian<qint32>(body.constData() + 36), 3);
    QByteArray backwards = body;
    qToLittleEndian<qint32>(6, backwards.data() + 36);
    QTest::newRow("offsets going backwards")
        << header << backwards << 0 << u"'s': offset 2 (5) goes backwards from 6"_s;
    QByteArray pastData = body;
    qToLittleEndian<qint32>(100, pastData.data() + 44);
    QTest::newRow("offset past the data")
        << header << pastData << 0 << u"its last offset 100 is past the data buffer's end (6)"_s;
    QByteArray badUtf8 = body;
    badUtf8[48] = char(0xFF);
    QTest::newRow("invalid utf-8") << header << badUtf8 << 0 << u"'s': row 0 is not valid UTF-8"_s;

    QTest::newRow("more nodes than the schema")
        << header << body << 1 << u"has 2 field nodes, the schema needs 1"_s;
    QTest::newRow("fewer nodes than the schema")
        << header << body << 3 << u"has 2 field nodes, too few for the schema (column 'x')"_s;

    // The field node of n claims 4 nulls in 3 rows.
    const QByteArray node = int64Pair(3, 1);
    QCOMPARE(header.count(node), qsizetype(1));
    QByteArray nulls = header;
    nulls.replace(node, int64Pair(3, 4));
    QTest::newRow("null count past length")
        << nulls << body << 0 << u"'n': field node length 3 with null count 4"_s;
    QByteArray longer = header;
    longer.replace(node, int64Pair(2, 1));
    QTest::newRow("node length mismatch")
        << longer << body << 0 << u"'n' has 2 values, the batch 3 rows"_s;
}

void TestArrowIpc::badInput()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, body);
    QFETCH(int, schemaColumns);
    QFETCH(QString, error);
    Schema schema = smallBatch().schema;
    if (schemaColumns == 1)
        schema.fields.removeLast();
    if (schemaColumns == 3)
        schema.fields.append(Field(u"x"_s, TypeId::Int32));
    const Result<QList<QVariantList>> rows = readRecordBatchRows(header, body, schema);
    QVERIFY(!rows.ok());
    QCOMPARE(rows.error().kind, ErrorKind::BadRequest);
    QVERIFY2(rows.error().message.contains(error), qPrintable(rows.error().message));
}

void TestArrowIpc::badSchema()
{
    const SmallBatch small = smallBatch();
    const QByteArray header = schemaMessage(small.schema);
    const Result<Schema> truncated = readSchemaMessage(header.left(header.size() - 9));
    QVERIFY(!truncated.ok());
    QVERIFY2(truncated.error().message.contains(u"not a valid flatbuffer Message"_s),
             qPrintable(truncated.error().message));
    const Result<Schema> batch = readSchemaMessage(small.encoded.header);
    QVERIFY(!batch.ok());
    QVERIFY2(batch.error().message.contains(u"is a RecordBatch, not a Schema"_s),
             qPrintable(batch.error().message));
    const Result<Schema> empty = readSchemaMessage({});
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().kind, ErrorKind::BadRequest);
    // An encapsulated message whose metadata size runs past the bytes given.
    QByteArray cut = ipcSchema(small.schema);
    cut.chop(8);
    const Result<std::pair<QByteArray, QByteArray>> split = splitEncapsulated(cut);
    QVERIFY(!split.ok());
    QVERIFY2(split.error().message.contains(u"bytes of metadata"_s),
             qPrintable(split.error().message));
    QVERIFY(!splitEncapsulated(endOfStream()).ok());
}

void TestArrowIpc::malformedInputNeverCrashes()
{
    // The untouched batch reads; then bytes of header and body flipped at random must each give
    // rows or an error, never a crash (run under the asan preset to see out-of-bounds reads).
    const SmallBatch small = smallBatch();
    const Result<QList<QVariantList>> good =
        readRecordBatchRows(small.encoded.header, small.encoded.body, small.schema);
    QVERIFY(good.ok());
    QCOMPARE(good->size(), qsizetype(3));
    QCOMPARE(good->at(1), QVariantList({ QVariant(), u"de"_s }));

    const QList<TestColumn> columns = everyTypeColumns();
    const Schema schema = schemaOf(columns);
    const QByteArray stream = everyTypeStream(columns);
    const Result<EncapsulatedMessage> schemaPart = nextEncapsulated(stream);
    QVERIFY(schemaPart.ok());
    // The third batch (the first holds a 200 kB string).
    qsizetype pos = schemaPart->size;
    Result<EncapsulatedMessage> batch = nextEncapsulated(stream.sliced(pos));
    for (int skip = 0; skip < 2 && batch.ok(); ++skip) {
        pos += batch->size;
        batch = nextEncapsulated(stream.sliced(pos));
    }
    QVERIFY(batch.ok());
    QVERIFY(readRecordBatchRows(batch->header, batch->body, schema).ok());
    QRandomGenerator generator(1818);
    int refused = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray header = batch->header;
        QByteArray body = batch->body;
        const int flips = 1 + int(generator.bounded(4));
        for (int f = 0; f < flips; ++f) {
            QByteArray &target = generator.bounded(2) ? header : body;
            target[int(generator.bounded(int(target.size())))] = char(generator.bounded(256));
        }
        const Result<QList<QVariantList>> rows = readRecordBatchRows(header, body, schema);
        if (!rows.ok())
            ++refused;
        // A schema spoilt the same way, and the good batch read as that schema.
        QByteArray schemaHeader = schemaPart->header;
        for (int f = 0; f < flips; ++f)
            schemaHeader[int(generator.bounded(int(schemaHeader.size())))] =
                char(generator.bounded(256));
        const Result<Schema> mangledSchema = readSchemaMessage(schemaHeader);
        if (mangledSchema.ok())
            (void)readRecordBatchRows(batch->header, batch->body, *mangledSchema).ok();
    }
    QVERIFY(refused > 0);
    // Random prefixes of a stream: every message cut short is refused.
    for (qsizetype cut = 1; cut < schemaPart->size; cut += 7)
        QVERIFY(!nextEncapsulated(QByteArrayView(stream).first(cut)).ok());
}

QTEST_GUILESS_MAIN(TestArrowIpc)
#include "tst_arrowipc.moc"
