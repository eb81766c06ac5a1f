#include "db/backends.h"
#include "db/connection.h"
#include "db/dialect.h"
#include "db/rowcursor.h"
#include "db/rowwriter.h"
#include "db/sql/sqlbuilder.h"
#include "db/sqlite/sqlitecursor.h"
#include "query/readspec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace sluice;

namespace {

const QString kConnection = u"rowwriter"_s;

} // namespace

// RowWriter against a real SQLite file: every column kind the API writes, NULLs, values SQLite
// stores with a type other than the declared one, keys in column order. The JSON is compared
// byte for byte and must parse. Every case is read both ways a Connection has: through QSqlQuery
// (QueryCursor) and through SQLite's own statement (SqliteCursor, what Connection::select uses on
// QSQLITE), which must write the same bytes and give the same values.
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
    void textThatIsNotUtf8();
    void bothPathsGiveTheSameValues();
    void bindsOfEveryType();
    void failedStepIsAnError();
    void dateTimesAsRfc3339();

private:
    bool exec(const QString &sql);
    // Runs `sql` as the API does, both ways, and writes every row; the two texts must agree.
    QByteArray write(const BoundSql &sql, const QList<OutputColumn> &columns);
    // One way: `native` through Connection::select (SqliteCursor), else through a QSqlQuery.
    QByteArray writeVia(bool native, const BoundSql &sql, const QList<OutputColumn> &columns);
    std::unique_ptr<RowCursor> cursor(bool native, const BoundSql &sql);
    const Table *table(const QString &name) const { return m_schema.table(name); }

    QTemporaryDir m_dir;
    Schema m_schema;
    std::unique_ptr<Connection> m_connection;
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

std::unique_ptr<RowCursor> TestRowWriter::cursor(bool native, const BoundSql &sql)
{
    if (native) {
        auto selected = m_connection->select(sql.sql, sql.binds);
        if (!selected) {
            qWarning("%s: %s", qPrintable(sql.sql), qPrintable(selected.error().message));
            return {};
        }
        if (!dynamic_cast<SqliteCursor *>(selected->get()))
            qWarning("%s: not read through SQLite's own statement", qPrintable(sql.sql));
        return std::move(*selected);
    }
    auto query = m_connection->execute(sql.sql, sql.binds);
    if (!query) {
        qWarning("%s: %s", qPrintable(sql.sql), qPrintable(query.error().message));
        return {};
    }
    return std::make_unique<QueryCursor>(**query, *m_connection);
}

QByteArray TestRowWriter::writeVia(bool native, const BoundSql &sql,
                                   const QList<OutputColumn> &columns)
{
    const std::unique_ptr<RowCursor> rows = cursor(native, sql);
    if (!rows || (native && !dynamic_cast<SqliteCursor *>(rows.get())))
        return {};
    const RowWriter writer(columns);
    QByteArray out;
    JsonWriter w(out);
    w.beginArray();
    while (rows->next())
        rows->writeRow(w, writer);
    w.endArray();
    if (Status s = rows->finish(); !s) {
        qWarning("%s: %s", qPrintable(sql.sql), qPrintable(s.error().message));
        return {};
    }
    return out;
}

QByteArray TestRowWriter::write(const BoundSql &sql, const QList<OutputColumn> &columns)
{
    const QByteArray viaQuery = writeVia(false, sql, columns);
    const QByteArray viaSqlite = writeVia(true, sql, columns);
    if (viaQuery != viaSqlite) {
        qWarning("QSqlQuery wrote  %s", viaQuery.constData());
        qWarning("SqliteCursor wrote %s", viaSqlite.constData());
        return "(the two paths differ)";
    }
    return viaQuery;
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
    // Text that is not UTF-8 (SQLite takes what it is given), and a character beyond the BMP.
    QVERIFY(exec(u"INSERT INTO items (id, name, uid) VALUES (12, CAST(X'41C328FF' AS TEXT),"
                 " char(128512))"_s));

    QVERIFY(
        exec(u"CREATE TABLE \"odd\" (\"we\"\"ird\" TEXT, \"new\nline\" INTEGER, \"ключ\" TEXT)"_s));
    QVERIFY(exec(u"INSERT INTO \"odd\" VALUES ('a', 1, 'б')"_s));

    auto schema = dialectForDriver(u"sqlite"_s)->introspect(db, QString());
    QVERIFY2(schema, qPrintable(schema ? QString() : schema.error().message));
    m_schema = *schema;
    m_schema.buildIndex();

    ServiceConfig service;
    service.name = u"rows"_s;
    service.driver = u"sqlite"_s;
    service.dsn = db.databaseName();
    m_connection = std::make_unique<Connection>(service, *dialectForDriver(u"sqlite"_s),
                                                u"rowwriter-api"_s, 5000);
    QVERIFY(m_connection->ensureOpen());
}

void TestRowWriter::cleanupTestCase()
{
    m_connection.reset();
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

void TestRowWriter::textThatIsNotUtf8()
{
    const SqlBuilder builder(*dialectForDriver(u"sqlite"_s), *table(u"items"_s));
    auto read =
        parseReadSpec({ { u"ids"_s, u"12"_s }, { u"fields"_s, u"name,uid"_s } }, ReadLimits {});
    QVERIFY(read);
    auto plan = builder.select(*read);
    QVERIFY(plan);
    const QByteArray out = write(plan->sql, plan->columns);
    // The bytes that are not UTF-8 become U+FFFD, as SQLite reads them; the emoji stays whole.
    QCOMPARE(out, "[{\"name\":\"A\xef\xbf\xbd(\xef\xbf\xbd\",\"uid\":\"\xf0\x9f\x98\x80\"}]"_ba);
    QVERIFY(!QJsonDocument::fromJson(out).isNull());
}

void TestRowWriter::bothPathsGiveTheSameValues()
{
    const BoundSql every { u"SELECT *, id * 0.5, NULL, CAST(id AS TEXT) FROM items ORDER BY id"_s,
                           {} };
    const std::unique_ptr<RowCursor> viaQuery = cursor(false, every);
    const std::unique_ptr<RowCursor> viaSqlite = cursor(true, every);
    QVERIFY(viaQuery && viaSqlite);
    QVERIFY(dynamic_cast<SqliteCursor *>(viaSqlite.get()));
    int rows = 0;
    while (viaQuery->next()) {
        QVERIFY(viaSqlite->next());
        ++rows;
        for (int i = 0; i < 14; ++i) {
            const QVariant expected = viaQuery->value(i);
            const QVariant actual = viaSqlite->value(i);
            const QByteArray where =
                "row " + QByteArray::number(rows) + ", column " + QByteArray::number(i);
            QVERIFY2(actual.metaType() == expected.metaType(), where.constData());
            QVERIFY2(actual.isNull() == expected.isNull(), where.constData());
            QVERIFY2(actual == expected, where.constData());
        }
    }
    QVERIFY(!viaSqlite->next());
    QCOMPARE(rows, 12);
    QVERIFY(viaQuery->finish());
    QVERIFY(viaSqlite->finish());
}

void TestRowWriter::bindsOfEveryType()
{
    const QVariantList binds = { u"text"_s,
                                 QString(),
                                 QString(u""_s),
                                 42,
                                 true,
                                 qlonglong(-9007199254740993LL),
                                 uint(4000000000u),
                                 2.5,
                                 QByteArray("\x00\x01", 2),
                                 QVariant() };
    QString values, types;
    for (qsizetype i = 0; i < binds.size(); ++i) {
        values += i ? u", ?"_s : u"?"_s;
        types += i ? u", typeof(?)"_s : u"typeof(?)"_s;
    }
    for (const QString &select : QStringList { u"SELECT "_s + values, u"SELECT "_s + types }) {
        const BoundSql sql { select, binds };
        const std::unique_ptr<RowCursor> viaQuery = cursor(false, sql);
        const std::unique_ptr<RowCursor> viaSqlite = cursor(true, sql);
        QVERIFY(viaQuery && viaSqlite);
        QVERIFY(dynamic_cast<SqliteCursor *>(viaSqlite.get()));
        QVERIFY(viaQuery->next() && viaSqlite->next());
        for (int i = 0; i < binds.size(); ++i) {
            QCOMPARE(viaSqlite->value(i), viaQuery->value(i));
            QCOMPARE(viaSqlite->value(i).isNull(), viaQuery->value(i).isNull());
        }
        QVERIFY(viaQuery->finish());
        QVERIFY(viaSqlite->finish());
    }

    // A value QSQLITE binds by a text form of its own goes through QSqlQuery, to the same answer.
    const BoundSql dated { u"SELECT ?"_s,
                           { QDateTime(QDate(2024, 2, 29), QTime(13, 45), Qt::UTC) } };
    const auto selected = m_connection->select(dated.sql, dated.binds);
    QVERIFY(selected);
    QVERIFY(dynamic_cast<QueryCursor *>(selected->get()));
    QVERIFY((*selected)->next());
    QCOMPARE((*selected)->value(0).toString(), u"2024-02-29T13:45:00.000Z"_s);
    QVERIFY((*selected)->finish());
}

void TestRowWriter::failedStepIsAnError()
{
    // abs() of the smallest integer overflows: SQLite fails the step that reaches it.
    const BoundSql atOnce { u"SELECT abs(-9223372036854775807 - 1)"_s, {} };
    const auto refused = m_connection->select(atOnce.sql, atOnce.binds);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"integer overflow"_s),
             qPrintable(refused.error().message));

    const BoundSql later { u"SELECT abs(x) FROM (SELECT 1 AS x UNION ALL"
                           " SELECT -9223372036854775807 - 1)"_s,
                           {} };
    for (const bool native : { false, true }) {
        const std::unique_ptr<RowCursor> rows = cursor(native, later);
        QVERIFY(rows);
        QVERIFY(rows->next());
        QCOMPARE(rows->value(0), QVariant(qlonglong(1)));
        QVERIFY(!rows->next());
        const Status finished = rows->finish();
        QVERIFY2(!finished, native ? "SqliteCursor" : "QueryCursor");
        QVERIFY2(finished.error().message.contains(u"integer overflow"_s),
                 qPrintable(finished.error().message));
    }
    // The same statement runs cleanly afterwards: no error is left over from the failed run.
    const QString again = u"SELECT abs(x) FROM (SELECT 1 AS x UNION ALL SELECT ?)"_s;
    for (const bool native : { false, true }) {
        const std::unique_ptr<RowCursor> failing =
            cursor(native, { again, { qlonglong(std::numeric_limits<qint64>::min()) } });
        QVERIFY(failing);
        while (failing->next()) { }
        QVERIFY(!failing->finish());
        const std::unique_ptr<RowCursor> fine = cursor(native, { again, { qlonglong(-2) } });
        QVERIFY(fine);
        int rows = 0;
        while (fine->next())
            ++rows;
        QCOMPARE(rows, 2);
        QVERIFY2(fine->finish(), native ? "SqliteCursor" : "QueryCursor");
    }
    // The connection stays usable.
    OutputColumn n;
    n.name = u"n"_s;
    n.dynamic = true;
    QCOMPARE(write({ u"SELECT 7 AS n"_s, {} }, { n }), "[{\"n\":7}]"_ba);
}

void TestRowWriter::dateTimesAsRfc3339()
{
    OutputColumn zoned;
    zoned.name = u"at"_s;
    zoned.type = JsonType::DateTime;
    zoned.zoned = true;
    OutputColumn naive = zoned;
    naive.zoned = false;
    auto written = [](const OutputColumn &column, const QVariant &value) {
        QByteArray out;
        JsonWriter w(out);
        RowWriter({ column }).writeValue(w, column, value);
        return out;
    };
    const QDateTime utc(QDate(2024, 2, 29), QTime(13, 45, 30), Qt::UTC);
    QCOMPARE(written(zoned, utc), "\"2024-02-29T13:45:30Z\""_ba);
    QCOMPARE(written(zoned, utc.addMSecs(7)), "\"2024-02-29T13:45:30.007Z\""_ba);
    QCOMPARE(written(zoned, QDateTime(QDate(33, 1, 2), QTime(3, 4, 5, 600), Qt::UTC)),
             "\"0033-01-02T03:04:05.600Z\""_ba);
    // An instant in another zone is written in UTC.
    QCOMPARE(written(zoned, QDateTime(QDate(2024, 1, 1), QTime(0, 30), Qt::OffsetFromUTC, 3600)),
             "\"2023-12-31T23:30:00Z\""_ba);
    // A wall clock without a zone stays as the database holds it.
    const QDateTime local(QDate(1999, 12, 31), QTime(23, 59, 59), Qt::LocalTime);
    QCOMPARE(written(naive, local), "\"1999-12-31T23:59:59\""_ba);
    QCOMPARE(written(naive, local.addMSecs(123)), "\"1999-12-31T23:59:59.123\""_ba);
    // Beyond four-digit years Qt's own formatting answers.
    QCOMPARE(written(zoned, QDateTime(QDate(12000, 5, 6), QTime(7, 8, 9), Qt::UTC)),
             "\"12000-05-06T07:08:09Z\""_ba);
}

QTEST_GUILESS_MAIN(TestRowWriter)
#include "tst_rowwriter.moc"
