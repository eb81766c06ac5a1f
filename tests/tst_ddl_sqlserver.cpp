// The DDL DdlBuilder writes for SQL Server (SqlServerDialect, sqlserverddl.cpp) from portable
// definitions: exact SQL text, since no SQL Server runs in the test suite. Names with ']' and
// quotes must stay inside their brackets and string literals.
#include "db/sql/ddlbuilder.h"
#include "db/sqlserver/sqlserverdialect.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;

namespace {

QString sqlOf(const Result<QList<DdlStep>> &steps)
{
    if (!steps)
        return u"error: "_s + steps.error().message;
    QStringList out;
    for (const DdlStep &step : *steps)
        out << (step.rebuild ? u"rebuild "_s + step.table + u": "_s + step.column.clause
                             : step.sql);
    return out.join(u"; "_s);
}

Table authors(const QString &table = u"authors"_s, const QString &name = u"name"_s)
{
    Table t;
    t.name = table;
    Column id;
    id.name = u"id"_s;
    id.primaryKey = true;
    id.autoIncrement = true;
    Column c;
    c.name = name;
    t.columns = { id, c };
    t.primaryKey = { u"id"_s };
    return t;
}

} // namespace

class TestDdlSqlServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createTable_data();
    void createTable();
    void alterTable_data();
    void alterTable();
    void hostileNames();
};

void TestDdlSqlServer::createTable_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QString>("sql");
    QTest::newRow("keys, defaults")
        << u"{\"name\":\"notes\",\"columns\":["
           "{\"name\":\"id\",\"type\":\"bigint\",\"primary_key\":true,\"auto_increment\":true},"
           "{\"name\":\"body\",\"type\":\"string\",\"max_length\":80,\"nullable\":false,"
           "\"default\":\"it's\"},"
           "{\"name\":\"price\",\"type\":\"decimal\",\"precision\":8,\"scale\":2,"
           "\"default\":\"12.50\"},"
           "{\"name\":\"ok\",\"type\":\"boolean\",\"default\":false},"
           "{\"name\":\"at\",\"type\":\"timestamptz\"},"
           "{\"name\":\"doc\",\"type\":\"json\",\"default\":{\"a\":[1]}}]}"_s
        << u"CREATE TABLE [notes] ([id] bigint NOT NULL IDENTITY(1,1) PRIMARY KEY, [body] "
           "nvarchar(80) NOT NULL DEFAULT N'it''s', [price] decimal(8, 2) DEFAULT 12.50, [ok] "
           "bit DEFAULT 0, [at] datetimeoffset, [doc] nvarchar(max) DEFAULT N'{\"a\":[1]}')"_s;
    QTest::newRow("every type")
        << u"{\"name\":\"every\",\"columns\":["
           "{\"name\":\"a\",\"type\":\"string\"},"
           "{\"name\":\"b\",\"type\":\"string\",\"max_length\":5000},"
           "{\"name\":\"c\",\"type\":\"text\"},"
           "{\"name\":\"d\",\"type\":\"integer\",\"primary_key\":true,\"auto_increment\":true},"
           "{\"name\":\"e\",\"type\":\"smallint\"},"
           "{\"name\":\"f\",\"type\":\"boolean\",\"default\":true},"
           "{\"name\":\"g\",\"type\":\"decimal\"},"
           "{\"name\":\"h\",\"type\":\"decimal\",\"precision\":5},"
           "{\"name\":\"i\",\"type\":\"float\"},{\"name\":\"j\",\"type\":\"double\"},"
           "{\"name\":\"k\",\"type\":\"date\"},{\"name\":\"l\",\"type\":\"time\"},"
           "{\"name\":\"m\",\"type\":\"timestamp\"},{\"name\":\"n\",\"type\":\"uuid\"},"
           "{\"name\":\"o\",\"type\":\"json\"},{\"name\":\"p\",\"type\":\"binary\"},"
           "{\"name\":\"q\",\"type\":\"binary\",\"max_length\":16}]}"_s
        << u"CREATE TABLE [every] ([a] nvarchar(max), [b] nvarchar(max), [c] nvarchar(max), [d] "
           "int NOT NULL IDENTITY(1,1) PRIMARY KEY, [e] smallint, [f] bit DEFAULT 1, [g] "
           "decimal(38, 10), [h] decimal(5, 0), [i] real, [j] float(53), [k] date, [l] time, "
           "[m] datetime2, [n] uniqueidentifier, [o] nvarchar(max), [p] varbinary(max), [q] "
           "varbinary(16))"_s;
    // Backslashes are not escapes in T-SQL; only the quote is doubled.
    QTest::newRow("hostile default")
        << u"{\"name\":\"s\",\"columns\":[{\"name\":\"p\",\"type\":\"text\","
           "\"default\":\"C:\\\\x']; DROP TABLE t--\"}]}"_s
        << u"CREATE TABLE [s] ([p] nvarchar(max) DEFAULT N'C:\\x'']; DROP TABLE t--')"_s;
    QTest::newRow("composite key")
        << u"{\"name\":\"tags\",\"columns\":[{\"name\":\"book_id\",\"type\":\"integer\"},"
           "{\"name\":\"tag\",\"type\":\"string\"}],\"primary_key\":[\"book_id\",\"tag\"],"
           "\"foreign_keys\":[{\"columns\":[\"book_id\"],\"ref_table\":\"books\","
           "\"ref_columns\":[\"id\"]}]}"_s
        << u"CREATE TABLE [tags] ([book_id] int NOT NULL, [tag] nvarchar(max) NOT NULL, PRIMARY "
           "KEY ([book_id], [tag]), FOREIGN KEY ([book_id]) REFERENCES [books] ([id]))"_s;
}

void TestDdlSqlServer::createTable()
{
    QFETCH(QString, definition);
    QFETCH(QString, sql);
    auto parsed = parseTableDefinition(QJsonDocument::fromJson(definition.toUtf8()).object());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    QCOMPARE(sqlOf(DdlBuilder(SqlServerDialect()).createTable(*parsed)), sql);
}

void TestDdlSqlServer::alterTable_data()
{
    QTest::addColumn<QString>("changes");
    QTest::addColumn<QString>("sql");
    QTest::newRow("add, rename")
        << u"{\"changes\":[{\"type\":\"add_column\",\"column\":\"born\",\"definition\":{"
           "\"type\":\"date\",\"default\":\"1900-01-01\"}},{\"type\":\"rename_column\","
           "\"column\":\"name\",\"new_name\":\"full_name\"}]}"_s
        << u"ALTER TABLE [authors] ADD [born] date DEFAULT N'1900-01-01'; EXEC sp_rename "
           "N'[authors].[name]', N'full_name', 'COLUMN'"_s;
    QTest::newRow("drop") << u"{\"changes\":[{\"type\":\"drop_column\",\"column\":\"name\"}]}"_s
                          << u"ALTER TABLE [authors] DROP COLUMN [name]"_s;
    QTest::newRow("modify")
        << u"{\"changes\":[{\"type\":\"modify_column\",\"column\":\"name\",\"definition\":{"
           "\"type\":\"string\",\"max_length\":10,\"nullable\":false}}]}"_s
        << u"ALTER TABLE [authors] ALTER COLUMN [name] nvarchar(10) NOT NULL"_s;
    QTest::newRow("modify to nullable")
        << u"{\"changes\":[{\"type\":\"modify_column\",\"column\":\"name\",\"definition\":{"
           "\"type\":\"text\"}}]}"_s
        << u"ALTER TABLE [authors] ALTER COLUMN [name] nvarchar(max) NULL"_s;
    // The IDENTITY column keeps its IDENTITY: ALTER COLUMN restates the type only.
    QTest::newRow("modify key")
        << u"{\"changes\":[{\"type\":\"modify_column\",\"column\":\"id\",\"definition\":{"
           "\"type\":\"bigint\"}}]}"_s
        << u"ALTER TABLE [authors] ALTER COLUMN [id] bigint NOT NULL"_s;
    // ALTER COLUMN cannot set a default (a named constraint): refused as a change that cannot be
    // made in place (runSchemaChange answers 501), never half done.
    QTest::newRow("refused: modify with default")
        << u"{\"changes\":[{\"type\":\"modify_column\",\"column\":\"name\",\"definition\":{"
           "\"type\":\"string\",\"max_length\":10,\"default\":\"x\"}}]}"_s
        << u"rebuild authors: [name] nvarchar(10) DEFAULT N'x'"_s;
}

void TestDdlSqlServer::alterTable()
{
    QFETCH(QString, changes);
    QFETCH(QString, sql);
    auto parsed = parseSchemaChanges(QJsonDocument::fromJson(changes.toUtf8()).object());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    const Table table = authors();
    QVERIFY(checkSchemaChanges(table, *parsed).ok());
    QCOMPARE(sqlOf(DdlBuilder(SqlServerDialect()).alterTable(table, *parsed)), sql);
}

// Existing names are not held to the rules for new ones.
void TestDdlSqlServer::hostileNames()
{
    const SqlServerDialect dialect;
    SchemaChange rename;
    rename.type = SchemaChange::Type::RenameColumn;
    rename.column = u"it's]"_s;
    rename.newName = u"x'y"_s;
    QCOMPARE(sqlOf(DdlBuilder(dialect).alterTable(authors(u"a].b'"_s, u"it's]"_s), { rename })),
             u"EXEC sp_rename N'[a]].b''].[it''s]]]', N'x''y', 'COLUMN'"_s);

    SchemaChange drop;
    drop.type = SchemaChange::Type::DropColumn;
    drop.column = u"na]me"_s;
    QCOMPARE(sqlOf(DdlBuilder(dialect).alterTable(authors(u"we]ird"_s, u"na]me"_s), { drop })),
             u"ALTER TABLE [we]]ird] DROP COLUMN [na]]me]"_s);
    QCOMPARE(sqlOf(DdlBuilder(dialect).dropTable(u"we]ird"_s)), u"DROP TABLE [we]]ird]"_s);
    QCOMPARE(dialect.stringLiteral(u"'; --"_s), u"N'''; --'"_s);
}

QTEST_GUILESS_MAIN(TestDdlSqlServer)
#include "tst_ddl_sqlserver.moc"
