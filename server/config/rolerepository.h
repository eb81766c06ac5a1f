#pragma once

#include "config/authrecords.h"
#include "config/configrepository.h"
#include "core/result.h"

namespace sluice {

// The roles and role_rules tables of config.db. Like AdminRepository, it runs on the
// connection it is given, inside the caller's ConfigStore::write()/read() body.
//
// Errors: BadRequest for an invalid name or rule, NotFound naming the role, Conflict for a
// taken name or for deleting a role that API keys still use.
class RoleRepository : public ConfigRepository
{
public:
    using ConfigRepository::ConfigRepository;

    // Stores name, description, rate limit and rules (in list order); returns the stored role.
    Result<RoleRecord> create(const RoleRecord &role);
    Result<RoleRecord> get(qint64 id);
    Result<RoleRecord> findByName(const QString &name); // exact, case-sensitive
    Result<QList<RoleRecord>> list(); // by name, each with its rules in order

    // Replaces name, description, rate limit and every rule of role.id.
    Result<RoleRecord> update(const RoleRecord &role);
    // Conflict while API keys (revoked ones included) reference the role.
    Status remove(qint64 id);

    // Name [A-Za-z0-9_-]{1,64}; each rule: service and component non-empty, verbs in 1..31;
    // rate limit ≥ 0. The row filter's grammar is not checked here (that needs the query
    // parser): the caller validates it before storing.
    static Status validate(const RoleRecord &role);

private:
    Status ensureNameFree(const QString &name, qint64 exceptId);
    Status insertRules(qint64 roleId, const QList<RoleRule> &rules);
    Result<QList<RoleRecord>> select(const QString &where, const QVariantList &values,
                                     const QString &what);
};

} // namespace sluice
