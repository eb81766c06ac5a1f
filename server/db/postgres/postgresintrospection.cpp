// PostgresDialect::introspect: the whole schema in five catalog queries, the schema name bound
// as a parameter. Objects that belong to an extension (PostGIS's spatial_ref_sys, pgcrypto's
// functions…) and partitions (reached through their parent) are left out.
#include "db/postgres/postgresdialect.h"

#include "db/schemareader.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

JsonType jsonTypeFor(const QString &typeName)
{
    static const QHash<QString, JsonType> types = {
        { u"int2"_s, JsonType::Integer },       { u"int4"_s, JsonType::Integer },
        { u"int8"_s, JsonType::Integer },       { u"numeric"_s, JsonType::Decimal },
        { u"float4"_s, JsonType::Float },       { u"float8"_s, JsonType::Float },
        { u"bool"_s, JsonType::Boolean },       { u"date"_s, JsonType::Date },
        { u"timestamp"_s, JsonType::DateTime }, { u"timestamptz"_s, JsonType::DateTime },
        { u"time"_s, JsonType::Time },          { u"timetz"_s, JsonType::Time },
        { u"json"_s, JsonType::Json },          { u"jsonb"_s, JsonType::Json },
        { u"bytea"_s, JsonType::Binary },       { u"uuid"_s, JsonType::Uuid },
    };
    return types.value(typeName, JsonType::String);
}

// Not from an extension: "AND NOT fromExtension('pg_class', c.oid)".
QString notFromExtension(const char *catalog, const char *oidColumn)
{
    return u" AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep"
           " WHERE dep.classid = 'pg_catalog.%1'::regclass AND dep.objid = %2"
           " AND dep.deptype = 'e')"_s.arg(QLatin1StringView(catalog),
                                           QLatin1StringView(oidColumn));
}

// The relations we expose, as a FROM/WHERE fragment over pg_class c and pg_namespace n.
// r table, p partitioned table, f foreign table, v view, m materialized view.
QString relations()
{
    return u" FROM pg_catalog.pg_class c"
           " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
           " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'f', 'v', 'm')"
           " AND NOT c.relispartition"_s
        + notFromExtension("pg_class", "c.oid");
}

// A column from its row of the columns query below.
Column columnOf(const QSqlQuery &row)
{
    Column column;
    column.name = row.value(1).toString();
    column.dbType = row.value(2).toString();
    column.jsonType = jsonTypeFor(row.value(3).toString());
    const QString typeName = row.value(3).toString();
    column.zoned = typeName == u"timestamptz"_s;
    if (typeName == u"timetz"_s) {
        column.readAs = ReadAs::Text; // QPSQL hands timetz over as an empty value
    } else if (typeName.startsWith(u'_')) { // an array type: int4[] is "_int4"
        column.jsonType = JsonType::Json;
        column.readAs = ReadAs::Json;
    }
    column.nullable = !row.value(4).toBool();
    const bool identity = row.value(6).toBool();
    const bool generated = row.value(7).toBool();
    column.defaultValue = row.value(5).toString();
    // Identity and generated columns have no DEFAULT but are filled in by the server.
    column.hasDefault = !row.value(5).isNull() || identity || generated;
    if (!row.value(8).isNull())
        column.maxLength = row.value(8).toInt();
    column.autoIncrement = identity || column.defaultValue.startsWith(u"nextval("_s);
    return column;
}

} // namespace

Result<Schema> PostgresDialect::introspect(QSqlDatabase &db, const QString &schemaName) const
{
    const QString nspname = schemaName.isEmpty() ? u"public"_s : schemaName;
    SchemaReader schema(db, *this, nspname);
    if (Status s = schema.readTables(u"SELECT c.relname, c.relkind IN ('v', 'm')"_s + relations()
                                     + u" ORDER BY 2, 1"_s);
        !s)
        return s.error();

    // Columns in ordinal order. A domain is mapped through its base type.
    if (Status s = schema.readColumns(
            u"SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),"
            " bt.typname, a.attnotnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid),"
            " a.attidentity <> '', a.attgenerated <> '',"
            " CASE WHEN bt.typname IN ('varchar', 'bpchar')"
            "  AND (CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END) > 4"
            "  THEN (CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END) - 4 END"
            " FROM pg_catalog.pg_attribute a"
            " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
            " JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd'"
            "  THEN t.typbasetype ELSE t.oid END"
            " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            " JOIN (SELECT c.oid, c.relname"_s
                + relations()
                + u") c ON c.oid = a.attrelid"
                  " WHERE a.attnum > 0 AND NOT a.attisdropped"
                  " ORDER BY c.relname, a.attnum"_s,
            columnOf);
        !s)
        return s.error();

    // Primary and foreign keys, one row per key column in key order. unnest() of two arrays
    // pads the shorter one (confkey is NULL for a primary key) with NULLs; a primary key
    // references no table (confrelid 0).
    if (Status s =
            schema.readKeys(u"SELECT c.relname, con.conname, a.attname,"
                            " rn.nspname, rc.relname, ra.attname"
                            " FROM pg_catalog.pg_constraint con"
                            " JOIN (SELECT c.oid, c.relname"_s
                            + relations()
                            + u") c ON c.oid = con.conrelid"
                              " CROSS JOIN LATERAL unnest(con.conkey, con.confkey)"
                              "  WITH ORDINALITY AS k(attnum, refattnum, ord)"
                              " JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid"
                              "  AND a.attnum = k.attnum"
                              " LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid"
                              " LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace"
                              " LEFT JOIN pg_catalog.pg_attribute ra ON ra.attrelid = con.confrelid"
                              "  AND ra.attnum = k.refattnum"
                              " WHERE con.contype IN ('p', 'f')"
                              " ORDER BY c.relname, con.contype, con.conname, k.ord"_s);
        !s)
        return s.error();

    // Indexes with their key columns (INCLUDE columns left out) in order. An expression index
    // names no columns and is skipped; a partial unique index does not make its columns unique.
    if (Status s = schema.readIndexes(
            u"SELECT c.relname, ic.relname, i.indisunique AND i.indpred IS NULL, i.indisprimary,"
            " a.attname"
            " FROM pg_catalog.pg_index i"
            " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
            " JOIN (SELECT c.oid, c.relname"_s
            + relations()
            + u") c ON c.oid = i.indrelid"
              " CROSS JOIN LATERAL unnest(i.indkey::pg_catalog.int2[])"
              "  WITH ORDINALITY AS k(attnum, ord)"
              " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid"
              "  AND a.attnum = k.attnum"
              " WHERE k.ord <= i.indnkeyatts"
              " ORDER BY c.relname, ic.relname, k.ord"_s);
        !s)
        return s.error();

    // Callable routines with their parameters (postgresroutines.cpp).
    return schema.finish(routines(db, nspname));
}

} // namespace sluice
