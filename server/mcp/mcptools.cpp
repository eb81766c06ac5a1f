#include "mcp/mcptools.h"

#include "config/authrecords.h"

#include <QJsonDocument>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QJsonObject stringProperty(const QString &description, const QStringList &choices = {})
{
    QJsonObject p { { u"type"_s, u"string"_s }, { u"description"_s, description } };
    if (!choices.isEmpty())
        p.insert(u"enum"_s, QJsonArray::fromStringList(choices));
    return p;
}

// `schema` with a description added.
QJsonObject described(QJsonObject schema, const QString &description)
{
    schema.insert(u"description"_s, description);
    return schema;
}

QJsonObject objectSchema(const QJsonObject &properties, const QStringList &required)
{
    QJsonObject s { { u"type"_s, u"object"_s }, { u"properties"_s, properties } };
    if (!required.isEmpty())
        s.insert(u"required"_s, QJsonArray::fromStringList(required));
    return s;
}

QJsonObject tool(const QString &name, const QString &title, const QString &description,
                 const QJsonObject &inputSchema, bool readOnly, bool destructive)
{
    QJsonObject annotations { { u"title"_s, title },
                              { u"readOnlyHint"_s, readOnly },
                              { u"openWorldHint"_s, false } };
    if (!readOnly) {
        annotations.insert(u"destructiveHint"_s, destructive);
        annotations.insert(u"idempotentHint"_s, false);
    }
    return { { u"name"_s, name },
             { u"title"_s, title },
             { u"description"_s, description },
             { u"inputSchema"_s, inputSchema },
             { u"annotations"_s, annotations } };
}

// What the caller may do somewhere, and the services it can see at all.
struct Reach
{
    QStringList services;
    bool read = false, insert = false, update = false, remove = false, call = false;
    bool rawSql = false, rawSqlWrites = false; // on some service that allows raw SQL
};

Reach reachOf(const McpBackend &backend)
{
    Reach reach;
    for (const ServiceHandle &service : backend.registry->all()) {
        if (!service->schema)
            continue;
        bool visible = false;
        for (const Table &t : service->schema->tables) {
            const QString component = u"_table/"_s + t.name;
            const bool get = backend.may(*service, component, VerbGet);
            visible = visible || get;
            reach.read = reach.read || get;
            if (t.isView)
                continue;
            reach.insert = reach.insert || backend.may(*service, component, VerbPost);
            reach.update = reach.update || backend.may(*service, component, VerbPatch);
            reach.remove = reach.remove || backend.may(*service, component, VerbDelete);
        }
        for (const Procedure &procedure : service->schema->procedures)
            reach.call =
                reach.call || backend.may(*service, u"_proc/"_s + procedure.name, VerbPost);
        if (service->config.rawSql) {
            const bool writes = backend.may(*service, u"_sql"_s, VerbPost);
            const bool sql = writes || backend.may(*service, u"_sql"_s, VerbGet);
            reach.rawSql = reach.rawSql || sql;
            reach.rawSqlWrites = reach.rawSqlWrites || writes;
            visible = visible || sql;
        }
        if (visible)
            reach.services.append(service->config.name);
    }
    return reach;
}

Result<QString> requiredString(const QJsonObject &arguments, const QString &name)
{
    const QJsonValue v = arguments.value(name);
    if (!v.isString() || v.toString().isEmpty())
        return Error::badRequest(u"Missing or empty argument '%1' (a string)"_s.arg(name));
    return v.toString();
}

QString tablePath(const QString &service, const QString &table)
{
    return u"/api/v1/"_s + service + u"/_table/"_s + table;
}

} // namespace

QJsonObject toolResult(const HttpReply &reply)
{
    const bool failed = reply.status >= 400;
    QJsonObject structured = replyObject(reply);
    const QJsonObject meta = structured.value(u"meta"_s).toObject();
    if (!failed && (meta.contains(u"next_cursor"_s) || meta.value(u"truncated"_s).toBool()))
        structured.insert(u"truncated"_s, true); // more rows (a cursor continues a query)
    QString text = QString::fromUtf8(reply.body);
    if (failed)
        text = structured.value(u"error"_s)[u"message"_s].toString();
    QJsonObject result { { u"content"_s,
                           QJsonArray {
                               QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, text } } } } };
    if (!structured.isEmpty())
        result.insert(u"structuredContent"_s, structured);
    if (failed)
        result.insert(u"isError"_s, true);
    return result;
}

QJsonArray McpTools::list() const
{
    const Reach reach = reachOf(m_backend);
    const QJsonObject service = stringProperty(u"The service (database) name"_s, reach.services);
    const QJsonObject table = stringProperty(u"The table or view name"_s);
    QJsonArray tools;
    tools.append(tool(u"sluice_list_services"_s, u"List services"_s,
                      u"The services (connected databases) you may use."_s, objectSchema({}, {}),
                      true, false));
    if (reach.services.isEmpty())
        return tools;
    tools.append(tool(u"sluice_list_tables"_s, u"List tables"_s,
                      u"The tables and views of a service that you may use."_s,
                      objectSchema({ { u"service"_s, service } }, { u"service"_s }), true, false));
    tools.append(tool(u"sluice_describe_table"_s, u"Describe a table"_s,
                      u"Columns (name, type, nullable, default), primary key, foreign keys and "
                      "indexes of a table."_s,
                      objectSchema({ { u"service"_s, service }, { u"table"_s, table } },
                                   { u"service"_s, u"table"_s }),
                      true, false));
    if (reach.read) {
        QJsonObject properties {
            { u"service"_s, service },
            { u"table"_s, table },
            { u"filter"_s,
              stringProperty(u"Rows to select, e.g. price > 10 AND title CONTAINS 'sea' "
                             "(= != > >= < <= IN LIKE BETWEEN IS NULL CONTAINS STARTS WITH "
                             "ENDS WITH AND OR NOT; strings in single quotes)"_s) },
            { u"fields"_s,
              stringProperty(u"Columns, comma-separated; aggregates COUNT(*), SUM(x), AVG(x), "
                             "MIN(x), MAX(x) AS name"_s) },
            { u"group"_s, stringProperty(u"Columns to group aggregates by"_s) },
            { u"order"_s, stringProperty(u"e.g. price DESC,title"_s) },
            { u"limit"_s, described(m_backend.limits.readLimitSchema(), u"Rows to return"_s) },
            { u"offset"_s, QJsonObject { { u"type"_s, u"integer"_s }, { u"minimum"_s, 0 } } },
            { u"cursor"_s,
              stringProperty(u"meta.next_cursor of the previous result, to continue"_s) },
            { u"related"_s,
              stringProperty(u"Tables linked by a foreign key to embed, comma-separated"_s) },
            { u"include_count"_s, QJsonObject { { u"type"_s, u"boolean"_s } } },
        };
        tools.append(tool(u"sluice_query"_s, u"Query rows"_s,
                          u"Read rows of a table or view. Results are capped: when "
                          "\"truncated\" is true, call again with the returned "
                          "meta.next_cursor as cursor."_s,
                          objectSchema(properties, { u"service"_s, u"table"_s }), true, false));
    }
    if (reach.insert) {
        tools.append(tool(
            u"sluice_insert"_s, u"Insert rows"_s,
            u"Insert rows (all or nothing); answers the stored rows with generated keys."_s,
            objectSchema(
                { { u"service"_s, service },
                  { u"table"_s, table },
                  { u"records"_s,
                    QJsonObject { { u"type"_s, u"array"_s },
                                  { u"minItems"_s, 1 },
                                  { u"items"_s, QJsonObject { { u"type"_s, u"object"_s } } } } } },
                { u"service"_s, u"table"_s, u"records"_s }),
            false, false));
    }
    if (reach.update) {
        tools.append(
            tool(u"sluice_update"_s, u"Update rows"_s,
                 u"Apply column changes to every row the filter selects."_s,
                 objectSchema({ { u"service"_s, service },
                                { u"table"_s, table },
                                { u"filter"_s, stringProperty(u"Rows to change"_s) },
                                { u"changes"_s,
                                  QJsonObject { { u"type"_s, u"object"_s },
                                                { u"description"_s, u"Column: new value"_s } } } },
                              { u"service"_s, u"table"_s, u"filter"_s, u"changes"_s }),
                 false, true));
    }
    if (reach.remove) {
        tools.append(tool(u"sluice_delete"_s, u"Delete rows"_s,
                          u"Delete every row the filter selects; answers their keys."_s,
                          objectSchema({ { u"service"_s, service },
                                         { u"table"_s, table },
                                         { u"filter"_s, stringProperty(u"Rows to delete"_s) } },
                                       { u"service"_s, u"table"_s, u"filter"_s }),
                          false, true));
    }
    if (reach.call) {
        tools.append(
            tool(u"sluice_call_procedure"_s, u"Call a procedure"_s,
                 u"Call a stored procedure or function with named arguments."_s,
                 objectSchema({ { u"service"_s, service },
                                { u"procedure"_s, stringProperty(u"Its name"_s) },
                                { u"arguments"_s, QJsonObject { { u"type"_s, u"object"_s } } } },
                              { u"service"_s, u"procedure"_s }),
                 false, true));
    }
    if (reach.rawSql) {
        const QString mode = reach.rawSqlWrites
            ? u"It may change data where your role may write raw SQL; elsewhere it runs "
              "read-only."_s
            : u"It runs read-only: the database refuses writes."_s;
        tools.append(
            tool(u"sluice_raw_sql"_s, u"Run SQL"_s,
                 u"Run one SQL statement in the service's own SQL dialect, in a transaction of its "
                 "own. "_s
                     + mode
                     + u" Pass values as '?' parameters in 'params'. Results are capped: "
                       "\"truncated\" says when rows were left out."_s,
                 objectSchema(
                     { { u"service"_s, service },
                       { u"sql"_s, stringProperty(u"One statement, e.g. SELECT … WHERE id = ?"_s) },
                       { u"params"_s,
                         QJsonObject { { u"type"_s, u"array"_s },
                                       { u"description"_s, u"Values of the '?' in order"_s } } },
                       { u"limit"_s,
                         described(m_backend.limits.rawSqlLimitSchema(), u"Rows to return"_s) } },
                     { u"service"_s, u"sql"_s }),
                 false, true));
    }
    return tools;
}

Result<QJsonObject> McpTools::call(const QString &name, const QJsonObject &arguments) const
{
    static const QStringList known = { u"sluice_list_services"_s,  u"sluice_list_tables"_s,
                                       u"sluice_describe_table"_s, u"sluice_query"_s,
                                       u"sluice_insert"_s,         u"sluice_update"_s,
                                       u"sluice_delete"_s,         u"sluice_call_procedure"_s,
                                       u"sluice_raw_sql"_s };
    if (!known.contains(name))
        return Error::badRequest(u"Unknown tool '%1'"_s.arg(name));
    if (name == u"sluice_list_services"_s) {
        QJsonArray services;
        for (const QString &service : reachOf(m_backend).services) {
            const ServiceHandle state = m_backend.registry->find(service);
            services.append(QJsonObject { { u"name"_s, service },
                                          { u"driver"_s, state ? state->config.driver : QString() },
                                          { u"read_only"_s, state && state->config.readOnly } });
        }
        const QJsonObject structured { { u"resource"_s, services } };
        return QJsonObject {
            { u"content"_s,
              QJsonArray { QJsonObject {
                  { u"type"_s, u"text"_s },
                  { u"text"_s,
                    QString::fromUtf8(
                        QJsonDocument(structured).toJson(QJsonDocument::Compact)) } } } },
            { u"structuredContent"_s, structured },
        };
    }
    auto service = requiredString(arguments, u"service"_s);
    if (!service)
        return service.error();
    if (name == u"sluice_list_tables"_s)
        return toolResult(m_backend.call(HttpMethod::Get, u"/api/v1/"_s + *service + u"/_table"_s));
    if (name == u"sluice_call_procedure"_s) {
        auto procedure = requiredString(arguments, u"procedure"_s);
        if (!procedure)
            return procedure.error();
        const QJsonValue args = arguments.value(u"arguments"_s);
        if (!args.isUndefined() && !args.isObject())
            return Error::badRequest(u"Argument 'arguments' must be an object"_s);
        return toolResult(
            m_backend.call(HttpMethod::Post, u"/api/v1/"_s + *service + u"/_proc/"_s + *procedure,
                           {}, QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact)));
    }
    if (name == u"sluice_raw_sql"_s) {
        auto sql = requiredString(arguments, u"sql"_s);
        if (!sql)
            return sql.error();
        QJsonObject body { { u"sql"_s, *sql } };
        for (const QString &key : { u"params"_s, u"limit"_s }) {
            if (arguments.contains(key))
                body.insert(key, arguments.value(key)); // REST names what is wrong with them
        }
        return toolResult(m_backend.call(HttpMethod::Post, u"/api/v1/"_s + *service + u"/_sql"_s,
                                         {}, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }
    auto table = requiredString(arguments, u"table"_s);
    if (!table)
        return table.error();
    if (name == u"sluice_describe_table"_s)
        return toolResult(
            m_backend.call(HttpMethod::Get, u"/api/v1/"_s + *service + u"/_schema/"_s + *table));
    if (name == u"sluice_query"_s) {
        QueryParams query;
        for (const QString &key :
             { u"filter"_s, u"fields"_s, u"group"_s, u"order"_s, u"cursor"_s, u"related"_s }) {
            const QJsonValue v = arguments.value(key);
            if (v.isString() && !v.toString().isEmpty())
                query.append({ key, v.toString() });
            else if (!v.isUndefined() && !v.isNull() && !v.isString())
                return Error::badRequest(u"Argument '%1' must be a string"_s.arg(key));
        }
        for (const QString &key : { u"limit"_s, u"offset"_s }) {
            const QJsonValue v = arguments.value(key);
            if (v.isDouble())
                query.append({ key, QString::number(v.toInteger()) });
            else if (!v.isUndefined() && !v.isNull())
                return Error::badRequest(u"Argument '%1' must be an integer"_s.arg(key));
        }
        if (arguments.value(u"include_count"_s).toBool())
            query.append({ u"include_count"_s, u"true"_s });
        return toolResult(m_backend.call(HttpMethod::Get, tablePath(*service, *table), query));
    }
    if (name == u"sluice_insert"_s) {
        const QJsonValue records = arguments.value(u"records"_s);
        if (!records.isArray() || records.toArray().isEmpty())
            return Error::badRequest(u"Argument 'records' must be a non-empty array of objects"_s);
        return toolResult(
            m_backend.call(HttpMethod::Post, tablePath(*service, *table), {},
                           QJsonDocument(records.toArray()).toJson(QJsonDocument::Compact)));
    }
    if (name == u"sluice_update"_s || name == u"sluice_delete"_s) {
        // A filter is required: never a whole-table change from a tool call.
        auto filter = requiredString(arguments, u"filter"_s);
        if (!filter)
            return filter.error();
        const QueryParams query { { u"filter"_s, *filter } };
        if (name == u"sluice_delete"_s)
            return toolResult(
                m_backend.call(HttpMethod::Delete, tablePath(*service, *table), query));
        const QJsonValue changes = arguments.value(u"changes"_s);
        if (!changes.isObject() || changes.toObject().isEmpty())
            return Error::badRequest(u"Argument 'changes' must be an object of column values"_s);
        return toolResult(
            m_backend.call(HttpMethod::Patch, tablePath(*service, *table), query,
                           QJsonDocument(changes.toObject()).toJson(QJsonDocument::Compact)));
    }
    return Error::badRequest(u"Unknown tool '%1'"_s.arg(name)); // (every known name is above)
}

} // namespace sluice
