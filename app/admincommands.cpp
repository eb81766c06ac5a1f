#include "auth/password.h"
#include "clistores.h"
#include "clitime.h"
#include "commands.h"
#include "config/adminrepository.h"
#include "passwordprompt.h"
#include "runtime/authbootstrap.h"
#include "texttable.h"

#include <QJsonObject>

#include <functional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// A failed data-layer call: the message, exit 1.
int failWith(const Error &error)
{
    return fail(error.message);
}

int adminCreate(const CliContext &context, CliArgs &args)
{
    const QString email = args.option(u"--email"_s);
    const QString name = args.option(u"--name"_s);
    const QString password = args.option(u"--password"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (email.isEmpty())
        return fail(u"usage: sluice admin create --email E [--name N] [--password P]"_s, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return failWith(store.error());
    // Refuse a taken email before asking for a password nobody will use.
    AdminRecord probe;
    probe.email = email.trimmed();
    probe.name = name.trimmed();
    if (Status s = AdminRepository::validate(probe); !s)
        return failWith(s.error());
    if (Status s = (*store)->read([&](const QSqlDatabase &db) -> Status {
            auto existing = AdminRepository(db).findByEmail(probe.email);
            if (existing) {
                Error taken = Error::badRequest(
                    u"an admin with email '%1' already exists"_s.arg(probe.email));
                taken.kind = ErrorKind::Conflict;
                return taken;
            }
            return existing.error().kind == ErrorKind::NotFound ? Status() : existing.error();
        });
        !s)
        return failWith(s.error());
    Result<QString> secret = password.isNull() ? readNewPassword(probe.email) : password;
    if (!secret)
        return failWith(secret.error());
    if (Status s = checkPasswordPolicy(*secret); !s)
        return failWith(s.error());
    qint64 id = 0;
    if (Status s = (*store)->write([&](const QSqlDatabase &db) -> Status {
            auto created = createAdmin(db, probe.email, probe.name, *secret);
            if (!created)
                return created.error();
            id = *created;
            return {};
        });
        !s)
        return failWith(s.error());
    auditCliChange(context, u"admin.create"_s, u"created admin "_s + probe.email);
    say(u"Created admin %1 (id %2). Sign in with POST /api/v1/system/admin/session."_s
            .arg(probe.email)
            .arg(id));
    return ExitOk;
}

int adminList(const CliContext &context, CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return failWith(store.error());
    auto listed = listAll<AdminRepository>(**store);
    if (!listed)
        return failWith(listed.error());
    const QList<AdminRecord> admins = std::move(*listed);
    printList(
        admins, json, u"No admins. Create one with: sluice admin create --email you@example.com"_s,
        { u"ID"_s, u"EMAIL"_s, u"NAME"_s, u"STATUS"_s, u"LAST LOGIN"_s },
        [](const AdminRecord &a) {
            return QJsonObject { { u"id"_s, a.id },
                                 { u"email"_s, a.email },
                                 { u"name"_s, a.name },
                                 { u"disabled"_s, a.disabled },
                                 { u"created_at"_s, jsonTime(a.createdAt) },
                                 { u"last_login_at"_s, jsonTime(a.lastLoginAt) } };
        },
        [](const AdminRecord &a) {
            return QStringList { QString::number(a.id), a.email, a.name,
                                 a.disabled ? u"disabled"_s : u"enabled"_s,
                                 tableTime(a.lastLoginAt, u"never"_s) };
        });
    return ExitOk;
}

// Runs `change` on the admin named by --email inside one write transaction.
int changeAdmin(const CliContext &context, const QString &email, const QString &usage,
                const std::function<Status(AdminRepository &, const AdminRecord &)> &change)
{
    if (email.isEmpty())
        return fail(usage, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return failWith(store.error());
    Status s = (*store)->write([&](const QSqlDatabase &db) -> Status {
        AdminRepository admins(db);
        auto admin = admins.findByEmail(email.trimmed());
        if (!admin)
            return admin.error();
        return change(admins, *admin);
    });
    return s ? ExitOk : failWith(s.error());
}

int adminPasswd(const CliContext &context, CliArgs &args)
{
    const QString email = args.option(u"--email"_s).trimmed();
    const QString given = args.option(u"--password"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    const QString usage = u"usage: sluice admin passwd --email E [--password P]"_s;
    if (email.isEmpty())
        return fail(usage, ExitUsage);
    {
        // Name a missing admin before prompting for a password.
        auto store = openConfigStore(context);
        if (!store)
            return failWith(store.error());
        if (Status s = (*store)->read([&](const QSqlDatabase &db) -> Status {
                auto admin = AdminRepository(db).findByEmail(email);
                return admin ? Status() : Status(admin.error());
            });
            !s)
            return failWith(s.error());
    }
    Result<QString> password = given.isNull() ? readNewPassword(email) : given;
    if (!password)
        return failWith(password.error());
    if (Status s = checkPasswordPolicy(*password); !s)
        return failWith(s.error());
    auto hash = hashPassword(*password);
    if (!hash)
        return failWith(hash.error());
    const int code = changeAdmin(context, email, usage,
                                 [&](AdminRepository &admins, const AdminRecord &admin) -> Status {
                                     if (Status s = admins.setPasswordHash(admin.id, *hash); !s)
                                         return s;
                                     auto epoch = admins.bumpTokenEpoch(admin.id);
                                     return epoch ? Status() : Status(epoch.error());
                                 });
    if (code != ExitOk)
        return code;
    auditCliChange(context, u"admin.passwd"_s, u"changed the password of admin "_s + email);
    say(u"Changed the password of %1; their existing sessions are signed out."_s.arg(email));
    return ExitOk;
}

int adminSetDisabled(const CliContext &context, CliArgs &args, bool disabled)
{
    const QString email = args.option(u"--email"_s).trimmed();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    const QString verb = disabled ? u"disable"_s : u"enable"_s;
    bool changed = false;
    const int code = changeAdmin(context, email, u"usage: sluice admin %1 --email E"_s.arg(verb),
                                 [&](AdminRepository &admins, const AdminRecord &admin) -> Status {
                                     if (admin.disabled == disabled)
                                         return {};
                                     AdminRecord updated = admin;
                                     updated.disabled = disabled;
                                     if (auto stored = admins.update(updated); !stored)
                                         return stored.error();
                                     changed = true;
                                     if (!disabled)
                                         return {};
                                     // A disabled admin's sessions die with it, not when they
                                     // expire.
                                     auto epoch = admins.bumpTokenEpoch(admin.id);
                                     return epoch ? Status() : Status(epoch.error());
                                 });
    if (code != ExitOk)
        return code;
    if (!changed) {
        say(u"Admin %1 is already %2d."_s.arg(email, verb));
        return ExitOk;
    }
    auditCliChange(context, u"admin."_s + verb, u"%1d admin %2"_s.arg(verb, email));
    say(disabled ? u"Disabled admin %1; their sessions are signed out."_s.arg(email)
                 : u"Enabled admin %1."_s.arg(email));
    return ExitOk;
}

} // namespace

int runAdmin(const CliContext &context, CliArgs &args)
{
    const QString sub = args.takePositional();
    if (sub == u"create"_s)
        return adminCreate(context, args);
    if (sub == u"list"_s)
        return adminList(context, args);
    if (sub == u"passwd"_s)
        return adminPasswd(context, args);
    if (sub == u"disable"_s)
        return adminSetDisabled(context, args, true);
    if (sub == u"enable"_s)
        return adminSetDisabled(context, args, false);
    return fail(sub.isNull()
                    ? u"admin needs a subcommand: create, list, passwd, disable or enable"_s
                    : u"unknown admin subcommand '%1'; use create, list, passwd, disable or "
                      "enable"_s.arg(sub),
                ExitUsage);
}

} // namespace sluice
