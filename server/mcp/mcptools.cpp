#include "mcp/mcptools.h"

#include "config/authrecords.h"
#include "core/jsonsyntax.h"
#include "mcp/jsonrpc.h"

#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

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

// What the caller may do somewhere, and the services it can see at all.
struct Reach
{
    QStringList services;
    bool seesService = false; // services is not empty
    bool read = false, insert = false, update = false, remove = false, call = false;
    bool rawSql = false, rawSqlWrites = false; // on some service that allows raw SQL
};

Reach reachOf(const McpBackend &backend)
{
    Reach reach;
    for (const ServiceHandle &listed : backend.registry->all()) {
        // A per-tenant service's tables are those of the caller's tenant's backend.
        const ServiceHandle service = backend.reached(listed);
        if (!service || !service->schema)
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
    reach.seesService = !reach.services.isEmpty();
    return reach;
}

Result<QString> requiredString(const QJsonObject &arguments, const QString &name)
{
    const QJsonValue v = arguments.value(name);
    if (!v.isString() || exactNumberText(v) || v.toString().isEmpty())
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

namespace {

// A tools/call as a handler sees it: the arguments, with the service and table its row asks for
// already checked to be there.
struct ToolCall
{
    const McpBackend &backend;
    const QJsonObject &arguments;
    QString service, table;

    HttpReply rest(HttpMethod method, const QString &path, const QueryParams &query = {},
                   const QJsonValue &body = QJsonValue::Undefined) const
    {
        // Numbers the caller sent with more digits than a double holds go on as those digits.
        const QByteArray json =
            body.isObject() || body.isArray() ? jsonrpc::serialize(body) : QByteArray();
        return backend.call(method, path, query, json);
    }
};

// What the input schemas share: the caller's services as an enum, and the server's limits.
struct SchemaParts
{
    QJsonObject service, table;
    const ReadLimits &limits;
};

// The arguments a tool requires before its handler runs, in the order they are checked.
enum class Target { None, Service, Table };

// What a tool may do to data, as its annotations say.
enum class Effect { Reads, Writes, Destroys };

// One row of the tool table: what tools/list shows of a tool and what tools/call runs.
struct Tool
{
    QString name;
    QString title;
    QString description;
    Effect effect;
    bool Reach::*offeredWhen; // the caller's reach that makes it worth listing; null: always
    Target target;
    QJsonObject (*inputSchema)(const SchemaParts &);
    Result<QJsonObject> (*run)(const ToolCall &);
    // When set, the description as it depends on the caller (replaces `description`).
    QString (*describeFor)(const Reach &) = nullptr;
};

QJsonObject definition(const Tool &tool, const QString &description, const QJsonObject &schema)
{
    const bool readOnly = tool.effect == Effect::Reads;
    QJsonObject annotations { { u"title"_s, tool.title },
                              { u"readOnlyHint"_s, readOnly },
                              { u"openWorldHint"_s, false } };
    if (!readOnly) {
        annotations.insert(u"destructiveHint"_s, tool.effect == Effect::Destroys);
        annotations.insert(u"idempotentHint"_s, false);
    }
    return { { u"name"_s, tool.name },
             { u"title"_s, tool.title },
             { u"description"_s, description },
             { u"inputSchema"_s, schema },
             { u"annotations"_s, annotations } };
}

QJsonObject typed(const QString &type)
{
    return { { u"type"_s, type } };
}

// {service, table, filter, …extra}, service and table and filter required: the tools that act on
// the rows a filter selects.
QJsonObject filteredRowsSchema(const SchemaParts &parts, const QString &filterDescription,
                               const QJsonObject &extra = {}, const QStringList &extraRequired = {})
{
    QJsonObject properties { { u"service"_s, parts.service },
                             { u"table"_s, parts.table },
                             { u"filter"_s, stringProperty(filterDescription) } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        properties.insert(it.key(), it.value());
    return objectSchema(properties,
                        QStringList { u"service"_s, u"table"_s, u"filter"_s } + extraRequired);
}

Result<QJsonObject> listServices(const ToolCall &call)
{
    QJsonArray services;
    for (const QString &service : reachOf(call.backend).services) {
        const ServiceHandle state = call.backend.registry->find(service);
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
                QString::fromUtf8(QJsonDocument(structured).toJson(QJsonDocument::Compact)) } } } },
        { u"structuredContent"_s, structured },
    };
}

Result<QJsonObject> query(const ToolCall &call)
{
    QueryParams query;
    for (const QString &key :
         { u"filter"_s, u"fields"_s, u"group"_s, u"order"_s, u"cursor"_s, u"related"_s }) {
        const QJsonValue v = call.arguments.value(key);
        if (exactNumberText(v))
            return Error::badRequest(u"Argument '%1' must be a string"_s.arg(key));
        if (v.isString() && !v.toString().isEmpty())
            query.append({ key, v.toString() });
        else if (!v.isUndefined() && !v.isNull() && !v.isString())
            return Error::badRequest(u"Argument '%1' must be a string"_s.arg(key));
    }
    for (const QString &key : { u"limit"_s, u"offset"_s }) {
        const QJsonValue v = call.arguments.value(key);
        if (v.isDouble())
            query.append({ key, QString::number(v.toInteger()) });
        else if (!v.isUndefined() && !v.isNull())
            return Error::badRequest(u"Argument '%1' must be an integer"_s.arg(key));
    }
    if (call.arguments.value(u"include_count"_s).toBool())
        query.append({ u"include_count"_s, u"true"_s });
    return toolResult(call.rest(HttpMethod::Get, tablePath(call.service, call.table), query));
}

Result<QJsonObject> insert(const ToolCall &call)
{
    const QJsonValue records = call.arguments.value(u"records"_s);
    if (!records.isArray() || records.toArray().isEmpty())
        return Error::badRequest(u"Argument 'records' must be a non-empty array of objects"_s);
    return toolResult(
        call.rest(HttpMethod::Post, tablePath(call.service, call.table), {}, records));
}

// A filter is required: never a whole-table change from a tool call.
Result<QueryParams> requiredFilter(const ToolCall &call)
{
    auto filter = requiredString(call.arguments, u"filter"_s);
    if (!filter)
        return filter.error();
    return QueryParams { { u"filter"_s, *filter } };
}

Result<QJsonObject> update(const ToolCall &call)
{
    auto query = requiredFilter(call);
    if (!query)
        return query.error();
    const QJsonValue changes = call.arguments.value(u"changes"_s);
    if (!changes.isObject() || changes.toObject().isEmpty())
        return Error::badRequest(u"Argument 'changes' must be an object of column values"_s);
    return toolResult(
        call.rest(HttpMethod::Patch, tablePath(call.service, call.table), *query, changes));
}

Result<QJsonObject> remove(const ToolCall &call)
{
    auto query = requiredFilter(call);
    if (!query)
        return query.error();
    return toolResult(call.rest(HttpMethod::Delete, tablePath(call.service, call.table), *query));
}

Result<QJsonObject> callProcedure(const ToolCall &call)
{
    auto procedure = requiredString(call.arguments, u"procedure"_s);
    if (!procedure)
        return procedure.error();
    const QJsonValue args = call.arguments.value(u"arguments"_s);
    if (!args.isUndefined() && !args.isObject())
        return Error::badRequest(u"Argument 'arguments' must be an object"_s);
    return toolResult(call.rest(HttpMethod::Post,
                                u"/api/v1/"_s + call.service + u"/_proc/"_s + *procedure, {},
                                args.toObject()));
}

Result<QJsonObject> rawSql(const ToolCall &call)
{
    auto sql = requiredString(call.arguments, u"sql"_s);
    if (!sql)
        return sql.error();
    QJsonObject body { { u"sql"_s, *sql } };
    for (const QString &key : { u"params"_s, u"limit"_s, u"read_only"_s }) {
        if (call.arguments.contains(key))
            body.insert(key, call.arguments.value(key)); // REST names what is wrong with them
    }
    return toolResult(
        call.rest(HttpMethod::Post, u"/api/v1/"_s + call.service + u"/_sql"_s, {}, body));
}

QString rawSqlDescription(const Reach &reach)
{
    const QString mode = reach.rawSqlWrites
        ? u"It may change data where your role may write raw SQL; elsewhere it runs read-only."_s
        : u"It runs read-only: the database refuses writes."_s;
    return u"Run one SQL statement in the service's own SQL dialect, in a transaction of its "
           "own. "_s
        + mode
        + u" Pass values as '?' parameters in 'params'. Results are capped: \"truncated\" says "
          "when rows were left out."_s;
}

// Every tool once, in the order tools/list shows them (docs/api.md, MCP).
const QList<Tool> &tools()
{
    static const QList<Tool> table = {
        { u"sluice_list_services"_s, u"List services"_s,
          u"The services (connected databases) you may use."_s, Effect::Reads, nullptr,
          Target::None, [](const SchemaParts &) { return objectSchema({}, {}); }, listServices },
        { u"sluice_list_tables"_s, u"List tables"_s,
          u"The tables and views of a service that you may use."_s, Effect::Reads,
          &Reach::seesService, Target::Service,
          [](const SchemaParts &parts) {
              return objectSchema({ { u"service"_s, parts.service } }, { u"service"_s });
          },
          [](const ToolCall &call) -> Result<QJsonObject> {
              return toolResult(
                  call.rest(HttpMethod::Get, u"/api/v1/"_s + call.service + u"/_table"_s));
          } },
        { u"sluice_describe_table"_s, u"Describe a table"_s,
          u"Columns (name, type, nullable, default), primary key, foreign keys and indexes of a "
          "table."_s,
          Effect::Reads, &Reach::seesService, Target::Table,
          [](const SchemaParts &parts) {
              return objectSchema({ { u"service"_s, parts.service }, { u"table"_s, parts.table } },
                                  { u"service"_s, u"table"_s });
          },
          [](const ToolCall &call) -> Result<QJsonObject> {
              return toolResult(call.rest(
                  HttpMethod::Get, u"/api/v1/"_s + call.service + u"/_schema/"_s + call.table));
          } },
        { u"sluice_query"_s, u"Query rows"_s,
          u"Read rows of a table or view. Results are capped: when \"truncated\" is true, call "
          "again with the returned meta.next_cursor as cursor."_s,
          Effect::Reads, &Reach::read, Target::Table,
          [](const SchemaParts &parts) {
              return objectSchema(
                  {
                      { u"service"_s, parts.service },
                      { u"table"_s, parts.table },
                      { u"filter"_s,
                        stringProperty(u"Rows to select, e.g. price > 10 AND title CONTAINS 'sea' "
                                       "(= != > >= < <= IN LIKE BETWEEN IS NULL CONTAINS STARTS "
                                       "WITH ENDS WITH AND OR NOT; strings in single quotes)"_s) },
                      { u"fields"_s,
                        stringProperty(u"Columns, comma-separated; aggregates COUNT(*), SUM(x), "
                                       "AVG(x), MIN(x), MAX(x) AS name"_s) },
                      { u"group"_s, stringProperty(u"Columns to group aggregates by"_s) },
                      { u"order"_s, stringProperty(u"e.g. price DESC,title"_s) },
                      { u"limit"_s,
                        described(parts.limits.readLimitSchema(), u"Rows to return"_s) },
                      { u"offset"_s,
                        QJsonObject { { u"type"_s, u"integer"_s }, { u"minimum"_s, 0 } } },
                      { u"cursor"_s,
                        stringProperty(u"meta.next_cursor of the previous result, to continue"_s) },
                      { u"related"_s,
                        stringProperty(
                            u"Tables linked by a foreign key to embed, comma-separated"_s) },
                      { u"include_count"_s, typed(u"boolean"_s) },
                  },
                  { u"service"_s, u"table"_s });
          },
          query },
        { u"sluice_insert"_s, u"Insert rows"_s,
          u"Insert rows (all or nothing); answers the stored rows with generated keys."_s,
          Effect::Writes, &Reach::insert, Target::Table,
          [](const SchemaParts &parts) {
              return objectSchema({ { u"service"_s, parts.service },
                                    { u"table"_s, parts.table },
                                    { u"records"_s,
                                      QJsonObject { { u"type"_s, u"array"_s },
                                                    { u"minItems"_s, 1 },
                                                    { u"items"_s, typed(u"object"_s) } } } },
                                  { u"service"_s, u"table"_s, u"records"_s });
          },
          insert },
        { u"sluice_update"_s, u"Update rows"_s,
          u"Apply column changes to every row the filter selects."_s, Effect::Destroys,
          &Reach::update, Target::Table,
          [](const SchemaParts &parts) {
              return filteredRowsSchema(
                  parts, u"Rows to change"_s,
                  { { u"changes"_s, described(typed(u"object"_s), u"Column: new value"_s) } },
                  { u"changes"_s });
          },
          update },
        { u"sluice_delete"_s, u"Delete rows"_s,
          u"Delete every row the filter selects; answers their keys."_s, Effect::Destroys,
          &Reach::remove, Target::Table,
          [](const SchemaParts &parts) { return filteredRowsSchema(parts, u"Rows to delete"_s); },
          remove },
        { u"sluice_call_procedure"_s, u"Call a procedure"_s,
          u"Call a stored procedure or function with named arguments."_s, Effect::Destroys,
          &Reach::call, Target::Service,
          [](const SchemaParts &parts) {
              return objectSchema({ { u"service"_s, parts.service },
                                    { u"procedure"_s, stringProperty(u"Its name"_s) },
                                    { u"arguments"_s, typed(u"object"_s) } },
                                  { u"service"_s, u"procedure"_s });
          },
          callProcedure },
        { u"sluice_raw_sql"_s, u"Run SQL"_s, QString(), Effect::Destroys, &Reach::rawSql,
          Target::Service,
          [](const SchemaParts &parts) {
              return objectSchema(
                  { { u"service"_s, parts.service },
                    { u"sql"_s, stringProperty(u"One statement, e.g. SELECT … WHERE id = ?"_s) },
                    { u"params"_s,
                      described(QJsonObject { { u"type"_s, u"array"_s } },
                                u"Values of the '?' in order"_s) },
                    { u"limit"_s,
                      described(parts.limits.rawSqlLimitSchema(), u"Rows to return"_s) },
                    { u"read_only"_s,
                      described(typed(u"boolean"_s),
                                u"true: only read, even where your role may write"_s) } },
                  { u"service"_s, u"sql"_s });
          },
          rawSql, rawSqlDescription },
    };
    return table;
}

} // namespace

QJsonArray McpTools::list() const
{
    const Reach reach = reachOf(m_backend);
    const SchemaParts parts { stringProperty(u"The service (database) name"_s, reach.services),
                              stringProperty(u"The table or view name"_s), m_backend.limits };
    QJsonArray out;
    for (const Tool &tool : tools()) {
        if (tool.offeredWhen && !(reach.seesService && reach.*tool.offeredWhen))
            continue;
        out.append(definition(tool, tool.describeFor ? tool.describeFor(reach) : tool.description,
                              tool.inputSchema(parts)));
    }
    return out;
}

Result<QJsonObject> McpTools::call(const QString &name, const QJsonObject &arguments) const
{
    const auto &all = tools();
    const auto tool =
        std::find_if(all.begin(), all.end(), [&name](const Tool &t) { return t.name == name; });
    if (tool == all.end())
        return Error::badRequest(u"Unknown tool '%1'"_s.arg(name));
    ToolCall call { m_backend, arguments, {}, {} };
    if (tool->target != Target::None) {
        auto service = requiredString(arguments, u"service"_s);
        if (!service)
            return service.error();
        call.service = *service;
    }
    if (tool->target == Target::Table) {
        auto table = requiredString(arguments, u"table"_s);
        if (!table)
            return table.error();
        call.table = *table;
    }
    return tool->run(call);
}

} // namespace sluice
