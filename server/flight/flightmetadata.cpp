#include "flight/flightmetadata.h"

#include "flight/flightwire.h"
#include "flight/sqlinfo.h"

#include "flightsql.pb.h"

using namespace Qt::StringLiterals;
namespace sql = ::arrow::flight::protocol::sql;

namespace sluice {

using flightwire::text;

namespace {

template<typename KeysCommand> CatalogQuery keysQuery(const KeysCommand &keys)
{
    CatalogQuery query;
    if (keys.has_catalog())
        query.catalog = text(keys.catalog());
    query.table = text(keys.table());
    return query;
}

} // namespace

// The answer's schema for a metadata command; none for a statement.
std::optional<arrow::Schema> metadataSchema(const FlightCommand &command)
{
    switch (command.type) {
    case FlightCommandType::GetSqlInfo: return sqlInfoSchema();
    case FlightCommandType::GetCatalogs: return FlightCatalog::catalogsSchema();
    case FlightCommandType::GetDbSchemas: return FlightCatalog::dbSchemasSchema();
    case FlightCommandType::GetTables: {
        auto tables = unpackCommand<sql::CommandGetTables>(command);
        return FlightCatalog::tablesSchema(tables && tables->include_schema());
    }
    case FlightCommandType::GetTableTypes: return FlightCatalog::tableTypesSchema();
    case FlightCommandType::GetPrimaryKeys: return FlightCatalog::primaryKeysSchema();
    case FlightCommandType::GetImportedKeys:
    case FlightCommandType::GetExportedKeys: return FlightCatalog::foreignKeysSchema();
    default: return std::nullopt;
    }
}

// The rows of a metadata command, as one batch (metadata answers are small).
Status answerMetadata(const FlightCommand &command, FlightCatalog &catalog,
                      arrow::RecordBatchBuilder &rows, const QString &identifierQuote)
{
    switch (command.type) {
    case FlightCommandType::GetSqlInfo: {
        auto info = unpackCommand<sql::CommandGetSqlInfo>(command);
        if (!info)
            return info.error();
        appendSqlInfo(rows, QList<quint32>(info->info().begin(), info->info().end()),
                      identifierQuote);
        return {};
    }
    case FlightCommandType::GetCatalogs: return catalog.catalogs(rows);
    case FlightCommandType::GetDbSchemas: {
        auto schemas = unpackCommand<sql::CommandGetDbSchemas>(command);
        if (!schemas)
            return schemas.error();
        CatalogQuery query;
        if (schemas->has_catalog())
            query.catalog = text(schemas->catalog());
        if (schemas->has_db_schema_filter_pattern())
            query.schemaPattern = text(schemas->db_schema_filter_pattern());
        return catalog.dbSchemas(query, rows);
    }
    case FlightCommandType::GetTables: {
        auto tables = unpackCommand<sql::CommandGetTables>(command);
        if (!tables)
            return tables.error();
        CatalogQuery query;
        if (tables->has_catalog())
            query.catalog = text(tables->catalog());
        if (tables->has_db_schema_filter_pattern())
            query.schemaPattern = text(tables->db_schema_filter_pattern());
        if (tables->has_table_name_filter_pattern())
            query.tablePattern = text(tables->table_name_filter_pattern());
        for (const std::string &type : tables->table_types())
            query.tableTypes << text(type);
        query.includeSchema = tables->include_schema();
        return catalog.tables(query, rows);
    }
    case FlightCommandType::GetTableTypes: return FlightCatalog::tableTypes(rows);
    case FlightCommandType::GetPrimaryKeys: {
        auto keys = unpackCommand<sql::CommandGetPrimaryKeys>(command);
        if (!keys)
            return keys.error();
        return catalog.primaryKeys(keysQuery(*keys), rows);
    }
    case FlightCommandType::GetImportedKeys: {
        auto keys = unpackCommand<sql::CommandGetImportedKeys>(command);
        if (!keys)
            return keys.error();
        return catalog.foreignKeys(keysQuery(*keys), false, rows);
    }
    case FlightCommandType::GetExportedKeys: {
        auto keys = unpackCommand<sql::CommandGetExportedKeys>(command);
        if (!keys)
            return keys.error();
        return catalog.foreignKeys(keysQuery(*keys), true, rows);
    }
    default: return Error::badRequest(u"Not a metadata command"_s);
    }
}

} // namespace sluice
