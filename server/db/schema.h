#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace sluice {

// How a column's values are written in JSON. Decided once at introspection so the hot path
// never looks at database type names.
enum class JsonType {
    String,
    Integer, // JSON number without fraction (int64)
    Decimal, // exact NUMERIC/DECIMAL: JSON number with exactly the database's digits
    Float, // REAL/DOUBLE: shortest round-trip JSON number
    Boolean,
    Date, // "YYYY-MM-DD"
    DateTime, // RFC 3339
    Time, // "HH:MM:SS[.fff]"
    Json, // embedded JSON
    Binary, // base64 string
    Uuid, // string (stays last: schema.cpp names every type and checks that it ends here)
};

QString jsonTypeName(JsonType type);

// A table as named from `ownSchema`: bare when it lives there, else "schema.table".
QString qualifiedTableName(const QString &schema, const QString &ownSchema, const QString &table);

// How a column must be selected for the driver to hand its value over faithfully.
enum class ReadAs {
    Value, // as is
    Text, // as the database's text form (PostgreSQL timetz, which QPSQL cannot parse)
    Json, // as JSON (PostgreSQL arrays, embedded as JSON arrays)
};

struct Column
{
    QString name;
    QString dbType; // as the database names it, e.g. "character varying(80)"
    JsonType jsonType = JsonType::String;
    bool nullable = true;
    bool hasDefault = false;
    QString defaultValue; // the default expression as the database reports it
    int maxLength = -1; // -1: unbounded / not applicable
    bool primaryKey = false;
    bool autoIncrement = false;
    int scale = -1; // digits after the point of an exact numeric type; -1: unknown
    // DateTime columns that hold an instant (PostgreSQL timestamptz, MySQL TIMESTAMP, SQLite
    // columns declared WITH TIME ZONE): written in UTC with 'Z'.
    bool zoned = false;
    // The driver hands values over as a naive wall-clock time that is UTC (MySQL TIMESTAMP, read
    // and written in a session whose time_zone is +00:00).
    bool utcWallClock = false;
    ReadAs readAs = ReadAs::Value;
};

struct ForeignKey
{
    QString name;
    QStringList columns;
    QString refTable;
    QStringList refColumns;
};

struct Index
{
    QString name;
    QStringList columns;
    bool unique = false;
    bool primary = false;
};

struct Table
{
    QString name;
    bool isView = false;
    QList<Column> columns; // in the table's column order
    QStringList primaryKey; // in key order; empty when the table has none
    QList<ForeignKey> foreignKeys;
    QList<Index> indexes;

    // For introspection, which reads keys one column per row. Appends column → refColumn to the
    // foreign key `constraint`, starting it when new (a constraint's rows arrive together, in
    // column order).
    void addForeignKeyColumn(const QString &constraint, const QString &refTable,
                             const QString &column, const QString &refColumn);
    // Sets Column::primaryKey from primaryKey.
    void markPrimaryKeyColumns();

    // Index into columns, or -1. Exact (case-sensitive) match on the introspected name.
    int columnIndex(QStringView column) const;
    const Column *column(QStringView column) const;
};

struct ProcedureParameter
{
    QString name; // "$2" for an unnamed PostgreSQL parameter (by its position)
    QString type; // as the database names it
    QString mode; // "in", "out" or "inout"
    bool hasDefault = false; // may be left out of a call
};

struct Procedure
{
    QString name;
    QString kind; // "function" or "procedure"
    QList<ProcedureParameter> parameters; // in declared order
    QString returnType; // functions: as the database names it ("void", "record", …)
    bool returnsSet = false; // a set-returning function (rows, not one value)
    // MySQL's SQL data access: "CONTAINS SQL", "NO SQL", "READS SQL DATA", "MODIFIES SQL DATA".
    // Empty where the database does not declare it.
    QString dataAccess;
};

// One database's schema at one moment. Immutable once built; the schema cache swaps whole
// snapshots so readers never see a half-refreshed schema.
struct Schema
{
    QList<Table> tables; // tables then views, each sorted by name
    QList<Procedure> procedures;

    const Table *table(QStringView name) const;
    void buildIndex(); // call once after filling tables

private:
    QHash<QString, qsizetype> m_byName;
};

using SchemaSnapshot = std::shared_ptr<const Schema>;

} // namespace sluice
