#include "config/rolerepository.h"

#include "config/authsql.h"
#include "config/configsql.h"

#include <QHash>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qsizetype MaxRoleNameLength = 64;

bool isValidRoleName(const QString &name)
{
    if (name.isEmpty() || name.size() > MaxRoleNameLength)
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z')
            || (u >= u'0' && u <= u'9') || u == u'_' || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

Error roleNotFound(qint64 id)
{
    return Error::notFound(u"Role %1 does not exist"_s.arg(id));
}

} // namespace

Status RoleRepository::validate(const RoleRecord &role)
{
    if (!isValidRoleName(role.name)) {
        return Error::badRequest(
            u"Invalid role name '%1': use 1 to 64 letters, digits, '_' or '-'"_s.arg(role.name));
    }
    if (role.rateLimitPerMinute < 0)
        return Error::badRequest(u"A rate limit cannot be negative"_s);
    for (qsizetype i = 0; i < role.rules.size(); ++i) {
        const RoleRule &rule = role.rules.at(i);
        const QString which = u"Rule %1 of role '%2'"_s.arg(i + 1).arg(role.name);
        if (rule.service.trimmed().isEmpty())
            return Error::badRequest(which + u" has no service"_s);
        if (rule.component.trimmed().isEmpty())
            return Error::badRequest(which + u" has no component"_s);
        if (rule.verbs < 1 || rule.verbs > AllVerbs) {
            return Error::badRequest(
                which
                + u" has verbs mask %1; expected 1 to 31 (GET=1 POST=2 PUT=4 PATCH=8"
                  " DELETE=16)"_s.arg(rule.verbs));
        }
    }
    return {};
}

Status RoleRepository::ensureNameFree(const QString &name, qint64 exceptId)
{
    return ensureUnused(m_db, u"SELECT count(*) FROM roles WHERE name = ? AND id <> ?"_s,
                        { name, exceptId }, u"checking a role name"_s,
                        u"Role '%1' already exists"_s.arg(name));
}

Status RoleRepository::insertRules(qint64 roleId, const QList<RoleRule> &rules)
{
    QSqlQuery query(m_db);
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const RoleRule &rule = rules.at(i);
        if (Status ran = execConfigSql(
                query,
                u"INSERT INTO role_rules (role_id, position, service, component, verbs, filter)"
                " VALUES (?, ?, ?, ?, ?, ?)"_s,
                { roleId, qint64(i), rule.service.trimmed(), rule.component.trimmed(), rule.verbs,
                  rule.filter.trimmed() },
                u"storing the rules of role %1"_s.arg(roleId));
            !ran) {
            return ran;
        }
    }
    return {};
}

Result<QList<RoleRecord>> RoleRepository::select(const QString &where, const QVariantList &values,
                                                 const QString &what)
{
    QList<RoleRecord> roles;
    QHash<qint64, qsizetype> indexById;
    if (Status ran = forEachConfigRow(
            m_db,
            u"SELECT id, name, description, rate_limit_per_minute, created_at, updated_at"
            " FROM roles"_s
                + where + u" ORDER BY name"_s,
            values, what,
            [&](const QSqlQuery &query) {
                RoleRecord role;
                readColumns(query, role.id, role.name, role.description, role.rateLimitPerMinute,
                            role.createdAt, role.updatedAt);
                indexById.insert(role.id, roles.size());
                roles.append(role);
            });
        !ran) {
        return ran.error();
    }
    if (roles.isEmpty())
        return roles;

    // One statement for the rules of every selected role rather than one per role.
    if (Status ran =
            forEachConfigRow(m_db,
                             u"SELECT role_id, service, component, verbs, filter FROM role_rules"
                             " WHERE role_id IN (SELECT id FROM roles"_s
                                 + where + u") ORDER BY role_id, position"_s,
                             values, what,
                             [&](const QSqlQuery &query) {
                                 const auto found =
                                     indexById.constFind(query.value(0).toLongLong());
                                 if (found == indexById.cend())
                                     return;
                                 RoleRule rule;
                                 rule.service = query.value(1).toString();
                                 rule.component = query.value(2).toString();
                                 rule.verbs = query.value(3).toInt();
                                 rule.filter = query.value(4).toString();
                                 roles[*found].rules.append(rule);
                             });
        !ran) {
        return ran.error();
    }
    return roles;
}

Result<RoleRecord> RoleRepository::create(const RoleRecord &role)
{
    if (Status valid = validate(role); !valid)
        return valid.error();
    if (Status free = ensureNameFree(role.name, 0); !free)
        return free.error();
    const QString now = authNowText();
    const Result<qint64> id = insertReturningId(
        m_db,
        u"INSERT INTO roles (name, description, rate_limit_per_minute, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id"_s,
        { role.name, role.description, role.rateLimitPerMinute, now, now },
        u"adding role '%1'"_s.arg(role.name));
    if (!id)
        return id.error();
    if (Status stored = insertRules(*id, role.rules); !stored)
        return stored.error();
    return get(*id);
}

Result<RoleRecord> RoleRepository::get(qint64 id)
{
    return firstRow(select(u" WHERE id = ?"_s, { id }, u"reading role %1"_s.arg(id)),
                    [id] { return roleNotFound(id); });
}

Result<RoleRecord> RoleRepository::findByName(const QString &name)
{
    return firstRow(select(u" WHERE name = ?"_s, { name }, u"reading role '%1'"_s.arg(name)),
                    [&name] { return Error::notFound(u"Role '%1' does not exist"_s.arg(name)); });
}

Result<QList<RoleRecord>> RoleRepository::list()
{
    return select({}, {}, u"listing roles"_s);
}

Result<RoleRecord> RoleRepository::update(const RoleRecord &role)
{
    if (Status valid = validate(role); !valid)
        return valid.error();
    if (const Result<RoleRecord> exists = get(role.id); !exists)
        return exists.error();
    if (Status free = ensureNameFree(role.name, role.id); !free)
        return free.error();
    if (Status ran = execConfigSql(
            m_db,
            u"UPDATE roles SET name = ?, description = ?,"
            " rate_limit_per_minute = ?, updated_at = ? WHERE id = ?"_s,
            { role.name, role.description, role.rateLimitPerMinute, authNowText(), role.id },
            u"updating role %1"_s.arg(role.id));
        !ran) {
        return ran.error();
    }
    if (Status ran = execConfigSql(m_db, u"DELETE FROM role_rules WHERE role_id = ?"_s, { role.id },
                                   u"replacing the rules of role %1"_s.arg(role.id));
        !ran) {
        return ran.error();
    }
    if (Status stored = insertRules(role.id, role.rules); !stored)
        return stored.error();
    return get(role.id);
}

Status RoleRepository::remove(qint64 id)
{
    const Result<RoleRecord> role = get(id);
    if (!role)
        return role.error();
    const Result<qint64> keys =
        scalarInt(m_db, u"SELECT count(*) FROM api_keys WHERE role_id = ?"_s, { id },
                  u"checking the keys of role %1"_s.arg(id));
    if (!keys)
        return keys.error();
    if (*keys > 0) {
        Error error = conflictError(
            u"Role '%1' is used by %2 API key%3; delete those keys first"_s.arg(role->name)
                .arg(*keys)
                .arg(*keys == 1 ? u""_s : u"s"_s));
        error.context = { { u"role"_s, role->name }, { u"api_keys"_s, *keys } };
        return error;
    }
    // role_rules go with it (ON DELETE CASCADE).
    return execConfigSql(m_db, u"DELETE FROM roles WHERE id = ?"_s, { id },
                         u"deleting role '%1'"_s.arg(role->name));
}

} // namespace sluice
