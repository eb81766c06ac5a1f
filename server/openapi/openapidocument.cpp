#include "openapi/openapidocument.h"

#include "config/authrecords.h"
#include "core/paths.h"
#include "db/serviceregistry.h"
#include "openapi/columnschema.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QJsonObject ref(const QString &section, const QString &name)
{
    return { { u"$ref"_s, QString(u"#/components/"_s + section + u'/' + name) } };
}

QJsonObject arrayOf(const QJsonObject &items)
{
    return { { u"type"_s, u"array"_s }, { u"items"_s, items } };
}

QJsonObject jsonContent(const QJsonObject &schema)
{
    return { { u"application/json"_s, QJsonObject { { u"schema"_s, schema } } } };
}

// {"type": type}
QJsonObject typed(const QString &type)
{
    return { { u"type"_s, type } };
}

// An object schema: its properties, and those it requires when there are any.
QJsonObject objectOf(const QJsonObject &properties, const QStringList &required = {})
{
    QJsonObject schema { { u"type"_s, u"object"_s }, { u"properties"_s, properties } };
    if (!required.isEmpty())
        schema.insert(u"required"_s, QJsonArray::fromStringList(required));
    return schema;
}

// Properties that are plain JSON types, as (name, type) pairs.
QJsonObject typedProperties(std::initializer_list<std::pair<QString, QString>> types)
{
    QJsonObject properties;
    for (const auto &[name, type] : types)
        properties.insert(name, typed(type));
    return properties;
}

QJsonObject enumOf(const QStringList &values)
{
    return { { u"type"_s, u"string"_s }, { u"enum"_s, QJsonArray::fromStringList(values) } };
}

// The {resource, meta} envelope around `items`, with any other properties of the answer.
QJsonObject envelopeOf(const QJsonObject &items, QJsonObject properties = {})
{
    properties.insert(u"resource"_s, arrayOf(items));
    properties.insert(u"meta"_s, ref(u"schemas"_s, u"Meta"_s));
    return objectOf(properties);
}

// Component and operation names allow [A-Za-z0-9._-]; anything else becomes '_'.
QString sanitized(const QString &name, bool allowDots)
{
    QString out = name;
    for (QChar &c : out) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
            || (c >= u'0' && c <= u'9') || c == u'_' || (allowDots && (c == u'.' || c == u'-'));
        if (!ok)
            c = u'_';
    }
    return out;
}

// Hands out names that stay unique after sanitizing ("a b" and "a_b" would collide).
class UniqueNames
{
public:
    QString take(const QString &wanted)
    {
        QString name = wanted;
        for (int n = 2; m_taken.contains(name); ++n)
            name = wanted + u'_' + QString::number(n);
        m_taken.insert(name);
        return name;
    }

private:
    QSet<QString> m_taken;
};

// The parameters the table routes take, shared by every operation through $ref.
QJsonObject queryParameter(const QString &name, const QString &description,
                           const QJsonObject &schema)
{
    return { { u"name"_s, name },
             { u"in"_s, u"query"_s },
             { u"required"_s, false },
             { u"description"_s, description },
             { u"schema"_s, schema } };
}

QJsonObject parameters(const ReadLimits &limits)
{
    const QJsonObject text { { u"type"_s, u"string"_s } };
    const QJsonObject flag { { u"type"_s, u"boolean"_s } };
    return {
        { u"filter"_s,
          queryParameter(
              u"filter"_s,
              u"Rows to select: comparisons (= != <> > >= < <=), [NOT] IN, [NOT] LIKE, "
              "[NOT] BETWEEN, IS [NOT] NULL, CONTAINS, STARTS WITH, ENDS WITH, AND/OR/NOT "
              "and parentheses; strings in single quotes. Example: price > 10 AND "
              "title CONTAINS 'sea'"_s,
              text) },
        { u"fields"_s,
          queryParameter(u"fields"_s,
                         u"Columns to return, comma-separated; aggregates COUNT(*), SUM(x), "
                         "AVG(x), MIN(x), MAX(x) with optional AS alias"_s,
                         text) },
        { u"group"_s, queryParameter(u"group"_s, u"Columns to group aggregates by"_s, text) },
        { u"order"_s,
          queryParameter(u"order"_s, u"Sort order, e.g. price DESC,title (the key breaks ties)"_s,
                         text) },
        { u"limit"_s, queryParameter(u"limit"_s, u"Rows per page"_s, limits.readLimitSchema()) },
        { u"offset"_s,
          queryParameter(u"offset"_s, u"Rows to skip"_s,
                         { { u"type"_s, u"integer"_s }, { u"minimum"_s, 0 } }) },
        { u"include_count"_s,
          queryParameter(u"include_count"_s, u"Add meta.total, the number of matching rows"_s,
                         flag) },
        { u"count"_s, queryParameter(u"count"_s, u"Alias of include_count"_s, flag) },
        { u"ids"_s, queryParameter(u"ids"_s, u"Primary key values, comma-separated"_s, text) },
        { u"cursor"_s,
          queryParameter(u"cursor"_s,
                         u"meta.next_cursor of the previous page, with the same filter and order"_s,
                         text) },
        { u"related"_s,
          queryParameter(u"related"_s,
                         u"Tables linked by a foreign key whose rows to embed, comma-separated"_s,
                         text) },
        { u"continue"_s,
          queryParameter(u"continue"_s,
                         u"Apply records one by one and report each failure instead of rolling "
                         "back the whole request"_s,
                         flag) },
        { u"upsert"_s,
          queryParameter(u"upsert"_s, u"Update the row when the primary key exists already"_s,
                         flag) },
    };
}

QJsonArray parameterRefs(const QStringList &names)
{
    QJsonArray out;
    for (const QString &name : names)
        out.append(ref(u"parameters"_s, name));
    return out;
}

QJsonObject errorResponses(bool writes)
{
    QJsonObject out {
        { u"400"_s, ref(u"responses"_s, u"BadRequest"_s) },
        { u"401"_s, ref(u"responses"_s, u"Unauthorized"_s) },
        { u"403"_s, ref(u"responses"_s, u"Forbidden"_s) },
        { u"404"_s, ref(u"responses"_s, u"NotFound"_s) },
        { u"429"_s, ref(u"responses"_s, u"TooManyRequests"_s) },
        { u"503"_s, ref(u"responses"_s, u"Unavailable"_s) },
        { u"504"_s, ref(u"responses"_s, u"Timeout"_s) },
    };
    if (writes) {
        out.insert(u"409"_s, ref(u"responses"_s, u"Conflict"_s));
        out.insert(u"413"_s, ref(u"responses"_s, u"PayloadTooLarge"_s));
        out.insert(u"415"_s, ref(u"responses"_s, u"UnsupportedMediaType"_s));
    }
    return out;
}

QJsonObject commonComponents(const ReadLimits &limits)
{
    const QJsonObject error =
        objectOf({ { u"error"_s,
                     objectOf(typedProperties({ { u"code"_s, u"integer"_s },
                                                { u"message"_s, u"string"_s },
                                                { u"context"_s, u"object"_s } }),
                              { u"code"_s, u"message"_s }) } },
                 { u"error"_s });
    QJsonObject metaProperties = typedProperties({
        { u"count"_s, u"integer"_s },
        { u"total"_s, u"integer"_s },
        { u"limit"_s, u"integer"_s },
        { u"offset"_s, u"integer"_s },
        { u"next_cursor"_s, u"string"_s },
        { u"took_ms"_s, u"number"_s },
        { u"succeeded"_s, u"integer"_s },
        { u"failed"_s, u"integer"_s },
        { u"truncated"_s, u"boolean"_s },
        { u"read_only"_s, u"boolean"_s },
        { u"rows_affected"_s, u"integer"_s },
    });
    metaProperties.insert(u"errors"_s, arrayOf(typed(u"integer"_s)));
    QJsonObject columns = arrayOf(typed(u"string"_s));
    columns.insert(u"description"_s,
                   u"Raw SQL: the result's column names in order (a repeated name gets _2, …), "
                   "also when no row came back; absent for a statement that returns no rows"_s);
    metaProperties.insert(u"columns"_s, columns);
    const QJsonObject meta = objectOf(metaProperties);
    const QJsonObject tableList = objectOf({ { u"resource"_s,
                                               arrayOf(objectOf({
                                                   { u"name"_s, typed(u"string"_s) },
                                                   { u"type"_s, enumOf({ u"table"_s, u"view"_s }) },
                                               })) } });
    const QJsonObject anyObject = typed(u"object"_s);
    const QStringList portableTypes { u"string"_s,      u"text"_s,    u"integer"_s, u"bigint"_s,
                                      u"smallint"_s,    u"boolean"_s, u"decimal"_s, u"float"_s,
                                      u"double"_s,      u"date"_s,    u"time"_s,    u"timestamp"_s,
                                      u"timestamptz"_s, u"uuid"_s,    u"json"_s,    u"binary"_s };
    QJsonObject columnProperties = typedProperties({
        { u"name"_s, u"string"_s },
        { u"nullable"_s, u"boolean"_s },
        { u"primary_key"_s, u"boolean"_s },
        { u"auto_increment"_s, u"boolean"_s },
        { u"max_length"_s, u"integer"_s },
        { u"precision"_s, u"integer"_s },
        { u"scale"_s, u"integer"_s },
    });
    columnProperties.insert(u"type"_s, enumOf(portableTypes));
    columnProperties.insert(u"default"_s, QJsonObject {}); // any JSON value
    const QJsonObject columnDefinition = objectOf(columnProperties, { u"name"_s, u"type"_s });
    const QJsonObject names = arrayOf(typed(u"string"_s));
    const QJsonObject tableDefinition = objectOf(
        {
            { u"name"_s, typed(u"string"_s) },
            { u"columns"_s, arrayOf(ref(u"schemas"_s, u"ColumnDefinition"_s)) },
            { u"primary_key"_s, names },
            { u"foreign_keys"_s,
              arrayOf(objectOf({ { u"columns"_s, names },
                                 { u"ref_table"_s, typed(u"string"_s) },
                                 { u"ref_columns"_s, names } })) },
        },
        { u"name"_s, u"columns"_s });
    const QJsonObject schemaChanges =
        objectOf({ { u"changes"_s,
                     arrayOf(objectOf(
                         {
                             { u"type"_s,
                               enumOf({ u"add_column"_s, u"drop_column"_s, u"rename_column"_s,
                                        u"modify_column"_s }) },
                             { u"column"_s, typed(u"string"_s) },
                             { u"new_name"_s, typed(u"string"_s) },
                             { u"definition"_s, ref(u"schemas"_s, u"ColumnDefinition"_s) },
                         },
                         { u"type"_s })) } },
                 { u"changes"_s });
    const QJsonObject procedureResult = envelopeOf(anyObject, { { u"out"_s, anyObject } });
    QJsonObject sqlRequest = objectOf(
        {
            { u"sql"_s,
              QJsonObject {
                  { u"type"_s, u"string"_s },
                  { u"description"_s, u"One statement in the database's SQL; values as '?'"_s } } },
            { u"params"_s,
              QJsonObject { { u"type"_s, u"array"_s },
                            { u"description"_s, u"The values of the '?', in order"_s } } },
            { u"limit"_s, limits.rawSqlLimitSchema() },
            { u"read_only"_s,
              QJsonObject { { u"type"_s, u"boolean"_s },
                            { u"description"_s,
                              u"true runs the statement read-only, even for a role that may "
                              "write"_s } } },
        },
        { u"sql"_s });
    sqlRequest.insert(u"additionalProperties"_s, false);
    const QJsonObject sqlResult = envelopeOf(anyObject);
    QJsonObject responses;
    const QList<std::pair<QString, QString>> kinds = {
        { u"BadRequest"_s, u"The request is malformed; the message names what was wrong"_s },
        { u"Unauthorized"_s, u"No valid API key or session"_s },
        { u"Forbidden"_s, u"The caller's role does not allow this, or the service is read-only"_s },
        { u"NotFound"_s, u"No such service, table or row"_s },
        { u"Conflict"_s, u"A unique or primary key constraint was violated"_s },
        { u"PayloadTooLarge"_s, u"The body or the number of records is above the limit"_s },
        { u"UnsupportedMediaType"_s, u"The body is not JSON"_s },
        { u"TooManyRequests"_s, u"A rate limit was reached; see Retry-After"_s },
        { u"Unavailable"_s, u"The database cannot be reached; see Retry-After"_s },
        { u"Timeout"_s, u"The statement ran longer than allowed"_s },
    };
    for (const auto &[name, description] : kinds)
        responses.insert(
            name,
            QJsonObject { { u"description"_s, description },
                          { u"content"_s, jsonContent(ref(u"schemas"_s, u"Error"_s)) } });
    return {
        { u"schemas"_s,
          QJsonObject { { u"Error"_s, error },
                        { u"Meta"_s, meta },
                        { u"TableList"_s, tableList },
                        { u"SchemaObject"_s,
                          QJsonObject { { u"type"_s, u"object"_s },
                                        { u"description"_s,
                                          u"Introspected schema: tables, views, columns, keys, "
                                          "foreign keys, indexes, procedures"_s } } },
                        { u"ColumnDefinition"_s, columnDefinition },
                        { u"TableDefinition"_s, tableDefinition },
                        { u"SchemaChanges"_s, schemaChanges },
                        { u"ProcedureResult"_s, procedureResult },
                        { u"SqlRequest"_s, sqlRequest },
                        { u"SqlResult"_s, sqlResult } } },
        { u"parameters"_s, parameters(limits) },
        { u"responses"_s, responses },
        { u"securitySchemes"_s,
          QJsonObject {
              { u"apiKey"_s,
                QJsonObject { { u"type"_s, u"apiKey"_s },
                              { u"in"_s, u"header"_s },
                              { u"name"_s, u"X-API-Key"_s } } },
              { u"bearer"_s,
                QJsonObject { { u"type"_s, u"http"_s },
                              { u"scheme"_s, u"bearer"_s },
                              { u"bearerFormat"_s, u"JWT"_s },
                              { u"description"_s,
                                u"An admin session from POST /api/v1/system/session"_s } } },
          } },
    };
}

// The schemas of one table: its rows, what an insert takes, what an update takes, its key.
struct TableSchemas
{
    QString row, create, update, key;
};

QJsonObject objectSchema(const Table &table, SchemaUse use, bool requireInsertColumns, bool keyOnly)
{
    QJsonObject properties;
    QJsonArray required;
    for (const Column &column : table.columns) {
        if (keyOnly && !column.primaryKey)
            continue;
        properties.insert(column.name, columnSchema(column, use));
        if ((requireInsertColumns && requiredOnInsert(column)) || (keyOnly && column.primaryKey))
            required.append(column.name);
    }
    QJsonObject schema { { u"type"_s, u"object"_s }, { u"properties"_s, properties } };
    if (!required.isEmpty())
        schema.insert(u"required"_s, required);
    if (use == SchemaUse::Write)
        schema.insert(u"additionalProperties"_s, false); // unknown columns are 400
    return schema;
}

QJsonObject envelope(const QString &rowSchema)
{
    return envelopeOf(ref(u"schemas"_s, rowSchema));
}

// A JSON request body of `schema`.
QJsonObject jsonBody(const QJsonObject &schema, bool required = true,
                     const QString &description = {})
{
    QJsonObject body { { u"required"_s, required }, { u"content"_s, jsonContent(schema) } };
    if (!description.isEmpty())
        body.insert(u"description"_s, description);
    return body;
}

// One record, an array of them, or {"resource": [...]}: the bodies inserts and updates take.
QJsonObject recordsBody(const QString &recordSchema, const QString &description)
{
    const QJsonObject one = ref(u"schemas"_s, recordSchema);
    const QJsonObject body {
        { u"oneOf"_s,
          QJsonArray { one, arrayOf(one),
                       objectOf({ { u"resource"_s, arrayOf(one) } }, { u"resource"_s }) } }
    };
    return jsonBody(body, true, description);
}

QJsonObject response(const QString &description, const QJsonObject &schema)
{
    return { { u"description"_s, description }, { u"content"_s, jsonContent(schema) } };
}

// One operation as data: what it is called, what it takes and what it answers. The error
// responses come from the shared components: those of any request, and for writes those of a
// body too.
struct Operation
{
    QString subject, action, summary; // the operationId is service_subject_action
    QStringList parameters = {}; // names in #/components/parameters
    QJsonObject requestBody = {};
    bool writes = false;
    QList<std::pair<QString, QJsonObject>> responses = {}; // status → response
};

class Builder
{
public:
    Builder(const AccessCheck &allowed)
        : m_allowed(allowed)
    {
    }

    void addService(const OpenApiService &service);
    QJsonObject paths() const { return m_paths; }
    QJsonObject schemas() const { return m_schemas; }
    QJsonArray tags() const { return m_tags; }

private:
    bool may(const OpenApiService &service, const QString &component, int verb) const
    {
        return m_allowed({ service.name, component, verb, service.readOnly });
    }
    struct SchemaUses
    {
        bool row, create, update, key;
    };
    TableSchemas addTableSchemas(const OpenApiService &service, const Table &table,
                                 SchemaUses uses);
    void addSchemaPaths(const OpenApiService &service, const QString &prefix);
    void addProcedurePaths(const OpenApiService &service, const QString &prefix);
    void addSqlPath(const OpenApiService &service, const QString &prefix);
    QJsonObject operation(const OpenApiService &service, const Operation &spec)
    {
        QJsonObject op { { u"operationId"_s,
                           m_operationIds.take(sanitized(
                               service.name + u'_' + spec.subject + u'_' + spec.action, false)) },
                         { u"summary"_s, spec.summary },
                         { u"tags"_s, QJsonArray { service.name } } };
        if (!spec.parameters.isEmpty())
            op.insert(u"parameters"_s, parameterRefs(spec.parameters));
        if (!spec.requestBody.isEmpty())
            op.insert(u"requestBody"_s, spec.requestBody);
        QJsonObject responses = errorResponses(spec.writes);
        for (const auto &[status, answer] : spec.responses)
            responses.insert(status, answer);
        op.insert(u"responses"_s, responses);
        return op;
    }

    const AccessCheck &m_allowed;
    QJsonObject m_paths;
    QJsonObject m_schemas;
    QJsonArray m_tags;
    UniqueNames m_schemaNames;
    UniqueNames m_operationIds;
};

// The names are taken whatever the role may do, so they do not change from role to role; only
// the schemas some operation refers to are written.
TableSchemas Builder::addTableSchemas(const OpenApiService &service, const Table &table,
                                      SchemaUses uses)
{
    const QString base = sanitized(service.name + u'.' + table.name, true);
    TableSchemas names { m_schemaNames.take(base), m_schemaNames.take(base + u".create"_s),
                         m_schemaNames.take(base + u".update"_s),
                         m_schemaNames.take(base + u".key"_s) };
    if (uses.row)
        m_schemas.insert(names.row, objectSchema(table, SchemaUse::Row, false, false));
    if (uses.create)
        m_schemas.insert(names.create, objectSchema(table, SchemaUse::Write, true, false));
    if (uses.update)
        m_schemas.insert(names.update, objectSchema(table, SchemaUse::Write, false, false));
    if (uses.key)
        m_schemas.insert(names.key,
                         objectSchema(table, SchemaUse::Row, false, !table.primaryKey.isEmpty()));
    return names;
}

// _schema: the introspected schema (GET) and, where the role may change it, create / alter / drop.
void Builder::addSchemaPaths(const OpenApiService &service, const QString &prefix)
{
    QStringList readable, alterable, droppable;
    for (const Table &table : service.schema->tables) {
        const QString component = u"_schema/"_s + table.name;
        if (may(service, component, VerbGet))
            readable.append(table.name);
        if (!table.isView && may(service, component, VerbPut))
            alterable.append(table.name);
        if (!table.isView && may(service, component, VerbDelete))
            droppable.append(table.name);
    }
    // Creating needs the rule for a table that does not exist yet: a wildcard rule.
    const bool canCreate = may(service, u"_schema/sluice_new_table"_s, VerbPost);
    const QJsonObject schemaObject = ref(u"schemas"_s, u"SchemaObject"_s);
    QJsonObject area;
    if (!readable.isEmpty())
        area.insert(u"get"_s,
                    operation(service,
                              { .subject = u"schema"_s,
                                .action = u"get"_s,
                                .summary = u"The schema of the tables you may read"_s,
                                .responses = { { u"200"_s,
                                                 response(u"Tables, views and procedures"_s,
                                                          schemaObject) } } }));
    if (canCreate)
        area.insert(
            u"post"_s,
            operation(service,
                      { .subject = u"schema"_s,
                        .action = u"create"_s,
                        .summary = u"Create a table"_s,
                        .requestBody = jsonBody(ref(u"schemas"_s, u"TableDefinition"_s)),
                        .writes = true,
                        .responses = {
                            { u"201"_s, response(u"The new table's schema"_s, schemaObject) } } }));
    if (!area.isEmpty())
        m_paths.insert(prefix + u"/_schema"_s, area);

    QSet<QString> names(readable.begin(), readable.end());
    names.unite(QSet<QString>(alterable.begin(), alterable.end()));
    names.unite(QSet<QString>(droppable.begin(), droppable.end()));
    if (names.isEmpty())
        return;
    QStringList tables = names.values();
    tables.sort();
    const QJsonObject tableParameter {
        { u"name"_s, u"table"_s },
        { u"in"_s, u"path"_s },
        { u"required"_s, true },
        { u"schema"_s,
          QJsonObject { { u"type"_s, u"string"_s },
                        { u"enum"_s, QJsonArray::fromStringList(tables) } } },
    };
    QJsonObject item { { u"parameters"_s, QJsonArray { tableParameter } } };
    if (!readable.isEmpty())
        item.insert(
            u"get"_s,
            operation(service,
                      { .subject = u"schema_table"_s,
                        .action = u"get"_s,
                        .summary = u"One table's schema"_s,
                        .responses = { { u"200"_s, response(u"The table"_s, schemaObject) } } }));
    if (!alterable.isEmpty())
        item.insert(
            u"put"_s,
            operation(
                service,
                { .subject = u"schema_table"_s,
                  .action = u"alter"_s,
                  .summary = u"Add, drop, rename or modify columns"_s,
                  .requestBody = jsonBody(ref(u"schemas"_s, u"SchemaChanges"_s)),
                  .writes = true,
                  .responses = { { u"200"_s, response(u"The changed table"_s, schemaObject) } } }));
    if (!droppable.isEmpty())
        item.insert(u"delete"_s,
                    operation(service,
                              { .subject = u"schema_table"_s,
                                .action = u"drop"_s,
                                .summary = u"Drop a table"_s,
                                .writes = true,
                                .responses = { { u"200"_s,
                                                 response(u"The dropped table as it was"_s,
                                                          schemaObject) } } }));
    m_paths.insert(prefix + u"/_schema/{table}"_s, item);
}

// _proc: the routines the role may reach, and a call operation for each it may call.
void Builder::addProcedurePaths(const OpenApiService &service, const QString &prefix)
{
    bool anyVisible = false;
    QSet<QString> described;
    for (const Procedure &procedure : service.schema->procedures) {
        const QString component = u"_proc/"_s + procedure.name;
        const bool canCall = may(service, component, VerbPost);
        anyVisible = anyVisible || canCall || may(service, component, VerbGet);
        if (!canCall || described.contains(procedure.name))
            continue;
        described.insert(procedure.name);
        // Overloads (PostgreSQL) share the route: every parameter any of them takes, required
        // only when all of them require it.
        QJsonObject properties;
        QSet<QString> required;
        bool first = true;
        for (const Procedure &overload : service.schema->procedures) {
            if (overload.name != procedure.name)
                continue;
            QSet<QString> requiredHere;
            for (const ProcedureParameter &parameter : overload.parameters) {
                if (parameter.mode == u"out"_s)
                    continue;
                properties.insert(parameter.name,
                                  QJsonObject { { u"description"_s, parameter.type } });
                if (!parameter.hasDefault)
                    requiredHere.insert(parameter.name);
            }
            required = first ? requiredHere : required.intersect(requiredHere);
            first = false;
        }
        QJsonObject arguments { { u"type"_s, u"object"_s }, { u"properties"_s, properties } };
        if (!required.isEmpty()) {
            QStringList names = required.values();
            names.sort();
            arguments.insert(u"required"_s, QJsonArray::fromStringList(names));
        }
        const QJsonObject op =
            operation(service,
                      { .subject = u"proc_"_s + procedure.name,
                        .action = u"call"_s,
                        .summary = u"Call the "_s + procedure.kind + u' ' + procedure.name,
                        .requestBody = jsonBody(arguments, false, u"Arguments by name"_s),
                        .writes = true,
                        .responses = { { u"200"_s,
                                         response(u"Rows and out parameters"_s,
                                                  ref(u"schemas"_s, u"ProcedureResult"_s)) } } });
        m_paths.insert(prefix + u"/_proc/"_s + pathSegment(procedure.name),
                       QJsonObject { { u"post"_s, op } });
    }
    if (!anyVisible)
        return;
    const QJsonObject list = operation(
        service,
        { .subject = u"procedures"_s,
          .action = u"list"_s,
          .summary = u"Procedures and functions with their parameters"_s,
          .responses = {
              { u"200"_s,
                response(u"Routines"_s,
                         objectOf({ { u"resource"_s, arrayOf(typed(u"object"_s)) } })) } } });
    m_paths.insert(prefix + u"/_proc"_s, QJsonObject { { u"get"_s, list } });
}

// _sql: where the service allows raw SQL and the role has a _sql rule.
void Builder::addSqlPath(const OpenApiService &service, const QString &prefix)
{
    if (!service.rawSql)
        return;
    const bool canWrite = may(service, u"_sql"_s, VerbPost);
    if (!canWrite && !may(service, u"_sql"_s, VerbGet))
        return;
    const QJsonObject op = operation(
        service,
        { .subject = u"sql"_s,
          .action = u"run"_s,
          .summary = canWrite ? u"Run one SQL statement in a transaction of its own"_s
                              : u"Run one SQL statement, read-only (the database refuses writes)"_s,
          .requestBody = jsonBody(ref(u"schemas"_s, u"SqlRequest"_s), true,
                                  u"The statement and its parameters"_s),
          .writes = true,
          .responses = { { u"200"_s,
                           response(u"Its rows, at most limit (meta.truncated when more)"_s,
                                    ref(u"schemas"_s, u"SqlResult"_s)) } } });
    m_paths.insert(prefix + u"/_sql"_s, QJsonObject { { u"post"_s, op } });
}

void Builder::addService(const OpenApiService &service)
{
    if (!service.schema)
        return;
    const QString prefix = u"/api/v1/"_s + pathSegment(service.name);
    const qsizetype pathsBefore = m_paths.size();
    bool anyTable = false;
    for (const Table &table : service.schema->tables) {
        const QString component = u"_table/"_s + table.name;
        const bool canGet = may(service, component, VerbGet);
        const bool writable = !table.isView;
        const bool canPost = writable && may(service, component, VerbPost);
        const bool canPut = writable && may(service, component, VerbPut);
        const bool canPatch = writable && may(service, component, VerbPatch);
        const bool canDelete = writable && may(service, component, VerbDelete);
        if (!canGet && !canPost && !canPut && !canPatch && !canDelete)
            continue;
        anyTable = true;
        const TableSchemas names = addTableSchemas(
            service, table,
            { canGet || canPost || canPut || canPatch, canPost, canPut || canPatch, canDelete });
        const QString what = (table.isView ? u"view "_s : u"table "_s) + table.name;

        QJsonObject collection;
        if (canGet) {
            QJsonObject page = response(u"A page of rows"_s, envelope(names.row));
            QJsonObject content = page.value(u"content"_s).toObject();
            content.insert(u"application/x-ndjson"_s,
                           QJsonObject { { u"schema"_s, ref(u"schemas"_s, names.row) } });
            content.insert(u"text/csv"_s, QJsonObject { { u"schema"_s, typed(u"string"_s) } });
            page.insert(u"content"_s, content);
            collection.insert(
                u"get"_s,
                operation(service,
                          { .subject = table.name,
                            .action = u"list"_s,
                            .summary = u"Read rows of "_s + what,
                            .parameters = { u"filter"_s, u"fields"_s, u"group"_s, u"order"_s,
                                            u"limit"_s, u"offset"_s, u"include_count"_s, u"count"_s,
                                            u"ids"_s, u"cursor"_s, u"related"_s },
                            .responses = {
                                { u"200"_s, page },
                                { u"304"_s,
                                  QJsonObject { { u"description"_s,
                                                  u"Not modified (If-None-Match)"_s } } } } }));
        }
        if (canPost)
            collection.insert(
                u"post"_s,
                operation(service,
                          { .subject = table.name,
                            .action = u"create"_s,
                            .summary = u"Insert one or many rows into "_s + what,
                            .parameters = { u"continue"_s, u"upsert"_s },
                            .requestBody = recordsBody(names.create, u"The rows to insert"_s),
                            .writes = true,
                            .responses = {
                                { u"201"_s,
                                  response(u"The stored rows, generated keys included"_s,
                                           envelope(names.row)) },
                                { u"200"_s,
                                  response(u"With continue=true and failures: per-record results"_s,
                                           envelope(names.row)) } } }));
        for (const auto &[verbAllowed, method, action] :
             { std::tuple { canPut, u"put"_s, u"replace"_s },
               std::tuple { canPatch, u"patch"_s, u"update"_s } }) {
            if (verbAllowed)
                collection.insert(
                    method,
                    operation(service,
                              { .subject = table.name,
                                .action = action,
                                .summary = u"Update rows chosen by filter/ids, or by the keys in "
                                           "the body"_s,
                                .parameters = { u"filter"_s, u"ids"_s, u"continue"_s },
                                .requestBody = recordsBody(names.update, u"Column changes"_s),
                                .writes = true,
                                .responses = {
                                    { u"200"_s,
                                      response(u"The updated rows"_s, envelope(names.row)) } } }));
        }
        if (canDelete)
            collection.insert(
                u"delete"_s,
                operation(service,
                          { .subject = table.name,
                            .action = u"delete"_s,
                            .summary = u"Delete rows chosen by filter/ids"_s,
                            .parameters = { u"filter"_s, u"ids"_s },
                            .writes = true,
                            .responses = { { u"200"_s,
                                             response(u"The keys of the deleted rows"_s,
                                                      envelope(names.key)) } } }));
        const QString tablePath = prefix + u"/_table/"_s + pathSegment(table.name);
        m_paths.insert(tablePath, collection);

        if (table.primaryKey.size() != 1)
            continue; // by-id routes need a one-column key
        const Column *key = table.column(table.primaryKey.first());
        QJsonObject item;
        const QJsonObject idParameter {
            { u"name"_s, u"id"_s },
            { u"in"_s, u"path"_s },
            { u"required"_s, true },
            { u"description"_s, QString(u"The primary key, "_s + key->name) },
            { u"schema"_s, QJsonObject { { u"type"_s, u"string"_s } } },
        };
        item.insert(u"parameters"_s, QJsonArray { idParameter });
        if (canGet)
            item.insert(u"get"_s,
                        operation(service,
                                  { .subject = table.name,
                                    .action = u"get"_s,
                                    .summary = u"Read one row by key"_s,
                                    .parameters = { u"related"_s },
                                    .responses = { { u"200"_s,
                                                     response(u"The row"_s,
                                                              ref(u"schemas"_s, names.row)) } } }));
        for (const auto &[verbAllowed, method, action] :
             { std::tuple { canPut, u"put"_s, u"replaceById"_s },
               std::tuple { canPatch, u"patch"_s, u"updateById"_s } }) {
            if (verbAllowed)
                item.insert(
                    method,
                    operation(service,
                              { .subject = table.name,
                                .action = action,
                                .summary = u"Update one row by key"_s,
                                .requestBody = jsonBody(ref(u"schemas"_s, names.update)),
                                .writes = true,
                                .responses = { { u"200"_s,
                                                 response(u"The updated row"_s,
                                                          ref(u"schemas"_s, names.row)) } } }));
        }
        if (canDelete)
            item.insert(u"delete"_s,
                        operation(service,
                                  { .subject = table.name,
                                    .action = u"deleteById"_s,
                                    .summary = u"Delete one row by key"_s,
                                    .writes = true,
                                    .responses = { { u"200"_s,
                                                     response(u"The deleted row's key"_s,
                                                              ref(u"schemas"_s, names.key)) } } }));
        if (item.size() > 1)
            m_paths.insert(tablePath + u"/{id}"_s, item);
    }
    addSchemaPaths(service, prefix);
    addProcedurePaths(service, prefix);
    addSqlPath(service, prefix);
    if (anyTable) {
        const QJsonObject list =
            operation(service,
                      { .subject = u"tables"_s,
                        .action = u"list"_s,
                        .summary = u"The tables and views the caller may use"_s,
                        .responses = { { u"200"_s,
                                         response(u"Tables and views"_s,
                                                  ref(u"schemas"_s, u"TableList"_s)) } } });
        m_paths.insert(prefix + u"/_table"_s, QJsonObject { { u"get"_s, list } });
    }
    // The service's tag, when any of its operations (which carry it) was written.
    if (m_paths.size() == pathsBefore)
        return;
    m_tags.append(QJsonObject { { u"name"_s, service.name },
                                { u"description"_s, QString(u"Service "_s + service.name) } });
}

// Collects the "#/components/…" references inside `value`.
void collectRefs(const QJsonValue &value, QStringList *refs)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectRefs(item, refs);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == u"$ref"_s && it.value().isString())
            refs->append(it.value().toString());
        else
            collectRefs(it.value(), refs);
    }
}

// Keeps only the components the paths reach, directly or through other components: a role
// that may only read gets no write parameters or error responses it can never see.
QJsonObject reachableComponents(const QJsonObject &paths, const QJsonObject &components)
{
    QStringList pending;
    collectRefs(paths, &pending);
    QSet<QString> reached;
    while (!pending.isEmpty()) {
        const QString ref = pending.takeLast();
        if (reached.contains(ref))
            continue;
        reached.insert(ref);
        const QStringList parts = ref.split(u'/'); // "#", "components", section, name
        if (parts.size() == 4)
            collectRefs(components.value(parts.at(2))[parts.at(3)], &pending);
    }
    QJsonObject kept { { u"securitySchemes"_s, components.value(u"securitySchemes"_s) } };
    for (const QString &section : { u"schemas"_s, u"parameters"_s, u"responses"_s }) {
        const QJsonObject all = components.value(section).toObject();
        QJsonObject used;
        for (auto it = all.begin(); it != all.end(); ++it) {
            if (reached.contains(u"#/components/"_s + section + u'/' + it.key()))
                used.insert(it.key(), it.value());
        }
        kept.insert(section, used);
    }
    return kept;
}

} // namespace

QJsonObject openApiDocument(const QList<OpenApiService> &services, const AccessCheck &allowed,
                            const OpenApiOptions &options)
{
    Builder builder(allowed);
    for (const OpenApiService &service : services)
        builder.addService(service);
    QJsonObject components = commonComponents(options.limits);
    QJsonObject schemas = components.value(u"schemas"_s).toObject();
    const QJsonObject tableSchemas = builder.schemas();
    for (auto it = tableSchemas.begin(); it != tableSchemas.end(); ++it)
        schemas.insert(it.key(), it.value());
    components.insert(u"schemas"_s, schemas);
    components = reachableComponents(builder.paths(), components);
    QJsonObject info { { u"title"_s, options.title }, { u"version"_s, options.version } };
    if (!options.description.isEmpty())
        info.insert(u"description"_s, options.description);
    if (!options.caller.isEmpty())
        info.insert(u"x-sluice-caller"_s, options.caller);
    return {
        { u"openapi"_s, u"3.1.0"_s },
        { u"info"_s, info },
        { u"servers"_s, QJsonArray { QJsonObject { { u"url"_s, u"/"_s } } } },
        { u"security"_s,
          QJsonArray { QJsonObject { { u"apiKey"_s, QJsonArray() } },
                       QJsonObject { { u"bearer"_s, QJsonArray() } } } },
        { u"tags"_s, builder.tags() },
        { u"paths"_s, builder.paths() },
        { u"components"_s, components },
    };
}

OpenApiService OpenApiService::of(const ServiceState &state)
{
    return { state.config.name, state.schema, state.config.readOnly, state.config.rawSql };
}

} // namespace sluice
