#include "config/authsnapshot.h"

#include "config/adminrepository.h"
#include "config/apikeyrepository.h"
#include "config/authsql.h"
#include "config/configsql.h"
#include "config/rolerepository.h"
#include "config/tokenrepository.h"
#include "core/logging.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// A read transaction that works both on its own and nested in ConfigStore::write(): outside
// a transaction SAVEPOINT begins a deferred one and RELEASE ends it; inside, both are no-ops
// for the enclosing transaction. A PostgreSQL store has no such SAVEPOINT: there the snapshot
// is read by ConfigService on its own (never inside a write) in one REPEATABLE READ
// transaction, which is just as consistent.
class ReadSavepoint
{
public:
    explicit ReadSavepoint(const QSqlDatabase &db)
        : m_db(db)
    {
    }
    ~ReadSavepoint()
    {
        if (!m_active)
            return;
        const Status released =
            execConfigSql(m_db, isPostgresStore(m_db) ? u"COMMIT"_s : u"RELEASE auth_snapshot"_s,
                          {}, u"ending a read"_s);
        if (!released)
            qCWarning(lcConfig).noquote() << released.error().message;
    }
    ReadSavepoint(const ReadSavepoint &) = delete;
    ReadSavepoint &operator=(const ReadSavepoint &) = delete;

    Status begin()
    {
        Status status = execConfigSql(m_db,
                                      isPostgresStore(m_db)
                                          ? u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s
                                          : u"SAVEPOINT auth_snapshot"_s,
                                      {}, u"starting to read the security tables"_s);
        m_active = status.ok();
        return status;
    }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace

Result<qint64> authDataVersion(const QSqlDatabase &db)
{
    if (isPostgresStore(db))
        return scalarInt(db, u"SELECT value FROM store_generation WHERE id = 1"_s, {},
                         u"reading the store's generation"_s);
    return scalarInt(db, u"PRAGMA data_version"_s, {}, u"reading the data version"_s);
}

Result<AuthSnapshotData> loadAuthSnapshot(const QSqlDatabase &db)
{
    AuthSnapshotData snapshot;
    // Read before the data: a commit landing in between makes the version older than the
    // data (one needless reload later), never newer (which would hide a change).
    const Result<qint64> version = authDataVersion(db);
    if (!version)
        return version.error();
    snapshot.dataVersion = *version;

    ReadSavepoint transaction(db);
    if (Status begun = transaction.begin(); !begun)
        return begun.error();

    Result<QList<AdminRecord>> admins = AdminRepository(db).list();
    if (!admins)
        return admins.error();
    snapshot.admins = std::move(*admins);

    Result<QList<RoleRecord>> roles = RoleRepository(db).list();
    if (!roles)
        return roles.error();
    snapshot.roles = std::move(*roles);

    Result<QList<ApiKeyRecord>> keys = ApiKeyRepository(db).list();
    if (!keys)
        return keys.error();
    snapshot.keys = std::move(*keys);

    const Result<QHash<QString, QDateTime>> revoked = TokenRepository(db).listUnexpired();
    if (!revoked)
        return revoked.error();
    snapshot.revokedJtis.reserve(revoked->size());
    for (auto it = revoked->cbegin(); it != revoked->cend(); ++it)
        snapshot.revokedJtis.insert(it.key());
    return snapshot;
}

} // namespace sluice
