#include "api/schema/schemawrites.h"

#include "api/auditing.h"
#include "api/requestbody.h"
#include "api/resolver.h"
#include "api/schema/schemajson.h"
#include "api/table/tableaccess.h"
#include "db/sql/ddlbuilder.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// An unknown service is 404; then the one access decision answers for component
// "_schema/<table>" with the request's verb. A read-only service refuses every schema change
// there, admins included.
Result<ServiceHandle> authorizeSchemaChange(const RouteScope &scope, const Call &call,
                                            const QString &serviceName, const QString &table)
{
    auto service = resolveService(*scope.context.registry, serviceName, call.principal);
    if (!service)
        return service.error();
    if ((*service)->config.tenancy == Tenancy::Setting) {
        return Error::forbidden(
            u"Service '%1' keeps every tenant in one database: a schema change would change "
            "it for all of them, so _schema changes are made in the database itself"_s.arg(
                serviceName),
            { { u"service"_s, serviceName } });
    }
    auto grant = decideAccess(call.principal,
                              { serviceName, schemaComponent(table), verbOf(call.request.method),
                                (*service)->config.readOnly });
    if (!grant)
        return grant.error();
    return *service;
}

// The table of the route's {service} and {table} that a change to it applies to (alter, drop):
// authorized as above, then 404 when missing, 400 for a view.
Result<ResolvedTable> existingTable(const RouteScope &scope, const Call &call, const RouteParams &p)
{
    if (auto service = authorizeSchemaChange(scope, call, p.at(0), p.at(1)); !service)
        return service.error();
    auto target = resolveTable(*scope.context.registry, p.at(0), p.at(1), call.principal);
    if (!target)
        return target.error();
    if (target->table->isView)
        return Error::badRequest(
            u"'%1' is a view; _schema changes apply to tables"_s.arg(target->table->name));
    return target;
}

// The one object the body sends (`what`, for the error), as `parse` reads it: a table definition
// or a list of changes.
template<typename T>
Result<T> parseSingleObject(const HttpRequest &request, const QString &what,
                            Result<T> (*parse)(const QJsonObject &))
{
    auto body = parseRequestRecords(request, 100);
    if (!body)
        return body.error();
    if (body->records.size() != 1)
        return Error::badRequest(u"Send one %1 per request"_s.arg(what));
    return parse(body->records.constFirst());
}

// Runs the steps on one of the worker's connections, then has every worker see the new schema
// at once: the registry is shared, and pooled connections drop statements prepared under the
// old snapshot when they are next lent (Connection::followSchema).
Status applySchemaChange(const RouteScope &scope, const ServiceState &service,
                         const QList<DdlStep> &steps)
{
    auto lease = scope.pool.acquire(service);
    if (!lease)
        return lease.error();
    // Cached statements on this connection would hold the table open (SQLite refuses to drop a
    // table with active statements).
    (*lease)->clearStatements();
    QSqlDatabase db = (*lease)->database();
    const Status applied = service.dialect->runSchemaChange(db, steps);
    // Refreshed after a failure too: a database without transactional DDL may have changed.
    const Status refreshed = scope.context.registry->refresh(service.key());
    if (!applied)
        return applied;
    if (!refreshed) {
        Error e = refreshed.error();
        e.message = u"The schema was changed, but could not be read again: "_s + e.message;
        return e;
    }
    return {};
}

Status writeTable(const RouteScope &scope, const Call &call, const QString &service,
                  const QString &table, HttpReply &reply)
{
    auto target = resolveTable(*scope.context.registry, service, table, call.principal);
    if (!target)
        return target.error();
    JsonWriter w(reply.body);
    writeTableJson(w, *target->table);
    return {};
}

// Foreign keys must point at a table and columns that exist (or at the new table itself).
Status checkReferences(const Schema &schema, const TableDefinition &definition)
{
    for (const ForeignKeyDefinition &fk : definition.foreignKeys) {
        QStringList available;
        if (fk.refTable == definition.name) {
            for (const ColumnDefinition &c : definition.columns)
                available << c.name;
        } else if (const Table *ref = schema.table(fk.refTable); ref && !ref->isView) {
            for (const Column &c : ref->columns)
                available << c.name;
        } else {
            return Error::badRequest(
                u"A foreign key references '%1', which is not a table of this service"_s.arg(
                    fk.refTable),
                { { u"ref_table"_s, fk.refTable } });
        }
        for (const QString &column : fk.refColumns) {
            if (!available.contains(column))
                return Error::badRequest(
                    u"A foreign key references column '%1', which table '%2' does not have"_s.arg(
                        column, fk.refTable));
        }
    }
    return {};
}

Error tableExists(const QString &table)
{
    return Error::conflict(u"Table '%1' already exists"_s.arg(table), { { u"table"_s, table } });
}

bool hasTableNamed(const ServiceRegistry &registry, const ServiceState &service,
                   const QString &table)
{
    const ServiceHandle handle = registry.find(service.key());
    if (!handle || !handle->schema)
        return false;
    for (const Table &t : handle->schema->tables) {
        // Case-insensitively: SQLite and MySQL on some systems fold names.
        if (t.name.compare(table, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

Result<QString> createTable(const RouteScope &scope, const Call &call, const RouteParams &p,
                            HttpReply &reply)
{
    auto definition = parseSingleObject(call.request, u"table definition"_s, parseTableDefinition);
    if (!definition)
        return definition.error();
    auto service = authorizeSchemaChange(scope, call, p.at(0), definition->name);
    if (!service)
        return service.error();
    if ((*service)->schema->table(definition->name))
        return tableExists(definition->name);
    if (Status s = checkReferences(*(*service)->schema, *definition); !s)
        return s.error();
    auto steps = DdlBuilder(*(*service)->dialect).createTable(*definition);
    if (!steps)
        return steps.error();
    if (Status s = applySchemaChange(scope, **service, *steps); !s) {
        // The database is the one that knows: a table made meanwhile (or one differing only in
        // case, where names fold) is a conflict whatever the driver called it.
        if (s.error().kind != ErrorKind::Conflict
            && hasTableNamed(*scope.context.registry, **service, definition->name))
            return tableExists(definition->name);
        return s.error();
    }
    if (Status s = writeTable(scope, call, p.at(0), definition->name, reply); !s)
        return s.error();
    reply.status = 201;
    return definition->name;
}

Result<QString> alterTable(const RouteScope &scope, const Call &call, const RouteParams &p,
                           HttpReply &reply)
{
    auto target = existingTable(scope, call, p);
    if (!target)
        return target.error();
    auto changes =
        parseSingleObject(call.request, u"{\"changes\":[…]} object"_s, parseSchemaChanges);
    if (!changes)
        return changes.error();
    const Table &table = *target->table;
    if (Status s = checkSchemaChanges(table, *changes); !s)
        return s.error();
    auto steps = DdlBuilder(*target->service->dialect).alterTable(table, *changes);
    if (!steps)
        return steps.error();
    if (Status s = applySchemaChange(scope, *target->service, *steps); !s)
        return s.error();
    if (Status s = writeTable(scope, call, p.at(0), table.name, reply); !s)
        return s.error();
    QStringList summary;
    for (const SchemaChange &change : std::as_const(*changes))
        summary << schemaChangeName(change.type) + u' ' + change.column;
    return summary.join(u", "_s);
}

Result<QString> dropTable(const RouteScope &scope, const Call &call, const RouteParams &p,
                          HttpReply &reply)
{
    auto target = existingTable(scope, call, p);
    if (!target)
        return target.error();
    // The answer is the table as it was.
    JsonWriter w(reply.body);
    writeTableJson(w, *target->table);
    if (Status s =
            applySchemaChange(scope, *target->service,
                              DdlBuilder(*target->service->dialect).dropTable(target->table->name));
        !s)
        return s.error();
    return QString();
}

using SchemaRoute = Result<QString> (*)(const RouteScope &, const Call &, const RouteParams &,
                                        HttpReply &);

// Audited like data writes: who, service, table, verb, status and (for alters) which changes.
RouteHandler auditedSchemaChange(const RouteScope &scope, const char *action, SchemaRoute fn)
{
    return guarded(
        scope,
        [scope, action, fn](const Call &call, const RouteParams &p, HttpReply &reply) -> Status {
            auto detail = fn(scope, call, p, reply);
            if (!detail)
                return detail.error();
            const QString table = p.size() > 1 ? p.at(1)
                : reply.status == 201          ? *detail
                                               : QString();
            audit(scope.context, call,
                  { QString::fromLatin1(action), p.at(0), table, std::nullopt, reply.status,
                    reply.status == 201 ? QString() : *detail });
            return {};
        });
}

} // namespace

void installSchemaWriteRoutes(Router &router, const RouteScope &scope)
{
    router.add(HttpMethod::Post, u"/api/v1/{service}/_schema"_s,
               auditedSchemaChange(scope, "schema.create", createTable));
    router.add(HttpMethod::Put, u"/api/v1/{service}/_schema/{table}"_s,
               auditedSchemaChange(scope, "schema.alter", alterTable));
    router.add(HttpMethod::Delete, u"/api/v1/{service}/_schema/{table}"_s,
               auditedSchemaChange(scope, "schema.drop", dropTable));
}

} // namespace sluice
