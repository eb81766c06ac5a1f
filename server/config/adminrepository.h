#pragma once

#include "config/authrecords.h"
#include "config/configrepository.h"
#include "core/result.h"

namespace sluice {

// The admins table of config.db. Operates on the connection it is given, so callers run it
// inside ConfigStore::write() (changes) or ConfigStore::read() (lookups), one transaction
// around everything they do:
//
//     store.write([&](const QSqlDatabase &db) -> Status {
//         return AdminRepository(db).setPasswordHash(id, hash);
//     });
//
// Errors: BadRequest for invalid input, NotFound naming the admin, Conflict for a taken
// email. Whether a change also invalidates sessions (bumpTokenEpoch) is the caller's choice.
class AdminRepository : public ConfigRepository
{
public:
    using ConfigRepository::ConfigRepository;

    // Stores email, name, passwordHash and disabled; returns the stored admin with its id,
    // timestamps and tokenEpoch 0.
    Result<AdminRecord> create(const AdminRecord &admin);
    Result<AdminRecord> get(qint64 id);
    Result<AdminRecord> findByEmail(const QString &email); // case-insensitive
    Result<QList<AdminRecord>> list(); // by id
    Result<qint64> count();

    // Changes name, email and disabled of admin.id; the rest is left as stored.
    Result<AdminRecord> update(const AdminRecord &admin);
    Status setPasswordHash(qint64 id, const QString &passwordHash);
    // Increments token_epoch and returns the new value: tokens carrying an older epoch stop
    // being valid.
    Result<qint64> bumpTokenEpoch(qint64 id);
    Status recordLogin(qint64 id, const QDateTime &at);
    Status remove(qint64 id);

    // BadRequest unless email looks like one (name@domain, no spaces, ≤ 254 characters) and
    // name is at most 200 characters.
    static Status validate(const AdminRecord &admin);

private:
    Status ensureEmailFree(const QString &email, qint64 exceptId);
    Status changeOne(qint64 id, const QString &sql, const QVariantList &values,
                     const QString &what);
};

} // namespace sluice
