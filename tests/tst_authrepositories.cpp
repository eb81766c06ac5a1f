#include "config/adminrepository.h"
#include "config/apikeyrepository.h"
#include "config/authsnapshot.h"
#include "config/configsql.h"
#include "config/configstore.h"
#include "config/migrations.h"
#include "config/rolerepository.h"
#include "config/tokenrepository.h"

#include "sqlitefile.h"
#include "valueorwarn.h"
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <optional>

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {

std::unique_ptr<ConfigStore> openOrFail(const QString &dir)
{
    return valueOrWarn(ConfigStore::open(dir));
}

// Runs `body` inside one ConfigStore::write() and hands back what it returned; a failure
// rolls the transaction back, as it would for the system API.
template<typename T>
Result<T> inWrite(ConfigStore &store, const std::function<Result<T>(const QSqlDatabase &)> &body)
{
    std::optional<Result<T>> out;
    const Status done = store.write([&](const QSqlDatabase &db) -> Status {
        out.emplace(body(db));
        if (!*out)
            return out->error();
        return {};
    });
    if (!done && (!out || out->ok()))
        return done.error(); // the commit itself failed
    return std::move(*out);
}

Status inWriteStatus(ConfigStore &store, const std::function<Status(const QSqlDatabase &)> &body)
{
    return store.write(body);
}

template<typename T>
Result<T> inRead(ConfigStore &store, const std::function<Result<T>(const QSqlDatabase &)> &body)
{
    std::optional<Result<T>> out;
    const Status done = store.read([&](const QSqlDatabase &db) -> Status {
        out.emplace(body(db));
        return {};
    });
    if (!done)
        return done.error();
    return std::move(*out);
}

qint64 scalar(ConfigStore &store, const QString &sql)
{
    const Result<qint64> value =
        inRead<qint64>(store, [&](const QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery query(db);
            query.setForwardOnly(true);
            if (Status ran = execConfigSql(query, sql, {}, sql); !ran)
                return ran.error();
            return query.next() ? query.value(0).toLongLong() : -1;
        });
    return value ? *value : -1;
}

AdminRecord makeAdmin(const QString &email, const QString &name = u"Ann"_s)
{
    AdminRecord admin;
    admin.email = email;
    admin.name = name;
    admin.passwordHash = u"$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"_s;
    return admin;
}

RoleRule rule(const QString &service, const QString &component, int verbs,
              const QString &filter = {})
{
    return RoleRule { service, component, verbs, filter };
}

RoleRecord makeRole(const QString &name, const QList<RoleRule> &rules = {})
{
    RoleRecord role;
    role.name = name;
    role.description = u"Role %1"_s.arg(name);
    role.rules = rules;
    return role;
}

ApiKeyRecord makeKey(qint64 roleId, const QString &hash, const QString &prefix)
{
    ApiKeyRecord key;
    key.keyHash = hash;
    key.keyPrefix = prefix;
    key.label = u"label of %1"_s.arg(prefix);
    key.roleId = roleId;
    return key;
}

QStringList ruleTexts(const QList<RoleRule> &rules)
{
    QStringList texts;
    for (const RoleRule &r : rules)
        texts << u"%1|%2|%3|%4"_s.arg(r.service, r.component).arg(r.verbs).arg(r.filter);
    return texts;
}

#define VERIFY_ERROR(result, expectedKind, fragment)                                               \
    do {                                                                                           \
        const auto &r_ = (result);                                                                 \
        QVERIFY2(!r_.ok(), "expected an error");                                                   \
        QCOMPARE(r_.error().kind, expectedKind);                                                   \
        QVERIFY2(r_.error().message.contains(fragment), qPrintable(r_.error().message));           \
    } while (false)

} // namespace

class TestAuthRepositories : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void migratesVersion1KeepingServices();
    void migratesVersion2KeepingAdminsAndKeys();
    void adminLifecycle();
    void adminEmailIsUniqueIgnoringCase();
    void idsAreNeverUsedAgain();
    void adminMissing();
    void adminValidation_data();
    void adminValidation();
    void roleLifecycle();
    void roleNameIsUnique();
    void roleValidation_data();
    void roleValidation();
    void roleInUseIsNotDeleted();
    void apiKeyLifecycle();
    void apiKeyErrors();
    void apiKeyPrefix();
    void revokedTokens();
    void oneTransactionAcrossRepositories();
    void dataVersionSeesOtherConnections();
    void snapshot();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConfigStore> m_store;
};

void TestAuthRepositories::initTestCase()
{
    // Every test opens a new store; "applied migration" lines would drown the results.
    QLoggingCategory::setFilterRules(u"sluice.config.info=false"_s);
}

void TestAuthRepositories::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = openOrFail(m_dir->path());
    QVERIFY(m_store);
}

void TestAuthRepositories::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestAuthRepositories::migratesVersion1KeepingServices()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(u"config.db"_s);
    {
        SqliteFileConnection old(path, u"other"_s);
        const Result<int> v1 = migrateConfig(old.db(), { configMigrations().constFirst() });
        QVERIFY(v1);
        QCOMPARE(*v1, 1);
        QCOMPARE(old.exec(u"INSERT INTO services (name, driver, dsn, created_at, updated_at)"
                          " VALUES ('shop', 'sqlite', '/srv/shop.db', '2024-01-02T03:04:05.000Z',"
                          " '2024-01-02T03:04:05.000Z')"_s),
                 QString());
        QVERIFY(!old.exec(u"SELECT * FROM admins"_s).isEmpty());
    }
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    QVERIFY(latestConfigSchemaVersion() >= 2);
    QCOMPARE(store->schemaVersion(), latestConfigSchemaVersion());
    const Result<ServiceConfig> shop = store->service(u"shop"_s);
    QVERIFY(shop);
    QCOMPARE(shop->dsn, u"/srv/shop.db"_s);
    QCOMPARE(shop->createdAt, QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC));
    QCOMPARE(scalar(*store,
                    u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                    " ('admins', 'roles', 'role_rules', 'api_keys', 'revoked_tokens')"_s),
             5);
    // The new tables work on the migrated file.
    const Result<AdminRecord> admin = inWrite<AdminRecord>(*store, [](const QSqlDatabase &db) {
        return AdminRepository(db).create(makeAdmin(u"a@b.c"_s));
    });
    QVERIFY(admin);
}

void TestAuthRepositories::idsAreNeverUsedAgain()
{
    // A deleted admin's session token named its id; the next admin used to get the same id
    // (and the same first epoch), and with them the deleted admin's sessions.
    ConfigStore &store = *m_store;
    const auto create = [&store](const QString &email) {
        return inWrite<AdminRecord>(store, [&email](const QSqlDatabase &db) {
            return AdminRepository(db).create(makeAdmin(email));
        });
    };
    const Result<AdminRecord> first = create(u"first@example.com"_s);
    const Result<AdminRecord> last = create(u"last@example.com"_s);
    QVERIFY(first && last);
    QVERIFY(inWriteStatus(
        store, [&](const QSqlDatabase &db) { return AdminRepository(db).remove(last->id); }));
    const Result<AdminRecord> next = create(u"next@example.com"_s);
    QVERIFY(next);
    QVERIFY(next->id > last->id);
    QVERIFY(next->tokenEpoch != last->tokenEpoch);
    // API keys alike.
    QCOMPARE(scalar(store,
                    u"SELECT count(*) FROM sqlite_master WHERE name IN ('admins', 'api_keys')"
                    " AND sql LIKE '%AUTOINCREMENT%'"_s),
             2);
}

void TestAuthRepositories::migratesVersion2KeepingAdminsAndKeys()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(u"config.db"_s);
    {
        SqliteFileConnection old(path, u"other"_s);
        const Result<int> v2 = migrateConfig(old.db(), configMigrations().mid(0, 2));
        QVERIFY(v2);
        QCOMPARE(*v2, 2);
        const QString at = u"'2024-01-02T03:04:05.000Z'"_s;
        QCOMPARE(old.exec(u"INSERT INTO admins (id, email, password_hash, token_epoch, created_at,"
                          " updated_at) VALUES (7, 'kept@example.com', 'h', 3, "_s
                          + at + u", "_s + at + u")"_s),
                 QString());
        QCOMPARE(old.exec(u"INSERT INTO roles (id, name, created_at, updated_at) VALUES (1, 'r', "_s
                          + at + u", "_s + at + u")"_s),
                 QString());
        QCOMPARE(old.exec(u"INSERT INTO api_keys (id, key_hash, key_prefix, label, role_id,"
                          " created_at) VALUES (5, 'hash', 'sluice_ab', 'kept', 1, "_s
                          + at + u")"_s),
                 QString());
    }
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), latestConfigSchemaVersion());
    const Result<AdminRecord> kept = inRead<AdminRecord>(
        *store, [](const QSqlDatabase &db) { return AdminRepository(db).get(7); });
    QVERIFY(kept);
    QCOMPARE(kept->email, u"kept@example.com"_s);
    QCOMPARE(kept->tokenEpoch, 3);
    QCOMPARE(scalar(*store, u"SELECT count(*) FROM api_keys WHERE id = 5 AND role_id = 1"_s), 1);
    const Result<AdminRecord> next = inWrite<AdminRecord>(*store, [](const QSqlDatabase &db) {
        return AdminRepository(db).create(makeAdmin(u"next@example.com"_s));
    });
    QVERIFY(next);
    QVERIFY(next->id > 7);
}

void TestAuthRepositories::adminLifecycle()
{
    ConfigStore &store = *m_store;
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    const Result<AdminRecord> ann = inWrite<AdminRecord>(store, [](const QSqlDatabase &db) {
        return AdminRepository(db).create(makeAdmin(u"Ann@Example.com"_s, u"Ann"_s));
    });
    QVERIFY(ann);
    QVERIFY(ann->id > 0);
    QCOMPARE(ann->email, u"Ann@Example.com"_s);
    QCOMPARE(ann->name, u"Ann"_s);
    QCOMPARE(ann->passwordHash, makeAdmin({}).passwordHash);
    QCOMPARE(ann->disabled, false);
    // Random, so no token can pass for an admin it was not issued to; exact in a JWT number.
    QVERIFY(ann->tokenEpoch >= 0 && ann->tokenEpoch < (qint64(1) << 48));
    QVERIFY(ann->createdAt >= before);
    QCOMPARE(ann->createdAt.timeSpec(), Qt::UTC);
    QCOMPARE(ann->updatedAt, ann->createdAt);
    QVERIFY(!ann->lastLoginAt.isValid());

    const Result<AdminRecord> bob = inWrite<AdminRecord>(store, [](const QSqlDatabase &db) {
        AdminRecord admin = makeAdmin(u"bob@example.com"_s, u"Bob"_s);
        admin.disabled = true;
        return AdminRepository(db).create(admin);
    });
    QVERIFY(bob);
    QCOMPARE(bob->disabled, true);

    // Lookups: by id, by email ignoring case, all, count.
    const qint64 annId = ann->id;
    auto got = inRead<AdminRecord>(
        store, [&](const QSqlDatabase &db) { return AdminRepository(db).get(annId); });
    QVERIFY(got);
    QCOMPARE(got->email, u"Ann@Example.com"_s);
    auto byEmail = inRead<AdminRecord>(store, [](const QSqlDatabase &db) {
        return AdminRepository(db).findByEmail(u"ann@EXAMPLE.com"_s);
    });
    QVERIFY(byEmail);
    QCOMPARE(byEmail->id, annId);
    auto all = inRead<QList<AdminRecord>>(
        store, [](const QSqlDatabase &db) { return AdminRepository(db).list(); });
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).email, u"Ann@Example.com"_s);
    QCOMPARE(all->at(1).email, u"bob@example.com"_s);
    auto count =
        inRead<qint64>(store, [](const QSqlDatabase &db) { return AdminRepository(db).count(); });
    QVERIFY(count);
    QCOMPARE(*count, 2);

    // Update changes name, email and disabled, and nothing else.
    auto updated = inWrite<AdminRecord>(store, [&](const QSqlDatabase &db) {
        AdminRecord change = *ann;
        change.email = u"ann@new.example"_s;
        change.name = u"Ann B."_s;
        change.disabled = true;
        change.passwordHash = u"ignored"_s;
        change.tokenEpoch = 99;
        return AdminRepository(db).update(change);
    });
    QVERIFY(updated);
    QCOMPARE(updated->email, u"ann@new.example"_s);
    QCOMPARE(updated->name, u"Ann B."_s);
    QCOMPARE(updated->disabled, true);
    QCOMPARE(updated->passwordHash, ann->passwordHash);
    QCOMPARE(updated->tokenEpoch, ann->tokenEpoch);
    QCOMPARE(updated->createdAt, ann->createdAt);
    QVERIFY(updated->updatedAt >= ann->updatedAt);

    // Password, token epoch, login time.
    QVERIFY(inWriteStatus(store, [&](const QSqlDatabase &db) {
        return AdminRepository(db).setPasswordHash(annId, u"$argon2id$new"_s);
    }));
    auto epoch1 = inWrite<qint64>(
        store, [&](const QSqlDatabase &db) { return AdminRepository(db).bumpTokenEpoch(annId); });
    auto epoch2 = inWrite<qint64>(
        store, [&](const QSqlDatabase &db) { return AdminRepository(db).bumpTokenEpoch(annId); });
    QVERIFY(epoch1);
    QVERIFY(epoch2);
    QCOMPARE(*epoch1, ann->tokenEpoch + 1);
    QCOMPARE(*epoch2, ann->tokenEpoch + 2);
    const QDateTime login(QDate(2025, 5, 6), QTime(7, 8, 9, 123), Qt::UTC);
    QVERIFY(inWriteStatus(store, [&](const QSqlDatabase &db) {
        return AdminRepository(db).recordLogin(annId, login);
    }));
    got = inRead<AdminRecord>(
        store, [&](const QSqlDatabase &db) { return AdminRepository(db).get(annId); });
    QVERIFY(got);
    QCOMPARE(got->passwordHash, u"$argon2id$new"_s);
    QCOMPARE(got->tokenEpoch, ann->tokenEpoch + 2);
    QCOMPARE(got->lastLoginAt, login);

    // Delete.
    QVERIFY(inWriteStatus(
        store, [&](const QSqlDatabase &db) { return AdminRepository(db).remove(annId); }));
    got = inRead<AdminRecord>(
        store, [&](const QSqlDatabase &db) { return AdminRepository(db).get(annId); });
    VERIFY_ERROR(got, ErrorKind::NotFound, u"Admin %1 does not exist"_s.arg(annId));
    count =
        inRead<qint64>(store, [](const QSqlDatabase &db) { return AdminRepository(db).count(); });
    QCOMPARE(*count, 1);
}

void TestAuthRepositories::adminEmailIsUniqueIgnoringCase()
{
    ConfigStore &store = *m_store;
    const auto create = [&](const QString &email) {
        return inWrite<AdminRecord>(store, [&](const QSqlDatabase &db) {
            return AdminRepository(db).create(makeAdmin(email));
        });
    };
    const Result<AdminRecord> ann = create(u"ann@example.com"_s);
    QVERIFY(ann);
    VERIFY_ERROR(create(u"ANN@example.com"_s), ErrorKind::Conflict,
                 u"An admin with email 'ANN@example.com' already exists"_s);
    const Result<AdminRecord> bob = create(u"bob@example.com"_s);
    QVERIFY(bob);

    // Renaming onto someone else's email conflicts; keeping one's own (in another case) not.
    AdminRecord change = *bob;
    change.email = u"Ann@Example.com"_s;
    VERIFY_ERROR(
        inWrite<AdminRecord>(
            store, [&](const QSqlDatabase &db) { return AdminRepository(db).update(change); }),
        ErrorKind::Conflict, u"An admin with email 'Ann@Example.com' already exists"_s);
    change = *ann;
    change.email = u"ANN@EXAMPLE.COM"_s;
    const Result<AdminRecord> same = inWrite<AdminRecord>(
        store, [&](const QSqlDatabase &db) { return AdminRepository(db).update(change); });
    QVERIFY(same);
    QCOMPARE(same->email, u"ANN@EXAMPLE.COM"_s);
    QCOMPARE(scalar(store, u"SELECT count(*) FROM admins"_s), 2);
}

void TestAuthRepositories::adminMissing()
{
    ConfigStore &store = *m_store;
    const QString missing = u"Admin 42 does not exist"_s;
    VERIFY_ERROR(inRead<AdminRecord>(
                     store, [](const QSqlDatabase &db) { return AdminRepository(db).get(42); }),
                 ErrorKind::NotFound, missing);
    VERIFY_ERROR(inRead<AdminRecord>(store,
                                     [](const QSqlDatabase &db) {
                                         return AdminRepository(db).findByEmail(u"x@y.z"_s);
                                     }),
                 ErrorKind::NotFound, u"No admin with email 'x@y.z'"_s);
    AdminRecord ghost = makeAdmin(u"ghost@example.com"_s);
    ghost.id = 42;
    VERIFY_ERROR(
        inWrite<AdminRecord>(
            store, [&](const QSqlDatabase &db) { return AdminRepository(db).update(ghost); }),
        ErrorKind::NotFound, missing);
    VERIFY_ERROR(inWriteStatus(store,
                               [](const QSqlDatabase &db) {
                                   return AdminRepository(db).setPasswordHash(42, u"h"_s);
                               }),
                 ErrorKind::NotFound, missing);
    VERIFY_ERROR(
        inWrite<qint64>(
            store, [](const QSqlDatabase &db) { return AdminRepository(db).bumpTokenEpoch(42); }),
        ErrorKind::NotFound, missing);
    VERIFY_ERROR(inWriteStatus(store,
                               [](const QSqlDatabase &db) {
                                   return AdminRepository(db).recordLogin(
                                       42, QDateTime::currentDateTimeUtc());
                               }),
                 ErrorKind::NotFound, missing);
    VERIFY_ERROR(
        inWriteStatus(store, [](const QSqlDatabase &db) { return AdminRepository(db).remove(42); }),
        ErrorKind::NotFound, missing);
}

void TestAuthRepositories::adminValidation_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("passwordHash");
    QTest::addColumn<QString>("message"); // empty: accepted

    const QString hash = makeAdmin({}).passwordHash;
    QTest::newRow("plain") << u"a@b.c"_s << u"A"_s << hash << QString();
    QTest::newRow("empty email") << QString() << u"A"_s << hash << u"is not a valid email"_s;
    QTest::newRow("no at") << u"ann.example.com"_s << u"A"_s << hash << u"is not a valid email"_s;
    QTest::newRow("nothing before at")
        << u"@example.com"_s << u"A"_s << hash << u"is not a valid email"_s;
    QTest::newRow("nothing after at") << u"ann@"_s << u"A"_s << hash << u"is not a valid email"_s;
    QTest::newRow("two ats") << u"a@b@c"_s << u"A"_s << hash << u"is not a valid email"_s;
    QTest::newRow("space") << u"ann @example.com"_s << u"A"_s << hash << u"is not a valid email"_s;
    QTest::newRow("too long") << (QString(250, u'a') + u"@b.co"_s) << u"A"_s << hash
                              << u"is not a valid email"_s;
    QTest::newRow("longest") << (QString(249, u'a') + u"@b.co"_s) << u"A"_s << hash << QString();
    QTest::newRow("long name") << u"a@b.c"_s << QString(201, u'n') << hash << u"limited to 200"_s;
    QTest::newRow("no password") << u"a@b.c"_s << u"A"_s << QString() << u"needs a password"_s;
}

void TestAuthRepositories::adminValidation()
{
    QFETCH(QString, email);
    QFETCH(QString, name);
    QFETCH(QString, passwordHash);
    QFETCH(QString, message);
    AdminRecord admin = makeAdmin(email, name);
    admin.passwordHash = passwordHash;
    const Result<AdminRecord> created = inWrite<AdminRecord>(
        *m_store, [&](const QSqlDatabase &db) { return AdminRepository(db).create(admin); });
    if (message.isEmpty()) {
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        return;
    }
    VERIFY_ERROR(created, ErrorKind::BadRequest, message);
    QCOMPARE(scalar(*m_store, u"SELECT count(*) FROM admins"_s), 0);
}

void TestAuthRepositories::roleLifecycle()
{
    ConfigStore &store = *m_store;
    RoleRecord input = makeRole(u"reader"_s,
                                { rule(u"shop"_s, u"_table/*"_s, VerbGet, u"region = 'eu'"_s),
                                  rule(u"*"_s, u"_schema"_s, VerbGet),
                                  rule(u"crm*"_s, u"_table/contacts"_s, VerbGet | VerbPatch) });
    input.rateLimitPerMinute = 120;
    const Result<RoleRecord> reader = inWrite<RoleRecord>(
        store, [&](const QSqlDatabase &db) { return RoleRepository(db).create(input); });
    QVERIFY(reader);
    QVERIFY(reader->id > 0);
    QCOMPARE(reader->name, u"reader"_s);
    QCOMPARE(reader->description, u"Role reader"_s);
    QCOMPARE(reader->rateLimitPerMinute, 120);
    QVERIFY(reader->createdAt.isValid());
    const QStringList expectedRules = { u"shop|_table/*|1|region = 'eu'"_s, u"*|_schema|1|"_s,
                                        u"crm*|_table/contacts|9|"_s };
    QCOMPARE(ruleTexts(reader->rules), expectedRules);

    const Result<RoleRecord> admin = inWrite<RoleRecord>(store, [](const QSqlDatabase &db) {
        return RoleRepository(db).create(
            makeRole(u"Admin-2_x"_s, { rule(u"*"_s, u"*"_s, AllVerbs) }));
    });
    QVERIFY(admin);
    const Result<RoleRecord> empty = inWrite<RoleRecord>(store, [](const QSqlDatabase &db) {
        return RoleRepository(db).create(makeRole(u"nobody"_s));
    });
    QVERIFY(empty);
    QVERIFY(empty->rules.isEmpty());

    // Lookups; the list is ordered by name and carries every role's own rules in order.
    const qint64 readerId = reader->id;
    auto byId = inRead<RoleRecord>(
        store, [&](const QSqlDatabase &db) { return RoleRepository(db).get(readerId); });
    QVERIFY(byId);
    QCOMPARE(ruleTexts(byId->rules), expectedRules);
    auto byName = inRead<RoleRecord>(store, [](const QSqlDatabase &db) {
        return RoleRepository(db).findByName(u"Admin-2_x"_s);
    });
    QVERIFY(byName);
    QCOMPARE(byName->id, admin->id);
    QCOMPARE(ruleTexts(byName->rules), QStringList { u"*|*|31|"_s });
    VERIFY_ERROR(inRead<RoleRecord>(store,
                                    [](const QSqlDatabase &db) {
                                        return RoleRepository(db).findByName(u"admin-2_x"_s);
                                    }),
                 ErrorKind::NotFound, u"Role 'admin-2_x' does not exist"_s);
    auto all = inRead<QList<RoleRecord>>(
        store, [](const QSqlDatabase &db) { return RoleRepository(db).list(); });
    QVERIFY(all);
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(0).name, u"Admin-2_x"_s);
    QCOMPARE(all->at(1).name, u"nobody"_s);
    QCOMPARE(all->at(2).name, u"reader"_s);
    QCOMPARE(ruleTexts(all->at(0).rules), QStringList { u"*|*|31|"_s });
    QVERIFY(all->at(1).rules.isEmpty());
    QCOMPARE(ruleTexts(all->at(2).rules), expectedRules);

    // Update replaces every rule (fewer than before: no stale positions may survive).
    RoleRecord change = *reader;
    change.name = u"viewer"_s;
    change.description = u"Sees things"_s;
    change.rateLimitPerMinute = 0;
    change.rules = { rule(u"shop"_s, u"_table/books"_s, VerbGet | VerbPost, u"id > 3"_s) };
    auto updated = inWrite<RoleRecord>(
        store, [&](const QSqlDatabase &db) { return RoleRepository(db).update(change); });
    QVERIFY(updated);
    QCOMPARE(updated->name, u"viewer"_s);
    QCOMPARE(updated->description, u"Sees things"_s);
    QCOMPARE(updated->rateLimitPerMinute, 0);
    QCOMPARE(ruleTexts(updated->rules), QStringList { u"shop|_table/books|3|id > 3"_s });
    QCOMPARE(scalar(store, u"SELECT count(*) FROM role_rules WHERE role_id = %1"_s.arg(readerId)),
             1);

    // Delete takes the rules with it.
    QVERIFY(inWriteStatus(
        store, [&](const QSqlDatabase &db) { return RoleRepository(db).remove(readerId); }));
    VERIFY_ERROR(
        inRead<RoleRecord>(
            store, [&](const QSqlDatabase &db) { return RoleRepository(db).get(readerId); }),
        ErrorKind::NotFound, u"Role %1 does not exist"_s.arg(readerId));
    QCOMPARE(scalar(store, u"SELECT count(*) FROM role_rules WHERE role_id = %1"_s.arg(readerId)),
             0);
    VERIFY_ERROR(
        inWriteStatus(store,
                      [&](const QSqlDatabase &db) { return RoleRepository(db).remove(readerId); }),
        ErrorKind::NotFound, u"Role %1 does not exist"_s.arg(readerId));
    change.id = 4242;
    VERIFY_ERROR(
        inWrite<RoleRecord>(
            store, [&](const QSqlDatabase &db) { return RoleRepository(db).update(change); }),
        ErrorKind::NotFound, u"Role 4242 does not exist"_s);
}

void TestAuthRepositories::roleNameIsUnique()
{
    ConfigStore &store = *m_store;
    const auto create = [&](const QString &name) {
        return inWrite<RoleRecord>(store, [&](const QSqlDatabase &db) {
            return RoleRepository(db).create(makeRole(name));
        });
    };
    const Result<RoleRecord> reader = create(u"reader"_s);
    QVERIFY(reader);
    VERIFY_ERROR(create(u"reader"_s), ErrorKind::Conflict, u"Role 'reader' already exists"_s);
    const Result<RoleRecord> writer = create(u"writer"_s);
    QVERIFY(writer);
    RoleRecord change = *writer;
    change.name = u"reader"_s;
    VERIFY_ERROR(
        inWrite<RoleRecord>(
            store, [&](const QSqlDatabase &db) { return RoleRepository(db).update(change); }),
        ErrorKind::Conflict, u"Role 'reader' already exists"_s);
    // Keeping its own name is no conflict.
    change.name = u"writer"_s;
    QVERIFY(inWrite<RoleRecord>(
        store, [&](const QSqlDatabase &db) { return RoleRepository(db).update(change); }));
}

void TestAuthRepositories::roleValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("component");
    QTest::addColumn<int>("verbs");
    QTest::addColumn<int>("rateLimit");
    QTest::addColumn<QString>("message"); // empty: accepted

    const QString badName = u"Invalid role name"_s;
    QTest::newRow("ok") << u"r"_s << u"shop"_s << u"_table"_s << 1 << 0 << QString();
    QTest::newRow("64 characters")
        << QString(64, u'x') << u"*"_s << u"*"_s << 31 << 10 << QString();
    QTest::newRow("empty name") << QString() << u"*"_s << u"*"_s << 1 << 0 << badName;
    QTest::newRow("65 characters") << QString(65, u'x') << u"*"_s << u"*"_s << 1 << 0 << badName;
    QTest::newRow("space") << u"a b"_s << u"*"_s << u"*"_s << 1 << 0 << badName;
    QTest::newRow("dot") << u"a.b"_s << u"*"_s << u"*"_s << 1 << 0 << badName;
    QTest::newRow("non-ASCII letter") << u"caf\u00e9"_s << u"*"_s << u"*"_s << 1 << 0 << badName;
    QTest::newRow("no service") << u"r"_s << u" "_s << u"*"_s << 1 << 0
                                << u"Rule 1 of role 'r' has no service"_s;
    QTest::newRow("no component") << u"r"_s << u"*"_s << QString() << 1 << 0
                                  << u"Rule 1 of role 'r' has no component"_s;
    QTest::newRow("verbs 0") << u"r"_s << u"*"_s << u"*"_s << 0 << 0 << u"has verbs mask 0"_s;
    QTest::newRow("verbs 32") << u"r"_s << u"*"_s << u"*"_s << 32 << 0 << u"has verbs mask 32"_s;
    QTest::newRow("verbs -1") << u"r"_s << u"*"_s << u"*"_s << -1 << 0 << u"has verbs mask -1"_s;
    QTest::newRow("negative rate")
        << u"r"_s << u"*"_s << u"*"_s << 1 << -1 << u"cannot be negative"_s;
}

void TestAuthRepositories::roleValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, service);
    QFETCH(QString, component);
    QFETCH(int, verbs);
    QFETCH(int, rateLimit);
    QFETCH(QString, message);
    RoleRecord role =
        makeRole(name, { rule(u"*"_s, u"*"_s, VerbGet), rule(service, component, verbs) });
    role.rateLimitPerMinute = rateLimit;
    if (message.startsWith(u"Rule 1"_s)) // name the second rule: the message counts from 1
        message.replace(u"Rule 1"_s, u"Rule 2"_s);
    const Result<RoleRecord> created = inWrite<RoleRecord>(
        *m_store, [&](const QSqlDatabase &db) { return RoleRepository(db).create(role); });
    if (message.isEmpty()) {
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        // The same checks guard update.
        return;
    }
    VERIFY_ERROR(created, ErrorKind::BadRequest, message);
    QCOMPARE(scalar(*m_store, u"SELECT count(*) FROM roles"_s), 0);

    // Update validates the same way.
    const Result<RoleRecord> valid = inWrite<RoleRecord>(*m_store, [](const QSqlDatabase &db) {
        return RoleRepository(db).create(makeRole(u"valid"_s));
    });
    QVERIFY(valid);
    role.id = valid->id;
    VERIFY_ERROR(
        inWrite<RoleRecord>(
            *m_store, [&](const QSqlDatabase &db) { return RoleRepository(db).update(role); }),
        ErrorKind::BadRequest, message);
}

void TestAuthRepositories::roleInUseIsNotDeleted()
{
    ConfigStore &store = *m_store;
    const Result<RoleRecord> role = inWrite<RoleRecord>(store, [](const QSqlDatabase &db) {
        return RoleRepository(db).create(makeRole(u"reader"_s));
    });
    QVERIFY(role);
    const qint64 roleId = role->id;
    QList<qint64> keyIds;
    for (int i = 0; i < 2; ++i) {
        const Result<ApiKeyRecord> key = inWrite<ApiKeyRecord>(store, [&](const QSqlDatabase &db) {
            return ApiKeyRepository(db).create(
                makeKey(roleId, u"hash%1"_s.arg(i), u"sluice_0000000%1"_s.arg(i)));
        });
        QVERIFY(key);
        keyIds << key->id;
    }
    // Revoked keys still count: they reference the role until deleted.
    QVERIFY(inWrite<ApiKeyRecord>(
        store, [&](const QSqlDatabase &db) { return ApiKeyRepository(db).revoke(keyIds.at(0)); }));
    const Status refused = inWriteStatus(
        store, [&](const QSqlDatabase &db) { return RoleRepository(db).remove(roleId); });
    VERIFY_ERROR(refused, ErrorKind::Conflict, u"Role 'reader' is used by 2 API keys"_s);
    QCOMPARE(refused.error().context.value(u"api_keys"_s).toInteger(), 2);

    // The foreign key refuses it too, for anyone bypassing the repository.
    VERIFY_ERROR(inWriteStatus(store,
                               [&](const QSqlDatabase &db) {
                                   return execConfigSql(db, u"DELETE FROM roles WHERE id = ?"_s,
                                                        { roleId }, u"raw delete"_s);
                               }),
                 ErrorKind::Internal, u"FOREIGN KEY"_s);

    QVERIFY(inWriteStatus(
        store, [&](const QSqlDatabase &db) { return ApiKeyRepository(db).remove(keyIds.at(0)); }));
    VERIFY_ERROR(
        inWriteStatus(store,
                      [&](const QSqlDatabase &db) { return RoleRepository(db).remove(roleId); }),
        ErrorKind::Conflict, u"Role 'reader' is used by 1 API key;"_s);
    QVERIFY(inWriteStatus(
        store, [&](const QSqlDatabase &db) { return ApiKeyRepository(db).remove(keyIds.at(1)); }));
    QVERIFY(inWriteStatus(
        store, [&](const QSqlDatabase &db) { return RoleRepository(db).remove(roleId); }));
    QCOMPARE(scalar(store, u"SELECT count(*) FROM roles"_s), 0);
}

void TestAuthRepositories::apiKeyLifecycle()
{
    ConfigStore &store = *m_store;
    const Result<RoleRecord> reader = inWrite<RoleRecord>(store, [](const QSqlDatabase &db) {
        return RoleRepository(db).create(makeRole(u"reader"_s));
    });
    const Result<RoleRecord> writer = inWrite<RoleRecord>(store, [](const QSqlDatabase &db) {
        return RoleRepository(db).create(makeRole(u"writer"_s));
    });
    QVERIFY(reader);
    QVERIFY(writer);

    const QDateTime expiry(QDate(2031, 2, 3), QTime(4, 5, 6, 7), Qt::UTC);
    ApiKeyRecord input = makeKey(reader->id, u"aa11"_s, u"sluice_aaaaaaaa"_s);
    input.expiresAt = expiry;
    input.rateLimitPerMinute = 30;
    input.roleName = u"ignored"_s;
    input.revokedAt = QDateTime::currentDateTimeUtc(); // ignored on create
    const Result<ApiKeyRecord> first = inWrite<ApiKeyRecord>(
        store, [&](const QSqlDatabase &db) { return ApiKeyRepository(db).create(input); });
    QVERIFY(first);
    QVERIFY(first->id > 0);
    QCOMPARE(first->keyHash, u"aa11"_s);
    QCOMPARE(first->keyPrefix, u"sluice_aaaaaaaa"_s);
    QCOMPARE(first->label, u"label of sluice_aaaaaaaa"_s);
    QCOMPARE(first->roleId, reader->id);
    QCOMPARE(first->roleName, u"reader"_s);
    QCOMPARE(first->expiresAt, expiry);
    QVERIFY(!first->revokedAt.isValid());
    QCOMPARE(first->rateLimitPerMinute, 30);
    QVERIFY(first->createdAt.isValid());

    const Result<ApiKeyRecord> second = inWrite<ApiKeyRecord>(store, [&](const QSqlDatabase &db) {
        return ApiKeyRepository(db).create(makeKey(writer->id, u"bb22"_s, u"sluice_bbbbbbbb"_s));
    });
    QVERIFY(second);
    QVERIFY(!second->expiresAt.isValid()); // never

    // Newest first, with role names.
    auto all = inRead<QList<ApiKeyRecord>>(
        store, [](const QSqlDatabase &db) { return ApiKeyRepository(db).list(); });
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).id, second->id);
    QCOMPARE(all->at(0).roleName, u"writer"_s);
    QCOMPARE(all->at(1).id, first->id);
    QCOMPARE(all->at(1).roleName, u"reader"_s);

    // A renamed role shows under its new name.
    RoleRecord renamed = *reader;
    renamed.name = u"viewer"_s;
    QVERIFY(inWrite<RoleRecord>(
        store, [&](const QSqlDatabase &db) { return RoleRepository(db).update(renamed); }));

    const qint64 firstId = first->id;
    auto byId = inRead<ApiKeyRecord>(
        store, [&](const QSqlDatabase &db) { return ApiKeyRepository(db).get(firstId); });
    QVERIFY(byId);
    QCOMPARE(byId->roleName, u"viewer"_s);
    auto byHash = inRead<ApiKeyRecord>(
        store, [](const QSqlDatabase &db) { return ApiKeyRepository(db).findByHash(u"bb22"_s); });
    QVERIFY(byHash);
    QCOMPARE(byHash->id, second->id);
    VERIFY_ERROR(inRead<ApiKeyRecord>(store,
                                      [](const QSqlDatabase &db) {
                                          return ApiKeyRepository(db).findByHash(u"cc33"_s);
                                      }),
                 ErrorKind::NotFound, u"No such API key"_s);

    // Revoke keeps the first revocation time.
    const QDateTime t1(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
    auto revoked = inWrite<ApiKeyRecord>(
        store, [&](const QSqlDatabase &db) { return ApiKeyRepository(db).revoke(firstId, t1); });
    QVERIFY(revoked);
    QCOMPARE(revoked->revokedAt, t1);
    revoked = inWrite<ApiKeyRecord>(store, [&](const QSqlDatabase &db) {
        return ApiKeyRepository(db).revoke(firstId, t1.addDays(1));
    });
    QVERIFY(revoked);
    QCOMPARE(revoked->revokedAt, t1);
    // Without a time: now.
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    revoked = inWrite<ApiKeyRecord>(store, [](const QSqlDatabase &db) {
        return ApiKeyRepository(db).revokeByPrefix(u"sluice_bbbbbbbb"_s);
    });
    QVERIFY(revoked);
    QCOMPARE(revoked->id, second->id);
    QVERIFY(revoked->revokedAt >= before);
    QVERIFY(revoked->revokedAt <= QDateTime::currentDateTimeUtc());

    // Delete.
    QVERIFY(inWriteStatus(
        store, [&](const QSqlDatabase &db) { return ApiKeyRepository(db).remove(firstId); }));
    const QString missing = u"API key %1 does not exist"_s.arg(firstId);
    VERIFY_ERROR(
        inRead<ApiKeyRecord>(
            store, [&](const QSqlDatabase &db) { return ApiKeyRepository(db).get(firstId); }),
        ErrorKind::NotFound, missing);
    VERIFY_ERROR(
        inWriteStatus(store,
                      [&](const QSqlDatabase &db) { return ApiKeyRepository(db).remove(firstId); }),
        ErrorKind::NotFound, missing);
    VERIFY_ERROR(
        inWrite<ApiKeyRecord>(
            store, [&](const QSqlDatabase &db) { return ApiKeyRepository(db).revoke(firstId); }),
        ErrorKind::NotFound, missing);
}

void TestAuthRepositories::apiKeyErrors()
{
    ConfigStore &store = *m_store;
    const Result<RoleRecord> role = inWrite<RoleRecord>(store, [](const QSqlDatabase &db) {
        return RoleRepository(db).create(makeRole(u"reader"_s));
    });
    QVERIFY(role);
    const auto create = [&](const ApiKeyRecord &key) {
        return inWrite<ApiKeyRecord>(
            store, [&](const QSqlDatabase &db) { return ApiKeyRepository(db).create(key); });
    };
    QVERIFY(create(makeKey(role->id, u"h1"_s, u"sluice_11111111"_s)));

    VERIFY_ERROR(create(makeKey(role->id, u"h1"_s, u"sluice_22222222"_s)), ErrorKind::Conflict,
                 u"An API key with this hash already exists"_s);
    VERIFY_ERROR(create(makeKey(role->id + 100, u"h2"_s, u"sluice_22222222"_s)),
                 ErrorKind::NotFound, u"Role %1 does not exist"_s.arg(role->id + 100));
    VERIFY_ERROR(create(makeKey(role->id, QString(), u"sluice_22222222"_s)), ErrorKind::BadRequest,
                 u"needs a hash"_s);
    VERIFY_ERROR(create(makeKey(role->id, u"h2"_s, QString())), ErrorKind::BadRequest,
                 u"needs a prefix"_s);
    ApiKeyRecord negative = makeKey(role->id, u"h2"_s, u"sluice_22222222"_s);
    negative.rateLimitPerMinute = -5;
    VERIFY_ERROR(create(negative), ErrorKind::BadRequest, u"cannot be negative"_s);
    ApiKeyRecord longLabel = makeKey(role->id, u"h2"_s, u"sluice_22222222"_s);
    longLabel.label = QString(201, u'l');
    VERIFY_ERROR(create(longLabel), ErrorKind::BadRequest, u"limited to 200"_s);
    QCOMPARE(scalar(store, u"SELECT count(*) FROM api_keys"_s), 1);
}

void TestAuthRepositories::apiKeyPrefix()
{
    ConfigStore &store = *m_store;
    const Result<RoleRecord> role = inWrite<RoleRecord>(store, [](const QSqlDatabase &db) {
        return RoleRepository(db).create(makeRole(u"reader"_s));
    });
    QVERIFY(role);
    const QStringList prefixes = { u"sluice_abcd0001"_s, u"sluice_abcd0001"_s, u"sluice_abcd0002"_s,
                                   u"sluiceXabcd0003"_s };
    QList<qint64> ids;
    for (qsizetype i = 0; i < prefixes.size(); ++i) {
        const Result<ApiKeyRecord> key = inWrite<ApiKeyRecord>(store, [&](const QSqlDatabase &db) {
            return ApiKeyRepository(db).create(
                makeKey(role->id, u"hash%1"_s.arg(i), prefixes.at(i)));
        });
        QVERIFY(key);
        ids << key->id;
    }
    const auto find = [&](const QString &prefix) {
        return inRead<ApiKeyRecord>(store, [&](const QSqlDatabase &db) {
            return ApiKeyRepository(db).findByPrefix(prefix);
        });
    };
    // Exactly one match.
    auto found = find(u"sluice_abcd0002"_s);
    QVERIFY(found);
    QCOMPARE(found->id, ids.at(2));
    found = find(u"sluiceX"_s); // '_' is no wildcard: "sluice_…" keys do not match "sluiceX"
    QVERIFY(found);
    QCOMPARE(found->id, ids.at(3));
    // Ambiguous: two keys share a whole prefix, or a shorter prefix covers several.
    VERIFY_ERROR(find(u"sluice_abcd0001"_s), ErrorKind::BadRequest,
                 u"The prefix 'sluice_abcd0001' matches 2 API keys"_s);
    VERIFY_ERROR(find(u"sluice_"_s), ErrorKind::BadRequest, u"matches 3 API keys"_s);
    VERIFY_ERROR(find(u"sluice_ffff"_s), ErrorKind::NotFound,
                 u"No API key has the prefix 'sluice_ffff'"_s);
    VERIFY_ERROR(find(QString()), ErrorKind::BadRequest, u"Give an API key's prefix"_s);

    // revokeByPrefix refuses an ambiguous prefix and revokes nothing.
    VERIFY_ERROR(inWrite<ApiKeyRecord>(store,
                                       [](const QSqlDatabase &db) {
                                           return ApiKeyRepository(db).revokeByPrefix(
                                               u"sluice_abcd0001"_s);
                                       }),
                 ErrorKind::BadRequest, u"matches 2 API keys"_s);
    QCOMPARE(scalar(store, u"SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL"_s), 0);
    VERIFY_ERROR(inWrite<ApiKeyRecord>(store,
                                       [](const QSqlDatabase &db) {
                                           return ApiKeyRepository(db).revokeByPrefix(
                                               u"sluice_9"_s);
                                       }),
                 ErrorKind::NotFound, u"No API key has the prefix 'sluice_9'"_s);
    const Result<ApiKeyRecord> revoked = inWrite<ApiKeyRecord>(store, [](const QSqlDatabase &db) {
        return ApiKeyRepository(db).revokeByPrefix(u"sluice_abcd0002"_s);
    });
    QVERIFY(revoked);
    QCOMPARE(revoked->id, ids.at(2));
    QVERIFY(revoked->revokedAt.isValid());
    QCOMPARE(scalar(store, u"SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL"_s), 1);
}

void TestAuthRepositories::revokedTokens()
{
    ConfigStore &store = *m_store;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto add = [&](const QString &jti, const QDateTime &expiry) {
        return inWriteStatus(
            store, [&](const QSqlDatabase &db) { return TokenRepository(db).add(jti, expiry); });
    };
    const auto revoked = [&](const QString &jti) {
        const Result<bool> r = inRead<bool>(
            store, [&](const QSqlDatabase &db) { return TokenRepository(db).isRevoked(jti); });
        return r ? *r : false;
    };
    QVERIFY(add(u"live"_s, now.addSecs(3600)));
    QVERIFY(add(u"dead"_s, now.addSecs(-10)));
    QVERIFY(add(u"extended"_s, now.addSecs(-10)));
    QVERIFY(add(u"extended"_s, now.addSecs(600))); // the later expiry wins…
    QVERIFY(add(u"live"_s, now.addSecs(5))); // …also when the second is earlier
    VERIFY_ERROR(add(QString(), now), ErrorKind::BadRequest, u"needs its id"_s);
    VERIFY_ERROR(add(u"x"_s, QDateTime()), ErrorKind::BadRequest, u"needs its expiry"_s);

    QVERIFY(revoked(u"live"_s));
    QVERIFY(revoked(u"dead"_s)); // until purged
    QVERIFY(!revoked(u"other"_s));

    auto unexpired = inRead<QHash<QString, QDateTime>>(
        store, [](const QSqlDatabase &db) { return TokenRepository(db).listUnexpired(); });
    QVERIFY(unexpired);
    QCOMPARE(unexpired->size(), 2);
    QCOMPARE(unexpired->value(u"live"_s), now.addSecs(3600));
    QCOMPARE(unexpired->value(u"extended"_s), now.addSecs(600));

    const Result<qint64> purged = inWrite<qint64>(
        store, [](const QSqlDatabase &db) { return TokenRepository(db).purgeExpired(); });
    QVERIFY(purged);
    QCOMPARE(*purged, 1);
    QVERIFY(!revoked(u"dead"_s));
    QVERIFY(revoked(u"live"_s));
    // With an explicit clock, an hour and a bit later everything is gone.
    const Result<qint64> later = inWrite<qint64>(store, [&](const QSqlDatabase &db) {
        return TokenRepository(db).purgeExpired(now.addSecs(3601));
    });
    QVERIFY(later);
    QCOMPARE(*later, 2);
    QCOMPARE(scalar(store, u"SELECT count(*) FROM revoked_tokens"_s), 0);
}

void TestAuthRepositories::oneTransactionAcrossRepositories()
{
    // A role and a key created in one write: when the key fails, the role is not kept either.
    ConfigStore &store = *m_store;
    const Status failed = inWriteStatus(store, [](const QSqlDatabase &db) -> Status {
        const Result<RoleRecord> role = RoleRepository(db).create(makeRole(u"temp"_s));
        if (!role)
            return role.error();
        const Result<ApiKeyRecord> key =
            ApiKeyRepository(db).create(makeKey(role->id, QString(), u"p"_s));
        if (!key)
            return key.error();
        return {};
    });
    VERIFY_ERROR(failed, ErrorKind::BadRequest, u"needs a hash"_s);
    QCOMPARE(scalar(store, u"SELECT count(*) FROM roles"_s), 0);
}

void TestAuthRepositories::dataVersionSeesOtherConnections()
{
    ConfigStore &store = *m_store;
    const auto version = [&] {
        const Result<qint64> v =
            inRead<qint64>(store, [](const QSqlDatabase &db) { return authDataVersion(db); });
        return v ? *v : -1;
    };
    const qint64 v1 = version();
    QVERIFY(v1 >= 0);
    QCOMPARE(version(), v1);

    // A commit on the store's own connection does not change it (documented: the writer
    // invalidates its own caches).
    QVERIFY(inWrite<RoleRecord>(store, [](const QSqlDatabase &db) {
        return RoleRepository(db).create(makeRole(u"own"_s));
    }));
    QCOMPARE(version(), v1);

    // Another connection's commit does.
    {
        SqliteFileConnection other(store.path(), u"other"_s);
        QCOMPARE(other.exec(u"INSERT INTO revoked_tokens (jti, expires_at)"
                            " VALUES ('j', '2999-01-01T00:00:00.000Z')"_s),
                 QString());
    }
    const qint64 v2 = version();
    QVERIFY(v2 != v1);
    QCOMPARE(version(), v2);

    // A reading connection elsewhere does not.
    {
        SqliteFileConnection other(store.path(), u"other"_s);
        QCOMPARE(other.exec(u"SELECT count(*) FROM roles"_s), QString());
    }
    QCOMPARE(version(), v2);
}

void TestAuthRepositories::snapshot()
{
    ConfigStore &store = *m_store;
    const Status filled = inWriteStatus(store, [](const QSqlDatabase &db) -> Status {
        if (auto a = AdminRepository(db).create(makeAdmin(u"ann@example.com"_s)); !a)
            return a.error();
        AdminRecord bob = makeAdmin(u"bob@example.com"_s, u"Bob"_s);
        bob.disabled = true;
        if (auto a = AdminRepository(db).create(bob); !a)
            return a.error();
        auto reader = RoleRepository(db).create(
            makeRole(u"reader"_s,
                     { rule(u"shop"_s, u"_table/*"_s, VerbGet, u"a = 1"_s),
                       rule(u"*"_s, u"_schema"_s, VerbGet) }));
        if (!reader)
            return reader.error();
        if (auto r = RoleRepository(db).create(makeRole(u"empty"_s)); !r)
            return r.error();
        if (auto k =
                ApiKeyRepository(db).create(makeKey(reader->id, u"h1"_s, u"sluice_11111111"_s));
            !k)
            return k.error();
        auto revoked =
            ApiKeyRepository(db).create(makeKey(reader->id, u"h2"_s, u"sluice_22222222"_s));
        if (!revoked)
            return revoked.error();
        if (auto k = ApiKeyRepository(db).revoke(revoked->id); !k)
            return k.error();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (Status t = TokenRepository(db).add(u"jti-live"_s, now.addSecs(600)); !t)
            return t;
        return TokenRepository(db).add(u"jti-expired"_s, now.addSecs(-1));
    });
    QVERIFY2(filled, filled ? "" : qPrintable(filled.error().message));

    const auto check = [](const AuthSnapshotData &data) {
        QCOMPARE(data.admins.size(), 2);
        QCOMPARE(data.admins.at(1).email, u"bob@example.com"_s);
        QCOMPARE(data.admins.at(1).disabled, true);
        QCOMPARE(data.roles.size(), 2);
        QCOMPARE(data.roles.at(0).name, u"empty"_s);
        QCOMPARE(data.roles.at(1).name, u"reader"_s);
        QCOMPARE(ruleTexts(data.roles.at(1).rules),
                 (QStringList { u"shop|_table/*|1|a = 1"_s, u"*|_schema|1|"_s }));
        QCOMPARE(data.keys.size(), 2);
        QCOMPARE(data.keys.at(0).keyHash, u"h2"_s);
        QVERIFY(data.keys.at(0).revokedAt.isValid());
        QCOMPARE(data.keys.at(1).roleName, u"reader"_s);
        QCOMPARE(data.revokedJtis, QSet<QString> { u"jti-live"_s });
    };

    const Result<AuthSnapshotData> read = inRead<AuthSnapshotData>(
        store, [](const QSqlDatabase &db) { return loadAuthSnapshot(db); });
    QVERIFY2(read, read ? "" : qPrintable(read.error().message));
    check(*read);
    const Result<qint64> version =
        inRead<qint64>(store, [](const QSqlDatabase &db) { return authDataVersion(db); });
    QVERIFY(version);
    QCOMPARE(read->dataVersion, *version);

    // Nested in a write transaction (the savepoint must not end the outer transaction).
    const Result<AuthSnapshotData> nested =
        inWrite<AuthSnapshotData>(store, [](const QSqlDatabase &db) -> Result<AuthSnapshotData> {
            Result<AuthSnapshotData> data = loadAuthSnapshot(db);
            if (!data)
                return data;
            // Still inside the outer transaction: this change commits with it.
            if (Status t = TokenRepository(db).add(u"jti-later"_s,
                                                   QDateTime::currentDateTimeUtc().addSecs(60));
                !t)
                return t.error();
            return data;
        });
    QVERIFY2(nested, nested ? "" : qPrintable(nested.error().message));
    check(*nested);
    const Result<AuthSnapshotData> again = inRead<AuthSnapshotData>(
        store, [](const QSqlDatabase &db) { return loadAuthSnapshot(db); });
    QVERIFY(again);
    QCOMPARE(again->revokedJtis, (QSet<QString> { u"jti-live"_s, u"jti-later"_s }));
}

} // namespace sluice::test

QTEST_GUILESS_MAIN(sluice::test::TestAuthRepositories)
#include "tst_authrepositories.moc"
