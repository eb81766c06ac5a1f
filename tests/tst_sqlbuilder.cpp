#include "db/backends.h"
#include "db/dialect.h"
#include "db/sql/sqlbuilder.h"
#include "db/valuecoercion.h"
#include "query/readspec.h"
#include "querytools.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using namespace sluice::test;

namespace {

// Tables built by hand, as introspection would report them.
struct Fixture
{
    Table books; // single integer primary key, every kind of column, one odd name
    Table items; // composite primary key
    Table summary; // a view: no primary key
    Table tags; // a text primary key

    Fixture()
    {
        books.name = u"books"_s;
        books.columns = { column(u"id"_s, u"INTEGER"_s, JsonType::Integer, true),
                          column(u"title"_s, u"TEXT"_s, JsonType::String),
                          column(u"price"_s, u"NUMERIC(10,2)"_s, JsonType::Decimal),
                          column(u"rating"_s, u"REAL"_s, JsonType::Float),
                          column(u"in_stock"_s, u"BOOLEAN"_s, JsonType::Boolean),
                          column(u"published"_s, u"DATE"_s, JsonType::Date),
                          column(u"data"_s, u"JSON"_s, JsonType::Json),
                          column(u"cover"_s, u"BLOB"_s, JsonType::Binary),
                          column(u"we\"ird"_s, u"TEXT"_s, JsonType::String) };
        books.columns[0].autoIncrement = true;
        books.primaryKey = { u"id"_s };

        items.name = u"order_items"_s;
        items.columns = { column(u"order_id"_s, u"INTEGER"_s, JsonType::Integer, true),
                          column(u"line"_s, u"INTEGER"_s, JsonType::Integer, true),
                          column(u"qty"_s, u"INTEGER"_s, JsonType::Integer) };
        items.primaryKey = { u"order_id"_s, u"line"_s };

        summary.name = u"book_summary"_s;
        summary.isView = true;
        summary.columns = { column(u"title"_s, u"TEXT"_s, JsonType::String),
                            column(u"total"_s, u"NUMERIC"_s, JsonType::Decimal) };

        tags.name = u"tags"_s;
        tags.columns = { column(u"code"_s, u"TEXT"_s, JsonType::String, true),
                         column(u"label"_s, u"TEXT"_s, JsonType::String) };
        tags.primaryKey = { u"code"_s };
    }

    const Table &table(const QString &name) const
    {
        if (name == u"order_items"_s)
            return items;
        if (name == u"book_summary"_s)
            return summary;
        if (name == u"tags"_s)
            return tags;
        return books;
    }
};

const Fixture &fixture()
{
    static const Fixture f;
    return f;
}

const QString kAllBooks =
    u"\"id\", \"title\", \"price\", \"rating\", \"in_stock\", \"published\", \"data\", \"cover\", \"we\"\"ird\""_s;
const QStringList kDrivers = { u"sqlite"_s, u"postgres"_s };

// A bound value as "type:value", so a number bound as text and a number bound as a number differ.
QString show(const QVariant &v)
{
    if (!v.isValid())
        return u"null"_s;
    const QString type = QString::fromLatin1(v.metaType().name());
    if (v.typeId() == QMetaType::QByteArray)
        return type + u':' + QString::fromLatin1(v.toByteArray().toHex());
    return type + u':' + v.toString();
}

QStringList show(const QVariantList &binds)
{
    QStringList out;
    for (const QVariant &v : binds)
        out.append(show(v));
    return out;
}

Result<ReadSpec> spec(const QString &query)
{
    return parseReadSpec(params(query), ReadLimits {});
}

const Dialect &dialect(const QString &driver)
{
    return *dialectForDriver(driver);
}

QString sqlOf(const Result<BoundSql> &r)
{
    return r ? r->sql : QString();
}

QString sqlOf(const Result<SelectPlan> &r)
{
    return r ? r->sql.sql : QString();
}

QString boundOf(const Result<QVariant> &r)
{
    return r ? show(*r) : QString();
}

// Checks a Result<BoundSql> against the expected SQL and binds, or the expected error.
#define CHECK_SQL(result, sql, binds, error)                                                       \
    do {                                                                                           \
        if (!(error).isEmpty()) {                                                                  \
            QVERIFY2(!(result), qPrintable(u"expected an error, got: "_s + sqlOf(result)));        \
            QCOMPARE((result).error().kind, ErrorKind::BadRequest);                                \
            QVERIFY2((result).error().message.contains(error), qPrintable(errorOf(result)));       \
        } else {                                                                                   \
            QVERIFY2((result), qPrintable(errorOf(result)));                                       \
            QCOMPARE((result)->sql, sql);                                                          \
            QCOMPARE(show((result)->binds), binds);                                                \
        }                                                                                          \
    } while (false)

} // namespace

// SqlBuilder: the exact SQL text and binds for every read and write, per dialect, and the
// BadRequest errors that name the offending parameter, column and filter position. Also the
// coercion of request values to bindable values.
class TestSqlBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void select_data();
    void select();
    void selectOutputColumns();
    void offsetWithoutLimit_data();
    void offsetWithoutLimit();
    void count_data();
    void count();
    void selectByKey_data();
    void selectByKey();
    void insert_data();
    void insert();
    void update_data();
    void update();
    void updateByKey_data();
    void updateByKey();
    void remove_data();
    void remove();
    void errorContext();
    void rereadStatements();
    void keysetPages();
    void selectMatching();
    void longKeyLists();
    void bindableFromJson_data();
    void bindableFromJson();
    void bindableFromText_data();
    void bindableFromText();
};

void TestSqlBuilder::select_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("binds");
    QTest::addColumn<QString>("error");

    const QString from = u"SELECT "_s + kAllBooks + u" FROM \"books\""_s;
    const QString page = u" ORDER BY \"id\" LIMIT 25 OFFSET 0"_s;

    for (const QString &driver : kDrivers) {
        auto row = [&](const char *name, const QString &table, const QString &query,
                       const QString &sql, const QStringList &binds = {}) {
            QTest::addRow("%s: %s", qPrintable(driver), name)
                << driver << table << query << sql << binds << QString();
        };
        auto bad = [&](const char *name, const QString &table, const QString &query,
                       const QString &error) {
            QTest::addRow("%s: %s", qPrintable(driver), name)
                << driver << table << query << QString() << QStringList() << error;
        };

        // --- Columns, order, paging
        row("all columns", u"books"_s, QString(), from + page);
        row("fields=*", u"books"_s, u"fields=*"_s, from + page);
        row("fields with alias", u"books"_s, u"fields=id,title AS name"_s,
            u"SELECT \"id\", \"title\" AS \"name\" FROM \"books\""_s + page);
        row("composite key order", u"order_items"_s, QString(),
            u"SELECT \"order_id\", \"line\", \"qty\" FROM \"order_items\" ORDER BY \"order_id\", \"line\" LIMIT 25 OFFSET 0"_s);
        row("view has no default order", u"book_summary"_s, QString(),
            u"SELECT \"title\", \"total\" FROM \"book_summary\" LIMIT 25 OFFSET 0"_s);
        // The primary key is appended as the last tie-breaker: a total order for paging.
        row("order DESC then ASC", u"books"_s, u"order=price DESC,title"_s,
            from + u" ORDER BY \"price\" DESC, \"title\" ASC, \"id\" LIMIT 25 OFFSET 0"_s);
        row("order replaces the default", u"books"_s, u"order=id desc"_s,
            from + u" ORDER BY \"id\" DESC LIMIT 25 OFFSET 0"_s);
        row("limit and offset", u"books"_s, u"limit=10&offset=20"_s,
            from + u" ORDER BY \"id\" LIMIT 10 OFFSET 20"_s);
        row("odd identifier", u"books"_s, u"fields=`we\"ird`&order=`we\"ird`"_s,
            u"SELECT \"we\"\"ird\" FROM \"books\" ORDER BY \"we\"\"ird\" ASC, \"id\" LIMIT 25 OFFSET 0"_s);

        // --- Aggregates
        row("aggregates with group", u"books"_s,
            u"fields=in_stock,COUNT(*),SUM(price) AS total&group=in_stock"_s,
            u"SELECT \"in_stock\", COUNT(*) AS \"count\", SUM(\"price\") AS \"total\" FROM \"books\" GROUP BY \"in_stock\" LIMIT 25 OFFSET 0"_s);
        row("order by aggregate alias", u"books"_s,
            u"fields=in_stock,SUM(price) AS total&group=in_stock&order=total DESC"_s,
            u"SELECT \"in_stock\", SUM(\"price\") AS \"total\" FROM \"books\" GROUP BY \"in_stock\" ORDER BY \"total\" DESC LIMIT 25 OFFSET 0"_s);
        row("aggregates without group", u"books"_s,
            u"fields=COUNT(*),MAX(price),AVG(rating) AS r"_s,
            u"SELECT COUNT(*) AS \"count\", MAX(\"price\") AS \"max_price\", AVG(\"rating\") AS \"r\" FROM \"books\" LIMIT 25 OFFSET 0"_s);
        row("group without aggregates", u"books"_s, u"fields=title&group=title"_s,
            u"SELECT \"title\" FROM \"books\" GROUP BY \"title\" LIMIT 25 OFFSET 0"_s);
        bad("plain column without group", u"books"_s, u"fields=title,COUNT(*)"_s,
            u"Invalid fields: column 'title' must be listed in group"_s);
        bad("plain column outside group", u"books"_s, u"fields=title,COUNT(*)&group=in_stock"_s,
            u"column 'title' must be listed in group"_s);
        bad("aggregate of unknown column", u"books"_s, u"fields=SUM(nope)"_s,
            u"Invalid fields: unknown column 'nope' in table 'books'"_s);

        // --- ids, coerced to the key's type
        row("ids", u"books"_s, u"ids=3,1"_s, from + u" WHERE \"id\" IN (?, ?)"_s + page,
            { u"qlonglong:3"_s, u"qlonglong:1"_s });
        row("text ids", u"tags"_s, u"ids=a,b"_s,
            u"SELECT \"code\", \"label\" FROM \"tags\" WHERE \"code\" IN (?, ?) ORDER BY \"code\" LIMIT 25 OFFSET 0"_s,
            { u"QString:a"_s, u"QString:b"_s });
        bad("bad integer id", u"books"_s, u"ids=1,abc"_s,
            u"Invalid ids: Invalid value for column 'id': expected an integer, got 'abc'"_s);
        bad("ids on a composite key", u"order_items"_s, u"ids=1"_s, u"composite primary key"_s);
        bad("ids on a view", u"book_summary"_s, u"ids=1"_s, u"has no primary key"_s);
        row("filter and ids", u"books"_s, u"filter=title = 'x'&ids=7"_s,
            from + u" WHERE \"title\" = ? AND \"id\" IN (?)"_s + page,
            { u"QString:x"_s, u"qlonglong:7"_s });

        // --- Every filter operator
        auto where = [&](const char *name, const QString &f, const QString &clause,
                         const QStringList &binds) {
            row(name, u"books"_s, u"filter="_s + f, from + u" WHERE "_s + clause + page, binds);
        };
        where("=", u"id = 5"_s, u"\"id\" = ?"_s, { u"qlonglong:5"_s });
        where("!=", u"id != 5"_s, u"\"id\" <> ?"_s, { u"qlonglong:5"_s });
        where("<>", u"id <> 5"_s, u"\"id\" <> ?"_s, { u"qlonglong:5"_s });
        where(">", u"rating > 4.5"_s, u"\"rating\" > ?"_s, { u"double:4.5"_s });
        where(">=", u"id >= -2"_s, u"\"id\" >= ?"_s, { u"qlonglong:-2"_s });
        where("<", u"published < '2024-01-01'"_s, u"\"published\" < ?"_s,
              { u"QString:2024-01-01"_s });
        where("<=", u"id <= 9"_s, u"\"id\" <= ?"_s, { u"qlonglong:9"_s });
        where("IN", u"id IN (1, 2, 3)"_s, u"\"id\" IN (?, ?, ?)"_s,
              { u"qlonglong:1"_s, u"qlonglong:2"_s, u"qlonglong:3"_s });
        where("NOT IN", u"title NOT IN ('a','b')"_s, u"\"title\" NOT IN (?, ?)"_s,
              { u"QString:a"_s, u"QString:b"_s });
        where("BETWEEN", u"id BETWEEN 1 AND 5"_s, u"\"id\" BETWEEN ? AND ?"_s,
              { u"qlonglong:1"_s, u"qlonglong:5"_s });
        where("NOT BETWEEN", u"id NOT BETWEEN 1 AND 5"_s, u"\"id\" NOT BETWEEN ? AND ?"_s,
              { u"qlonglong:1"_s, u"qlonglong:5"_s });
        where("LIKE", u"title LIKE 'A%'"_s, u"\"title\" LIKE ?"_s, { u"QString:A%"_s });
        where("NOT LIKE", u"title not like '%z'"_s, u"\"title\" NOT LIKE ?"_s, { u"QString:%z"_s });
        where("IS NULL", u"published IS NULL"_s, u"\"published\" IS NULL"_s, {});
        where("IS NOT NULL", u"published is not null"_s, u"\"published\" IS NOT NULL"_s, {});
        where("CONTAINS escapes", u"title CONTAINS '50%_off\\'"_s,
              u"\"title\" LIKE ? ESCAPE '\\'"_s, { u"QString:%50\\%\\_off\\\\%"_s });
        where("STARTS WITH", u"title STARTS WITH 'a_b'"_s, u"\"title\" LIKE ? ESCAPE '\\'"_s,
              { u"QString:a\\_b%"_s });
        where("ENDS WITH", u"title ENDS WITH '%x'"_s, u"\"title\" LIKE ? ESCAPE '\\'"_s,
              { u"QString:%\\%x"_s });
        where("NOT", u"NOT id = 1"_s, u"NOT (\"id\" = ?)"_s, { u"qlonglong:1"_s });
        where("AND/OR nested", u"(id = 1 OR id = 2) AND title = 'x'"_s,
              u"((\"id\" = ? OR \"id\" = ?) AND \"title\" = ?)"_s,
              { u"qlonglong:1"_s, u"qlonglong:2"_s, u"QString:x"_s });
        where("OR of ANDs", u"id = 1 AND title = 'a' OR NOT (id = 2 OR published IS NULL)"_s,
              u"((\"id\" = ? AND \"title\" = ?) OR NOT ((\"id\" = ? OR \"published\" IS NULL)))"_s,
              { u"qlonglong:1"_s, u"QString:a"_s, u"qlonglong:2"_s });
        where("boolean", u"in_stock = true"_s, u"\"in_stock\" = ?"_s, { u"bool:true"_s });
        where("quote in string", u"title = 'O''Brien'"_s, u"\"title\" = ?"_s,
              { u"QString:O'Brien"_s });
        where("odd column", u"`we\"ird` = 'v'"_s, u"\"we\"\"ird\" = ?"_s, { u"QString:v"_s });
        // Decimal columns bind the digits as written: no binary floating point on the way.
        where("decimal keeps digits", u"price = 19.990"_s, u"\"price\" = ?"_s,
              { u"QString:19.990"_s });
        where("decimal integer literal", u"price > 10"_s, u"\"price\" > ?"_s, { u"QString:10"_s });
        where("decimal IN", u"price IN (1.50, 0.1)"_s, u"\"price\" IN (?, ?)"_s,
              { u"QString:1.50"_s, u"QString:0.1"_s });
        where("decimal BETWEEN", u"price BETWEEN 9.95 AND 20.00"_s, u"\"price\" BETWEEN ? AND ?"_s,
              { u"QString:9.95"_s, u"QString:20.00"_s });
        where("decimal vs string literal", u"price = '3.30'"_s, u"\"price\" = ?"_s,
              { u"QString:3.30"_s });

        // --- Unknown columns
        bad("unknown column in fields", u"books"_s, u"fields=id,nope"_s,
            u"Invalid fields: unknown column 'nope' in table 'books'"_s);
        bad("unknown column in order", u"books"_s, u"order=nope DESC"_s,
            u"Invalid order: unknown column 'nope' in table 'books'"_s);
        bad("unknown column in group", u"books"_s, u"fields=COUNT(*)&group=nope"_s,
            u"Invalid group: unknown column 'nope' in table 'books'"_s);
        bad("unknown column in filter", u"books"_s, u"filter=nope = 1"_s,
            u"Invalid filter: unknown column 'nope' in table 'books' at position 1"_s);
        bad("unknown column deep in filter", u"books"_s,
            u"filter=id = 1 AND (title = 'a' OR Price > 2)"_s,
            u"Invalid filter: unknown column 'Price' in table 'books' at position 28"_s);
        bad("column of another table", u"order_items"_s, u"filter=title = 'a'"_s,
            u"unknown column 'title' in table 'order_items'"_s);
    }
}

void TestSqlBuilder::select()
{
    QFETCH(QString, driver);
    QFETCH(QString, table);
    QFETCH(QString, query);
    QFETCH(QString, sql);
    QFETCH(QStringList, binds);
    QFETCH(QString, error);

    auto read = spec(query);
    if (!read && !error.isEmpty()) {
        // Refused while the parameters are read, before any SQL is built.
        QCOMPARE(read.error().kind, ErrorKind::BadRequest);
        QVERIFY2(read.error().message.contains(error), qPrintable(read.error().message));
        return;
    }
    QVERIFY2(read, qPrintable(errorOf(read)));
    const SqlBuilder builder(dialect(driver), fixture().table(table));
    const auto plan = builder.select(*read);
    if (!error.isEmpty()) {
        QVERIFY2(!plan, qPrintable(u"expected an error, got: "_s + sqlOf(plan)));
        QCOMPARE(plan.error().kind, ErrorKind::BadRequest);
        QVERIFY2(plan.error().message.contains(error), qPrintable(plan.error().message));
        return;
    }
    QVERIFY2(plan, qPrintable(errorOf(plan)));
    QCOMPARE(plan->sql.sql, sql);
    QCOMPARE(show(plan->sql.binds), binds);
    QCOMPARE(sql.count(u'?'), binds.size());
}

void TestSqlBuilder::selectOutputColumns()
{
    const SqlBuilder builder(dialect(u"sqlite"_s), fixture().books);
    auto read = spec(u"fields=in_stock AS avail,COUNT(*),SUM(price) AS total&group=in_stock"_s);
    QVERIFY(read);
    const auto plan = builder.select(*read);
    QVERIFY(plan);
    QCOMPARE(plan->columns.size(), 3);
    QCOMPARE(plan->columns.at(0).name, u"avail"_s);
    QCOMPARE(plan->columns.at(0).type, JsonType::Boolean);
    QVERIFY(!plan->columns.at(0).dynamic);
    QCOMPARE(plan->columns.at(1).name, u"count"_s);
    QCOMPARE(plan->columns.at(1).type, JsonType::Integer);
    QVERIFY(!plan->columns.at(1).dynamic);
    QCOMPARE(plan->columns.at(2).name, u"total"_s);
    QVERIFY(plan->columns.at(2).dynamic);

    const auto all = builder.select(*spec(QString()));
    QVERIFY(all);
    QStringList names;
    for (const OutputColumn &c : all->columns)
        names.append(c.name);
    QCOMPARE(names,
             (QStringList { u"id"_s, u"title"_s, u"price"_s, u"rating"_s, u"in_stock"_s,
                            u"published"_s, u"data"_s, u"cover"_s, u"we\"ird"_s }));
    QCOMPARE(all->columns.at(2).type, JsonType::Decimal);
    QCOMPARE(all->columns.at(7).type, JsonType::Binary);
}

void TestSqlBuilder::offsetWithoutLimit_data()
{
    QTest::addColumn<QString>("driver");
    for (const QString &driver : kDrivers)
        QTest::newRow(qPrintable(driver)) << driver;
}

void TestSqlBuilder::offsetWithoutLimit()
{
    QFETCH(QString, driver);
    const SqlBuilder builder(dialect(driver), fixture().books);
    const QString from = u"SELECT "_s + kAllBooks + u" FROM \"books\" ORDER BY \"id\""_s;

    // Streaming reads have no limit: an offset still applies, to all remaining rows.
    auto streaming = parseReadSpec(params(u"offset=5"_s), ReadLimits {}, true);
    QVERIFY(streaming);
    QCOMPARE(streaming->limit, -1);
    auto plan = builder.select(*streaming);
    QVERIFY(plan);
    QCOMPARE(plan->sql.sql, from + u" LIMIT 9223372036854775807 OFFSET 5"_s);

    auto none = parseReadSpec(params(QString()), ReadLimits {}, true);
    QVERIFY(none);
    plan = builder.select(*none);
    QVERIFY(plan);
    QCOMPARE(plan->sql.sql, from);

    // An unpaged select ignores the limit but keeps the offset.
    auto paged = spec(u"limit=3&offset=4"_s);
    QVERIFY(paged);
    plan = builder.select(*paged, false);
    QVERIFY(plan);
    QCOMPARE(plan->sql.sql, from + u" LIMIT 9223372036854775807 OFFSET 4"_s);
}

void TestSqlBuilder::count_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("binds");
    QTest::addColumn<QString>("error");

    for (const QString &driver : kDrivers) {
        auto row = [&](const char *name, const QString &query, const QString &sql,
                       const QStringList &binds = {}, const QString &error = {}) {
            QTest::addRow("%s: %s", qPrintable(driver), name)
                << driver << query << sql << binds << error;
        };
        row("all rows", QString(), u"SELECT COUNT(*) FROM \"books\""_s);
        row("paging does not matter", u"limit=5&offset=10&order=title"_s,
            u"SELECT COUNT(*) FROM \"books\""_s);
        row("filter", u"filter=price > 10 AND title LIKE 'A%'"_s,
            u"SELECT COUNT(*) FROM \"books\" WHERE (\"price\" > ? AND \"title\" LIKE ?)"_s,
            { u"QString:10"_s, u"QString:A%"_s });
        row("ids", u"ids=1,2"_s, u"SELECT COUNT(*) FROM \"books\" WHERE \"id\" IN (?, ?)"_s,
            { u"qlonglong:1"_s, u"qlonglong:2"_s });
        row("group counts groups", u"fields=in_stock,COUNT(*)&group=in_stock&filter=id > 3"_s,
            u"SELECT COUNT(*) FROM (SELECT \"in_stock\" FROM \"books\" WHERE \"id\" > ? GROUP BY \"in_stock\") AS sluice_groups"_s,
            { u"qlonglong:3"_s });
        // The total is the same on every page: neither limit nor offset may reach the count.
        row("group with offset", u"fields=in_stock,COUNT(*)&group=in_stock&limit=2&offset=4"_s,
            u"SELECT COUNT(*) FROM (SELECT \"in_stock\" FROM \"books\" GROUP BY \"in_stock\") AS sluice_groups"_s);
        row("bad filter column", u"filter=nope IS NULL"_s, QString(), {},
            u"unknown column 'nope'"_s);
        row("bad group column", u"fields=COUNT(*)&group=nope"_s, QString(), {},
            u"unknown column 'nope'"_s);
    }
}

void TestSqlBuilder::count()
{
    QFETCH(QString, driver);
    QFETCH(QString, query);
    QFETCH(QString, sql);
    QFETCH(QStringList, binds);
    QFETCH(QString, error);

    auto read = spec(query);
    QVERIFY(read);
    const SqlBuilder builder(dialect(driver), fixture().books);
    const auto result = builder.count(*read);
    CHECK_SQL(result, sql, binds, error);
}

void TestSqlBuilder::selectByKey_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("binds");
    QTest::addColumn<QString>("error");

    for (const QString &driver : kDrivers) {
        auto row = [&](const char *name, const QString &table, const QString &id,
                       const QString &sql, const QStringList &binds, const QString &error = {}) {
            QTest::addRow("%s: %s", qPrintable(driver), name)
                << driver << table << id << sql << binds << error;
        };
        row("integer key", u"books"_s, u"7"_s,
            u"SELECT "_s + kAllBooks + u" FROM \"books\" WHERE \"id\" = ?"_s, { u"qlonglong:7"_s });
        row("text key", u"tags"_s, u"a b"_s,
            u"SELECT \"code\", \"label\" FROM \"tags\" WHERE \"code\" = ?"_s, { u"QString:a b"_s });
        row("bad integer", u"books"_s, u"seven"_s, {}, {},
            u"Invalid value for column 'id': expected an integer, got 'seven'"_s);
        row("composite key", u"order_items"_s, u"1"_s, {}, {},
            u"composite primary key (order_id, line)"_s);
        row("view", u"book_summary"_s, u"1"_s, {}, {},
            u"Table 'book_summary' has no primary key"_s);
    }
}

void TestSqlBuilder::selectByKey()
{
    QFETCH(QString, driver);
    QFETCH(QString, table);
    QFETCH(QString, id);
    QFETCH(QString, sql);
    QFETCH(QStringList, binds);
    QFETCH(QString, error);

    const SqlBuilder builder(dialect(driver), fixture().table(table));
    const auto result = builder.selectByKey(id);
    CHECK_SQL(result, sql, binds, error);
}

void TestSqlBuilder::insert_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<bool>("upsert");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("error");

    const QString returning = u" RETURNING "_s + kAllBooks;
    const QString itemsReturning = u" RETURNING \"order_id\", \"line\", \"qty\""_s;
    for (const QString &driver : kDrivers) {
        const bool pg = driver == u"postgres"_s;
        auto row = [&](const char *name, const QString &table, const QStringList &columns,
                       bool upsert, const QString &sql, const QString &error = {}) {
            QTest::addRow("%s: %s", qPrintable(driver), name)
                << driver << table << columns << upsert << sql << error;
        };
        row("columns", u"books"_s, { u"title"_s, u"price"_s, u"we\"ird"_s }, false,
            u"INSERT INTO \"books\" (\"title\", \"price\", \"we\"\"ird\") VALUES (?, ?, ?)"_s
                + returning);
        row("default values", u"books"_s, {}, false,
            u"INSERT INTO \"books\" DEFAULT VALUES"_s + returning);
        row("upsert", u"books"_s, { u"id"_s, u"title"_s, u"price"_s }, true,
            u"INSERT INTO \"books\" (\"id\", \"title\", \"price\") VALUES (?, ?, ?) ON CONFLICT (\"id\") DO UPDATE SET "_s
                + (pg ? u"\"title\" = EXCLUDED.\"title\", \"price\" = EXCLUDED.\"price\""_s
                      : u"\"title\"=excluded.\"title\", \"price\"=excluded.\"price\""_s)
                + returning);
        row("upsert of the key only", u"books"_s, { u"id"_s }, true,
            u"INSERT INTO \"books\" (\"id\") VALUES (?) ON CONFLICT (\"id\") DO NOTHING"_s
                + returning);
        row("upsert composite key", u"order_items"_s, { u"order_id"_s, u"line"_s, u"qty"_s }, true,
            u"INSERT INTO \"order_items\" (\"order_id\", \"line\", \"qty\") VALUES (?, ?, ?) ON CONFLICT (\"order_id\", \"line\") DO UPDATE SET "_s
                + (pg ? u"\"qty\" = EXCLUDED.\"qty\""_s : u"\"qty\"=excluded.\"qty\""_s)
                + itemsReturning);
        row("upsert without a key", u"book_summary"_s, { u"title"_s }, true, {},
            u"Invalid upsert: table 'book_summary' has no primary key"_s);
    }
}

void TestSqlBuilder::insert()
{
    QFETCH(QString, driver);
    QFETCH(QString, table);
    QFETCH(QStringList, columns);
    QFETCH(bool, upsert);
    QFETCH(QString, sql);
    QFETCH(QString, error);

    QVariantList values;
    QStringList binds;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        values.append(u"v%1"_s.arg(i));
        binds.append(u"QString:v%1"_s.arg(i));
    }
    const SqlBuilder builder(dialect(driver), fixture().table(table));
    const auto result = builder.insert(columns, values, upsert);
    CHECK_SQL(result, sql, binds, error);
}

void TestSqlBuilder::update_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("binds");
    QTest::addColumn<QString>("error");

    const QString returning = u" RETURNING "_s + kAllBooks;
    for (const QString &driver : kDrivers) {
        auto row = [&](const char *name, const QString &table, const QStringList &columns,
                       const QString &filter, const QStringList &ids, const QString &sql,
                       const QStringList &binds, const QString &error = {}) {
            QTest::addRow("%s: %s", qPrintable(driver), name)
                << driver << table << columns << filter << ids << sql << binds << error;
        };
        row("filter", u"books"_s, { u"title"_s, u"price"_s }, u"id > 5 AND price < 9.99"_s, {},
            u"UPDATE \"books\" SET \"title\" = ?, \"price\" = ? WHERE (\"id\" > ? AND \"price\" < ?)"_s
                + returning,
            { u"QString:v0"_s, u"QString:v1"_s, u"qlonglong:5"_s, u"QString:9.99"_s });
        row("ids", u"books"_s, { u"title"_s }, {}, { u"4"_s, u"5"_s },
            u"UPDATE \"books\" SET \"title\" = ? WHERE \"id\" IN (?, ?)"_s + returning,
            { u"QString:v0"_s, u"qlonglong:4"_s, u"qlonglong:5"_s });
        row("filter and ids", u"books"_s, { u"in_stock"_s }, u"title = 'x'"_s, { u"4"_s },
            u"UPDATE \"books\" SET \"in_stock\" = ? WHERE \"title\" = ? AND \"id\" IN (?)"_s
                + returning,
            { u"QString:v0"_s, u"QString:x"_s, u"qlonglong:4"_s });
        row("composite key filter", u"order_items"_s, { u"qty"_s }, u"order_id = 1 AND line = 2"_s,
            {},
            u"UPDATE \"order_items\" SET \"qty\" = ? WHERE (\"order_id\" = ? AND \"line\" = ?) RETURNING \"order_id\", \"line\", \"qty\""_s,
            { u"QString:v0"_s, u"qlonglong:1"_s, u"qlonglong:2"_s });
        row("no columns", u"books"_s, {}, u"id = 1"_s, {}, {}, {}, u"names no column to update"_s);
        row("bad id", u"books"_s, { u"title"_s }, {}, { u"x1"_s }, {}, {},
            u"Invalid ids: Invalid value for column 'id'"_s);
        row("unknown filter column", u"books"_s, { u"title"_s }, u"nope = 1"_s, {}, {}, {},
            u"unknown column 'nope'"_s);
    }
}

void TestSqlBuilder::update()
{
    QFETCH(QString, driver);
    QFETCH(QString, table);
    QFETCH(QStringList, columns);
    QFETCH(QString, filter);
    QFETCH(QStringList, ids);
    QFETCH(QString, sql);
    QFETCH(QStringList, binds);
    QFETCH(QString, error);

    QVariantList values;
    for (qsizetype i = 0; i < columns.size(); ++i)
        values.append(u"v%1"_s.arg(i));
    RowSelection rows;
    rows.filter = filter.isEmpty() ? FilterExpr() : ::filter(filter);
    rows.ids = ids;
    const SqlBuilder builder(dialect(driver), fixture().table(table));
    const auto result = builder.update(columns, values, rows);
    CHECK_SQL(result, sql, binds, error);
}

void TestSqlBuilder::updateByKey_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("error");

    for (const QString &driver : kDrivers) {
        auto row = [&](const char *name, const QString &table, const QStringList &columns,
                       const QString &sql, const QString &error = {}) {
            QTest::addRow("%s: %s", qPrintable(driver), name)
                << driver << table << columns << sql << error;
        };
        row("two columns", u"books"_s, { u"title"_s, u"we\"ird"_s },
            u"UPDATE \"books\" SET \"title\" = ?, \"we\"\"ird\" = ? WHERE \"id\" = ? RETURNING "_s
                + kAllBooks);
        row("text key", u"tags"_s, { u"label"_s },
            u"UPDATE \"tags\" SET \"label\" = ? WHERE \"code\" = ? RETURNING \"code\", \"label\""_s);
        row("no columns", u"books"_s, {}, {}, u"names no column to update"_s);
        row("composite key", u"order_items"_s, { u"qty"_s }, {}, u"composite primary key"_s);
        row("view", u"book_summary"_s, { u"total"_s }, {}, u"has no primary key"_s);
    }
}

void TestSqlBuilder::updateByKey()
{
    QFETCH(QString, driver);
    QFETCH(QString, table);
    QFETCH(QStringList, columns);
    QFETCH(QString, sql);
    QFETCH(QString, error);

    QVariantList values;
    QStringList binds;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        values.append(u"v%1"_s.arg(i));
        binds.append(u"QString:v%1"_s.arg(i));
    }
    binds.append(u"qlonglong:42"_s);
    const SqlBuilder builder(dialect(driver), fixture().table(table));
    const auto result = builder.updateByKey(columns, values, QVariant(qlonglong(42)));
    CHECK_SQL(result, sql, binds, error);
}

void TestSqlBuilder::remove_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("binds");
    QTest::addColumn<QStringList>("returned");
    QTest::addColumn<QString>("error");

    for (const QString &driver : kDrivers) {
        auto row = [&](const char *name, const QString &table, const QString &filter,
                       const QStringList &ids, const QString &sql, const QStringList &binds,
                       const QStringList &returned, const QString &error = {}) {
            QTest::addRow("%s: %s", qPrintable(driver), name)
                << driver << table << filter << ids << sql << binds << returned << error;
        };
        row("ids return the key", u"books"_s, {}, { u"1"_s, u"2"_s },
            u"DELETE FROM \"books\" WHERE \"id\" IN (?, ?) RETURNING \"id\""_s,
            { u"qlonglong:1"_s, u"qlonglong:2"_s }, { u"id"_s });
        row("filter", u"books"_s, u"title CONTAINS 'x'"_s, {},
            u"DELETE FROM \"books\" WHERE \"title\" LIKE ? ESCAPE '\\' RETURNING \"id\""_s,
            { u"QString:%x%"_s }, { u"id"_s });
        row("composite key", u"order_items"_s, u"order_id = 3"_s, {},
            u"DELETE FROM \"order_items\" WHERE \"order_id\" = ? RETURNING \"order_id\", \"line\""_s,
            { u"qlonglong:3"_s }, { u"order_id"_s, u"line"_s });
        row("no key returns whole rows", u"book_summary"_s, u"total IS NULL"_s, {},
            u"DELETE FROM \"book_summary\" WHERE \"total\" IS NULL RETURNING \"title\", \"total\""_s,
            {}, { u"title"_s, u"total"_s });
        row("bad id", u"books"_s, {}, { u"1"_s, u"two"_s }, {}, {}, { u"id"_s },
            u"Invalid ids: Invalid value for column 'id': expected an integer, got 'two'"_s);
        row("ids without a key", u"book_summary"_s, {}, { u"1"_s }, {}, {},
            { u"title"_s, u"total"_s }, u"has no primary key"_s);
    }
}

void TestSqlBuilder::remove()
{
    QFETCH(QString, driver);
    QFETCH(QString, table);
    QFETCH(QString, filter);
    QFETCH(QStringList, ids);
    QFETCH(QString, sql);
    QFETCH(QStringList, binds);
    QFETCH(QStringList, returned);
    QFETCH(QString, error);

    RowSelection rows;
    rows.filter = filter.isEmpty() ? FilterExpr() : ::filter(filter);
    rows.ids = ids;
    const SqlBuilder builder(dialect(driver), fixture().table(table));
    QStringList names;
    for (const OutputColumn &c : builder.deletedColumns())
        names.append(c.name);
    QCOMPARE(names, returned);
    const auto result = builder.remove(rows);
    CHECK_SQL(result, sql, binds, error);
}

// The statements that find written rows where the dialect has no RETURNING (MySQL).
void TestSqlBuilder::rereadStatements()
{
    const Dialect &mysql = dialect(u"mysql"_s);
    const SqlBuilder books(mysql, fixture().books);
    RowSelection rows;
    rows.filter = ::filter(u"price > 10"_s);
    rows.ids = { u"7"_s };
    auto probe = books.probe(rows);
    QVERIFY2(probe, qPrintable(errorOf(probe)));
    QCOMPARE(probe->sql,
             u"SELECT `id` FROM `books` WHERE `price` > ? AND `id` IN (?) FOR UPDATE"_s);
    QCOMPARE(show(probe->binds), QStringList({ u"QString:10"_s, u"qlonglong:7"_s }));

    auto byKey = books.probeByKey(QVariant(qlonglong(3)), ::filter(u"in_stock = true"_s));
    QVERIFY2(byKey, qPrintable(errorOf(byKey)));
    QCOMPARE(byKey->sql,
             u"SELECT `id` FROM `books` WHERE `id` = ? AND `in_stock` = ? FOR UPDATE"_s);

    // A table without a key: the probe selects whole rows (what a DELETE answers with).
    auto whole = SqlBuilder(mysql, fixture().summary).probe({ ::filter(u"total IS NULL"_s), {} });
    QVERIFY2(whole, qPrintable(errorOf(whole)));
    QCOMPARE(whole->sql,
             u"SELECT `title`, `total` FROM `book_summary` WHERE `total` IS NULL FOR UPDATE"_s);

    const SqlBuilder items(mysql, fixture().items);
    auto reread = items.selectByKeys({ { 1, 2 }, { 3, 4 } });
    QVERIFY2(reread, qPrintable(errorOf(reread)));
    QCOMPARE(reread->sql,
             u"SELECT `order_id`, `line`, `qty` FROM `order_items` WHERE (`order_id` = ? AND "
             "`line` = ?) OR (`order_id` = ? AND `line` = ?) ORDER BY `order_id`, `line`"_s);
    QCOMPARE(reread->binds.size(), 4);
    auto none = items.selectByKeys({});
    QVERIFY(none);
    QVERIFY(none->sql.contains(u"WHERE 1 = 0"_s));
    QVERIFY(!SqlBuilder(mysql, fixture().summary).selectByKeys({ { 1 } }));

    // Dialects with RETURNING never need these; their write statements carry the clause.
    const auto insert =
        SqlBuilder(dialect(u"postgres"_s), fixture().items).insert({ u"order_id"_s }, { 1 }, false);
    QVERIFY(insert && insert->sql.contains(u"RETURNING"_s));
    const auto mysqlInsert = items.insert({ u"order_id"_s }, { 1 }, false);
    QVERIFY(mysqlInsert && !mysqlInsert->sql.contains(u"RETURNING"_s));
}

// Cursor pages: the keyset order ends in the key, and a page continues strictly after the
// previous page's last values, each column in its own direction.
void TestSqlBuilder::keysetPages()
{
    const SqlBuilder books(dialect(u"postgres"_s), fixture().books);
    auto read = spec(u"fields=title&order=id DESC"_s);
    QVERIFY(read);
    auto keyset = books.keysetOrder(*read);
    QVERIFY2(keyset, qPrintable(errorOf(keyset)));
    QCOMPARE(keyset->size(), 1);
    read->after = { qlonglong(40) };
    auto plan = books.select(*read);
    QVERIFY2(plan, qPrintable(errorOf(plan)));
    QCOMPARE(plan->sql.sql,
             u"SELECT \"title\", \"id\" FROM \"books\" WHERE ((\"id\" < ?)) ORDER BY \"id\" DESC "
             "LIMIT 25 OFFSET 0"_s);
    QCOMPARE(plan->keysetIndexes, QList<int>({ 1 }));

    const SqlBuilder items(dialect(u"sqlite"_s), fixture().items);
    auto composite = spec(u"order=qty DESC&filter=qty > 0"_s);
    QVERIFY(composite);
    // qty is nullable in the fixture: no keyset, and a cursor is refused naming it.
    QVERIFY(!items.keysetOrder(*composite));
    QVERIFY(items.keysetOrder(*composite).error().message.contains(u"'qty'"_s));
    Table strict = fixture().items;
    strict.columns[2].nullable = false;
    const SqlBuilder strictItems(dialect(u"sqlite"_s), strict);
    composite->after = { 5, 1, 2 };
    auto page = strictItems.select(*composite);
    QVERIFY2(page, qPrintable(errorOf(page)));
    QCOMPARE(page->sql.sql,
             u"SELECT \"order_id\", \"line\", \"qty\" FROM \"order_items\" WHERE \"qty\" > ? AND "
             "((\"qty\" < ?) OR (\"qty\" = ? AND \"order_id\" > ?) OR (\"qty\" = ? AND "
             "\"order_id\" = ? AND \"line\" > ?)) ORDER BY \"qty\" DESC, \"order_id\", \"line\" "
             "LIMIT 25 OFFSET 0"_s);
    QCOMPARE(show(page->sql.binds),
             QStringList({ u"qlonglong:0"_s, u"int:5"_s, u"int:5"_s, u"int:1"_s, u"int:5"_s,
                           u"int:1"_s, u"int:2"_s }));
    composite->after = { 5 }; // a token for another order
    QVERIFY(!strictItems.select(*composite));

    const SqlBuilder view(dialect(u"sqlite"_s), fixture().summary);
    QVERIFY(!view.keysetOrder(*spec(u"limit=5"_s)));
    auto grouped = spec(u"fields=COUNT(*)"_s);
    QVERIFY(!books.keysetOrder(*grouped));
}

void TestSqlBuilder::selectMatching()
{
    const SqlBuilder books(dialect(u"mysql"_s), fixture().books);
    auto toOne = books.selectMatching(u"id"_s, { 1, 2 }, {}, 0);
    QVERIFY2(toOne, qPrintable(errorOf(toOne)));
    QVERIFY(toOne->sql.startsWith(u"SELECT `id`, `title`"_s));
    QVERIFY(toOne->sql.endsWith(u", `id` FROM `books` WHERE `id` IN (?, ?) ORDER BY `id`, `id`"_s));
    auto toMany = books.selectMatching(u"title"_s, { u"a"_s }, ::filter(u"price > 1"_s), 100);
    QVERIFY2(toMany, qPrintable(errorOf(toMany)));
    QVERIFY2(toMany->sql.contains(
                 u"ROW_NUMBER() OVER (PARTITION BY `title` ORDER BY `id`) AS `sluice_rank` FROM "
                 "`books` WHERE `title` IN (?) AND `price` > ?) `sluice_related` WHERE "
                 "`sluice_rank` <= 100 ORDER BY `title`, `id`"_s),
             qPrintable(toMany->sql));
    QCOMPARE(toMany->binds.size(), 2);
    QVERIFY(!books.selectMatching(u"ghost"_s, { 1 }, {}, 0));
}

// A long list of keys is bound once on SQLite, whose Qt driver makes n placeholders cost n²
// (named parameters looked up one by one): the same statement whatever the length, linear. Short
// lists, and the other databases, keep IN (?, …).
void TestSqlBuilder::longKeyLists()
{
    QStringList ids;
    QVariantList keys;
    for (int id = 1; id <= 1000; ++id) {
        ids << QString::number(id);
        keys << qlonglong(id);
    }
    const SqlBuilder sqlite(dialect(u"sqlite"_s), fixture().books);
    auto remove = sqlite.remove({ {}, ids });
    QVERIFY2(remove, qPrintable(errorOf(remove)));
    QCOMPARE(remove->sql,
             u"DELETE FROM \"books\" WHERE \"id\" IN (SELECT value FROM json_each(?)) RETURNING "
             "\"id\""_s);
    QCOMPARE(remove->binds.size(), 1);
    const QString json = remove->binds.at(0).toString();
    QVERIFY(json.startsWith(u"[1,2,3,"_s) && json.endsWith(u",999,1000]"_s));
    auto read = sqlite.countKeysMatching(keys, ::filter(u"price > 1"_s));
    QVERIFY2(read, qPrintable(errorOf(read)));
    QCOMPARE(read->sql,
             u"SELECT COUNT(*) FROM \"books\" WHERE \"id\" IN (SELECT value FROM json_each(?))"
             " AND \"price\" > ?"_s);
    QCOMPARE(read->binds.size(), 2);
    QCOMPARE(sqlite.remove({ {}, ids.mid(0, 2) })->binds.size(), 2); // short: as before

    // PostgreSQL (also through ODBC, where psqlODBC fails past 32,767 parameters): one array.
    const SqlBuilder postgres(dialect(u"postgres"_s), fixture().books);
    auto array = postgres.remove({ {}, ids });
    QVERIFY2(array, qPrintable(errorOf(array)));
    QCOMPARE(array->sql,
             u"DELETE FROM \"books\" WHERE \"id\" = ANY(CAST(? AS INTEGER[])) RETURNING \"id\""_s);
    QCOMPARE(array->binds.size(), 1);
    QVERIFY(array->binds.at(0).toString().startsWith(u"{1,2,3,"_s));
    Table textKey = fixture().books;
    textKey.columns[0].dbType = u"character varying(20)"_s;
    textKey.columns[0].jsonType = JsonType::String;
    QStringList names = ids;
    names[1] = u"a \"quoted\" \\ name"_s;
    auto quoted = SqlBuilder(dialect(u"postgres"_s), textKey).remove({ {}, names });
    QVERIFY2(quoted, qPrintable(errorOf(quoted)));
    QVERIFY(quoted->sql.contains(u"= ANY(CAST(? AS character varying(20)[]))"_s));
    const QString literal = u"{\"1\",\"a \\\"quoted\\\" \\\\ name\",\"3\","_s;
    QVERIFY2(quoted->binds.at(0).toString().startsWith(literal),
             qPrintable(quoted->binds.at(0).toString().left(40)));

    const SqlBuilder mysql(dialect(u"mysql"_s), fixture().books);
    auto plain = mysql.remove({ {}, ids });
    QVERIFY2(plain, qPrintable(errorOf(plain)));
    QCOMPARE(plain->binds.size(), 1000);
    QVERIFY(plain->sql.contains(u"`id` IN (?, ?, "_s));
}

void TestSqlBuilder::errorContext()
{
    const SqlBuilder builder(dialect(u"postgres"_s), fixture().books);
    auto read = spec(u"filter=id = 1 OR ghost > 2"_s);
    QVERIFY(read);
    const auto plan = builder.select(*read);
    QVERIFY(!plan);
    QCOMPARE(plan.error().context.value(u"column"_s).toString(), u"ghost"_s);
    QCOMPARE(plan.error().context.value(u"position"_s).toInt(), 11);

    auto fields = spec(u"fields=ghost"_s);
    QVERIFY(fields);
    const auto fieldsPlan = builder.select(*fields);
    QVERIFY(!fieldsPlan);
    QCOMPARE(fieldsPlan.error().context.value(u"column"_s).toString(), u"ghost"_s);
}

void TestSqlBuilder::bindableFromJson_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("bound"); // show() of the result; empty when an error is expected
    QTest::addColumn<QString>("error");

    auto ok = [](const char *name, JsonType type, const QJsonValue &value, const QString &bound) {
        QTest::newRow(name) << int(type) << value << bound << QString();
    };
    auto bad = [](const char *name, JsonType type, const QJsonValue &value, const QString &error) {
        QTest::newRow(name) << int(type) << value << QString() << error;
    };

    ok("null binds NULL", JsonType::Integer, QJsonValue(QJsonValue::Null), u"null"_s);
    bad("undefined", JsonType::String, QJsonValue(QJsonValue::Undefined),
        u"expected a value, got nothing"_s);

    ok("integer", JsonType::Integer, QJsonValue(42), u"qlonglong:42"_s);
    ok("integer negative", JsonType::Integer, QJsonValue(-7.0), u"qlonglong:-7"_s);
    ok("integer from string", JsonType::Integer, QJsonValue(u" 12 "_s), u"qlonglong:12"_s);
    bad("integer with fraction", JsonType::Integer, QJsonValue(5.5),
        u"expected an integer, got 5.5"_s);
    bad("integer too big", JsonType::Integer, QJsonValue(1e19), u"expected an integer"_s);
    bad("integer from bad string", JsonType::Integer, QJsonValue(u"4x"_s),
        u"expected an integer, got '4x'"_s);
    bad("integer from bool", JsonType::Integer, QJsonValue(true),
        u"expected an integer, got a boolean"_s);
    bad("integer from object", JsonType::Integer, QJsonValue(QJsonObject()), u"got an object"_s);

    ok("decimal from number", JsonType::Decimal, QJsonValue(19.99), u"QString:19.99"_s);
    ok("decimal from string keeps digits", JsonType::Decimal, QJsonValue(u"15.50"_s),
       u"QString:15.50"_s);
    ok("decimal big digits", JsonType::Decimal, QJsonValue(u"12345678901234567890.123456789"_s),
       u"QString:12345678901234567890.123456789"_s);
    bad("decimal from word", JsonType::Decimal, QJsonValue(u"cheap"_s),
        u"expected a number, got 'cheap'"_s);
    bad("decimal from array", JsonType::Decimal, QJsonValue(QJsonArray { 1 }),
        u"expected a number, got an array"_s);
    bad("decimal from hex", JsonType::Decimal, QJsonValue(u"0x10"_s), u"expected a number"_s);

    ok("float", JsonType::Float, QJsonValue(0.1), u"QString:0.1"_s);
    ok("float exponent string", JsonType::Float, QJsonValue(u"1e-3"_s), u"QString:1e-3"_s);
    bad("float from bool", JsonType::Float, QJsonValue(false),
        u"expected a number, got a boolean"_s);

    ok("boolean", JsonType::Boolean, QJsonValue(true), u"bool:true"_s);
    ok("boolean from 0", JsonType::Boolean, QJsonValue(0), u"bool:false"_s);
    ok("boolean from 1", JsonType::Boolean, QJsonValue(1), u"bool:true"_s);
    ok("boolean from string", JsonType::Boolean, QJsonValue(u"FALSE"_s), u"bool:false"_s);
    bad("boolean from 2", JsonType::Boolean, QJsonValue(2), u"expected a boolean, got a number"_s);
    bad("boolean from word", JsonType::Boolean, QJsonValue(u"yes"_s),
        u"expected a boolean, got 'yes'"_s);

    ok("json object", JsonType::Json, QJsonValue(QJsonObject { { u"a"_s, 1 } }),
       u"QString:{\"a\":1}"_s);
    ok("json array", JsonType::Json, QJsonValue(QJsonArray { 1, u"x"_s }), u"QString:[1,\"x\"]"_s);
    ok("json string", JsonType::Json, QJsonValue(u"hi \"you\""_s), u"QString:\"hi \\\"you\\\"\""_s);
    ok("json number", JsonType::Json, QJsonValue(3), u"QString:3"_s);
    ok("json bool", JsonType::Json, QJsonValue(false), u"QString:false"_s);

    ok("binary", JsonType::Binary, QJsonValue(u"AAH/"_s), u"QByteArray:0001ff"_s);
    bad("binary not base64", JsonType::Binary, QJsonValue(u"!!"_s), u"expected base64 data"_s);
    bad("binary from number", JsonType::Binary, QJsonValue(5),
        u"expected a base64 string, got a number"_s);

    ok("string", JsonType::String, QJsonValue(u"ünïcode"_s), u"QString:ünïcode"_s);
    ok("string from number", JsonType::String, QJsonValue(2.5), u"QString:2.5"_s);
    ok("string from bool", JsonType::String, QJsonValue(true), u"QString:true"_s);
    bad("string from object", JsonType::String, QJsonValue(QJsonObject()),
        u"expected a string, got an object"_s);

    ok("date", JsonType::Date, QJsonValue(u"2024-02-29"_s), u"QString:2024-02-29"_s);
    bad("date from number", JsonType::Date, QJsonValue(20240229),
        u"expected a string, got a number"_s);
    ok("datetime", JsonType::DateTime, QJsonValue(u"2024-02-29T10:00:00Z"_s),
       u"QString:2024-02-29T10:00:00Z"_s);
    bad("datetime from bool", JsonType::DateTime, QJsonValue(true),
        u"expected a string, got a boolean"_s);
    ok("time", JsonType::Time, QJsonValue(u"10:00:00"_s), u"QString:10:00:00"_s);
    ok("uuid", JsonType::Uuid, QJsonValue(u"123e4567-e89b-12d3-a456-426614174000"_s),
       u"QString:123e4567-e89b-12d3-a456-426614174000"_s);
    bad("uuid from array", JsonType::Uuid, QJsonValue(QJsonArray()),
        u"expected a string, got an array"_s);
}

void TestSqlBuilder::bindableFromJson()
{
    QFETCH(int, type);
    QFETCH(QJsonValue, value);
    QFETCH(QString, bound);
    QFETCH(QString, error);

    const Column c = column(u"col_x"_s, u"ANY"_s, JsonType(type));
    const auto result = sluice::bindableFromJson(c, value);
    if (!error.isEmpty()) {
        QVERIFY2(!result, qPrintable(u"expected an error, got "_s + boundOf(result)));
        QCOMPARE(result.error().kind, ErrorKind::BadRequest);
        QVERIFY2(result.error().message.startsWith(u"Invalid value for column 'col_x': "_s),
                 qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(error), qPrintable(result.error().message));
        QCOMPARE(result.error().context.value(u"column"_s).toString(), u"col_x"_s);
        return;
    }
    QVERIFY2(result, qPrintable(errorOf(result)));
    QCOMPARE(show(*result), bound);
}

void TestSqlBuilder::bindableFromText_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("bound");
    QTest::addColumn<QString>("error");

    auto ok = [](const char *name, JsonType type, const QString &text, const QString &bound) {
        QTest::newRow(name) << int(type) << text << bound << QString();
    };
    auto bad = [](const char *name, JsonType type, const QString &text, const QString &error) {
        QTest::newRow(name) << int(type) << text << QString() << error;
    };

    ok("integer", JsonType::Integer, u"12"_s, u"qlonglong:12"_s);
    ok("integer negative padded", JsonType::Integer, u" -3 "_s, u"qlonglong:-3"_s);
    ok("integer max", JsonType::Integer, u"9223372036854775807"_s,
       u"qlonglong:9223372036854775807"_s);
    bad("integer overflow", JsonType::Integer, u"9223372036854775808"_s, u"expected an integer"_s);
    bad("integer fraction", JsonType::Integer, u"1.5"_s, u"expected an integer, got '1.5'"_s);
    bad("integer empty", JsonType::Integer, QString(), u"expected an integer"_s);
    bad("integer sql", JsonType::Integer, u"1 OR 1=1"_s, u"expected an integer, got '1 OR 1=1'"_s);

    ok("decimal", JsonType::Decimal, u"19.990"_s, u"QString:19.990"_s);
    ok("decimal exponent", JsonType::Decimal, u"1E3"_s, u"QString:1E3"_s);
    bad("decimal word", JsonType::Decimal, u"abc"_s, u"expected a number, got 'abc'"_s);
    bad("decimal leading dot", JsonType::Decimal, u".5"_s, u"expected a number"_s);
    ok("float", JsonType::Float, u"-0.25"_s, u"QString:-0.25"_s);
    bad("float nan", JsonType::Float, u"NaN"_s, u"expected a number"_s);

    ok("boolean true", JsonType::Boolean, u"TRUE"_s, u"bool:true"_s);
    ok("boolean 0", JsonType::Boolean, u"0"_s, u"bool:false"_s);
    bad("boolean maybe", JsonType::Boolean, u"maybe"_s, u"expected a boolean, got 'maybe'"_s);

    ok("binary", JsonType::Binary, u"AAH/"_s, u"QByteArray:0001ff"_s);
    bad("binary", JsonType::Binary, u"@@@"_s, u"expected base64 data"_s);

    ok("string", JsonType::String, u"a b"_s, u"QString:a b"_s);
    ok("date", JsonType::Date, u"2024-01-31"_s, u"QString:2024-01-31"_s);
    ok("uuid", JsonType::Uuid, u"123e4567-e89b-12d3-a456-426614174000"_s,
       u"QString:123e4567-e89b-12d3-a456-426614174000"_s);
}

void TestSqlBuilder::bindableFromText()
{
    QFETCH(int, type);
    QFETCH(QString, text);
    QFETCH(QString, bound);
    QFETCH(QString, error);

    const Column c = column(u"col_y"_s, u"ANY"_s, JsonType(type));
    const auto result = sluice::bindableFromText(c, text);
    if (!error.isEmpty()) {
        QVERIFY2(!result, qPrintable(u"expected an error, got "_s + boundOf(result)));
        QCOMPARE(result.error().kind, ErrorKind::BadRequest);
        QVERIFY2(result.error().message.startsWith(u"Invalid value for column 'col_y': "_s),
                 qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(error), qPrintable(result.error().message));
        QCOMPARE(result.error().context.value(u"column"_s).toString(), u"col_y"_s);
        return;
    }
    QVERIFY2(result, qPrintable(errorOf(result)));
    QCOMPARE(show(*result), bound);
}

QTEST_GUILESS_MAIN(TestSqlBuilder)
#include "tst_sqlbuilder.moc"
