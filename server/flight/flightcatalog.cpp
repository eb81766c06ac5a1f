#include "flight/flightcatalog.h"

#include "api/resolver.h"
#include "arrow/ipcwriter.h"
#include "auth/accessdecision.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

using arrow::Field;
using arrow::TypeId;

Field text(const QString &name, bool nullable = true)
{
    return Field(name, TypeId::Utf8, nullable);
}

void appendText(arrow::ColumnBuilder &column, const std::optional<QString> &value)
{
    if (value)
        column.appendString(value->toUtf8());
    else
        column.appendNull();
}

// A column's Arrow type as a read of it streams (arrowSchemaOf() gives the same for the
// result of SELECT * on the table).
arrow::DataType arrowTypeOf(const Column &column)
{
    switch (column.jsonType) {
    case JsonType::Integer: return { TypeId::Int64 };
    case JsonType::Float: return { TypeId::Float64 };
    case JsonType::Boolean: return { TypeId::Bool };
    case JsonType::Date: return { TypeId::Date32 };
    case JsonType::Time: return arrow::DataType::time64Micros();
    case JsonType::DateTime:
        return arrow::DataType::timestampMicros(column.zoned ? u"UTC"_s : QString());
    case JsonType::Binary: return { TypeId::Binary };
    case JsonType::Decimal: {
        static const QRegularExpression declared(uR"(\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))"_s);
        const auto match = declared.match(column.dbType);
        const int precision = match.hasMatch() ? match.captured(1).toInt() : 0;
        if (precision > 0 && precision <= 38)
            return arrow::DataType::decimal128(precision, match.captured(2).toInt());
        return { TypeId::Utf8 };
    }
    default: return { TypeId::Utf8 };
    }
}

// The ARROW:FLIGHT:SQL:* field metadata JDBC's getColumns reads.
arrow::KeyValueList columnMetadata(const QString &catalog, const std::optional<QString> &schema,
                                   const Table &table, const Column &column,
                                   const arrow::DataType &type)
{
    const auto flag = [](bool on) {
        return on ? u"1"_s : u"0"_s;
    };
    arrow::KeyValueList metadata {
        { u"ARROW:FLIGHT:SQL:CATALOG_NAME"_s, catalog },
        { u"ARROW:FLIGHT:SQL:TABLE_NAME"_s, table.name },
        { u"ARROW:FLIGHT:SQL:TYPE_NAME"_s, column.dbType },
        { u"ARROW:FLIGHT:SQL:IS_AUTO_INCREMENT"_s, flag(column.autoIncrement) },
        { u"ARROW:FLIGHT:SQL:IS_CASE_SENSITIVE"_s, flag(column.jsonType == JsonType::String) },
        { u"ARROW:FLIGHT:SQL:IS_READ_ONLY"_s, flag(table.isView) },
        { u"ARROW:FLIGHT:SQL:IS_SEARCHABLE"_s, flag(true) },
    };
    if (schema)
        metadata.append({ u"ARROW:FLIGHT:SQL:DB_SCHEMA_NAME"_s, *schema });
    if (type.id == TypeId::Decimal128) {
        metadata.append({ u"ARROW:FLIGHT:SQL:PRECISION"_s, QString::number(type.precision) });
        metadata.append({ u"ARROW:FLIGHT:SQL:SCALE"_s, QString::number(type.scale) });
    } else if (column.maxLength > 0) {
        metadata.append({ u"ARROW:FLIGHT:SQL:PRECISION"_s, QString::number(column.maxLength) });
    }
    return metadata;
}

bool tableTypeWanted(const CatalogQuery &query, const Table &table)
{
    if (query.tableTypes.isEmpty())
        return true;
    const QString type = table.isView ? u"VIEW"_s : u"TABLE"_s;
    return query.tableTypes.contains(type, Qt::CaseInsensitive);
}

bool matches(const std::optional<QString> &pattern, const std::optional<QString> &value)
{
    if (!pattern)
        return true;
    return value && likeMatches(*pattern, *value);
}

// The name under which the service's tables live, where there is one to give.
std::optional<QString> schemaNameOf(const ServiceState &service)
{
    if (!service.config.schema.isEmpty())
        return service.config.schema;
    if (!service.dialect)
        return std::nullopt;
    switch (service.dialect->id()) {
    case DialectId::PostgreSQL: return u"public"_s;
    case DialectId::SQLite: return u"main"_s;
    default: return std::nullopt;
    }
}

} // namespace

bool likeMatches(QStringView pattern, QStringView text)
{
    // Iterative wildcard match with backtracking to the last '%'.
    qsizetype p = 0, t = 0, starP = -1, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size()) {
            const QChar c = pattern.at(p);
            if (c == u'%') {
                starP = ++p;
                starT = t;
                continue;
            }
            if (c == u'\\' && p + 1 < pattern.size()) {
                if (pattern.at(p + 1) == text.at(t)) {
                    p += 2;
                    ++t;
                    continue;
                }
            } else if (c == u'_' || c == text.at(t)) {
                ++p;
                ++t;
                continue;
            }
        }
        if (starP < 0)
            return false;
        p = starP;
        t = ++starT;
    }
    while (p < pattern.size() && pattern.at(p) == u'%')
        ++p;
    return p == pattern.size();
}

FlightCatalog::FlightCatalog(ServiceRegistry &registry, const Principal &caller)
    : m_registry(registry)
    , m_caller(caller)
{
}

arrow::Schema FlightCatalog::catalogsSchema()
{
    return { { text(u"catalog_name"_s, false) }, {} };
}

arrow::Schema FlightCatalog::dbSchemasSchema()
{
    return { { text(u"catalog_name"_s), text(u"db_schema_name"_s, false) }, {} };
}

arrow::Schema FlightCatalog::tablesSchema(bool includeSchema)
{
    arrow::Schema schema { { text(u"catalog_name"_s), text(u"db_schema_name"_s),
                             text(u"table_name"_s, false), text(u"table_type"_s, false) },
                           {} };
    if (includeSchema)
        schema.fields.append(Field(u"table_schema"_s, TypeId::Binary, false));
    return schema;
}

arrow::Schema FlightCatalog::tableTypesSchema()
{
    return { { text(u"table_type"_s, false) }, {} };
}

arrow::Schema FlightCatalog::primaryKeysSchema()
{
    return { { text(u"catalog_name"_s), text(u"db_schema_name"_s), text(u"table_name"_s, false),
               text(u"column_name"_s, false), text(u"key_name"_s),
               Field(u"key_sequence"_s, TypeId::Int32, false) },
             {} };
}

arrow::Schema FlightCatalog::foreignKeysSchema()
{
    return { { text(u"pk_catalog_name"_s), text(u"pk_db_schema_name"_s),
               text(u"pk_table_name"_s, false), text(u"pk_column_name"_s, false),
               text(u"fk_catalog_name"_s), text(u"fk_db_schema_name"_s),
               text(u"fk_table_name"_s, false), text(u"fk_column_name"_s, false),
               Field(u"key_sequence"_s, TypeId::Int32, false), text(u"fk_key_name"_s),
               text(u"pk_key_name"_s), Field(u"update_rule"_s, TypeId::UInt8, false),
               Field(u"delete_rule"_s, TypeId::UInt8, false) },
             {} };
}

QList<FlightCatalog::VisibleService>
FlightCatalog::services(const std::optional<QString> &catalog) const
{
    QList<VisibleService> visible;
    for (const ServiceHandle &service : m_registry.all()) {
        const QString &name = service->config.name;
        if (catalog && *catalog != name)
            continue;
        auto reached = resolveService(m_registry, name, m_caller);
        if (!reached || !(*reached)->schema)
            continue; // another tenant's service, or not readable now: not listed
        VisibleService entry { *reached, false, schemaNameOf(**reached) };
        entry.sql = service->config.rawSql
            && decideAccess(m_caller, { name, u"_sql"_s, VerbGet, service->config.readOnly }).ok();
        bool anyTable = entry.sql;
        for (qsizetype i = 0; !anyTable && i < (*reached)->schema->tables.size(); ++i)
            anyTable = tableVisible(entry, (*reached)->schema->tables.at(i).name);
        if (anyTable)
            visible.append(entry);
    }
    return visible;
}

bool FlightCatalog::tableVisible(const VisibleService &service, const QString &table) const
{
    if (service.sql)
        return true;
    const ServiceConfig &config = service.service->config;
    return decideAccess(m_caller, { config.name, u"_table/"_s + table, VerbGet, config.readOnly })
        .ok();
}

Status FlightCatalog::catalogs(arrow::RecordBatchBuilder &rows)
{
    for (const VisibleService &service : services(std::nullopt))
        rows.column(0).appendString(service.service->config.name.toUtf8());
    return {};
}

Status FlightCatalog::dbSchemas(const CatalogQuery &query, arrow::RecordBatchBuilder &rows)
{
    for (const VisibleService &service : services(query.catalog)) {
        if (!service.schemaName || !matches(query.schemaPattern, service.schemaName))
            continue;
        rows.column(0).appendString(service.service->config.name.toUtf8());
        rows.column(1).appendString(service.schemaName->toUtf8());
    }
    return {};
}

Status FlightCatalog::tables(const CatalogQuery &query, arrow::RecordBatchBuilder &rows)
{
    for (const VisibleService &service : services(query.catalog)) {
        if (!matches(query.schemaPattern, service.schemaName))
            continue;
        const QString &catalog = service.service->config.name;
        for (const Table &table : service.service->schema->tables) {
            if (!tableTypeWanted(query, table) || !matches(query.tablePattern, table.name)
                || !tableVisible(service, table.name))
                continue;
            rows.column(0).appendString(catalog.toUtf8());
            appendText(rows.column(1), service.schemaName);
            rows.column(2).appendString(table.name.toUtf8());
            rows.column(3).appendString(table.isView ? "VIEW" : "TABLE");
            if (query.includeSchema) {
                arrow::Schema columns;
                for (const Column &column : table.columns) {
                    const arrow::DataType type = arrowTypeOf(column);
                    columns.fields.append(arrow::Field(
                        column.name, type, column.nullable, {},
                        columnMetadata(catalog, service.schemaName, table, column, type)));
                }
                rows.column(4).appendBinary(arrow::ipcSchema(columns));
            }
        }
    }
    return {};
}

Status FlightCatalog::tableTypes(arrow::RecordBatchBuilder &rows)
{
    rows.column(0).appendString("TABLE");
    rows.column(0).appendString("VIEW");
    return {};
}

Status FlightCatalog::primaryKeys(const CatalogQuery &query, arrow::RecordBatchBuilder &rows)
{
    for (const VisibleService &service : services(query.catalog)) {
        const Table *table = service.service->schema->table(query.table);
        if (!table || !tableVisible(service, table->name))
            continue;
        for (qsizetype i = 0; i < table->primaryKey.size(); ++i) {
            rows.column(0).appendString(service.service->config.name.toUtf8());
            appendText(rows.column(1), service.schemaName);
            rows.column(2).appendString(table->name.toUtf8());
            rows.column(3).appendString(table->primaryKey.at(i).toUtf8());
            rows.column(4).appendNull();
            rows.column(5).appendInt(i + 1);
        }
    }
    return {};
}

Status FlightCatalog::foreignKeys(const CatalogQuery &query, bool exported,
                                  arrow::RecordBatchBuilder &rows)
{
    constexpr int noAction = 3; // Flight SQL's UpdateDeleteRules: Sluice does not read the rule
    for (const VisibleService &service : services(query.catalog)) {
        const QByteArray catalog = service.service->config.name.toUtf8();
        for (const Table &table : service.service->schema->tables) {
            if (!tableVisible(service, table.name))
                continue;
            for (const ForeignKey &key : table.foreignKeys) {
                const bool wanted =
                    exported ? key.refTable == query.table : table.name == query.table;
                if (!wanted || !tableVisible(service, key.refTable))
                    continue;
                for (qsizetype i = 0; i < key.columns.size() && i < key.refColumns.size(); ++i) {
                    rows.column(0).appendString(catalog);
                    appendText(rows.column(1), service.schemaName);
                    rows.column(2).appendString(key.refTable.toUtf8());
                    rows.column(3).appendString(key.refColumns.at(i).toUtf8());
                    rows.column(4).appendString(catalog);
                    appendText(rows.column(5), service.schemaName);
                    rows.column(6).appendString(table.name.toUtf8());
                    rows.column(7).appendString(key.columns.at(i).toUtf8());
                    rows.column(8).appendInt(i + 1);
                    appendText(rows.column(9),
                               key.name.isEmpty() ? std::nullopt : std::optional(key.name));
                    rows.column(10).appendNull();
                    rows.column(11).appendInt(noAction);
                    rows.column(12).appendInt(noAction);
                }
            }
        }
    }
    return {};
}

} // namespace sluice
