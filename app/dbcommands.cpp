#include "api/schemajson.h"
#include "commands.h"
#include "config/configstore.h"
#include "config/dsnmask.h"
#include "db/connectionfactory.h"
#include "db/dialect.h"
#include "settingsloader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Result<std::unique_ptr<ConfigStore>> openStore(const CliContext &context)
{
    return ConfigStore::open(context.dataDir);
}

int dbAdd(const CliContext &context, CliArgs &args)
{
    ServiceConfig service;
    service.name = args.takePositional();
    service.driver = args.option(u"--driver"_s);
    service.dsn = args.option(u"--dsn"_s);
    service.label = args.option(u"--label"_s);
    service.schema = args.option(u"--schema"_s);
    service.readOnly = args.flag(u"--read-only"_s);
    service.rawSql = args.flag(u"--raw-sql"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (service.name.isNull() || service.driver.isNull() || service.dsn.isNull())
        return fail(
            u"usage: sluice db add NAME --driver sqlite|postgres --dsn DSN [--label L] [--schema S] [--read-only] [--raw-sql]"_s,
            ExitUsage);
    auto store = openStore(context);
    if (!store)
        return fail(store.error().message);
    if (Status s = (*store)->addService(service); !s)
        return fail(s.error().message);
    say(u"Added service '%1' (%2). Check it with: sluice db test %1"_s.arg(service.name,
                                                                           service.driver));
    return ExitOk;
}

int dbList(const CliContext &context, CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    auto store = openStore(context);
    if (!store)
        return fail(store.error().message);
    auto services = (*store)->services();
    if (!services)
        return fail(services.error().message);
    if (json) {
        QJsonArray list;
        for (const ServiceConfig &s : *services)
            list.append(QJsonObject { { u"name"_s, s.name },
                                      { u"driver"_s, s.driver },
                                      { u"dsn"_s, maskDsn(s.dsn) },
                                      { u"label"_s, s.label },
                                      { u"schema"_s, s.schema },
                                      { u"read_only"_s, s.readOnly },
                                      { u"raw_sql"_s, s.rawSql },
                                      { u"enabled"_s, s.enabled } });
        say(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)).trimmed());
        return ExitOk;
    }
    if (services->isEmpty()) {
        say(u"No services. Add one with: sluice db add NAME --driver sqlite --dsn /path/to/file.db"_s);
        return ExitOk;
    }
    say(u"%1 %2 %3 %4"_s.arg(u"NAME"_s, -16)
            .arg(u"DRIVER"_s, -9)
            .arg(u"MODE"_s, -10)
            .arg(u"DSN"_s));
    for (const ServiceConfig &s : *services)
        say(u"%1 %2 %3 %4"_s.arg(s.name, -16)
                .arg(s.driver, -9)
                .arg(s.readOnly ? u"read-only"_s : u"read-write"_s, -10)
                .arg(maskDsn(s.dsn)));
    return ExitOk;
}

Result<ServiceConfig> namedService(const CliContext &context, CliArgs &args, const QString &usage)
{
    const QString name = args.takePositional();
    if (name.isNull())
        return Error::badRequest(usage);
    auto store = openStore(context);
    if (!store)
        return store.error();
    return (*store)->service(name);
}

int dbTest(const CliContext &context, CliArgs &args)
{
    auto service = namedService(context, args, u"usage: sluice db test NAME"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (!service)
        return fail(service.error().message,
                    service.error().kind == ErrorKind::BadRequest ? ExitUsage : ExitFailure);
    if (Status s = testConnection(*service); !s)
        return fail(u"service '%1': %2"_s.arg(service->name, s.error().message));
    say(u"ok: connected to service '%1' (%2)"_s.arg(service->name, service->driver));
    return ExitOk;
}

int dbSchema(const CliContext &context, CliArgs &args)
{
    const QString table = args.option(u"--table"_s);
    auto service = namedService(context, args, u"usage: sluice db schema NAME [--table T]"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (!service)
        return fail(service.error().message,
                    service.error().kind == ErrorKind::BadRequest ? ExitUsage : ExitFailure);
    auto settings = loadSettings(context);
    if (!settings)
        return fail(settings.error().message);
    const Dialect *dialect = dialectForDriver(service->driver);
    if (!dialect)
        return fail(
            u"service '%1' uses unsupported driver '%2'"_s.arg(service->name, service->driver));
    const QString connectionName = u"sluice-cli-schema"_s;
    QByteArray out;
    {
        auto db = openDatabase(*service, connectionName, settings->db.statementTimeoutMs);
        if (!db)
            return fail(u"service '%1': %2"_s.arg(service->name, db.error().message));
        auto schema = dialect->introspect(*db, service->schema);
        *db = QSqlDatabase();
        closeDatabase(connectionName);
        if (!schema)
            return fail(u"service '%1': %2"_s.arg(service->name, schema.error().message));
        schema->buildIndex();
        JsonWriter w(out);
        if (table.isNull()) {
            writeSchemaJson(w, *schema);
        } else if (const Table *t = schema->table(table)) {
            writeTableJson(w, *t);
        } else {
            return fail(u"service '%1' has no table '%2'"_s.arg(service->name, table));
        }
    }
    say(QString::fromUtf8(QJsonDocument::fromJson(out).toJson(QJsonDocument::Indented)).trimmed());
    return ExitOk;
}

int dbRemove(const CliContext &context, CliArgs &args)
{
    const QString name = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (name.isNull())
        return fail(u"usage: sluice db remove NAME"_s, ExitUsage);
    auto store = openStore(context);
    if (!store)
        return fail(store.error().message);
    if (Status s = (*store)->removeService(name); !s)
        return fail(s.error().message);
    say(u"Removed service '%1'."_s.arg(name));
    return ExitOk;
}

} // namespace

int runDb(const CliContext &context, CliArgs &args)
{
    const QString sub = args.takePositional();
    if (sub == u"add"_s)
        return dbAdd(context, args);
    if (sub == u"list"_s)
        return dbList(context, args);
    if (sub == u"test"_s)
        return dbTest(context, args);
    if (sub == u"schema"_s)
        return dbSchema(context, args);
    if (sub == u"remove"_s)
        return dbRemove(context, args);
    return fail(
        sub.isNull()
            ? u"db needs a subcommand: add, list, test, schema or remove"_s
            : u"unknown db subcommand '%1'; use add, list, test, schema or remove"_s.arg(sub),
        ExitUsage);
}

} // namespace sluice
