#pragma once

#include "core/result.h"
#include "db/dialect.h"
#include "db/sql/tabledefinition.h"

#include <QStringView>

#include <array>
#include <optional>

namespace sluice {

// A column rendered for DDL: the whole clause and its parts, for dialects that alter a column
// piece by piece (PostgreSQL) or restate it whole (MySQL's MODIFY COLUMN, SQLite's rebuild).
struct ColumnSql
{
    QString name; // quoted
    QString type;
    bool nullable = true;
    QString defaultLiteral; // empty: no default
    QString clause; // name type [NOT NULL] [DEFAULT …] [auto-increment]
};

// How a dialect spells the portable column types (tabledefinition.h) in DDL, from which
// Dialect::columnType() writes a column's type (dialectddl.cpp).
struct DdlTypeNames
{
    // Every type without a length or precision, in PortableType order: String, Text, Integer,
    // BigInt, SmallInt, Boolean, Decimal, Float, Double, Date, Time, Timestamp, TimestampTz, Uuid,
    // Json, Binary.
    std::array<QStringView, kPortableTypeCount> plain {};
    // A String or Binary with a maxLength n, "varchar(%1)", for n up to the maximum (0: any n);
    // longer ones, and all where the pattern is empty, take the plain name.
    QStringView sizedString {};
    int maxSizedString = 0;
    QStringView sizedBinary {};
    int maxSizedBinary = 0;
    // A Decimal with a precision: "numeric(%1, %2)" with its scale, else `decimalWithoutScale`.
    QStringView decimal {};
    QStringView decimalWithoutScale {};
};

// One step of a schema change: a statement, or (SQLite) rebuilding `table` to apply `rebuild`.
struct DdlStep
{
    QString sql;
    std::optional<SchemaChange> rebuild;
    QString table; // the table a rebuild applies to
    ColumnSql column; // a rebuild's new column clause (modify_column)
};

// Writes CREATE, ALTER and DROP TABLE from checked definitions (db/tabledefinition.h). Names are
// quoted by the dialect; defaults are literals checked at parsing and escaped by the dialect,
// because DDL cannot bind values.
class DdlBuilder
{
public:
    explicit DdlBuilder(const Dialect &dialect)
        : m_dialect(dialect)
    {
    }

    Result<QList<DdlStep>> createTable(const TableDefinition &definition) const;
    // `changes` must have passed checkSchemaChanges(table, changes).
    Result<QList<DdlStep>> alterTable(const Table &table, const QList<SchemaChange> &changes) const;
    QList<DdlStep> dropTable(const QString &table) const;

    // `inlineKey`: the column is the one-column primary key and declares it itself.
    // `autoIncrement` overrides the definition's flag (modify_column keeps the current one).
    Result<ColumnSql> columnSql(const ColumnDefinition &column, bool inlineKey,
                                bool autoIncrement) const;
    QString defaultLiteral(const DefaultValue &value) const;

private:
    const Dialect &m_dialect;
};

} // namespace sluice
