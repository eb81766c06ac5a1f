#pragma once

#include "core/result.h"
#include "db/schema.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace sluice {

// The portable column types of POST _schema and PUT _schema/{t} (docs/api-choices.md, "Schema
// changes"). Each dialect maps them to its own type (Dialect::columnType).
enum class PortableType {
    String, // short text, VARCHAR(max_length) when given
    Text,
    Integer,
    BigInt,
    SmallInt,
    Boolean,
    Decimal, // exact, NUMERIC(precision, scale)
    Float,
    Double,
    Date,
    Time,
    Timestamp,
    TimestampTz,
    Uuid,
    Json,
    Binary,
};
inline constexpr int kPortableTypeCount = int(PortableType::Binary) + 1;

QString portableTypeName(PortableType type);

// A column default. DDL cannot bind values, so a default is kept as a checked literal here and
// rendered by DdlBuilder: numbers as validated digits, strings escaped by the dialect.
struct DefaultValue
{
    enum class Kind { None, Null, Boolean, Number, String };
    Kind kind = Kind::None;
    bool boolean = false;
    QString text; // Number: digits matching a strict number pattern; String: the raw text
};

struct ColumnDefinition
{
    QString name;
    PortableType type = PortableType::String;
    bool nullable = true;
    DefaultValue defaultValue;
    bool primaryKey = false; // a one-column key may be declared on the column itself
    bool autoIncrement = false;
    int maxLength = -1; // string and binary
    int precision = -1; // decimal
    int scale = -1; // decimal
};

struct ForeignKeyDefinition
{
    QStringList columns;
    QString refTable;
    QStringList refColumns;
};

struct IndexDefinition
{
    QStringList columns;
    bool unique = false;
};

struct TableDefinition
{
    QString name;
    QList<ColumnDefinition> columns;
    QStringList primaryKey; // "primary_key", else the columns flagged primary_key, in order
    QList<ForeignKeyDefinition> foreignKeys;
    QList<IndexDefinition> indexes; // besides the primary key's
};

// One entry of PUT _schema/{t}'s "changes".
struct SchemaChange
{
    enum class Type { AddColumn, DropColumn, RenameColumn, ModifyColumn };
    Type type = Type::AddColumn;
    QString column; // the existing column (the new one for add_column)
    QString newName; // rename_column
    ColumnDefinition definition; // add_column and modify_column; definition.name == column
};

QString schemaChangeName(SchemaChange::Type type); // "add_column", …

// Names Sluice creates: a letter or '_' then letters, digits or '_', at most 63 characters
// (PostgreSQL's limit, the smallest of the three). Existing names are not held to this: they are
// checked against the introspected schema instead. BadRequest names `what` and the name.
Status checkNewIdentifier(const QString &name, const QString &what);

// Parses and checks a table definition: identifiers, the type vocabulary, attributes that fit the
// type, defaults, duplicate columns, keys naming defined columns. Unknown keys are refused so a
// misspelt attribute is not silently ignored.
//
// A table as GET _schema/{t} writes it (schemajson.h) is a definition too, so a table read can
// be posted back (Faucet's shape): a column's "db_type" stands for "type" (with the length,
// precision and scale it carries), "is_primary_key" / "is_auto_increment" for "primary_key" /
// "auto_increment"; with "db_type", "default" is the database's default expression, of which
// literals are taken; "json_type" follows from the type. The table's "type" must be "table";
// "indexes" are created; a foreign key's or index's "name" is the database's and not reused.
Result<TableDefinition> parseTableDefinition(const QJsonObject &json);

// The portable type of a type as a database names it ("character varying(80)", "INT",
// "numeric(10,2)", "timestamp with time zone"), with the length, precision and scale it gives;
// BadRequest naming it when none fits.
Result<ColumnDefinition> columnTypeOf(const QString &dbType);

// Parses {"changes":[…]} (at least one change).
Result<QList<SchemaChange>> parseSchemaChanges(const QJsonObject &body);

// Checks the changes against the table as it is: columns to drop, rename or modify must exist,
// new names must not; a column may be touched by one change per request (MySQL applies all
// changes in one statement, where chains like "rename a to b, modify b" have no portable
// meaning); the table keeps at least one column.
Status checkSchemaChanges(const Table &table, const QList<SchemaChange> &changes);

} // namespace sluice
