#include "config/serviceconfig.h"
#include "core/jsonwriter.h"
#include "db/backends.h"
#include "db/connection.h"
#include "db/dialect.h"
#include "db/postgres/pgparams.h"
#include "db/postgres/pgresultcursor.h"
#include "db/postgres/postgresconnection.h"
#include "db/rowcursor.h"
#include "db/rowwriter.h"
#include "db/sql/sqlbuilder.h"
#include "pgserver.h"

#include <QDate>
#include <QDateTime>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTest>
#include <QTime>
#include <QUuid>

#include <libpq-fe.h>

#include <cmath>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace sluice;
using namespace sluice::test;

// PostgreSQL's rows written from libpq's text (PgResultCursor, and Connection::select() on a
// QPSQL connection, PostgresNativeReads) against the same rows read through QSqlQuery and
// RowWriter, on a real server: every type, every way a column can be declared to the writer,
// in UTC and non-UTC sessions and processes. The JSON must be the same bytes and value() the same
// QVariant, for every value; binds must select the same rows; errors must be classified the
// same.
class TestPgResultCursor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void sameJsonAsQsqlQuery_data();
    void sameJsonAsQsqlQuery();
    void manyRowsBothWays();
    void bindsMeanWhatQpsqlMeans_data();
    void bindsMeanWhatQpsqlMeans();
    void errorsAreClassifiedAsBefore_data();
    void errorsAreClassifiedAsBefore();
    void statementTimeout();
    void lostConnectionReadsAgain();
    void clearDeallocates();
    void paramsWithoutTypes();

private:
    ServiceConfig service() const;
    void setSessionZone(const QString &zone);
    static void setProcessZone(const QByteArray &zone);

    PgServer *m_server = nullptr;
    std::unique_ptr<Connection> m_connection;
};

namespace {

struct TypeCase
{
    QString type;
    QStringList literals; // SQL literals of text, cast to `type`
};

QList<TypeCase> typeCases()
{
    return {
        { u"int2"_s, { u"'0'"_s, u"'-32768'"_s, u"'32767'"_s } },
        { u"int4"_s, { u"'42'"_s, u"'-2147483648'"_s, u"'2147483647'"_s } },
        { u"int8"_s,
          { u"'9223372036854775807'"_s, u"'-9223372036854775808'"_s, u"'1'"_s, u"'-0'"_s } },
        { u"numeric"_s,
          { u"'123456789012345678901234567890.123456789012'"_s,
            u"'-0.000000000000000000000000000001'"_s, u"'NaN'"_s, u"'Infinity'"_s, u"'-Infinity'"_s,
            u"'-0'"_s, u"'1.50'"_s, u"'100'"_s } },
        { u"numeric(8,2)"_s, { u"'12.5'"_s, u"'-0.01'"_s, u"'123456.789'"_s } },
        { u"float8"_s,
          { u"'NaN'"_s, u"'Infinity'"_s, u"'-Infinity'"_s, u"'-0'"_s, u"'0.1'"_s, u"'1e308'"_s,
            u"'5e-324'"_s, u"'1.5e-7'"_s, u"'123456789012345678'"_s } },
        { u"float4"_s, { u"'NaN'"_s, u"'-0'"_s, u"'3.4e38'"_s, u"'0.1'"_s, u"'-Infinity'"_s } },
        { u"bool"_s, { u"'t'"_s, u"'f'"_s } },
        { u"text"_s,
          { u"''"_s, u"'plain'"_s, u"E'quote \" backslash \\\\ slash / tab \\t nl \\n cr \\r'"_s,
            u"E'control \\x01 \\x1f del \\x7f'"_s,
            u"'unicode \u00dc\u00f1\u00ef \u20ac \u2028 \U0001F600'"_s, u"'42'"_s, u"'-1.5e3'"_s,
            u"'007'"_s, u"'true'"_s, u"'NaN'"_s, u"'  {\"a\": 1}  '"_s,
            u"'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'"_s, u"'2024-02-29 13:45:30'"_s,
            u"'\u00c9T\u00c9'"_s, u"'t'"_s, u"'0'"_s } },
        { u"varchar(40)"_s, { u"'v\u00e4rchar'"_s, u"'12'"_s } },
        { u"char(5)"_s, { u"'ab'"_s } },
        { u"name"_s, { u"'a name'"_s } },
        { u"uuid"_s, { u"'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'"_s } },
        { u"json"_s,
          { u"'{\"a\": [1, 2.50, \"x\"], \"b\": null}'"_s, u"' 5 '"_s, u"'\"str\"'"_s,
            u"'[1e400]'"_s, u"'null'"_s } },
        { u"jsonb"_s, { u"'{\"b\": 1, \"a\": [true, null, 1.000]}'"_s, u"'\"\\u00e9\"'"_s } },
        { u"bytea"_s, { u"'\\x00ff41'"_s, u"''"_s, u"'hello'"_s, u"'\\xc3a9'"_s, u"'\\xc3'"_s } },
        { u"date"_s,
          { u"'2024-02-29'"_s, u"'0001-01-01'"_s, u"'9999-12-31'"_s, u"'infinity'"_s,
            u"'-infinity'"_s, u"'4713-01-01 BC'"_s, u"'12345-06-07'"_s } },
        { u"time"_s,
          { u"'13:45:30'"_s, u"'13:45:30.123456'"_s, u"'13:45:30.1235'"_s, u"'13:45:30.9996'"_s,
            u"'00:00:00.0001'"_s, u"'24:00:00'"_s, u"'23:59:59.5'"_s } },
        { u"timetz"_s, { u"'13:45:30+02'"_s, u"'13:45:30.5-05:30'"_s } },
        { u"timestamp"_s,
          { u"'2024-02-29 13:45:30.123456'"_s, u"'0001-01-01 00:00:00'"_s,
            u"'9999-12-31 23:59:59.9999'"_s, u"'infinity'"_s, u"'-infinity'"_s,
            u"'0044-03-15 12:00:00 BC'"_s, u"'2024-03-31 02:30:00'"_s, u"'2024-10-27 02:30:00'"_s,
            u"'1900-01-01 00:00:00.5'"_s, u"'12345-01-01 00:00:00'"_s } },
        { u"timestamptz"_s,
          { u"'2024-02-29 13:45:30.123456+00'"_s, u"'2024-06-01 00:30:00.001+05:30'"_s,
            u"'0001-01-01 00:30:00+01'"_s, u"'9999-12-31 23:30:00-01'"_s, u"'infinity'"_s,
            u"'1850-01-01 00:00:00+00'"_s, u"'2024-10-27 00:30:00+00'"_s,
            u"'2024-10-27 01:30:00+00'"_s, u"'2024-03-31 01:30:00+00'"_s,
            u"'1969-12-31 23:59:59.9995+00'"_s, u"'0044-03-15 12:00:00+00 BC'"_s } },
        { u"interval"_s, { u"'1 day 02:03:04.5'"_s, u"'-3 years'"_s } },
        { u"int4[]"_s, { u"'{1,2,3}'"_s, u"'{}'"_s } },
        { u"text[]"_s, { u"'{\"a b\",\"c\\\"d\",NULL}'"_s } },
        { u"numeric[]"_s, { u"'{1.50,NaN}'"_s } },
        { u"oid"_s, { u"'4294967295'"_s } },
        { u"xid"_s, { u"'12345'"_s } },
        { u"inet"_s, { u"'192.168.0.1/24'"_s } },
        { u"point"_s, { u"'(1.5,-2)'"_s } },
        { u"money"_s, { u"'12.34'"_s } },
        { u"bit(4)"_s, { u"'1010'"_s } },
    };
}

// Every way a column may be declared to RowWriter.
QList<OutputColumn> columnVariants()
{
    QList<OutputColumn> variants;
    auto add = [&variants](JsonType type, bool dynamic = false, bool zoned = false,
                           bool utcWallClock = false, int scale = -1) {
        OutputColumn c;
        c.name = u"x"_s;
        c.type = type;
        c.dynamic = dynamic;
        c.zoned = zoned;
        c.utcWallClock = utcWallClock;
        c.scale = scale;
        variants.append(c);
    };
    add(JsonType::String, true);
    for (JsonType type : { JsonType::String, JsonType::Integer, JsonType::Decimal, JsonType::Float,
                           JsonType::Boolean, JsonType::Json, JsonType::Binary, JsonType::Uuid,
                           JsonType::DateTime, JsonType::Date, JsonType::Time })
        add(type);
    add(JsonType::Decimal, false, false, false, 2);
    add(JsonType::Float, false, false, false, 3);
    add(JsonType::DateTime, false, true);
    add(JsonType::DateTime, false, true, true);
    add(JsonType::DateTime, false, false, true);
    return variants;
}

QString variantName(const OutputColumn &c)
{
    return u"%1%2%3%4 scale %5"_s.arg(int(c.type))
        .arg(c.dynamic ? u" dynamic"_s : QString(), c.zoned ? u" zoned"_s : QString(),
             c.utcWallClock ? u" utcWallClock"_s : QString())
        .arg(c.scale);
}

// What a QVariant is, to compare two of them: type, nullness and value (NaN equal to NaN,
// QDateTime with its time spec).
QString describe(const QVariant &v)
{
    QString value;
    switch (v.typeId()) {
    case QMetaType::Double: value = QString::number(v.toDouble(), 'g', 17); break;
    case QMetaType::QDateTime: {
        const QDateTime dt = v.toDateTime();
        value = dt.toString(Qt::ISODateWithMs) + u" spec "_s + QString::number(int(dt.timeSpec()))
            + u" utc "_s + dt.toUTC().toString(Qt::ISODateWithMs);
        break;
    }
    case QMetaType::QTime: value = v.toTime().toString(Qt::ISODateWithMs); break;
    case QMetaType::QDate: value = v.toDate().toString(Qt::ISODate); break;
    case QMetaType::QByteArray: value = QString::fromLatin1(v.toByteArray().toHex()); break;
    default: value = v.toString();
    }
    return QString::fromLatin1(v.typeName()) + (v.isNull() ? u" null "_s : u" "_s) + value;
}

// The rows of a cursor, each written under every variant; the values described.
struct Written
{
    QList<QByteArray> json; // one per variant
    QStringList values;
};

Written writeAll(RowCursor &cursor, const QList<OutputColumn> &variants, int columns)
{
    Written out;
    QList<RowWriter> writers;
    for (const OutputColumn &c : variants) {
        writers.append(RowWriter({ c }));
        out.json.append(QByteArray());
    }
    while (cursor.next()) {
        for (qsizetype v = 0; v < variants.size(); ++v) {
            JsonWriter w(out.json[v]);
            cursor.writeRow(w, writers.at(v));
            out.json[v].append('\n');
        }
        for (int i = 0; i < columns; ++i)
            out.values.append(describe(cursor.value(i)));
    }
    return out;
}

Written writeAll(QSqlQuery &query, const QList<OutputColumn> &variants, int columns)
{
    Written out;
    QList<RowWriter> writers;
    for (const OutputColumn &c : variants) {
        writers.append(RowWriter({ c }));
        out.json.append(QByteArray());
    }
    while (query.next()) {
        for (qsizetype v = 0; v < variants.size(); ++v) {
            JsonWriter w(out.json[v]);
            writers.at(v).writeRow(w, query);
            out.json[v].append('\n');
        }
        for (int i = 0; i < columns; ++i)
            out.values.append(describe(query.value(i)));
    }
    return out;
}

bool isNative(const RowCursor &cursor)
{
    return !dynamic_cast<const QueryCursor *>(&cursor);
}

} // namespace

ServiceConfig TestPgResultCursor::service() const
{
    ServiceConfig config;
    config.name = u"cursor"_s;
    config.driver = u"postgres"_s;
    config.dsn = m_server->dsn();
    return config;
}

void TestPgResultCursor::setProcessZone(const QByteArray &zone)
{
    qputenv("TZ", zone);
    tzset();
}

void TestPgResultCursor::setSessionZone(const QString &zone)
{
    auto set = m_connection->execute(u"SELECT set_config('TimeZone', ?, false)"_s, { zone });
    QVERIFY2(set.ok(), qPrintable(set ? QString() : set.error().message));
    (*set)->finish();
}

void TestPgResultCursor::initTestCase()
{
    setProcessZone("UTC");
    m_server = PgServer::shared();
    QVERIFY2(m_server, "the PostgreSQL test server cannot start (see the warning above)");
    QVERIFY(m_server->exec(u"CREATE TABLE many (id int PRIMARY KEY, name text, at timestamptz);"
                           "INSERT INTO many SELECT g, 'name ' || g, "
                           "'2024-01-01 00:00:00+00'::timestamptz + g * interval '1.001 second' "
                           "FROM generate_series(1, 3000) g;"_s));
    const Dialect *dialect = dialectForDriver(u"postgres");
    QVERIFY(dialect);
    m_connection = std::make_unique<Connection>(service(), *dialect, u"pgcursor"_s, 0);
    QVERIFY(m_connection->ensureOpen().ok());
}

void TestPgResultCursor::cleanupTestCase()
{
    m_connection.reset();
    setProcessZone("UTC");
}

void TestPgResultCursor::init()
{
    if (m_connection)
        setSessionZone(u"UTC"_s);
}

void TestPgResultCursor::sameJsonAsQsqlQuery_data()
{
    QTest::addColumn<QByteArray>("processZone");
    QTest::addColumn<QString>("sessionZone");
    for (const char *process : { "UTC", "Europe/Berlin" }) {
        for (const QString &session :
             { u"UTC"_s, u"Asia/Kathmandu"_s, u"America/St_Johns"_s, u"Europe/Berlin"_s }) {
            QTest::addRow("process %s, session %s", process, qPrintable(session))
                << QByteArray(process) << session;
        }
    }
}

void TestPgResultCursor::sameJsonAsQsqlQuery()
{
    QFETCH(QByteArray, processZone);
    QFETCH(QString, sessionZone);
    setProcessZone(processZone);
    setSessionZone(sessionZone);
    PGconn *pg = libpqConnection(m_connection->database().driver());
    QVERIFY(pg);
    const QList<OutputColumn> variants = columnVariants();
    for (const TypeCase &t : typeCases()) {
        QString values;
        for (const QString &literal : t.literals)
            values += u"(%1), "_s.arg(literal);
        // Two columns, so a result column past the first is read too.
        const QString sql = u"SELECT CAST(v AS %1) AS x, CAST(v AS %1) AS y "
                            "FROM (VALUES %2(NULL)) AS t(v)"_s.arg(t.type, values);
        for (const QString &shape : { QString(), u" LIMIT 100 OFFSET 0"_s }) {
            const QString text = sql + shape;
            auto query = m_connection->execute(text, {});
            QVERIFY2(query.ok(), qPrintable(text));
            const Written expected = writeAll(**query, variants, 2);
            (*query)->finish();
            QCOMPARE(expected.values.size(), (t.literals.size() + 1) * 2);

            // The production path: Connection::select() (one row per result without LIMIT).
            auto cursor = m_connection->select(text, {});
            QVERIFY2(cursor.ok(), qPrintable(text));
            QVERIFY2(isNative(**cursor), qPrintable(text));
            const Written native = writeAll(**cursor, variants, 2);
            QVERIFY((*cursor)->finish().ok());

            // PgResultCursor on its own, over a whole result.
            PgResultPtr result(PQexecParams(pg, text.toUtf8().constData(), 0, nullptr, nullptr,
                                            nullptr, nullptr, 0));
            QCOMPARE(PQresultStatus(result.get()), PGRES_TUPLES_OK);
            PgResultCursor whole(std::move(result));
            const Written direct = writeAll(whole, variants, 2);
            QVERIFY(whole.finish().ok());

            for (const Written *got : { &native, &direct }) {
                const char *way = got == &native ? "Connection::select" : "PgResultCursor";
                for (qsizetype v = 0; v < variants.size(); ++v) {
                    if (got->json.at(v) != expected.json.at(v)) {
                        QFAIL(qPrintable(u"%1 as %2 (%3), %4:\n%5\nQSqlQuery wrote:\n%6"_s.arg(
                            t.type, variantName(variants.at(v)), QString::fromLatin1(way), text,
                            QString::fromUtf8(got->json.at(v)),
                            QString::fromUtf8(expected.json.at(v)))));
                    }
                }
                for (qsizetype i = 0; i < expected.values.size(); ++i) {
                    if (got->values.value(i) != expected.values.at(i)) {
                        QFAIL(qPrintable(u"%1 value %2 (%3): %4, QSqlQuery: %5"_s.arg(
                            t.type, QString::number(i), QString::fromLatin1(way),
                            got->values.value(i), expected.values.at(i))));
                    }
                }
            }
        }
    }
}

void TestPgResultCursor::manyRowsBothWays()
{
    // 3,000 rows one result per row (no LIMIT), and up to the whole-result limit in one result;
    // a page cut short (the reader stops early) leaves the connection usable.
    QList<OutputColumn> all;
    for (const QString &name : { u"id"_s, u"name"_s, u"at"_s }) {
        OutputColumn c;
        c.name = name;
        c.dynamic = true;
        all.append(c);
    }
    all[2].dynamic = false;
    all[2].type = JsonType::DateTime;
    all[2].zoned = true;
    for (const QString &sql :
         { u"SELECT id, name, at FROM many ORDER BY id"_s,
           u"SELECT id, name, at FROM many ORDER BY id LIMIT 1000 OFFSET 5"_s,
           u"SELECT id, name, at FROM many ORDER BY id LIMIT 2000 OFFSET 0"_s }) {
        auto query = m_connection->execute(sql, {});
        QVERIFY(query.ok());
        const Written expected = writeAll(**query, all, 3);
        (*query)->finish();
        auto cursor = m_connection->select(sql, {});
        QVERIFY(cursor.ok());
        QVERIFY(isNative(**cursor));
        const Written native = writeAll(**cursor, all, 3);
        QVERIFY((*cursor)->finish().ok());
        QCOMPARE(native.json, expected.json);
        QCOMPARE(native.values, expected.values);
    }
    for (int stopAfter : { 0, 1, 10 }) {
        for (const QString &sql : { u"SELECT id FROM many ORDER BY id"_s,
                                    u"SELECT id FROM many ORDER BY id LIMIT 11 OFFSET 0"_s }) {
            auto cursor = m_connection->select(sql, {});
            QVERIFY(cursor.ok());
            for (int i = 0; i < stopAfter; ++i)
                QVERIFY((*cursor)->next());
            QVERIFY((*cursor)->finish().ok());
            cursor = m_connection->select(u"SELECT 7"_s, {});
            QVERIFY(cursor.ok());
            QVERIFY((*cursor)->next());
            QCOMPARE((*cursor)->value(0), QVariant(7));
            QVERIFY((*cursor)->finish().ok());
        }
    }
}

void TestPgResultCursor::bindsMeanWhatQpsqlMeans_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QVariant>("bind");
    QTest::addColumn<bool>("native"); // read through libpq (else left to QPSQL)

    const QDateTime instant(QDate(2024, 2, 29), QTime(13, 45, 30, 123), Qt::UTC);
    QTest::newRow("text QString") << u"text"_s << QVariant(u"it's \"q\" \\ \u00e9"_s) << true;
    QTest::newRow("text empty") << u"text"_s << QVariant(u""_s) << true;
    QTest::newRow("text null QString") << u"text"_s << QVariant(QString()) << true;
    QTest::newRow("text null") << u"text"_s << QVariant() << true;
    QTest::newRow("text int") << u"text"_s << QVariant(42) << true;
    QTest::newRow("text bool") << u"text"_s << QVariant(true) << true;
    QTest::newRow("text double") << u"text"_s << QVariant(1e20) << false;
    QTest::newRow("text datetime") << u"text"_s << QVariant(instant) << false;
    QTest::newRow("text NUL") << u"text"_s << QVariant(u"a\u0000b"_s) << false;
    QTest::newRow("int8 qint64") << u"int8"_s << QVariant(qint64(-9223372036854775807LL)) << true;
    QTest::newRow("int8 QString") << u"int8"_s << QVariant(u"12"_s) << true;
    QTest::newRow("int8 bad QString") << u"int8"_s << QVariant(u"x"_s) << true;
    QTest::newRow("int4 double") << u"int4"_s << QVariant(1.5) << false;
    QTest::newRow("int4 bool") << u"int4"_s << QVariant(true) << false;
    QTest::newRow("int2 overflow") << u"int2"_s << QVariant(70000) << true;
    QTest::newRow("numeric double") << u"numeric"_s << QVariant(1e20) << true;
    QTest::newRow("numeric qint64") << u"numeric"_s << QVariant(qint64(5)) << true;
    QTest::newRow("numeric NaN") << u"numeric"_s << QVariant(qQNaN()) << true;
    QTest::newRow("float8 double") << u"float8"_s << QVariant(0.1) << true;
    QTest::newRow("float8 -inf") << u"float8"_s << QVariant(-qInf()) << true;
    QTest::newRow("float4 double") << u"float4"_s << QVariant(1.0 / 3) << true;
    QTest::newRow("float8 int") << u"float8"_s << QVariant(qint64(9007199254740993LL)) << true;
    QTest::newRow("bool bool") << u"bool"_s << QVariant(false) << true;
    QTest::newRow("bool QString") << u"bool"_s << QVariant(u"yes"_s) << true;
    QTest::newRow("bool int") << u"bool"_s << QVariant(1) << false;
    QTest::newRow("bytea") << u"bytea"_s << QVariant(QByteArray("\x00\xff\\'", 4)) << true;
    QTest::newRow("bytea empty") << u"bytea"_s << QVariant(QByteArray("")) << true;
    QTest::newRow("text bytes") << u"text"_s << QVariant(QByteArray("ab")) << true;
    QTest::newRow("date") << u"date"_s << QVariant(QDate(2024, 2, 29)) << true;
    QTest::newRow("date invalid") << u"date"_s << QVariant(QDate()) << true;
    QTest::newRow("date year 10000") << u"date"_s << QVariant(QDate(10000, 1, 1)) << false;
    QTest::newRow("time") << u"time"_s << QVariant(QTime(13, 45, 30, 7)) << true;
    QTest::newRow("timestamptz") << u"timestamptz"_s << QVariant(instant) << true;
    QTest::newRow("timestamptz local")
        << u"timestamptz"_s << QVariant(instant.toOffsetFromUtc(3600 * 5 + 1800)) << true;
    QTest::newRow("timestamp") << u"timestamp"_s << QVariant(instant) << true;
    QTest::newRow("timestamp invalid") << u"timestamp"_s << QVariant(QDateTime()) << true;
    QTest::newRow("date datetime") << u"date"_s << QVariant(instant) << false;
    QTest::newRow("uuid QUuid") << u"uuid"_s
                                << QVariant(QUuid(u"{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"_s))
                                << true;
    QTest::newRow("jsonb QString") << u"jsonb"_s << QVariant(u"{\"a\": 1}"_s) << true;
    QTest::newRow("jsonb int") << u"jsonb"_s << QVariant(5) << false;
    QTest::newRow("list") << u"text"_s << QVariant(QVariantList { 1 }) << false;
}

void TestPgResultCursor::bindsMeanWhatQpsqlMeans()
{
    QFETCH(QString, type);
    QFETCH(QVariant, bind);
    QFETCH(bool, native);
    const QString sql =
        u"SELECT x, x IS NULL AS missing FROM (SELECT CAST(? AS %1) AS x) s"_s.arg(type);
    const QList<OutputColumn> variants = columnVariants();

    Written expected;
    Error refused;
    auto query = m_connection->execute(sql, { bind });
    if (query) {
        expected = writeAll(**query, variants, 2);
        (*query)->finish();
    } else {
        refused = query.error();
    }
    auto cursor = m_connection->select(sql, { bind });
    QCOMPARE(cursor.ok(), query.ok());
    if (!query.ok()) {
        // Refused the same way (the kind decides the HTTP status).
        QCOMPARE(cursor.error().kind, refused.kind);
        QCOMPARE(cursor.error().sqlState, refused.sqlState);
        return;
    }
    QCOMPARE(isNative(**cursor), native);
    const Written got = writeAll(**cursor, variants, 2);
    Status finished = (*cursor)->finish();
    QVERIFY(finished.ok());
    QCOMPARE(got.values, expected.values);
    QCOMPARE(got.json, expected.json);
}

void TestPgResultCursor::errorsAreClassifiedAsBefore_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QVariantList>("binds");
    QTest::newRow("no such table") << u"SELECT * FROM nowhere"_s << QVariantList();
    QTest::newRow("no such column") << u"SELECT nothing FROM many"_s << QVariantList();
    QTest::newRow("syntax") << u"SELECT FROM WHERE"_s << QVariantList();
    QTest::newRow("bad input") << u"SELECT CAST(? AS int) AS x"_s << QVariantList { u"x"_s };
    QTest::newRow("division by zero")
        << u"SELECT 1 / (id - 5) FROM many ORDER BY id"_s << QVariantList();
    QTest::newRow("division by zero, paged")
        << u"SELECT 1 / (id - 5) FROM many ORDER BY id LIMIT 10 OFFSET 0"_s << QVariantList();
    QTest::newRow("undefined function") << u"SELECT nofunction(1)"_s << QVariantList();
}

void TestPgResultCursor::errorsAreClassifiedAsBefore()
{
    QFETCH(QString, sql);
    QFETCH(QVariantList, binds);
    // Through QPSQL: an error from prepare or exec, or from reading the rows.
    Error expected;
    {
        auto query = m_connection->execute(sql, binds);
        if (!query) {
            expected = query.error();
        } else {
            while ((*query)->next()) { }
            QueryCursor cursor(**query, *m_connection);
            Status s = cursor.finish();
            QVERIFY(!s.ok());
            expected = s.error();
        }
    }
    Error got;
    {
        auto cursor = m_connection->select(sql, binds);
        if (!cursor) {
            got = cursor.error();
        } else {
            QVERIFY(isNative(**cursor));
            while ((*cursor)->next()) { }
            Status s = (*cursor)->finish();
            QVERIFY(!s.ok());
            got = s.error();
        }
    }
    QCOMPARE(got.kind, expected.kind);
    QCOMPARE(got.sqlState, expected.sqlState);
    QCOMPARE(got.message, expected.message);
    // The connection still works.
    auto cursor = m_connection->select(u"SELECT 1"_s, {});
    QVERIFY(cursor.ok());
    QVERIFY((*cursor)->next());
    QVERIFY((*cursor)->finish().ok());
}

void TestPgResultCursor::statementTimeout()
{
    const Dialect *dialect = dialectForDriver(u"postgres");
    Connection slow(service(), *dialect, u"pgcursor_slow"_s, 100);
    auto cursor = slow.select(u"SELECT pg_sleep(2), 1 AS x"_s, {});
    QVERIFY(!cursor.ok());
    QCOMPARE(cursor.error().kind, ErrorKind::Timeout);
    cursor = slow.select(u"SELECT 1 AS x"_s, {});
    QVERIFY(cursor.ok());
    QVERIFY(isNative(**cursor));
    QVERIFY((*cursor)->next());
    QVERIFY((*cursor)->finish().ok());
}

void TestPgResultCursor::lostConnectionReadsAgain()
{
    const Dialect *dialect = dialectForDriver(u"postgres");
    Connection connection(service(), *dialect, u"pgcursor_lost"_s, 0);
    auto cursor = connection.select(u"SELECT pg_backend_pid()"_s, {});
    QVERIFY(cursor.ok());
    QVERIFY(isNative(**cursor));
    QVERIFY((*cursor)->next());
    const int pid = (*cursor)->value(0).toInt();
    QVERIFY((*cursor)->finish().ok());
    QVERIFY(m_server->exec(u"SELECT pg_terminate_backend(%1)"_s.arg(pid)));
    QTest::qWait(100);
    // The read that finds the session gone runs again on a new one, once.
    cursor = connection.select(u"SELECT pg_backend_pid()"_s, {});
    QVERIFY2(cursor.ok(), qPrintable(cursor ? QString() : cursor.error().message));
    QVERIFY((*cursor)->next());
    QVERIFY((*cursor)->value(0).toInt() != pid);
    QVERIFY((*cursor)->finish().ok());
}

void TestPgResultCursor::clearDeallocates()
{
    const QString count =
        u"SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'sluice_read_%'"_s;
    auto cursor = m_connection->select(u"SELECT id FROM many WHERE id = ?"_s, { 5 });
    QVERIFY(cursor.ok());
    QVERIFY((*cursor)->next());
    QCOMPARE((*cursor)->value(0), QVariant(5));
    QVERIFY((*cursor)->finish().ok());
    auto before = m_connection->execute(count, {});
    QVERIFY(before.ok() && (*before)->next());
    QVERIFY((*before)->value(0).toLongLong() >= 1);
    (*before)->finish();
    m_connection->clearStatements();
    auto after = m_connection->execute(count, {});
    QVERIFY(after.ok() && (*after)->next());
    QCOMPARE((*after)->value(0).toLongLong(), 0);
    (*after)->finish();
    // Prepared again on the next read.
    cursor = m_connection->select(u"SELECT id FROM many WHERE id = ?"_s, { 6 });
    QVERIFY(cursor.ok());
    QVERIFY((*cursor)->next());
    QCOMPARE((*cursor)->value(0), QVariant(6));
    QVERIFY((*cursor)->finish().ok());
}

void TestPgResultCursor::paramsWithoutTypes()
{
    // For a caller that prepares statements itself and knows nothing of their parameters.
    const std::optional<PgParams> params =
        toPgParams({ QVariant(u"a"_s), QVariant(), QVariant(qint64(-5)), QVariant(true),
                     QVariant(0.5), QVariant(QByteArray("\x01", 1)),
                     QVariant(QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 6), Qt::UTC)) });
    QVERIFY(params);
    QCOMPARE(params->count(), 7);
    QCOMPARE(QByteArray(params->values[0]), QByteArray("a"));
    QCOMPARE(params->values[1], nullptr);
    QCOMPARE(QByteArray(params->values[2]), QByteArray("-5"));
    QCOMPARE(QByteArray(params->values[3]), QByteArray("true"));
    QCOMPARE(QByteArray(params->values[4]), QByteArray("0.5"));
    QCOMPARE(QByteArray(params->values[5]), QByteArray("\\x01"));
    QCOMPARE(QByteArray(params->values[6]), QByteArray("2024-01-02T03:04:05.006Z"));
    QVERIFY(!toPgParams({ QVariant(QVariantList()) }));
    const Oid boolType = 16;
    QVERIFY(!toPgParams({ QVariant(1) }, std::span<const Oid>(&boolType, 1)));
}

QTEST_GUILESS_MAIN(TestPgResultCursor)
#include "tst_pgresultcursor.moc"
