#include "db/odbc/odbcdialect.h"
#include "db/sql/procedurecall.h"
#include "db/sql/sqlbuilder.h"
#include "db/sqlserver/sqlserverdialect.h"
#include "query/readspec.h"
#include "querytools.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using namespace sluice::test;

Q_DECLARE_METATYPE(sluice::ErrorKind)
Q_DECLARE_METATYPE(sluice::CallArgument)

namespace {

// Tables as SqlServerDialect::introspect reports them.
struct Fixture
{
    Table books; // an IDENTITY key, a column name with ']' in it
    Table items; // composite key
    Table summary; // a view: no key

    Fixture()
    {
        books.name = u"books"_s;
        books.columns = { column(u"id"_s, u"int"_s, JsonType::Integer, true),
                          column(u"title"_s, u"nvarchar(200)"_s, JsonType::String),
                          column(u"price"_s, u"decimal(10,2)"_s, JsonType::Decimal),
                          column(u"in_stock"_s, u"bit"_s, JsonType::Boolean),
                          column(u"we]ird"_s, u"nvarchar(10)"_s, JsonType::String) };
        books.columns[0].autoIncrement = true;
        books.columns[0].hasDefault = true;
        books.primaryKey = { u"id"_s };

        items.name = u"order items"_s;
        items.columns = { column(u"order_id"_s, u"int"_s, JsonType::Integer, true),
                          column(u"line"_s, u"int"_s, JsonType::Integer, true),
                          column(u"qty"_s, u"int"_s, JsonType::Integer) };
        items.primaryKey = { u"order_id"_s, u"line"_s };

        summary.name = u"book_summary"_s;
        summary.isView = true;
        summary.columns = { column(u"title"_s, u"nvarchar(200)"_s, JsonType::String),
                            column(u"total"_s, u"decimal(38,2)"_s, JsonType::Decimal) };
    }

    const Table &table(const QString &name) const
    {
        if (name == u"order items"_s)
            return items;
        if (name == u"book_summary"_s)
            return summary;
        return books;
    }
};

const Fixture &fixture()
{
    static const Fixture f;
    return f;
}

// The dialect exactly as a service gets it: found behind ODBC by the DBMS name that Microsoft's
// drivers and FreeTDS report.
const Dialect &sqlServer()
{
    return *odbcDialectForDbms(u"Microsoft SQL Server"_s);
}

const QString kAll = u"[id], [title], [price], [in_stock], [we]]ird]"_s;
const QString kInserted =
    u" OUTPUT INSERTED.[id], INSERTED.[title], INSERTED.[price], INSERTED.[in_stock], "
    "INSERTED.[we]]ird]"_s;

QStringList show(const QVariantList &binds)
{
    QStringList out;
    for (const QVariant &v : binds)
        out.append(QString::fromLatin1(v.metaType().name()) + u':' + v.toString());
    return out;
}

} // namespace

// The SQL Server dialect, which no server here can run: the exact T-SQL of every statement the
// SQL builder makes ([quoting], OFFSET … FETCH with its ORDER BY, OUTPUT placed where T-SQL wants
// it, MERGE upserts, LIKE escapes), and the classification of SQL Server's error numbers and
// ODBC SQLSTATEs as FreeTDS reports them.
class TestDialectSqlServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detection_data();
    void detection();
    void quoting_data();
    void quoting();
    void select_data();
    void select();
    void offsetWithoutLimit();
    void count_data();
    void count();
    void selectByKey();
    void countKeysMatching();
    void insert_data();
    void insert();
    void update_data();
    void update();
    void updateByKey();
    void remove_data();
    void remove();
    void classify_data();
    void classify();
    void classifyRecords();
    void classifyQtError();
    void callPlan_data();
    void callPlan();
    void callArguments();
};

void TestDialectSqlServer::detection_data()
{
    QTest::addColumn<QString>("dbms");
    QTest::addColumn<bool>("known");
    QTest::addColumn<int>("id");
    QTest::newRow("Microsoft") << u"Microsoft SQL Server"_s << true << int(DialectId::SqlServer);
    QTest::newRow("any case") << u"microsoft sql server"_s << true << int(DialectId::SqlServer);
    QTest::newRow("psqlODBC") << u"PostgreSQL"_s << true << int(DialectId::PostgreSQL);
    QTest::newRow("sqliteodbc") << u"SQLite"_s << true << int(DialectId::SQLite);
    QTest::newRow("MySQL") << u"MySQL"_s << true << int(DialectId::MySQL);
    QTest::newRow("MariaDB") << u"MariaDB"_s << true << int(DialectId::MySQL);
    // FreeTDS names Sybase ASE "SQL Server": a different T-SQL, not served.
    QTest::newRow("Sybase") << u"SQL Server"_s << false << 0;
    QTest::newRow("Oracle") << u"Oracle"_s << false << 0;
    QTest::newRow("unnamed") << QString() << false << 0;
}

void TestDialectSqlServer::detection()
{
    QFETCH(QString, dbms);
    QFETCH(bool, known);
    QFETCH(int, id);
    const OdbcDialect *dialect = odbcDialectForDbms(dbms);
    QCOMPARE(dialect != nullptr, known);
    if (dialect) {
        QCOMPARE(int(dialect->id()), id);
        QCOMPARE(dialect->name(), u"odbc"_s);
        QCOMPARE(dialect->qtDriver(), u"QODBC"_s);
    }
}

void TestDialectSqlServer::quoting_data()
{
    QTest::addColumn<QString>("identifier");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << u"books"_s << u"[books]"_s;
    QTest::newRow("space") << u"order items"_s << u"[order items]"_s;
    QTest::newRow("closing bracket doubled") << u"a]b"_s << u"[a]]b]"_s;
    QTest::newRow("injection") << u"x]; DROP TABLE t; --"_s << u"[x]]; DROP TABLE t; --]"_s;
    QTest::newRow("opening bracket kept") << u"[x"_s << u"[[x]"_s;
    QTest::newRow("double quote kept") << u"a\"b"_s << u"[a\"b]"_s;
}

void TestDialectSqlServer::quoting()
{
    QFETCH(QString, identifier);
    QFETCH(QString, quoted);
    QCOMPARE(sqlServer().quoteIdentifier(identifier), quoted);
    QCOMPARE(SqlServerDialect().quoteIdentifier(identifier), quoted);
}

void TestDialectSqlServer::select_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("binds");

    QTest::newRow("defaults: ordered by the key, first page") << u"books"_s << QString()
                                                              << u"SELECT "_s + kAll
            + u" FROM [books] ORDER BY [id] OFFSET 0 ROWS FETCH NEXT 25 ROWS ONLY"_s
                                                              << QStringList();
    QTest::newRow("filter, order, limit, offset")
        << u"books"_s
        << u"filter=(title LIKE 'A%' AND price > 10) OR in_stock = true&order=title DESC,id&limit=10&offset=20"_s
        << u"SELECT "_s + kAll
            + u" FROM [books] WHERE (([title] LIKE ? AND [price] > ?) OR [in_stock] = ?)"
              " ORDER BY [title] DESC, [id] ASC OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY"_s
        << QStringList { u"QString:A%"_s, u"QString:10"_s, u"bool:true"_s };
    // The key joins the select list when not selected: the API reads it for next_cursor.
    QTest::newRow("contains escapes % _ [ and \\")
        << u"books"_s << u"fields=title&filter=title CONTAINS '5%_[a]\\'&limit=5"_s
        << u"SELECT [title], [id] FROM [books] WHERE [title] LIKE ? ESCAPE '\\' ORDER BY [id]"
           " OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY"_s
        << QStringList { u"QString:%5\\%\\_\\[a]\\\\%"_s };
    QTest::newRow("starts with, ends with")
        << u"books"_s
        << u"fields=id&filter=title STARTS WITH 'The' AND title ENDS WITH 'End'&limit=1"_s
        << u"SELECT [id] FROM [books] WHERE ([title] LIKE ? ESCAPE '\\' AND [title] LIKE ?"
           " ESCAPE '\\') ORDER BY [id] OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY"_s
        << QStringList { u"QString:The%"_s, u"QString:%End"_s };
    QTest::newRow("in, between, is null")
        << u"books"_s
        << u"fields=id,title&filter=id IN (1, 2) AND price NOT BETWEEN 1 AND 5 AND title IS NULL&limit=3"_s
        << u"SELECT [id], [title] FROM [books] WHERE ([id] IN (?, ?) AND [price] NOT BETWEEN ? AND "
           u"?"
           " AND [title] IS NULL) ORDER BY [id] OFFSET 0 ROWS FETCH NEXT 3 ROWS ONLY"_s
        << QStringList { u"qlonglong:1"_s, u"qlonglong:2"_s, u"QString:1"_s, u"QString:5"_s };
    QTest::newRow("ids") << u"books"_s << u"fields=id&ids=3,4"_s
                         << u"SELECT [id] FROM [books] WHERE [id] IN (?, ?) ORDER BY [id]"
                            " OFFSET 0 ROWS FETCH NEXT 25 ROWS ONLY"_s
                         << QStringList { u"qlonglong:3"_s, u"qlonglong:4"_s };
    QTest::newRow("aliased field") << u"books"_s << u"fields=title AS name&limit=2"_s
                                   << u"SELECT [title] AS [name], [id] FROM [books] ORDER BY [id]"
                                      " OFFSET 0 ROWS FETCH NEXT 2 ROWS ONLY"_s
                                   << QStringList();
    QTest::newRow("aggregates with group: no key order, (SELECT NULL)")
        << u"books"_s << u"fields=in_stock,COUNT(*),SUM(price) AS total,AVG(price)&group=in_stock"_s
        << u"SELECT [in_stock], COUNT(*) AS [count], SUM([price]) AS [total], AVG([price]) AS"
           " [avg_price] FROM [books] GROUP BY [in_stock] ORDER BY (SELECT NULL)"
           " OFFSET 0 ROWS FETCH NEXT 25 ROWS ONLY"_s
        << QStringList();
    QTest::newRow("aggregates ordered by an alias")
        << u"books"_s << u"fields=MAX(price) AS top,MIN(price)&order=top DESC"_s
        << u"SELECT MAX([price]) AS [top], MIN([price]) AS [min_price] FROM [books]"
           " ORDER BY [top] DESC OFFSET 0 ROWS FETCH NEXT 25 ROWS ONLY"_s
        << QStringList();
    QTest::newRow("view without key: (SELECT NULL)")
        << u"book_summary"_s << u"limit=10&offset=5"_s
        << u"SELECT [title], [total] FROM [book_summary] ORDER BY (SELECT NULL)"
           " OFFSET 5 ROWS FETCH NEXT 10 ROWS ONLY"_s
        << QStringList();
    QTest::newRow("composite key order")
        << u"order items"_s << u"filter=qty >= 2"_s
        << u"SELECT [order_id], [line], [qty] FROM [order items] WHERE [qty] >= ?"
           " ORDER BY [order_id], [line] OFFSET 0 ROWS FETCH NEXT 25 ROWS ONLY"_s
        << QStringList { u"qlonglong:2"_s };
}

void TestDialectSqlServer::select()
{
    QFETCH(QString, table);
    QFETCH(QString, query);
    QFETCH(QString, sql);
    QFETCH(QStringList, binds);
    const Result<ReadSpec> spec = parseReadSpec(params(query), ReadLimits {});
    QVERIFY2(spec, qPrintable(errorOf(spec)));
    const SqlBuilder builder(sqlServer(), fixture().table(table));
    const Result<SelectPlan> plan = builder.select(*spec);
    QVERIFY2(plan, qPrintable(errorOf(plan)));
    QCOMPARE(plan->sql.sql, sql);
    QCOMPARE(show(plan->sql.binds), binds);
}

void TestDialectSqlServer::offsetWithoutLimit()
{
    // An unpaged read (NDJSON/CSV streaming) that skips rows: OFFSET alone, no FETCH.
    const Result<ReadSpec> spec =
        parseReadSpec(params(u"fields=id&offset=7"_s), ReadLimits {}, true);
    QVERIFY2(spec, qPrintable(errorOf(spec)));
    const SqlBuilder builder(sqlServer(), fixture().books);
    const Result<SelectPlan> plan = builder.select(*spec, false);
    QVERIFY2(plan, qPrintable(errorOf(plan)));
    QCOMPARE(plan->sql.sql, u"SELECT [id] FROM [books] ORDER BY [id] OFFSET 7 ROWS"_s);

    const SqlBuilder view(sqlServer(), fixture().summary);
    const Result<SelectPlan> unordered = view.select(*spec, false);
    QVERIFY2(!unordered, "the view has no column id");
    const Result<ReadSpec> all = parseReadSpec(params(u"offset=7"_s), ReadLimits {}, true);
    const Result<SelectPlan> viewPlan = view.select(*all, false);
    QVERIFY2(viewPlan, qPrintable(errorOf(viewPlan)));
    QCOMPARE(viewPlan->sql.sql,
             u"SELECT [title], [total] FROM [book_summary] ORDER BY (SELECT NULL) OFFSET 7 ROWS"_s);
}

void TestDialectSqlServer::count_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("binds");
    QTest::newRow("all") << QString() << u"SELECT COUNT(*) FROM [books]"_s << QStringList();
    QTest::newRow("filtered, ignoring paging")
        << u"filter=price < 5&limit=2&offset=4&order=title"_s
        << u"SELECT COUNT(*) FROM [books] WHERE [price] < ?"_s << QStringList { u"QString:5"_s };
    QTest::newRow("groups: a derived table, not paged")
        << u"fields=in_stock,COUNT(*)&group=in_stock&offset=3"_s
        << u"SELECT COUNT(*) FROM (SELECT [in_stock] FROM [books] GROUP BY [in_stock])"
           " AS sluice_groups"_s
        << QStringList();
}

void TestDialectSqlServer::count()
{
    QFETCH(QString, query);
    QFETCH(QString, sql);
    QFETCH(QStringList, binds);
    const Result<ReadSpec> spec = parseReadSpec(params(query), ReadLimits {});
    QVERIFY2(spec, qPrintable(errorOf(spec)));
    const Result<BoundSql> out = SqlBuilder(sqlServer(), fixture().books).count(*spec);
    QVERIFY2(out, qPrintable(errorOf(out)));
    QCOMPARE(out->sql, sql);
    QCOMPARE(show(out->binds), binds);
}

void TestDialectSqlServer::selectByKey()
{
    const SqlBuilder builder(sqlServer(), fixture().books);
    const Result<BoundSql> plain = builder.selectByKey(u"42"_s);
    QVERIFY2(plain, qPrintable(errorOf(plain)));
    QCOMPARE(plain->sql, u"SELECT "_s + kAll + u" FROM [books] WHERE [id] = ?"_s);
    QCOMPARE(show(plain->binds), QStringList { u"qlonglong:42"_s });

    const Result<BoundSql> filtered =
        builder.selectByKey(u"42"_s, filter(u"title STARTS WITH 'a'"_s));
    QVERIFY2(filtered, qPrintable(errorOf(filtered)));
    QCOMPARE(filtered->sql,
             u"SELECT "_s + kAll
                 + u" FROM [books] WHERE [id] = ? AND [title] LIKE ? ESCAPE '\\'"_s);
    QCOMPARE(show(filtered->binds), (QStringList { u"qlonglong:42"_s, u"QString:a%"_s }));

    QVERIFY(!builder.selectByKey(u"x"_s)); // not an integer: 400, never a cast error
}

void TestDialectSqlServer::countKeysMatching()
{
    const Result<BoundSql> out = SqlBuilder(sqlServer(), fixture().books)
                                     .countKeysMatching({ 1, 2 }, filter(u"in_stock = true"_s));
    QVERIFY2(out, qPrintable(errorOf(out)));
    QCOMPARE(out->sql, u"SELECT COUNT(*) FROM [books] WHERE [id] IN (?, ?) AND [in_stock] = ?"_s);
}

void TestDialectSqlServer::insert_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<bool>("upsert");
    QTest::addColumn<QString>("sql");

    QTest::newRow("generated key returned by OUTPUT before VALUES")
        << u"books"_s << QStringList { u"title"_s, u"price"_s } << false
        << u"INSERT INTO [books] ([title], [price])"_s + kInserted + u" VALUES (?, ?)"_s;
    QTest::newRow("default values") << u"books"_s << QStringList() << false
                                    << u"INSERT INTO [books]"_s + kInserted + u" DEFAULT VALUES"_s;
    QTest::newRow("upsert: MERGE on the key")
        << u"books"_s << QStringList { u"id"_s, u"title"_s, u"we]ird"_s } << true
        << u"MERGE INTO [books] WITH (HOLDLOCK) AS [target] USING (VALUES (?, ?, ?)) AS [source]"
           " ([id], [title], [we]]ird]) ON [target].[id] = [source].[id]"
           " WHEN MATCHED THEN UPDATE SET [title] = [source].[title], [we]]ird] = "
           "[source].[we]]ird]"
           " WHEN NOT MATCHED THEN INSERT ([id], [title], [we]]ird])"
           " VALUES ([source].[id], [source].[title], [source].[we]]ird])"_s
            + kInserted + u";"_s;
    QTest::newRow("upsert without the key: a plain insert")
        << u"books"_s << QStringList { u"title"_s } << true
        << u"INSERT INTO [books] ([title])"_s + kInserted + u" VALUES (?)"_s;
    QTest::newRow("upsert, composite key")
        << u"order items"_s << QStringList { u"order_id"_s, u"line"_s, u"qty"_s } << true
        << u"MERGE INTO [order items] WITH (HOLDLOCK) AS [target] USING (VALUES (?, ?, ?))"
           " AS [source] ([order_id], [line], [qty]) ON [target].[order_id] = [source].[order_id]"
           " AND [target].[line] = [source].[line] WHEN MATCHED THEN UPDATE SET [qty] ="
           " [source].[qty] WHEN NOT MATCHED THEN INSERT ([order_id], [line], [qty]) VALUES"
           " ([source].[order_id], [source].[line], [source].[qty]) OUTPUT INSERTED.[order_id],"
           " INSERTED.[line], INSERTED.[qty];"_s;
    QTest::newRow("upsert of key columns only: existing rows kept")
        << u"order items"_s << QStringList { u"order_id"_s, u"line"_s } << true
        << u"MERGE INTO [order items] WITH (HOLDLOCK) AS [target] USING (VALUES (?, ?))"
           " AS [source] ([order_id], [line]) ON [target].[order_id] = [source].[order_id]"
           " AND [target].[line] = [source].[line] WHEN NOT MATCHED THEN INSERT ([order_id],"
           " [line]) VALUES ([source].[order_id], [source].[line]) OUTPUT INSERTED.[order_id],"
           " INSERTED.[line], INSERTED.[qty];"_s;
    QTest::newRow("upsert without a primary key is refused")
        << u"book_summary"_s << QStringList { u"title"_s } << true << QString();
}

void TestDialectSqlServer::insert()
{
    QFETCH(QString, table);
    QFETCH(QStringList, columns);
    QFETCH(bool, upsert);
    QFETCH(QString, sql);
    QVariantList values;
    for (qsizetype i = 0; i < columns.size(); ++i)
        values.append(QString::number(i));
    const Result<BoundSql> out =
        SqlBuilder(sqlServer(), fixture().table(table)).insert(columns, values, upsert);
    if (sql.isEmpty()) {
        QVERIFY(!out);
        QCOMPARE(out.error().kind, ErrorKind::BadRequest);
        QVERIFY2(out.error().message.contains(u"no primary key"_s), qPrintable(errorOf(out)));
        return;
    }
    QVERIFY2(out, qPrintable(errorOf(out)));
    QCOMPARE(out->sql, sql);
    QCOMPARE(out->binds, values); // one placeholder per value, in column order
    QCOMPARE(out->sql.count(u'?'), values.size());
}

void TestDialectSqlServer::update_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("filterText");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("binds");

    QTest::newRow("by filter: OUTPUT before WHERE")
        << u"books"_s << u"price < 3"_s << QStringList()
        << u"UPDATE [books] SET [title] = ?, [in_stock] = ?"_s + kInserted + u" WHERE [price] < ?"_s
        << QStringList { u"QString:t"_s, u"bool:false"_s, u"QString:3"_s };
    QTest::newRow("by ids and filter")
        << u"books"_s << u"in_stock = true"_s << QStringList { u"1"_s, u"2"_s }
        << u"UPDATE [books] SET [title] = ?, [in_stock] = ?"_s + kInserted
            + u" WHERE [in_stock] = ? AND [id] IN (?, ?)"_s
        << QStringList { u"QString:t"_s, u"bool:false"_s, u"bool:true"_s, u"qlonglong:1"_s,
                         u"qlonglong:2"_s };
}

void TestDialectSqlServer::update()
{
    QFETCH(QString, table);
    QFETCH(QString, filterText);
    QFETCH(QStringList, ids);
    QFETCH(QString, sql);
    QFETCH(QStringList, binds);
    RowSelection rows { filter(filterText), ids };
    const Result<BoundSql> out =
        SqlBuilder(sqlServer(), fixture().table(table))
            .update({ u"title"_s, u"in_stock"_s }, { u"t"_s, false }, rows);
    QVERIFY2(out, qPrintable(errorOf(out)));
    QCOMPARE(out->sql, sql);
    QCOMPARE(show(out->binds), binds);
}

void TestDialectSqlServer::updateByKey()
{
    const SqlBuilder builder(sqlServer(), fixture().books);
    const Result<BoundSql> out =
        builder.updateByKey({ u"price"_s }, { u"9.99"_s }, 7, filter(u"title != 'x'"_s));
    QVERIFY2(out, qPrintable(errorOf(out)));
    QCOMPARE(out->sql,
             u"UPDATE [books] SET [price] = ?"_s + kInserted
                 + u" WHERE [id] = ? AND [title] <> ?"_s);
    QCOMPARE(show(out->binds), (QStringList { u"QString:9.99"_s, u"int:7"_s, u"QString:x"_s }));
}

void TestDialectSqlServer::remove_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("filterText");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("sql");

    QTest::newRow("by ids: the key from DELETED")
        << u"books"_s << QString() << QStringList { u"5"_s, u"6"_s }
        << u"DELETE FROM [books] OUTPUT DELETED.[id] WHERE [id] IN (?, ?)"_s;
    QTest::newRow("composite key")
        << u"order items"_s << u"qty = 0"_s << QStringList()
        << u"DELETE FROM [order items] OUTPUT DELETED.[order_id], DELETED.[line] WHERE [qty] = ?"_s;
    QTest::newRow("no key: whole rows")
        << u"book_summary"_s << u"title = 'a'"_s << QStringList()
        << u"DELETE FROM [book_summary] OUTPUT DELETED.[title], DELETED.[total] WHERE [title] = ?"_s;
}

void TestDialectSqlServer::remove()
{
    QFETCH(QString, table);
    QFETCH(QString, filterText);
    QFETCH(QStringList, ids);
    QFETCH(QString, sql);
    const Result<BoundSql> out =
        SqlBuilder(sqlServer(), fixture().table(table)).remove({ filter(filterText), ids });
    QVERIFY2(out, qPrintable(errorOf(out)));
    QCOMPARE(out->sql, sql);
}

void TestDialectSqlServer::classify_data()
{
    QTest::addColumn<QString>("sqlState");
    QTest::addColumn<int>("native");
    QTest::addColumn<QString>("text");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("message");

    // Texts as FreeTDS passes them through unixODBC.
    QTest::newRow("2627 primary key")
        << u"23000"_s << 2627
        << u"[FreeTDS][SQL Server]Violation of PRIMARY KEY constraint 'PK__books__3213E83F'."
           " Cannot insert duplicate key in object 'dbo.books'. The duplicate key value is (1)."_s
        << ErrorKind::Conflict
        << u"Violation of PRIMARY KEY constraint 'PK__books__3213E83F'. Cannot insert duplicate"
           " key in object 'dbo.books'."_s;
    QTest::newRow("2601 unique index")
        << u"23000"_s << 2601
        << u"[FreeTDS][SQL Server]Cannot insert duplicate key row in object 'dbo.customers' with"
           " unique index 'ux_email'. The duplicate key value is (a@example.com)."_s
        << ErrorKind::Conflict
        << u"Cannot insert duplicate key row in object 'dbo.customers' with unique index"
           " 'ux_email'."_s;
    QTest::newRow("515 not null")
        << u"23000"_s << 515
        << u"[FreeTDS][SQL Server]Cannot insert the value NULL into column 'title', table"
           " 'shop.dbo.books'; column does not allow nulls. INSERT fails."_s
        << ErrorKind::BadRequest
        << u"Cannot insert the value NULL into column 'title', table 'shop.dbo.books'; column"
           " does not allow nulls. INSERT fails."_s;
    QTest::newRow("547 foreign key")
        << u"23000"_s << 547
        << u"[FreeTDS][SQL Server]The INSERT statement conflicted with the FOREIGN KEY"
           " constraint \"fk_author\"."_s
        << ErrorKind::BadRequest
        << u"The INSERT statement conflicted with the FOREIGN KEY constraint \"fk_author\"."_s;
    QTest::newRow("547 check")
        << u"23000"_s << 547
        << u"[FreeTDS][SQL Server]The UPDATE statement conflicted with the CHECK constraint"
           " \"ck_price\"."_s
        << ErrorKind::BadRequest
        << u"The UPDATE statement conflicted with the CHECK constraint \"ck_price\"."_s;
    QTest::newRow("544 explicit identity")
        << u"23000"_s << 544
        << u"[FreeTDS][SQL Server]Cannot insert explicit value for identity column in table"
           " 'books' when IDENTITY_INSERT is set to OFF."_s
        << ErrorKind::BadRequest
        << u"Cannot insert explicit value for identity column in table 'books' when"
           " IDENTITY_INSERT is set to OFF."_s;
    QTest::newRow("8152 truncation")
        << u"22001"_s << 8152 << u"String or binary data would be truncated."_s
        << ErrorKind::BadRequest << u"String or binary data would be truncated."_s;
    QTest::newRow("2628 truncation naming the column")
        << u"22001"_s << 2628
        << u"String or binary data would be truncated in table 'shop.dbo.books', column"
           " 'title'. Truncated value: 'aaaa'."_s
        << ErrorKind::BadRequest
        << u"String or binary data would be truncated in table 'shop.dbo.books', column"
           " 'title'. Truncated value: 'aaaa'."_s;
    QTest::newRow("245 conversion") << u"22018"_s << 245
                                    << u"Conversion failed when converting the varchar value"
                                       " 'x' to data type int."_s
                                    << ErrorKind::BadRequest
                                    << u"Conversion failed when converting the varchar value"
                                       " 'x' to data type int."_s;
    QTest::newRow("8115 overflow") << u"22003"_s << 8115
                                   << u"Arithmetic overflow error converting numeric to data"
                                      " type numeric."_s
                                   << ErrorKind::BadRequest
                                   << u"Arithmetic overflow error converting numeric to data"
                                      " type numeric."_s;
    QTest::newRow("208 no table") << u"42S02"_s << 208 << u"Invalid object name 'nope'."_s
                                  << ErrorKind::NotFound << u"Invalid object name 'nope'."_s;
    QTest::newRow("2812 no procedure")
        << u"42000"_s << 2812 << u"Could not find stored procedure 'p'."_s << ErrorKind::NotFound
        << u"Could not find stored procedure 'p'."_s;
    QTest::newRow("207 no column") << u"42S22"_s << 207 << u"Invalid column name 'x'."_s
                                   << ErrorKind::BadRequest << u"Invalid column name 'x'."_s;
    QTest::newRow("229 permission")
        << u"42000"_s << 229
        << u"The INSERT permission was denied on the object 'books', database 'shop',"
           " schema 'dbo'."_s
        << ErrorKind::Forbidden
        << u"The INSERT permission was denied on the object 'books', database 'shop',"
           " schema 'dbo'."_s;
    QTest::newRow("3906 read-only database")
        << u"25000"_s << 3906
        << u"Failed to update database \"shop\" because the database is read-only."_s
        << ErrorKind::Forbidden
        << u"Failed to update database \"shop\" because the database is read-only."_s;
    QTest::newRow("1205 deadlock victim: retry")
        << u"40001"_s << 1205
        << u"Transaction (Process ID 52) was deadlocked on lock resources with another process"
           " and has been chosen as the deadlock victim. Rerun the transaction."_s
        << ErrorKind::Unavailable
        << u"Transaction (Process ID 52) was deadlocked on lock resources with another process"
           " and has been chosen as the deadlock victim. Rerun the transaction."_s;
    QTest::newRow("1222 lock timeout")
        << u"HY000"_s << 1222 << u"Lock request time out period exceeded."_s << ErrorKind::Timeout
        << u"Lock request time out period exceeded."_s;
    QTest::newRow("HYT00 query timeout")
        << u"HYT00"_s << 0 << u"[FreeTDS][SQL Server]Query timeout expired"_s << ErrorKind::Timeout
        << u"The statement ran past its timeout and was interrupted"_s;
    QTest::newRow("HY008 cancelled by the statement watchdog")
        << u"HY008"_s << 0 << u"[FreeTDS][SQL Server]Operation canceled"_s << ErrorKind::Timeout
        << u"The statement ran past its timeout and was interrupted"_s;
    QTest::newRow("08S01 link failure")
        << u"08S01"_s << 0 << u"[FreeTDS][SQL Server]Communication link failure"_s
        << ErrorKind::Unavailable << u"Communication link failure"_s;
    QTest::newRow("18456 login failed")
        << u"28000"_s << 18456 << u"Login failed for user 'sluice'."_s << ErrorKind::Unavailable
        << u"Login failed for user 'sluice'."_s;
    QTest::newRow("102 syntax: a server fault")
        << u"42000"_s << 102 << u"Incorrect syntax near 'x'."_s << ErrorKind::Internal
        << u"Incorrect syntax near 'x'."_s;
    QTest::newRow("other integrity error by SQLSTATE")
        << u"23000"_s << 50000 << u"custom"_s << ErrorKind::BadRequest << u"custom"_s;
}

void TestDialectSqlServer::classify()
{
    QFETCH(QString, sqlState);
    QFETCH(int, native);
    QFETCH(QString, text);
    QFETCH(ErrorKind, kind);
    QFETCH(QString, message);
    const Error error = sqlServer().classifyDiagnostic({ sqlState, native, text });
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.message, message);
    QCOMPARE(error.sqlState, native ? QString::number(native) : sqlState);
}

void TestDialectSqlServer::classifyRecords()
{
    // SQL Server follows the error with 3621 "The statement has been terminated."; Qt 6.4's
    // QSqlError keeps only the last record's code, which is why the records are read directly.
    const auto *odbc = odbcDialectForDbms(u"Microsoft SQL Server"_s);
    const Error error = odbc->classifyRecords(
        { { u"23000"_s, 2627,
            u"[FreeTDS][SQL Server]Violation of UNIQUE KEY constraint 'uq_isbn'. Cannot insert"
            " duplicate key in object 'dbo.books'. The duplicate key value is (978)."_s },
          { u"01000"_s, 3621, u"[FreeTDS][SQL Server]The statement has been terminated."_s } });
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QCOMPARE(error.sqlState, u"2627"_s);
    QVERIFY2(!error.message.contains(u"978"_s), qPrintable(error.message));

    const Error onlyInfo =
        odbc->classifyRecords({ { u"42000"_s, 102, u"Incorrect syntax near 'x'."_s },
                                { u"01000"_s, 3621, u"The statement has been terminated."_s } });
    QCOMPARE(onlyInfo.kind, ErrorKind::Internal);
    QCOMPARE(onlyInfo.message, u"Incorrect syntax near 'x'."_s);
}

void TestDialectSqlServer::classifyQtError()
{
    // What a bare QSqlError allows (newer QODBC joins the records' codes with ';').
    const QSqlDatabase none;
    const Error joined = SqlServerDialect().classify(
        QSqlError(u"QODBC: Unable to execute statement"_s,
                  u"Violation of PRIMARY KEY constraint 'pk'. The duplicate key value is (1)."_s,
                  QSqlError::StatementError, u"2627;3621"_s),
        none);
    QCOMPARE(joined.kind, ErrorKind::Conflict);
    QCOMPARE(joined.message, u"Violation of PRIMARY KEY constraint 'pk'."_s);

    const Error noCode =
        SqlServerDialect().classify(QSqlError(u"QODBC: Unable to connect"_s,
                                              u"Unable to connect: Adaptive Server is"
                                              " unavailable or does not exist"_s,
                                              QSqlError::ConnectionError, QString()),
                                    none);
    QCOMPARE(noCode.kind, ErrorKind::Unavailable);
}

namespace {

ProcedureParameter parameter(const QString &name, const QString &type, const QString &mode)
{
    ProcedureParameter p;
    p.name = name;
    p.type = type;
    p.mode = mode;
    return p;
}

CallArgument argument(const ProcedureParameter &p, const QVariant &value, bool given = true)
{
    CallArgument a;
    a.parameter = p;
    a.value = value;
    a.given = given;
    return a;
}

// Each step as "role[prepared]: sql | binds".
QString describe(const Result<CallPlan> &plan)
{
    if (!plan)
        return u"error: "_s + plan.error().message;
    static const char *roles[] = { "setup", "call", "out", "cleanup" };
    QStringList out;
    for (const CallStep &step : plan->steps) {
        QStringList binds;
        for (const QVariant &v : step.binds)
            binds << (v.isNull() ? u"NULL"_s : v.toString());
        out << QString::fromLatin1(roles[int(step.role)]) + (step.prepared ? u"[p]: "_s : u": "_s)
                + step.sql + u" | "_s + binds.join(u", "_s);
    }
    return out.join(u"\n"_s);
}

} // namespace

void TestDialectSqlServer::callPlan_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("returnsSet");
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QList<CallArgument>>("arguments");
    QTest::addColumn<QString>("plan");

    const ProcedureParameter a = parameter(u"a"_s, u"int"_s, u"in"_s);
    const ProcedureParameter b = parameter(u"b"_s, u"nvarchar(20)"_s, u"in"_s);
    const ProcedureParameter o = parameter(u"o"_s, u"decimal(10,2)"_s, u"inout"_s);
    const ProcedureParameter q = parameter(u"q"_s, u"nvarchar(max)"_s, u"inout"_s);

    QTest::newRow("procedure, in only")
        << u"procedure"_s << false << u"sales"_s
        << QList<CallArgument> { argument(a, 7), argument(b, u"x'); DROP TABLE t--"_s) }
        << u"call[p]: EXEC [sales].[r]]x] @a = ?, @b = ? | 7, x'); DROP TABLE t--"_s;
    QTest::newRow("procedure, left out and NULL")
        << u"procedure"_s << false << QString()
        << QList<CallArgument> { argument(a, QVariant(), false), argument(b, QVariant()) }
        << u"call[p]: EXEC [dbo].[r]]x] @b = ? | NULL"_s;
    QTest::newRow("procedure, no parameters")
        << u"procedure"_s << false << u"dbo"_s << QList<CallArgument> {}
        << u"call[p]: EXEC [dbo].[r]]x] | "_s;
    QTest::newRow("procedure, output parameters")
        << u"procedure"_s << false << u"dbo"_s
        << QList<CallArgument> { argument(a, 1), argument(o, QVariant(), false),
                                 argument(q, u"in"_s) }
        << u"setup: IF OBJECT_ID(N'tempdb..#sluice_out') IS NOT NULL DROP TABLE #sluice_out;"
           " CREATE TABLE #sluice_out ([o] decimal(10,2) NULL, [q] nvarchar(max) NULL) | \n"
           "call[p]: DECLARE @sluice_out_2 decimal(10,2), @sluice_out_3 nvarchar(max);"
           " SET @sluice_out_3 = ?; EXEC [dbo].[r]]x] @a = ?, @o = @sluice_out_2 OUTPUT,"
           " @q = @sluice_out_3 OUTPUT; INSERT INTO #sluice_out ([o], [q])"
           " VALUES (@sluice_out_2, @sluice_out_3) | in, 1\n"
           "out: SELECT [o], [q] FROM #sluice_out | \n"
           "cleanup: IF OBJECT_ID(N'tempdb..#sluice_out') IS NOT NULL DROP TABLE #sluice_out | "_s;
    QTest::newRow("scalar function")
        << u"function"_s << false << QString()
        << QList<CallArgument> { argument(a, 2), argument(b, QVariant(), false) }
        << u"call[p]: SELECT [dbo].[r]]x](?, DEFAULT) AS [r]]x] | 2"_s;
    QTest::newRow("table-valued function")
        << u"function"_s << true << u"sales"_s
        << QList<CallArgument> { argument(a, 2), argument(b, u"z"_s) }
        << u"call[p]: SELECT * FROM [sales].[r]]x](?, ?) | 2, z"_s;
    QTest::newRow("refused: parameter name")
        << u"procedure"_s << false << u"dbo"_s
        << QList<CallArgument> { argument(parameter(u"a b"_s, u"int"_s, u"in"_s), 1) }
        << u"error: Cannot call 'r]x': its parameter name 'a b' cannot be written in T-SQL"_s;
    QTest::newRow("refused: output type")
        << u"procedure"_s << false << u"dbo"_s
        << QList<CallArgument> { argument(parameter(u"o"_s, u"int; DROP"_s, u"inout"_s), QVariant(),
                                          false) }
        << u"error: Cannot call 'r]x': the type 'int; DROP' of 'o' cannot be declared"_s;
}

void TestDialectSqlServer::callPlan()
{
    QFETCH(QString, kind);
    QFETCH(bool, returnsSet);
    QFETCH(QString, schema);
    QFETCH(QList<CallArgument>, arguments);
    QFETCH(QString, plan);
    Procedure routine;
    routine.name = u"r]x"_s;
    routine.kind = kind;
    routine.returnsSet = returnsSet;
    for (const CallArgument &a : arguments)
        routine.parameters << a.parameter;
    QCOMPARE(describe(SqlServerDialect().callPlan(routine, schema, arguments)), plan);
}

// A routine's parameters are bound by name: an out-only value is refused, an OUTPUT (inout)
// parameter may be left out, an in parameter without default may not.
void TestDialectSqlServer::callArguments()
{
    Procedure routine;
    routine.name = u"p"_s;
    routine.kind = u"procedure"_s;
    routine.parameters = { parameter(u"a"_s, u"int"_s, u"in"_s),
                           parameter(u"o"_s, u"int"_s, u"inout"_s) };
    const auto bound = bindCallArguments({ &routine }, QJsonObject { { u"a"_s, 1 } });
    QVERIFY(bound.ok());
    QCOMPARE(
        describe(SqlServerDialect().callPlan(routine, u"dbo"_s, bound->second))
            .section(u'\n', 1, 1),
        u"call[p]: DECLARE @sluice_out_2 int; EXEC [dbo].[p] @a = ?, @o = @sluice_out_2 OUTPUT;"
        " INSERT INTO #sluice_out ([o]) VALUES (@sluice_out_2) | 1"_s);
    const auto missing = bindCallArguments({ &routine }, QJsonObject { { u"o"_s, 1 } });
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::BadRequest);
    QVERIFY2(missing.error().message.contains(u"'a'"_s), qPrintable(missing.error().message));
}

QTEST_GUILESS_MAIN(TestDialectSqlServer)
#include "tst_dialect_sqlserver.moc"
