#include "api/schema/schemajson.h"
#include "clistores.h"
#include "commands.h"
#include "config/configstore.h"
#include "config/dsnmask.h"
#include "db/backends.h"
#include "db/connectionfactory.h"
#include "db/dialect.h"
#include "db/dsnsecret.h"
#include "secrets/servicesecrets.h"
#include "settingsloader.h"
#include "texttable.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// SQLite DSNs are file paths: no password, so no secret store to open (on a desktop that
// would be a keychain round trip).
bool mayHavePassword(const ServiceConfig &service)
{
    return service.driver != u"sqlite"_s;
}

// The service's stored password, or an empty string when it has none.
Result<QString> storedPassword(SecretStore &secrets, const QString &serviceName)
{
    auto password = secrets.read(servicePasswordKey(serviceName));
    if (!password && password.error().kind == ErrorKind::NotFound)
        return QString();
    return password;
}

// The service as a connection needs it: its password loaded from the secret store, for the
// connection factory to merge back. Only for this process's own connection (db test, db schema).
Result<ServiceConfig> withPassword(const CliContext &context, ServiceConfig service)
{
    if (!mayHavePassword(service))
        return service;
    auto secrets = openSecretStore(context);
    if (!secrets)
        return secrets.error();
    QList<ServiceConfig> one { service };
    loadServicePasswords(**secrets, one);
    return one.first();
}

// The DSN for listings: "***" where a password is kept in the secret store, so the listing
// says that one exists without showing it.
QString listedDsn(SecretStore *secrets, const ServiceConfig &service)
{
    if (secrets) {
        auto password = storedPassword(*secrets, service.name);
        if (password && !password->isEmpty()) {
            auto marked = mergeDsnPassword(service.driver, service.dsn, u"secret"_s);
            if (marked)
                return maskDsn(*marked);
        }
    }
    return maskDsn(service.dsn);
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
    if (service.name.isNull() || service.driver.isNull() || service.dsn.isNull()) {
        // Name what is missing first: a usage line alone leaves the user to compare.
        QStringList missing;
        if (service.name.isNull())
            missing << u"NAME"_s;
        if (service.driver.isNull())
            missing << u"--driver"_s;
        if (service.dsn.isNull())
            missing << u"--dsn"_s;
        return fail(
            u"db add: missing %1 (usage: sluice db add NAME --driver sqlite|postgres|mysql|odbc --dsn DSN [--label L] [--schema S] [--read-only] [--raw-sql])"_s
                .arg(missing.join(u", "_s)),
            ExitUsage);
    }
    // The password goes to the secret store and the rest of the DSN to config.db, so the
    // database file never holds it (docs/api.md, Configuration).
    const QString driver = canonicalDriver(service.driver);
    SplitDsn split { service.dsn, QString(), false };
    if (!driver.isEmpty()) {
        auto parsed = splitDsnPassword(driver, service.dsn);
        if (!parsed)
            return fail(u"invalid --dsn: "_s + parsed.error().message);
        split = *parsed;
    }
    service.dsn = split.dsnWithoutPassword;
    std::unique_ptr<SecretStore> secrets;
    if (!split.password.isEmpty()) {
        auto opened = openSecretStore(context);
        if (!opened)
            return fail(opened.error().message);
        secrets = std::move(*opened);
    }
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    if (Status s = (*store)->addService(service); !s)
        return fail(s.error().message);
    // After the service exists, so a refused add never replaces another service's password.
    // (Without one in the DSN the store is left alone: an operator may inject it as
    // SLUICE_SECRET_SERVICE_<NAME>_PASSWORD.)
    if (secrets) {
        if (Status kept = secrets->write(servicePasswordKey(service.name), split.password); !kept) {
            const Status undone = (*store)->removeService(service.name);
            return fail(
                u"cannot keep the password of service '%1' in the %2 secret store: %3%4"_s.arg(
                    service.name, secrets->name(), kept.error().message,
                    undone ? u"; the service was not added"_s : QString()));
        }
    }
    auditCliChange(context, u"service.add"_s, u"added service "_s + service.name, service.name);
    say(u"Added service '%1' (%2). Check it with: sluice db test %1"_s.arg(service.name,
                                                                           service.driver));
    return ExitOk;
}

int dbList(const CliContext &context, CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    auto services = (*store)->services();
    if (!services)
        return fail(services.error().message);
    // A secret store that cannot be opened only costs the "***" marker in the listing.
    Result<std::unique_ptr<SecretStore>> secrets = std::unique_ptr<SecretStore>();
    if (std::any_of(services->cbegin(), services->cend(), mayHavePassword))
        secrets = openSecretStore(context);
    SecretStore *secretStore = secrets ? secrets->get() : nullptr;
    printList(
        *services, json,
        u"No services. Add one with: sluice db add NAME --driver sqlite --dsn /path/to/file.db"_s,
        { u"NAME"_s, u"DRIVER"_s, u"MODE"_s, u"DSN"_s },
        [secretStore](const ServiceConfig &s) {
            return QJsonObject { { u"name"_s, s.name },
                                 { u"driver"_s, s.driver },
                                 { u"dsn"_s, listedDsn(secretStore, s) },
                                 { u"label"_s, s.label },
                                 { u"schema"_s, s.schema },
                                 { u"read_only"_s, s.readOnly },
                                 { u"raw_sql"_s, s.rawSql },
                                 { u"enabled"_s, s.enabled } };
        },
        [secretStore](const ServiceConfig &s) {
            return QStringList { s.name, s.driver, s.readOnly ? u"read-only"_s : u"read-write"_s,
                                 listedDsn(secretStore, s) };
        });
    return ExitOk;
}

Result<ServiceConfig> namedService(const CliContext &context, CliArgs &args, const QString &usage)
{
    const QString name = args.takePositional();
    if (name.isNull())
        return Error::badRequest(usage);
    auto store = openConfigStore(context);
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
    auto connectable = withPassword(context, *service);
    if (!connectable)
        return fail(u"service '%1': %2"_s.arg(service->name, connectable.error().message));
    if (Status s = testConnection(*connectable); !s)
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
    if (!dialectForDriver(service->driver) && !isOdbcDriver(service->driver))
        return fail(
            u"service '%1' uses unsupported driver '%2'"_s.arg(service->name, service->driver));
    const QString connectionName = u"sluice-cli-schema"_s;
    QByteArray out;
    {
        auto connectable = withPassword(context, *service);
        if (!connectable)
            return fail(u"service '%1': %2"_s.arg(service->name, connectable.error().message));
        auto opened = openService(*connectable, connectionName, settings->db.statementTimeoutMs);
        if (!opened)
            return fail(u"service '%1': %2"_s.arg(service->name, opened.error().message));
        auto schema = opened->dialect->introspect(opened->db, service->schema);
        opened->db = QSqlDatabase();
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
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    auto secrets = openSecretStore(context);
    if (!secrets)
        return fail(secrets.error().message);
    if (Status s = (*store)->removeService(name); !s)
        return fail(s.error().message);
    auditCliChange(context, u"service.remove"_s, u"removed service "_s + name, name);
    // Only a password that is there is removed: the environment backend is read-only.
    auto password = storedPassword(**secrets, name);
    Status removed = password ? Status() : Status(password.error());
    if (password && !password->isEmpty())
        removed = (*secrets)->remove(servicePasswordKey(name));
    if (!removed)
        return fail(
            u"removed service '%1', but its password is still in the %2 secret store: %3"_s.arg(
                name, (*secrets)->name(), removed.error().message));
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
