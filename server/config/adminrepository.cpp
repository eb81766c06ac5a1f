#include "config/adminrepository.h"

#include "config/authsql.h"
#include "config/configsql.h"

#include <QRandomGenerator>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qsizetype MaxEmailLength = 254; // RFC 5321 path limit
constexpr qsizetype MaxNameLength = 200;

const QString SelectAdmins =
    u"SELECT id, email, name, password_hash, disabled, token_epoch, created_at, updated_at,"
    " last_login_at FROM admins"_s;

AdminRecord adminFromRow(const QSqlQuery &query)
{
    AdminRecord admin;
    readColumns(query, admin.id, admin.email, admin.name, admin.passwordHash, admin.disabled,
                admin.tokenEpoch, admin.createdAt, admin.updatedAt, admin.lastLoginAt);
    return admin;
}

// A new admin's first token epoch is random, so a session token can never match an admin it was
// not issued to, even where an id is used again (a store from before migration 3, or one copied
// by hand). 48 bits stay exact in a JWT's JSON number and leave room for every later bump.
qint64 initialTokenEpoch()
{
    return qint64(QRandomGenerator::system()->generate64() & ((quint64(1) << 48) - 1));
}

Error adminNotFound(qint64 id)
{
    return Error::notFound(u"Admin %1 does not exist"_s.arg(id));
}

} // namespace

Status AdminRepository::validate(const AdminRecord &admin)
{
    const QString &email = admin.email;
    const qsizetype at = email.indexOf(u'@');
    const bool hasSpace = std::any_of(email.cbegin(), email.cend(),
                                      [](QChar c) { return c.isSpace() || c.isNull(); });
    if (email.isEmpty() || email.size() > MaxEmailLength || hasSpace || at <= 0
        || at != email.lastIndexOf(u'@') || at == email.size() - 1) {
        return Error::badRequest(u"'%1' is not a valid email address"_s.arg(email));
    }
    if (admin.name.size() > MaxNameLength)
        return Error::badRequest(
            u"An admin's name is limited to %1 characters"_s.arg(MaxNameLength));
    return {};
}

Status AdminRepository::ensureEmailFree(const QString &email, qint64 exceptId)
{
    // Emails compare case-insensitively (ASCII, as config.db's NOCASE and a PostgreSQL
    // store's unique index on lower(email) do).
    return ensureUnused(m_db,
                        u"SELECT count(*) FROM admins WHERE lower(email) = lower(?) AND id <> ?"_s,
                        { email, exceptId }, u"checking an admin's email"_s,
                        u"An admin with email '%1' already exists"_s.arg(email));
}

Result<AdminRecord> AdminRepository::create(const AdminRecord &admin)
{
    if (Status valid = validate(admin); !valid)
        return valid.error();
    if (admin.passwordHash.isEmpty())
        return Error::badRequest(u"An admin needs a password"_s);
    if (Status free = ensureEmailFree(admin.email, 0); !free)
        return free.error();
    const QString now = authNowText();
    const Result<qint64> id = insertReturningId(
        m_db,
        u"INSERT INTO admins (email, name, password_hash, disabled, token_epoch, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        { admin.email, admin.name, admin.passwordHash, int(admin.disabled), initialTokenEpoch(),
          now, now },
        u"adding an admin"_s);
    if (!id)
        return id.error();
    return get(*id);
}

Result<AdminRecord> AdminRepository::get(qint64 id)
{
    return firstRow(selectConfigRows(m_db, SelectAdmins + u" WHERE id = ?"_s, { id },
                                     u"reading admin %1"_s.arg(id), adminFromRow),
                    [id] { return adminNotFound(id); });
}

Result<AdminRecord> AdminRepository::findByEmail(const QString &email)
{
    return firstRow(selectConfigRows(m_db, SelectAdmins + u" WHERE lower(email) = lower(?)"_s,
                                     { email }, u"looking up an admin"_s, adminFromRow),
                    [&email] { return Error::notFound(u"No admin with email '%1'"_s.arg(email)); });
}

Result<QList<AdminRecord>> AdminRepository::list()
{
    return selectConfigRows(m_db, SelectAdmins + u" ORDER BY id"_s, {}, u"listing admins"_s,
                            adminFromRow);
}

Result<qint64> AdminRepository::count()
{
    return scalarInt(m_db, u"SELECT count(*) FROM admins"_s, {}, u"counting admins"_s);
}

Status AdminRepository::changeOne(qint64 id, const QString &sql, const QVariantList &values,
                                  const QString &what)
{
    return changeOneRow(m_db, sql, values, what, [id] { return adminNotFound(id); });
}

Result<AdminRecord> AdminRepository::update(const AdminRecord &admin)
{
    if (Status valid = validate(admin); !valid)
        return valid.error();
    if (Status free = ensureEmailFree(admin.email, admin.id); !free) {
        // A missing admin is the better answer than a conflict with someone else.
        if (const Result<AdminRecord> exists = get(admin.id); !exists)
            return exists.error();
        return free.error();
    }
    if (Status changed = changeOne(
            admin.id,
            u"UPDATE admins SET email = ?, name = ?, disabled = ?, updated_at = ? WHERE id = ?"_s,
            { admin.email, admin.name, int(admin.disabled), authNowText(), admin.id },
            u"updating admin %1"_s.arg(admin.id));
        !changed) {
        return changed.error();
    }
    return get(admin.id);
}

Status AdminRepository::setPasswordHash(qint64 id, const QString &passwordHash)
{
    if (passwordHash.isEmpty())
        return Error::badRequest(u"An admin needs a password"_s);
    return changeOne(id, u"UPDATE admins SET password_hash = ?, updated_at = ? WHERE id = ?"_s,
                     { passwordHash, authNowText(), id },
                     u"changing the password of admin %1"_s.arg(id));
}

Result<qint64> AdminRepository::bumpTokenEpoch(qint64 id)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (Status ran = execConfigSql(
            query,
            u"UPDATE admins SET token_epoch = token_epoch + 1, updated_at = ? WHERE id = ?"
            " RETURNING token_epoch"_s,
            { authNowText(), id }, u"invalidating the sessions of admin %1"_s.arg(id));
        !ran) {
        return ran.error();
    }
    if (!query.next())
        return adminNotFound(id);
    const qint64 epoch = query.value(0).toLongLong();
    query.finish();
    return epoch;
}

Status AdminRepository::recordLogin(qint64 id, const QDateTime &at)
{
    if (!at.isValid())
        return Error::badRequest(u"A login needs a time"_s);
    // updated_at is left alone: logging in does not change the admin.
    return changeOne(id, u"UPDATE admins SET last_login_at = ? WHERE id = ?"_s,
                     { authTimeValue(at), id }, u"recording a login of admin %1"_s.arg(id));
}

Status AdminRepository::remove(qint64 id)
{
    return changeOne(id, u"DELETE FROM admins WHERE id = ?"_s, { id },
                     u"deleting admin %1"_s.arg(id));
}

} // namespace sluice
