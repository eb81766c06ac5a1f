// SqlServerDialect's schema changes: T-SQL types for the portable vocabulary, IDENTITY(1,1),
// N'' literals, 1/0 for booleans, ALTER TABLE … ADD / DROP COLUMN / ALTER COLUMN and sp_rename.
// No SQL Server runs in the test suite: tst_ddlbuilder checks the generated SQL text only.
#include "db/sql/ddlbuilder.h"
#include "db/sqlserver/sqlserverdialect.h"

using namespace Qt::StringLiterals;

namespace sluice {

const DdlTypeNames &SqlServerDialect::ddlTypeNames() const
{
    // nvarchar(n) takes at most 4000 characters and varbinary(n) 8000 bytes; longer ones need
    // (max). A bare decimal is decimal(18,0) in T-SQL; (38,10) keeps fractions, as numeric does.
    // The json type is SQL Server 2025's only; JSON functions work on nvarchar.
    static const DdlTypeNames names {
        .plain = { u"nvarchar(max)", u"nvarchar(max)", u"int", u"bigint", u"smallint", u"bit",
                   u"decimal(38, 10)", u"real", u"float(53)", u"date", u"time", u"datetime2",
                   u"datetimeoffset", u"uniqueidentifier", u"nvarchar(max)", u"varbinary(max)" },
        .sizedString = u"nvarchar(%1)",
        .maxSizedString = 4000,
        .sizedBinary = u"varbinary(%1)",
        .maxSizedBinary = 8000,
        .decimal = u"decimal(%1, %2)",
        .decimalWithoutScale = u"decimal(%1, 0)",
    };
    return names;
}

Result<QString> SqlServerDialect::autoIncrementClause(bool inlineKey) const
{
    return QString(u" IDENTITY(1,1)"_s + (inlineKey ? u" PRIMARY KEY"_s : QString()));
}

QString SqlServerDialect::stringLiteral(QStringView text) const
{
    // N'…': a Unicode literal (without N, characters outside the code page are lost). Only the
    // quote is special in T-SQL literals.
    return u'N' + Dialect::stringLiteral(text);
}

QString SqlServerDialect::booleanLiteral(bool value) const
{
    return value ? u"1"_s : u"0"_s; // T-SQL has no TRUE / FALSE
}

QStringList SqlServerDialect::alterSpecifications(const SchemaChange &change, const Column *current,
                                                  const ColumnSql &sql) const
{
    Q_UNUSED(current)
    switch (change.type) {
    case SchemaChange::Type::AddColumn: return { u"ADD "_s + sql.clause };
    case SchemaChange::Type::DropColumn:
        return { u"DROP COLUMN "_s + quoteIdentifier(change.column) };
    case SchemaChange::Type::RenameColumn:
        // Written whole by alterStatements(): this only says it can be done in place.
        return { QString() };
    case SchemaChange::Type::ModifyColumn:
        // ALTER COLUMN takes a type and nullability only: a default is a named constraint, which
        // Sluice does not manage. A new default is refused (runSchemaChange: 501), not dropped.
        // An IDENTITY column keeps its IDENTITY, which ALTER COLUMN cannot change.
        if (!sql.defaultLiteral.isEmpty())
            return {};
        return { u"ALTER COLUMN "_s + sql.name + u' ' + sql.type
                 + (sql.nullable ? u" NULL"_s : u" NOT NULL"_s) };
    }
    return {};
}

QStringList SqlServerDialect::alterStatements(const QString &table, const SchemaChange &change,
                                              const QStringList &specifications) const
{
    if (change.type != SchemaChange::Type::RenameColumn)
        return Dialect::alterStatements(table, change, specifications);
    // sp_rename takes the column as a string naming [table].[column] (brackets keep dots and
    // quotes in names apart) and the new name as it is, never bracketed. Both are N'' literals
    // with quotes doubled, so no name can end the literal.
    return { u"EXEC sp_rename "_s
             + stringLiteral(
                 QString(quoteIdentifier(table) + u'.' + quoteIdentifier(change.column)))
             + u", "_s + stringLiteral(change.newName) + u", 'COLUMN'"_s };
}

} // namespace sluice
