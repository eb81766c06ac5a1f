#pragma once

#include "arrow/recordbatchbuilder.h"
#include "auth/principal.h"
#include "core/result.h"
#include "db/serviceregistry.h"

#include <QStringList>

#include <optional>

namespace sluice {

// What a metadata command asks for (the Flight SQL commands' fields, without protobuf).
struct CatalogQuery
{
    std::optional<QString> catalog; // a service; none: every service
    std::optional<QString> schemaPattern; // SQL LIKE pattern ('%', '_', '\' escapes)
    std::optional<QString> tablePattern;
    QStringList tableTypes; // "TABLE", "VIEW"; empty: both
    bool includeSchema = false; // GetTables: each table's Arrow schema
    QString table; // GetPrimaryKeys, GetImportedKeys, GetExportedKeys
};

// Flight SQL's metadata commands over the services the caller may read (API.md §13): catalog =
// service, one schema per service (its PostgreSQL schema, SQLite's "main"; none where the
// database has no such name to give), its tables and views from the introspected schema — each
// listed only when the caller may GET it (`_table/<name>`) or run SQL on the service. For a
// per-tenant service, the caller's tenant's backend. Nothing here touches a database but a
// tenant backend's first schema read.
class FlightCatalog
{
public:
    FlightCatalog(ServiceRegistry &registry, const Principal &caller);

    // The fixed schemas of the answers (for GetFlightInfo and GetSchema).
    static arrow::Schema catalogsSchema();
    static arrow::Schema dbSchemasSchema();
    static arrow::Schema tablesSchema(bool includeSchema);
    static arrow::Schema tableTypesSchema();
    static arrow::Schema primaryKeysSchema();
    static arrow::Schema foreignKeysSchema(); // imported and exported keys

    Status catalogs(arrow::RecordBatchBuilder &rows);
    Status dbSchemas(const CatalogQuery &query, arrow::RecordBatchBuilder &rows);
    Status tables(const CatalogQuery &query, arrow::RecordBatchBuilder &rows);
    static Status tableTypes(arrow::RecordBatchBuilder &rows);
    Status primaryKeys(const CatalogQuery &query, arrow::RecordBatchBuilder &rows);
    // `exported`: keys of other tables that reference `query.table`; else its own.
    Status foreignKeys(const CatalogQuery &query, bool exported, arrow::RecordBatchBuilder &rows);

private:
    struct VisibleService
    {
        ServiceHandle service; // as the caller reaches it (its tenant's backend)
        bool sql = false; // the caller may run SQL on it: every table is visible
        std::optional<QString> schemaName;
    };
    // The services the caller may read, in configuration order, narrowed to `catalog`.
    QList<VisibleService> services(const std::optional<QString> &catalog) const;
    bool tableVisible(const VisibleService &service, const QString &table) const;

    ServiceRegistry &m_registry;
    const Principal &m_caller;
};

// Whether `text` matches the SQL LIKE `pattern` ('%' any run, '_' one character, '\' escapes).
bool likeMatches(QStringView pattern, QStringView text);

} // namespace sluice
