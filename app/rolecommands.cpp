#include "auth/accessrole.h"
#include "clistores.h"
#include "clitime.h"
#include "commands.h"
#include "config/rolerepository.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// A rule written back in the --access syntax, so `role show` output can be pasted into
// `role create` / `role update`.
QString accessSpec(const RoleRule &rule)
{
    QString spec = rule.service + u':' + rule.component + u':' + verbNames(rule.verbs);
    if (!rule.filter.isEmpty())
        spec += u':' + rule.filter;
    return spec;
}

// Every --access, checked by the same parser the server trusts (patterns, verbs, filter
// grammar). The error names the spec it is about.
Result<QList<RoleRule>> parseRules(const QStringList &specs)
{
    QList<RoleRule> rules;
    for (const QString &spec : specs) {
        auto rule = parseAccessSpec(spec);
        if (!rule) {
            Error e = rule.error();
            if (!e.message.contains(spec))
                e.message = u"invalid --access '%1': %2"_s.arg(spec, e.message);
            return e;
        }
        rules.append({ rule->service, rule->component, rule->verbs, rule->filterText });
    }
    return rules;
}

Result<int> parseRateLimit(const QString &text)
{
    bool ok = false;
    const int limit = text.toInt(&ok);
    if (!ok || limit < 0)
        return Error::badRequest(
            u"invalid --rate-limit '%1': give requests per minute, 0 for none"_s.arg(text));
    return limit;
}

QJsonObject roleJson(const RoleRecord &role)
{
    QJsonArray rules;
    for (const RoleRule &rule : role.rules)
        rules.append(QJsonObject { { u"service"_s, rule.service },
                                   { u"component"_s, rule.component },
                                   { u"verbs"_s, verbNames(rule.verbs) },
                                   { u"verb_mask"_s, rule.verbs },
                                   { u"filter"_s, rule.filter },
                                   { u"access"_s, accessSpec(rule) } });
    return QJsonObject { { u"id"_s, role.id },
                         { u"name"_s, role.name },
                         { u"description"_s, role.description },
                         { u"rate_limit_per_minute"_s, role.rateLimitPerMinute },
                         { u"rules"_s, rules },
                         { u"created_at"_s, jsonTime(role.createdAt) },
                         { u"updated_at"_s, jsonTime(role.updatedAt) } };
}

// The options create and update share. Null description / rate limit: not given.
struct RoleOptions
{
    QString description;
    QString rateLimit;
    QStringList access;
};

RoleOptions takeRoleOptions(CliArgs &args)
{
    return { args.option(u"--description"_s), args.option(u"--rate-limit"_s),
             args.options(u"--access"_s) };
}

// Applies the options to `role`; rules are replaced only when --access was given.
Status applyOptions(const RoleOptions &options, RoleRecord &role)
{
    if (!options.description.isNull())
        role.description = options.description;
    if (!options.rateLimit.isNull()) {
        auto limit = parseRateLimit(options.rateLimit);
        if (!limit)
            return limit.error();
        role.rateLimitPerMinute = *limit;
    }
    if (!options.access.isEmpty()) {
        auto rules = parseRules(options.access);
        if (!rules)
            return rules.error();
        role.rules = *rules;
    }
    return {};
}

// The spec as one shell word: single quotes unless it holds one (a filter's string literal),
// then double quotes with the characters the shell expands escaped.
QString shellWord(const QString &text)
{
    if (!text.contains(u'\''))
        return u'\'' + text + u'\'';
    QString quoted = u"\""_s;
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\' || c == u'$' || c == u'`')
            quoted += u'\\';
        quoted += c;
    }
    return quoted + u'"';
}

void printRole(const RoleRecord &role)
{
    say(u"Role %1"_s.arg(role.name));
    if (!role.description.isEmpty())
        say(u"  description: %1"_s.arg(role.description));
    say(u"  rate limit:  %1"_s.arg(role.rateLimitPerMinute > 0
                                       ? u"%1 requests/minute"_s.arg(role.rateLimitPerMinute)
                                       : u"none"_s));
    say(u"  created:     %1"_s.arg(tableTime(role.createdAt)));
    if (role.rules.isEmpty()) {
        say(u"  no rules: this role is denied everything"_s);
        return;
    }
    say(u"  rules (the first match decides):"_s);
    for (const RoleRule &rule : role.rules)
        say(u"    --access "_s + shellWord(accessSpec(rule)));
}

int roleCreate(const CliContext &context, CliArgs &args)
{
    RoleRecord role;
    role.name = args.option(u"--name"_s);
    const RoleOptions options = takeRoleOptions(args);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (role.name.isEmpty())
        return fail(u"usage: sluice role create --name N [--description D] [--rate-limit N] "
                    "--access 'SERVICE:COMPONENT:VERBS[:FILTER]' …"_s,
                    ExitUsage);
    if (Status s = applyOptions(options, role); !s)
        return fail(s.error().message);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    if (Status s = (*store)->write([&](const QSqlDatabase &db) -> Status {
            auto created = RoleRepository(db).create(role);
            if (!created)
                return created.error();
            role = *created;
            return {};
        });
        !s)
        return fail(s.error().message);
    auditCliChange(context, u"role.create"_s,
                   u"created role %1 with %2 rule(s)"_s.arg(role.name).arg(role.rules.size()));
    say(u"Created role '%1' with %2 rule(s). Give it a key with: sluice key create --role %1"_s
            .arg(role.name)
            .arg(role.rules.size()));
    return ExitOk;
}

int roleList(const CliContext &context, CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    auto listed = listAll<RoleRepository>(**store);
    if (!listed)
        return fail(listed.error().message);
    const QList<RoleRecord> roles = std::move(*listed);
    printList(
        roles, json,
        u"No roles. Create one with: sluice role create --name reader --access 'SERVICE:_table/*:GET'"_s,
        { u"NAME"_s, u"RULES"_s, u"RATE LIMIT"_s, u"DESCRIPTION"_s }, roleJson,
        [](const RoleRecord &role) {
            return QStringList { role.name, QString::number(role.rules.size()),
                                 role.rateLimitPerMinute > 0
                                     ? u"%1/min"_s.arg(role.rateLimitPerMinute)
                                     : u"-"_s,
                                 role.description };
        });
    return ExitOk;
}

// The role named by the next positional argument.
Result<RoleRecord> namedRole(ConfigStore &store, const QString &name)
{
    Result<RoleRecord> found = Error::notFound(QString());
    if (Status s = store.read([&](const QSqlDatabase &db) -> Status {
            found = RoleRepository(db).findByName(name);
            return {};
        });
        !s)
        return s.error();
    return found;
}

int roleShow(const CliContext &context, CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    const QString name = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (name.isEmpty())
        return fail(u"usage: sluice role show NAME [--json]"_s, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    auto role = namedRole(**store, name);
    if (!role)
        return fail(role.error().message);
    if (json)
        sayJson(roleJson(*role));
    else
        printRole(*role);
    return ExitOk;
}

int roleDelete(const CliContext &context, CliArgs &args)
{
    const QString name = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (name.isEmpty())
        return fail(u"usage: sluice role delete NAME"_s, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    if (Status s = (*store)->write([&](const QSqlDatabase &db) -> Status {
            RoleRepository roles(db);
            auto role = roles.findByName(name);
            if (!role)
                return role.error();
            return roles.remove(role->id);
        });
        !s)
        return fail(s.error().message);
    auditCliChange(context, u"role.delete"_s, u"deleted role "_s + name);
    say(u"Deleted role '%1'."_s.arg(name));
    return ExitOk;
}

int roleUpdate(const CliContext &context, CliArgs &args)
{
    const RoleOptions options = takeRoleOptions(args);
    const QString name = args.takePositional();
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (name.isEmpty()
        || (options.access.isEmpty() && options.description.isNull() && options.rateLimit.isNull()))
        return fail(u"usage: sluice role update NAME [--access 'SERVICE:COMPONENT:VERBS[:FILTER]' "
                    "…] [--description D] [--rate-limit N]"_s,
                    ExitUsage);
    // Check the new rules before touching the store, so a typo changes nothing.
    RoleRecord scratch;
    if (Status s = applyOptions(options, scratch); !s)
        return fail(s.error().message);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    RoleRecord role;
    if (Status s = (*store)->write([&](const QSqlDatabase &db) -> Status {
            RoleRepository roles(db);
            auto found = roles.findByName(name);
            if (!found)
                return found.error();
            role = *found;
            if (Status applied = applyOptions(options, role); !applied)
                return applied;
            auto updated = roles.update(role);
            if (!updated)
                return updated.error();
            role = *updated;
            return {};
        });
        !s)
        return fail(s.error().message);
    auditCliChange(context, u"role.update"_s,
                   u"updated role %1 (%2 rule(s))"_s.arg(role.name).arg(role.rules.size()));
    say(u"Updated role '%1'; it has %2 rule(s)."_s.arg(role.name).arg(role.rules.size()));
    return ExitOk;
}

} // namespace

int runRole(const CliContext &context, CliArgs &args)
{
    const QString sub = args.takePositional();
    if (sub == u"create"_s)
        return roleCreate(context, args);
    if (sub == u"list"_s)
        return roleList(context, args);
    if (sub == u"show"_s)
        return roleShow(context, args);
    if (sub == u"delete"_s)
        return roleDelete(context, args);
    if (sub == u"update"_s)
        return roleUpdate(context, args);
    return fail(sub.isNull() ? u"role needs a subcommand: create, list, show, update or delete"_s
                             : u"unknown role subcommand '%1'; use create, list, show, update or "
                               "delete"_s.arg(sub),
                ExitUsage);
}

} // namespace sluice
