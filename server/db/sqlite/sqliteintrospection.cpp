// SqliteDialect::introspect: the whole schema in four queries. The pragma table-valued functions
// (pragma_table_xinfo(name) …) take the table name as a value, so odd names with quotes or
// spaces need no identifier quoting at all.
#include "db/sqlite/sqlitedialect.h"

#include "db/schemareader.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Declared type -> JsonType, in the spirit of SQLite's affinity rules (the order matters:
// "BIGINT" is an integer, "POINT" too, as SQLite itself would store it).
JsonType jsonTypeFor(const QString &declared)
{
    const QString upper = declared.toUpper();
    const QString base = upper.section(u'(', 0, 0).trimmed();
    if (upper.contains(u"INT"_s))
        return JsonType::Integer;
    if (upper.contains(u"BOOL"_s))
        return JsonType::Boolean;
    if (base == u"DATE"_s)
        return JsonType::Date;
    if (base == u"DATETIME"_s || base.startsWith(u"TIMESTAMP"_s))
        return JsonType::DateTime;
    if (base == u"TIME"_s)
        return JsonType::Time;
    if (base.startsWith(u"DECIMAL"_s) || base.startsWith(u"NUMERIC"_s) || base == u"MONEY"_s)
        return JsonType::Decimal;
    if (upper.contains(u"REAL"_s) || upper.contains(u"FLOA"_s) || upper.contains(u"DOUB"_s))
        return JsonType::Float;
    if (upper.contains(u"BLOB"_s))
        return JsonType::Binary;
    if (base == u"JSON"_s || base == u"JSONB"_s)
        return JsonType::Json;
    if (base == u"UUID"_s)
        return JsonType::Uuid;
    return JsonType::String;
}

// 80 for VARCHAR(80), CHAR(2), CHARACTER VARYING(80), NVARCHAR(10); -1 otherwise.
// The s of NUMERIC(p,s) / DECIMAL(p,s): SQLite stores such values as numbers (12.50 as 12.5), so
// the declared scale is how many digits the answer shows. -1 when not declared.
int scaleFor(const QString &declared)
{
    static const QRegularExpression scaled(
        u"^\\s*(?:NUMERIC|DECIMAL)\\s*\\(\\s*\\d+\\s*,\\s*(\\d+)\\s*\\)"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = scaled.match(declared);
    return m.hasMatch() ? qMin(m.captured(1).toInt(), 30) : -1;
}

int maxLengthFor(const QString &declared)
{
    static const QRegularExpression pattern(u"CHAR[A-Z ]*\\(\\s*(\\d+)\\s*\\)"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(declared);
    if (!match.hasMatch())
        return -1;
    bool ok = false;
    const int length = match.captured(1).toInt(&ok);
    return ok ? length : -1;
}

} // namespace

Result<Schema> SqliteDialect::introspect(QSqlDatabase &db, const QString &) const
{
    // The tables we expose: user tables and views, tables first, each by name.
    static const QString kObjects =
        u"SELECT name, type = 'view' FROM sqlite_schema"
        " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"_s;

    SchemaReader schema(db, *this);
    if (Status s = schema.readTables(kObjects + u" ORDER BY type = 'view', name"_s); !s)
        return s.error();

    // Columns. hidden: 1 = hidden column of a virtual table (skipped); 2 and 3 = generated
    // columns, which are readable and kept.
    QHash<QString, QList<QPair<int, QString>>> keyParts; // table -> (position in key, column)
    const auto columnOf = [&keyParts](const QSqlQuery &row) {
        Column column;
        column.name = row.value(2).toString();
        column.dbType = row.value(3).toString();
        column.jsonType = jsonTypeFor(column.dbType);
        column.nullable = row.value(4).toInt() == 0;
        column.hasDefault = !row.value(5).isNull();
        column.defaultValue = row.value(5).toString();
        column.maxLength = maxLengthFor(column.dbType);
        column.scale = scaleFor(column.dbType);
        const QString upperType = column.dbType.toUpper();
        column.zoned =
            upperType.contains(u"WITH TIME ZONE"_s) || upperType.contains(u"TIMESTAMPTZ"_s);
        if (const int keyPosition = row.value(6).toInt(); keyPosition > 0)
            keyParts[row.value(0).toString()].append({ keyPosition, column.name });
        return column;
    };
    if (Status s = schema.readColumns(
            u"SELECT o.name, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk FROM ("_s
                + kObjects
                + u") AS o, pragma_table_xinfo(o.name) AS c"
                  " WHERE c.hidden <> 1 ORDER BY o.name, c.cid"_s,
            columnOf);
        !s)
        return s.error();

    // Indexes, with their columns in index order; a rowid (cid -1) or an expression (-2) names
    // no column. origin: 'c' CREATE INDEX, 'u' UNIQUE constraint, 'pk' PRIMARY KEY (none for a
    // rowid-alias INTEGER PRIMARY KEY).
    if (Status s =
            schema.readIndexes(u"SELECT o.name, l.name, l.\"unique\", l.origin = 'pk',"
                               " CASE WHEN i.cid >= 0 THEN i.name END FROM ("_s
                               + kObjects
                               + u" AND type = 'table') AS o,"
                                 " pragma_index_list(o.name) AS l, pragma_index_info(l.name) AS i"
                                 " ORDER BY o.name, l.name, i.seqno"_s);
        !s)
        return s.error();

    // Primary keys in key order; a lone INTEGER PRIMARY KEY without a pk index is the rowid
    // alias, which SQLite fills in itself.
    for (Table &table : schema.tables()) {
        auto parts = keyParts.value(table.name);
        std::sort(parts.begin(), parts.end());
        for (const auto &part : parts)
            table.primaryKey.append(part.second);
        const bool hasPkIndex = std::any_of(table.indexes.cbegin(), table.indexes.cend(),
                                            [](const Index &index) { return index.primary; });
        if (table.primaryKey.size() == 1 && !hasPkIndex) {
            const int i = table.columnIndex(table.primaryKey.constFirst());
            Column &column = table.columns[i];
            if (column.dbType.compare(u"INTEGER"_s, Qt::CaseInsensitive) == 0)
                column.autoIncrement = true;
        }
    }

    // Foreign keys, grouped by id with the columns in declaration order. "to" is NULL when the
    // constraint names only the parent table: then it is the parent's primary key.
    if (Status s = schema.run(u"SELECT o.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\""
                              " FROM ("_s
                              + kObjects
                              + u" AND type = 'table') AS o,"
                                " pragma_foreign_key_list(o.name) AS f"
                                " ORDER BY o.name, f.id, f.seq"_s);
        !s)
        return s.error();
    QSqlQuery &query = schema.query();
    int lastId = -1;
    QString lastTable;
    while (query.next()) {
        const QString tableName = query.value(0).toString();
        Table *table = schema.table(tableName);
        if (!table)
            continue;
        const int id = query.value(1).toInt();
        if (tableName != lastTable || id != lastId) {
            ForeignKey key;
            key.refTable = query.value(3).toString();
            table->foreignKeys.append(key);
            lastTable = tableName;
            lastId = id;
        }
        ForeignKey &key = table->foreignKeys.last();
        key.columns.append(query.value(4).toString());
        if (!query.value(5).isNull())
            key.refColumns.append(query.value(5).toString());
    }
    for (Table &table : schema.tables()) {
        for (ForeignKey &key : table.foreignKeys) {
            if (key.refColumns.isEmpty()) {
                if (const Table *parent = schema.table(key.refTable))
                    key.refColumns = parent->primaryKey;
            }
            // SQLite keeps no constraint names; this is PostgreSQL's default naming.
            key.name = table.name + u'_' + key.columns.join(u'_') + u"_fkey"_s;
        }
    }

    return schema.finish(QList<Procedure>()); // SQLite has no stored routines
}

} // namespace sluice
