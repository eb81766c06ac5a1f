#include "db/dialect.h"
#include "db/rowwriter.h"
#include "db/sqlbuilder.h"
#include "query/readspec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;

namespace {

const QString kConnection = u"rowwriter"_s;

} // namespace

// RowWriter against a real SQLite file: every column kind the API writes, NULLs, values SQLite
// stores with a type other than the declared one, keys in column order. The JSON is compared
// byte for byte and must parse.
class TestRowWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void introspectedTypes();
    void rows_data();
    void rows();
    void selectedFieldsKeepTheirOrder();
    void aggregatesByRuntimeType();
    void oddColumnNames();

private:
    bool exec(const QString &sql);
    // Runs `sql` as the API does (forward-only, HighPrecision) and writes every row.
    QByteArray write(const BoundSql &sql, const QList<OutputColumn> &columns);
    const Table *table(const QString &name) const { return m_schema.table(name); }

    QTemporaryDir m_dir;
    Schema m_schema;
};

bool TestRowWriter::exec(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(kConnection));
    if (!query.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

QByteArray TestRowWriter::write(const BoundSql &sql, const QList<OutputColumn> &columns)
{
    QSqlQuery query(QSqlDatabase::database(kConnection));
    query.setForwardOnly(true);
    query.setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (!query.prepare(sql.sql)) {
        qWarning("%s: %s", qPrintable(sql.sql), qPrintable(query.lastError().text()));
        return {};
    }
    for (const QVariant &value : sql.binds)
        query.addBindValue(value);
    if (!query.exec()) {
        qWarning("%s: %s", qPrintable(sql.sql), qPrintable(query.lastError().text()));
        return {};
    }
    const RowWriter writer(columns);
    QByteArray out;
    JsonWriter w(out);
    w.beginArray();
    while (query.next())
        writer.writeRow(w, query);
    w.endArray();
    return out;
}

void TestRowWriter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, kConnection);
    db.setDatabaseName(m_dir.filePath(u"rows.sqlite"_s));
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));

    QVERIFY(exec(u"CREATE TABLE items ("
                 " id INTEGER PRIMARY KEY,"
                 " qty BIGINT,"
                 " price NUMERIC(10,2),"
                 " ratio REAL,"
                 " flag BOOLEAN,"
                 " day DATE,"
                 " at DATETIME,"
                 " doc JSON,"
                 " bin BLOB,"
                 " name TEXT,"
                 " uid UUID)"_s));
    // One row per concern; ids give the order.
    QVERIFY(
        exec(u"INSERT INTO items VALUES (1, 3, 19.99, 0.1, 1, '2024-02-29', '2024-02-29T10:11:12Z',"
             " '{\"a\": [1, 2], \"b\": null}', X'00FF10', 'Zoë 日本 \"quoted\" \\ back',"
             " '123e4567-e89b-12d3-a456-426614174000')"_s));
    QVERIFY(exec(u"INSERT INTO items (id) VALUES (2)"_s));
    QVERIFY(exec(u"INSERT INTO items VALUES (3, 9223372036854775807, 20, 1e300, 0, '1999-12-31',"
                 " '1999-12-31T23:59:59.123+01:00', '[1, \"two\", 3.5]', X'', '', NULL)"_s));
    QVERIFY(exec(
        u"INSERT INTO items VALUES (4, -9223372036854775808, '12345678901234567890.123', -2.5,"
        " 'true', NULL, NULL, 'not json', NULL, 'line1' || char(10) || 'tab' || char(9) || 'end', NULL)"_s));
    QVERIFY(exec(
        u"INSERT INTO items VALUES (5, 'n/a', 'cheap', 'x', 'maybe', NULL, NULL, '42', 'text in blob', NULL, NULL)"_s));
    QVERIFY(exec(
        u"INSERT INTO items VALUES (6, NULL, NULL, NULL, 'f', NULL, NULL, '  \"s\"  ', NULL, char(8232), NULL)"_s));
    QVERIFY(exec(
        u"INSERT INTO items VALUES (7, NULL, NULL, NULL, NULL, NULL, NULL, '{\"unterminated\": ', NULL, NULL, NULL)"_s));
    QVERIFY(exec(
        u"INSERT INTO items VALUES (8, NULL, NULL, NULL, NULL, NULL, NULL, '', NULL, NULL, NULL)"_s));
    QVERIFY(exec(
        u"INSERT INTO items VALUES (9, NULL, NULL, NULL, NULL, NULL, NULL, 'true', NULL, NULL, NULL)"_s));

    QVERIFY(exec(u"INSERT INTO items (id, doc) VALUES (10, '[.5, 1.]')"_s));
    QVERIFY(exec(u"INSERT INTO items (id, doc) VALUES (11, '[\"a' || char(9) || 'b\"]')"_s));

    QVERIFY(
        exec(u"CREATE TABLE \"odd\" (\"we\"\"ird\" TEXT, \"new\nline\" INTEGER, \"ключ\" TEXT)"_s));
    QVERIFY(exec(u"INSERT INTO \"odd\" VALUES ('a', 1, 'б')"_s));

    auto schema = dialectForDriver(u"sqlite"_s)->introspect(db, QString());
    QVERIFY2(schema, qPrintable(schema ? QString() : schema.error().message));
    m_schema = *schema;
    m_schema.buildIndex();
}

void TestRowWriter::cleanupTestCase()
{
    QSqlDatabase::database(kConnection).close();
    QSqlDatabase::removeDatabase(kConnection);
}

void TestRowWriter::introspectedTypes()
{
    // The rows below rely on these column kinds.
    const Table *items = table(u"items"_s);
    QVERIFY(items);
    QList<JsonType> types;
    for (const Column &c : items->columns)
        types.append(c.jsonType);
    const QList<JsonType> expected = { JsonType::Integer,  JsonType::Integer, JsonType::Decimal,
                                       JsonType::Float,    JsonType::Boolean, JsonType::Date,
                                       JsonType::DateTime, JsonType::Json,    JsonType::Binary,
                                       JsonType::String,   JsonType::Uuid };
    QCOMPARE(types, expected);
}

void TestRowWriter::rows_data()
{
    QTest::addColumn<int>("id");
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("every kind")
        << 1
        << "{\"id\":1,\"qty\":3,\"price\":19.99,\"ratio\":0.1,\"flag\":true,\"day\":\"2024-02-29\","
           "\"at\":\"2024-02-29T10:11:12Z\",\"doc\":{\"a\": [1, 2], \"b\": null},\"bin\":\"AP8Q\","
           "\"name\":\"Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac \\\"quoted\\\" \\\\ back\","
           "\"uid\":\"123e4567-e89b-12d3-a456-426614174000\"}"_ba;
    QTest::newRow("NULLs")
        << 2
        << "{\"id\":2,\"qty\":null,\"price\":null,\"ratio\":null,\"flag\":null,\"day\":null,"
           "\"at\":null,\"doc\":null,\"bin\":null,\"name\":null,\"uid\":null}"_ba;
    QTest::newRow("extremes")
        << 3
        << "{\"id\":3,\"qty\":9223372036854775807,\"price\":20.00,\"ratio\":1e+300,\"flag\":false,"
           "\"day\":\"1999-12-31\",\"at\":\"1999-12-31T23:59:59.123+01:00\",\"doc\":[1, \"two\", "
           "3.5],"
           "\"bin\":\"\",\"name\":\"\",\"uid\":null}"_ba;
    // NUMERIC affinity turns the 23-digit text into SQLite's nearest double: that value is what
    // the database holds, and it is written exactly, with the declared scale (NUMERIC(10,2)),
    // without an exponent or float noise.
    QTest::newRow("text that is not JSON, big decimal")
        << 4
        << "{\"id\":4,\"qty\":-9223372036854775808,\"price\":12345678901234567168.00,\"ratio\":-2."
           "5,"
           "\"flag\":true,\"day\":null,\"at\":null,\"doc\":\"not json\",\"bin\":null,"
           "\"name\":\"line1\\ntab\\tend\",\"uid\":null}"_ba;
    // SQLite stores anything anywhere: a value that does not fit its column is written by its
    // own type instead of breaking the response.
    QTest::newRow("values of the wrong type")
        << 5
        << "{\"id\":5,\"qty\":\"n/"
           "a\",\"price\":\"cheap\",\"ratio\":\"x\",\"flag\":\"maybe\",\"day\":null,"
           "\"at\":null,\"doc\":42,\"bin\":\"text in blob\",\"name\":null,\"uid\":null}"_ba;
    QTest::newRow("JSON string scalar, U+2028")
        << 6
        << "{\"id\":6,\"qty\":null,\"price\":null,\"ratio\":null,\"flag\":false,\"day\":null,"
           "\"at\":null,\"doc\":\"s\",\"bin\":null,\"name\":\"\xe2\x80\xa8\",\"uid\":null}"_ba;
    QTest::newRow("truncated JSON is a string")
        << 7
        << "{\"id\":7,\"qty\":null,\"price\":null,\"ratio\":null,\"flag\":null,\"day\":null,"
           "\"at\":null,\"doc\":\"{\\\"unterminated\\\": \",\"bin\":null,\"name\":null,\"uid\":null}"_ba;
    QTest::newRow("empty JSON text")
        << 8
        << "{\"id\":8,\"qty\":null,\"price\":null,\"ratio\":null,\"flag\":null,\"day\":null,"
           "\"at\":null,\"doc\":\"\",\"bin\":null,\"name\":null,\"uid\":null}"_ba;
    QTest::newRow("JSON literal")
        << 9
        << "{\"id\":9,\"qty\":null,\"price\":null,\"ratio\":null,\"flag\":null,\"day\":null,"
           "\"at\":null,\"doc\":true,\"bin\":null,\"name\":null,\"uid\":null}"_ba;
    // Text Qt's parser accepts but RFC 8259 does not must not be embedded as JSON: strict
    // clients would reject the whole response.
    QTest::newRow("lax JSON: bare fractions")
        << 10
        << "{\"id\":10,\"qty\":null,\"price\":null,\"ratio\":null,\"flag\":null,\"day\":null,"
           "\"at\":null,\"doc\":\"[.5, 1.]\",\"bin\":null,\"name\":null,\"uid\":null}"_ba;
    QTest::newRow("lax JSON: raw tab in a string")
        << 11
        << "{\"id\":11,\"qty\":null,\"price\":null,\"ratio\":null,\"flag\":null,\"day\":null,"
           "\"at\":null,\"doc\":\"[\\\"a\\tb\\\"]\",\"bin\":null,\"name\":null,\"uid\":null}"_ba;
}

void TestRowWriter::rows()
{
    QFETCH(int, id);
    QFETCH(QByteArray, json);

    const SqlBuilder builder(*dialectForDriver(u"sqlite"_s), *table(u"items"_s));
    auto read = parseReadSpec({ { u"ids"_s, QString::number(id) } }, ReadLimits {});
    QVERIFY(read);
    auto plan = builder.select(*read);
    QVERIFY(plan);
    QCOMPARE(plan->sql.binds.size(), 1);

    const QByteArray out = write(plan->sql, plan->columns);
    QCOMPARE(out, "[" + json + "]");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(doc.array().size(), 1);
}

void TestRowWriter::selectedFieldsKeepTheirOrder()
{
    const SqlBuilder builder(*dialectForDriver(u"sqlite"_s), *table(u"items"_s));
    auto read = parseReadSpec({ { u"fields"_s, u"name,id,price AS cost"_s },
                                { u"filter"_s, u"id <= 4"_s },
                                { u"order"_s, u"id DESC"_s },
                                { u"limit"_s, u"3"_s } },
                              ReadLimits {});
    QVERIFY(read);
    auto plan = builder.select(*read);
    QVERIFY(plan);
    const QByteArray out = write(plan->sql, plan->columns);
    QCOMPARE(out,
             "[{\"name\":\"line1\\ntab\\tend\",\"id\":4,\"cost\":12345678901234567168.00},"
             "{\"name\":\"\",\"id\":3,\"cost\":20.00},{\"name\":null,\"id\":2,\"cost\":null}]"_ba);
}

void TestRowWriter::aggregatesByRuntimeType()
{
    const SqlBuilder builder(*dialectForDriver(u"sqlite"_s), *table(u"items"_s));
    auto read = parseReadSpec(
        { { u"fields"_s, u"COUNT(*),COUNT(day) AS days,SUM(ratio) AS total,MAX(day) AS latest"_s },
          { u"filter"_s, u"id <= 3"_s } },
        ReadLimits {});
    QVERIFY(read);
    auto plan = builder.select(*read);
    QVERIFY(plan);
    const QByteArray out = write(plan->sql, plan->columns);
    QCOMPARE(out, "[{\"count\":3,\"days\":2,\"total\":1e+300,\"latest\":\"2024-02-29\"}]"_ba);
    QVERIFY(!QJsonDocument::fromJson(out).isNull());
}

void TestRowWriter::oddColumnNames()
{
    const Table *odd = table(u"odd"_s);
    QVERIFY(odd);
    const SqlBuilder builder(*dialectForDriver(u"sqlite"_s), *odd);
    auto plan = builder.select(*parseReadSpec({}, ReadLimits {}));
    QVERIFY(plan);
    const QByteArray out = write(plan->sql, plan->columns);
    QCOMPARE(
        out,
        "[{\"we\\\"ird\":\"a\",\"new\\nline\":1,\"\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87\":\"\xd0\xb1\"}]"_ba);
    const QJsonObject row = QJsonDocument::fromJson(out).array().first().toObject();
    QCOMPARE(row.value(u"we\"ird"_s).toString(), u"a"_s);
    QCOMPARE(row.value(u"new\nline"_s).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestRowWriter)
#include "tst_rowwriter.moc"
