// SqlServerDialect::introspect: the schema from the sys catalog views, one query per kind of
// object, the schema name bound as a parameter. Microsoft's own objects (is_ms_shipped) are left
// out. Written against the documented catalog of SQL Server 2016+; no SQL Server runs in the
// test suite, so these queries are checked by review only (tst_dialect_sqlserver covers the
// generated DML).
#include "db/sqlserver/sqlserverdialect.h"

#include "db/schemareader.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

JsonType jsonTypeFor(const QString &systemType)
{
    static const QHash<QString, JsonType> types = {
        { u"tinyint"_s, JsonType::Integer },
        { u"smallint"_s, JsonType::Integer },
        { u"int"_s, JsonType::Integer },
        { u"bigint"_s, JsonType::Integer },
        { u"decimal"_s, JsonType::Decimal },
        { u"numeric"_s, JsonType::Decimal },
        { u"money"_s, JsonType::Decimal },
        { u"smallmoney"_s, JsonType::Decimal },
        { u"real"_s, JsonType::Float },
        { u"float"_s, JsonType::Float },
        { u"bit"_s, JsonType::Boolean },
        { u"date"_s, JsonType::Date },
        { u"datetime"_s, JsonType::DateTime },
        { u"datetime2"_s, JsonType::DateTime },
        { u"smalldatetime"_s, JsonType::DateTime },
        { u"time"_s, JsonType::Time },
        { u"uniqueidentifier"_s, JsonType::Uuid },
        { u"binary"_s, JsonType::Binary },
        { u"varbinary"_s, JsonType::Binary },
        { u"image"_s, JsonType::Binary },
        { u"timestamp"_s, JsonType::Binary }, // rowversion
        { u"json"_s, JsonType::Json }, // SQL Server 2025
    };
    // datetimeoffset stays a string: ODBC drivers hand it over as text or as a driver-specific
    // struct, never as a value Qt converts.
    return types.value(systemType, JsonType::String);
}

} // namespace

QString sqlServerTypeDisplay(const QString &type, int maxLength, int precision, int scale)
{
    const bool national = type == u"nchar"_s || type == u"nvarchar"_s;
    if (type == u"char"_s || type == u"varchar"_s || national || type == u"binary"_s
        || type == u"varbinary"_s) {
        if (maxLength == -1)
            return type + u"(max)"_s;
        return type + u'(' + QString::number(national ? maxLength / 2 : maxLength) + u')';
    }
    if (type == u"decimal"_s || type == u"numeric"_s)
        return type + u'(' + QString::number(precision) + u',' + QString::number(scale) + u')';
    if (type == u"datetime2"_s || type == u"datetimeoffset"_s || type == u"time"_s)
        return type + u'(' + QString::number(scale) + u')';
    return type;
}

namespace {

// The user objects of the bound schema: tables (U) and views (V).
const QString kObjects = u" FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id"
                         " WHERE s.name = ? AND o.type IN ('U', 'V') AND o.is_ms_shipped = 0"_s;

// A column from its row of the columns query below.
Column columnOf(const QSqlQuery &row)
{
    const QString type = row.value(2).toString();
    const int maxLength = row.value(3).toInt();
    Column column;
    column.name = row.value(1).toString();
    column.dbType =
        sqlServerTypeDisplay(type, maxLength, row.value(4).toInt(), row.value(5).toInt());
    column.jsonType = jsonTypeFor(type);
    column.nullable = row.value(6).toInt() != 0;
    const bool identity = row.value(7).toInt() != 0;
    const bool computed = row.value(8).toInt() != 0;
    column.defaultValue = row.value(9).toString();
    // IDENTITY, computed and rowversion columns are filled in by the server.
    column.autoIncrement = identity;
    column.hasDefault = !row.value(9).isNull() || identity || computed || type == u"timestamp"_s;
    if (type.endsWith(u"char"_s) && maxLength > 0)
        column.maxLength = type.startsWith(u'n') ? maxLength / 2 : maxLength;
    return column;
}

} // namespace

Result<Schema> SqlServerDialect::introspect(QSqlDatabase &db, const QString &schemaName) const
{
    const QString schemaToRead = schemaName.isEmpty() ? u"dbo"_s : schemaName;
    SchemaReader schema(db, *this, schemaToRead);
    if (Status s = schema.readTables(u"SELECT o.name, CASE WHEN o.type = 'V' THEN 1 ELSE 0 END"_s
                                     + kObjects + u" ORDER BY 2, 1"_s);
        !s)
        return s.error();

    // Columns in column order; an alias type is mapped through its system type.
    if (Status s =
            schema.readColumns(u"SELECT o.name, c.name, TYPE_NAME(c.system_type_id), c.max_length,"
                               " c.precision, c.scale, c.is_nullable, c.is_identity, c.is_computed,"
                               " dc.definition"
                               " FROM sys.columns c JOIN (SELECT o.object_id, o.name"_s
                                   + kObjects
                                   + u") o ON o.object_id = c.object_id"
                                     " LEFT JOIN sys.default_constraints dc"
                                     "  ON dc.object_id = c.default_object_id"
                                     " ORDER BY o.name, c.column_id"_s,
                               columnOf);
        !s)
        return s.error();

    // Indexes (the primary key's among them) with their key columns in order; included
    // columns are left out. A filtered unique index does not make its columns unique.
    if (Status s = schema.readIndexes(
            u"SELECT o.name, i.name, CASE WHEN i.is_unique = 1 AND i.has_filter = 0"
            " THEN 1 ELSE 0 END, i.is_primary_key, c.name"
            " FROM sys.indexes i JOIN (SELECT o.object_id, o.name"_s
            + kObjects
            + u") o ON o.object_id = i.object_id"
              " JOIN sys.index_columns ic ON ic.object_id = i.object_id"
              "  AND ic.index_id = i.index_id AND ic.is_included_column = 0"
              "  AND ic.key_ordinal > 0"
              " JOIN sys.columns c ON c.object_id = ic.object_id"
              "  AND c.column_id = ic.column_id"
              " WHERE i.type > 0 AND i.is_hypothetical = 0"
              " ORDER BY o.name, i.name, ic.key_ordinal"_s);
        !s)
        return s.error();
    // The primary key is the primary index's columns.
    for (Table &table : schema.tables()) {
        for (const Index &index : std::as_const(table.indexes)) {
            if (index.primary)
                table.primaryKey = index.columns;
        }
    }

    // Foreign keys, one row per column pair in constraint order.
    if (Status s =
            schema.readKeys(u"SELECT o.name, fk.name, pc.name, rs.name, ro.name, rc.name"
                            " FROM sys.foreign_keys fk JOIN (SELECT o.object_id, o.name"_s
                            + kObjects
                            + u") o ON o.object_id = fk.parent_object_id"
                              " JOIN sys.foreign_key_columns fkc"
                              "  ON fkc.constraint_object_id = fk.object_id"
                              " JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id"
                              "  AND pc.column_id = fkc.parent_column_id"
                              " JOIN sys.objects ro ON ro.object_id = fkc.referenced_object_id"
                              " JOIN sys.schemas rs ON rs.schema_id = ro.schema_id"
                              " JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id"
                              "  AND rc.column_id = fkc.referenced_column_id"
                              " ORDER BY o.name, fk.name, fkc.constraint_column_id"_s);
        !s)
        return s.error();

    // Stored procedures and functions with their parameters (sqlserverroutines.cpp).
    return schema.finish(routines(db, schemaToRead));
}

} // namespace sluice
