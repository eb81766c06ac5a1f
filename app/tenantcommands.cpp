// sluice tenant create|list|remove (API.md §11): the operator's customers. A tenant gets
// backends with `sluice db tenant` and keys with `sluice key create --tenant`.
#include "clistores.h"
#include "clitime.h"
#include "commands.h"
#include "config/tenantrepository.h"
#include "dsnpasswords.h"
#include "secrets/servicesecrets.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// "1 backend", "2 backends".
QString counted(int n, const QString &one, const QString &many)
{
    return u"%1 %2"_s.arg(n).arg(n == 1 ? one : many);
}

int tenantCreate(const CliContext &context, CliArgs &args)
{
    const QString label = args.option(u"--label"_s);
    const QString name = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (name.isNull())
        return fail(u"usage: sluice tenant create NAME [--label L]"_s, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    if (Status s = (*store)->write([&](const QSqlDatabase &db) -> Status {
            auto created = TenantRepository(db).create(name, label);
            return created ? Status() : Status(created.error());
        });
        !s)
        return fail(s.error().message);
    auditCliChange(context, u"tenant.create"_s, u"created tenant "_s + name);
    say(u"Created tenant '%1'. Give it a backend with: sluice db tenant SERVICE %1 --dsn DSN "
        "(or --schema S), and a key with: sluice key create --role ROLE --tenant %1"_s.arg(name));
    return ExitOk;
}

// The services that have a backend for each tenant, by tenant.
Result<QHash<QString, QStringList>> servicesByTenant(ConfigStore &store)
{
    auto services = store.services();
    if (!services)
        return services.error();
    QHash<QString, QStringList> byTenant;
    for (const ServiceConfig &service : std::as_const(*services)) {
        for (const TenantBackend &backend : service.tenantBackends)
            byTenant[backend.tenant].append(service.name);
    }
    return byTenant;
}

int tenantList(const CliContext &context, CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    auto tenants = listAll<TenantRepository>(**store);
    if (!tenants)
        return fail(tenants.error().message);
    auto backends = servicesByTenant(**store);
    if (!backends)
        return fail(backends.error().message);
    printList(
        *tenants, json, u"No tenants. Create one with: sluice tenant create NAME"_s,
        { u"NAME"_s, u"LABEL"_s, u"CREATED"_s, u"BACKENDS"_s },
        [&](const TenantRecord &tenant) {
            return QJsonObject { { u"name"_s, tenant.name },
                                 { u"label"_s, tenant.label },
                                 { u"created_at"_s, jsonTime(tenant.createdAt) },
                                 { u"backends"_s,
                                   QJsonArray::fromStringList(backends->value(tenant.name)) } };
        },
        [&](const TenantRecord &tenant) {
            const QStringList services = backends->value(tenant.name);
            return QStringList { tenant.name, tenant.label, tableTime(tenant.createdAt),
                                 services.isEmpty() ? u"-"_s : services.join(u", "_s) };
        });
    return ExitOk;
}

// Removes the tenant, its backends (with their DSN passwords) and its keys: a tenant made later
// under the same name starts with nothing of this one's.
int tenantRemove(const CliContext &context, CliArgs &args)
{
    const QString name = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (name.isNull())
        return fail(u"usage: sluice tenant remove NAME"_s, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    auto services = (*store)->services();
    if (!services)
        return fail(services.error().message);
    // The secret-store keys of the backends' DSN passwords, known before config.db forgets them.
    QStringList passwordKeys;
    for (const ServiceConfig &service : std::as_const(*services)) {
        for (const TenantBackend &backend : service.tenantBackends) {
            if (backend.tenant == name && !backend.dsn.isEmpty() && service.driver != u"sqlite"_s)
                passwordKeys << tenantPasswordKey(service.name, name);
        }
    }
    std::unique_ptr<SecretStore> secrets;
    if (!passwordKeys.isEmpty()) {
        auto opened = openSecretStore(context);
        if (!opened)
            return fail(opened.error().message);
        secrets = std::move(*opened);
    }
    TenantRepository::Removed removed;
    if (Status s = (*store)->write([&](const QSqlDatabase &db) -> Status {
            auto gone = TenantRepository(db).remove(name);
            if (!gone)
                return gone.error();
            removed = *gone;
            return {};
        });
        !s)
        return fail(s.error().message);
    const QString what = u"%1 and %2"_s.arg(counted(removed.backends, u"backend"_s, u"backends"_s),
                                            counted(removed.keys, u"API key"_s, u"API keys"_s));
    auditCliChange(context, u"tenant.remove"_s, u"removed tenant %1 with %2"_s.arg(name, what));
    for (const QString &key : std::as_const(passwordKeys)) {
        if (Status gone = removeStoredSecret(*secrets, key); !gone)
            return fail(u"removed tenant '%1', but a DSN password of it is still in the %2 "
                        "secret store: %3"_s.arg(name, secrets->name(), gone.error().message));
    }
    say(u"Removed tenant '%1' with %2."_s.arg(name, what));
    return ExitOk;
}

} // namespace

int runTenant(const CliContext &context, CliArgs &args)
{
    const QString sub = args.takePositional();
    if (sub == u"create"_s)
        return tenantCreate(context, args);
    if (sub == u"list"_s)
        return tenantList(context, args);
    if (sub == u"remove"_s)
        return tenantRemove(context, args);
    return fail(sub.isNull()
                    ? u"tenant needs a subcommand: create, list or remove"_s
                    : u"unknown tenant subcommand '%1'; use create, list or remove"_s.arg(sub),
                ExitUsage);
}

} // namespace sluice
