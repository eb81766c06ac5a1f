#include "audit/auditlog.h"

#include "pgserver.h"
#include "sqlitefile.h"
#include "valueorwarn.h"
#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

// Built twice: tst_auditlog runs every case on the data directory's audit.db, tst_auditlog_pg
// (SLUICE_TEST_PG) on a shared PostgreSQL state store (API.md §15), a database of its own per
// case on the test PostgreSQL server.
#ifdef SLUICE_TEST_PG
constexpr bool OnPostgres = true;
#else
constexpr bool OnPostgres = false;
#endif

namespace sluice::test {

namespace {

// Where one case's audit log lives, and raw SQL on it as another program would run it.
class TestStore
{
public:
    TestStore()
    {
        m_location.dataDir = m_tmp.path();
        if (!OnPostgres)
            return;
        m_pg = PgServer::shared();
        if (!m_pg)
            return;
        static QAtomicInteger<int> counter;
        m_database = u"audit_%1"_s.arg(counter.fetchAndAddRelaxed(1) + 1);
        if (!m_pg->createDatabase(m_database)) {
            m_error = u"cannot create database "_s + m_database;
            return;
        }
        m_location.postgresDsn =
            u"postgres://%1:%2@%3:%4/%5"_s.arg(m_pg->user(), m_pg->password(), m_pg->host())
                .arg(m_pg->port())
                .arg(m_database);
        m_location.applyPostgresDsn = [pg = m_pg, database = m_database](QSqlDatabase &db,
                                                                         const QString &) {
            applyServer(db, *pg, database);
            return Status();
        };
    }
    ~TestStore() { QSqlDatabase::removeDatabase(u"raw-pg"_s); }

    // False when tst_auditlog_pg finds no PostgreSQL server to start (the case skips).
    bool available() const { return !OnPostgres || m_pg; }
    QString error() const { return m_error; }
    StoreLocation location() const { return m_location; }
    QString dataDir() const { return m_tmp.path(); }
    PgServer *pg() const { return m_pg; }
    QString database() const { return m_database; }

    // PostgreSQL only. The store goes away for this case's logs: the database accepts no
    // connection, and those it has are cut (as in a restart or a failover). And comes back.
    bool goAway()
    {
        return m_pg->execIn(u"postgres"_s,
                            u"ALTER DATABASE %1 ALLOW_CONNECTIONS false;"
                            " SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            " WHERE datname = '%1'"_s.arg(m_database));
    }
    bool comeBack()
    {
        return m_pg->execIn(u"postgres"_s,
                            u"ALTER DATABASE %1 ALLOW_CONNECTIONS true"_s.arg(m_database));
    }
    // Cuts the connections to the database, which takes new ones at once.
    bool cutConnections()
    {
        return m_pg->execIn(u"postgres"_s,
                            u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            " WHERE datname = '%1'"_s.arg(m_database));
    }

    // The error text, or an empty string on success.
    QString exec(const QString &sql)
    {
        if (!OnPostgres)
            return SqliteFileConnection(m_tmp.filePath(u"audit.db"_s)).exec(sql);
        QSqlDatabase db = rawPostgres();
        QSqlQuery query(db);
        return query.exec(sql) ? QString() : query.lastError().text();
    }
    // The first column of the first row, or "error: " and the error text.
    QString scalar(const QString &sql)
    {
        if (!OnPostgres)
            return SqliteFileConnection(m_tmp.filePath(u"audit.db"_s)).scalar(sql);
        QSqlDatabase db = rawPostgres();
        QSqlQuery query(db);
        if (!query.exec(sql) || !query.next())
            return u"error: "_s + query.lastError().text();
        return query.value(0).toString();
    }

private:
    static void applyServer(QSqlDatabase &db, const PgServer &pg, const QString &database)
    {
        db.setHostName(pg.host());
        db.setPort(pg.port());
        db.setUserName(pg.user());
        db.setPassword(pg.password());
        db.setDatabaseName(database);
    }
    // Connected afresh each time: the outage cases cut connections to the database.
    QSqlDatabase rawPostgres()
    {
        QSqlDatabase db = QSqlDatabase::database(u"raw-pg"_s, false);
        if (!db.isValid()) {
            db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"raw-pg"_s);
            applyServer(db, *m_pg, m_database);
        }
        db.close();
        db.open();
        return db;
    }

    QTemporaryDir m_tmp;
    StoreLocation m_location;
    PgServer *m_pg = nullptr;
    QString m_database;
    QString m_error;
};

std::unique_ptr<AuditLog> openOrFail(const TestStore &store)
{
    return valueOrWarn(AuditLog::open(store.location()));
}

std::unique_ptr<AuditLog> openOrFail(const QString &dataDir)
{
    return valueOrWarn(AuditLog::open(dataDir));
}

// The total of everything in the log, or -1 when it cannot be read.
qint64 totalIn(AuditLog &log)
{
    const Result<AuditPage> page = log.query({});
    return page ? page->total : -1;
}

const QDateTime T0(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);

AuditEntry makeEntry(const QString &actor, const QString &action, const QDateTime &at,
                     const QString &service = {})
{
    AuditEntry entry;
    entry.at = at;
    entry.actor = actor;
    entry.action = action;
    entry.service = service;
    entry.status = 200;
    entry.requestId = u"req-%1-%2"_s.arg(action).arg(at.toSecsSinceEpoch());
    return entry;
}

QStringList requestIds(const QList<AuditEntry> &entries)
{
    QStringList ids;
    for (const AuditEntry &entry : entries)
        ids << entry.requestId;
    return ids;
}

} // namespace

// A TestStore named `store` for the case: skips when there is no PostgreSQL server to use.
#define TEST_STORE(store)                                                                          \
    TestStore store;                                                                               \
    if (!store.available())                                                                        \
        QSKIP("no PostgreSQL server could be started");                                            \
    QVERIFY2(store.error().isEmpty(), qPrintable(store.error()))

class TestAuditLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensPrivateWalFile();
    void appendAndQueryRoundTrip();
    void appendFillsInTheTime();
    void queryFilters_data();
    void queryFilters();
    void paging();
    void badPaging_data();
    void badPaging();
    void appendOnly();
    void concurrentAppends();
    void destructorWritesWhatIsQueued();
    void secondProcessSharesTheFile();
    void touchKeyCoalesces();
    void tenantRoundTripAndFilter();
    void upgradesAVersion1File();
    void concurrentOpens();
    void storeGoesAwayAndComesBack();
    void cutConnectionsWhileAppending();
    void destroyedWhileTheStoreIsAway();
};

void TestAuditLog::opensPrivateWalFile()
{
    if (OnPostgres) {
        // The tables of a shared store, its version in a table of its own; named without the
        // password; no file in the data directory.
        TEST_STORE(store);
        for (int open = 0; open < 2; ++open) { // opening again changes nothing
            auto log = openOrFail(store);
            QVERIFY(log);
            QVERIFY2(log->path().contains(store.database()), qPrintable(log->path()));
            QVERIFY2(!log->path().contains(u":sluice@"_s), qPrintable(log->path()));
            QCOMPARE(store.scalar(u"SELECT count(*) FROM audit_schema_version"_s), u"1"_s);
            QCOMPARE(store.scalar(u"SELECT version FROM audit_schema_version"_s), u"2"_s);
            QCOMPARE(store.scalar(u"SELECT count(*) FROM audit_entries"_s), u"0"_s);
            QCOMPARE(store.scalar(u"SELECT count(*) FROM key_usage"_s), u"0"_s);
        }
        QVERIFY(!QFile::exists(store.dataDir() + u"/audit.db"_s));
        return;
    }
    QTemporaryDir tmp;
    const QString dataDir = tmp.filePath(u"nested/data"_s);
    auto log = openOrFail(dataDir);
    QVERIFY(log);
    QCOMPARE(log->path(), QFileInfo(dataDir + u"/audit.db"_s).absoluteFilePath());
    QCOMPARE(unixMode(dataDir), 0700);
    QCOMPARE(unixMode(log->path()), 0600);
    SqliteFileConnection raw(log->path());
    QCOMPARE(raw.scalar(u"PRAGMA journal_mode"_s), u"wal"_s);
    QCOMPARE(raw.scalar(u"PRAGMA user_version"_s), u"2"_s);
}

void TestAuditLog::appendAndQueryRoundTrip()
{
    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);

    AuditEntry full;
    full.at = QDateTime(QDate(2025, 3, 1), QTime(12, 0, 0, 250), Qt::UTC);
    full.actor = u"key:sluice_1a2b3c4d"_s;
    full.action = u"data.write"_s;
    full.service = u"shop"_s;
    full.table = u"books"_s;
    full.verb = u"PATCH"_s;
    full.rows = 0; // zero rows is a value, not "absent"
    full.status = 200;
    full.requestId = u"r-1"_s;
    full.detail = u"ids=1,2"_s;
    log->append(full);

    AuditEntry bare;
    bare.at = full.at.addSecs(1);
    bare.actor = u"anonymous"_s;
    bare.action = u"auth.failed"_s;
    bare.status = 401;
    bare.requestId = u"r-2"_s;
    log->append(bare);
    log->flush();

    const Result<AuditPage> page = log->query({});
    QVERIFY(page);
    QCOMPARE(page->total, 2);
    QCOMPARE(page->entries.size(), 2);
    const AuditEntry &newest = page->entries.at(0);
    QVERIFY(newest.id > 0);
    QCOMPARE(newest.at, bare.at);
    QCOMPARE(newest.actor, u"anonymous"_s);
    QCOMPARE(newest.action, u"auth.failed"_s);
    QCOMPARE(newest.status, 401);
    QCOMPARE(newest.requestId, u"r-2"_s);
    QVERIFY(newest.service.isEmpty());
    QVERIFY(newest.table.isEmpty());
    QVERIFY(newest.verb.isEmpty());
    QVERIFY(!newest.rows.has_value());
    QVERIFY(newest.detail.isEmpty());

    const AuditEntry &oldest = page->entries.at(1);
    QVERIFY(oldest.id < newest.id);
    QCOMPARE(oldest.at, full.at);
    QCOMPARE(oldest.at.timeSpec(), Qt::UTC);
    QCOMPARE(oldest.actor, full.actor);
    QCOMPARE(oldest.action, full.action);
    QCOMPARE(oldest.service, u"shop"_s);
    QCOMPARE(oldest.table, u"books"_s);
    QCOMPARE(oldest.verb, u"PATCH"_s);
    QVERIFY(oldest.rows.has_value());
    QCOMPARE(*oldest.rows, 0);
    QCOMPARE(oldest.status, 200);
    QCOMPARE(oldest.requestId, u"r-1"_s);
    QCOMPARE(oldest.detail, u"ids=1,2"_s);

    // Absent fields are NULL in the file, not '' (so SQL filters like "service IS NULL" work).
    // The time is kept as the same text in both stores.
    QCOMPARE(store.scalar(u"SELECT at FROM audit_entries WHERE request_id = 'r-1'"_s),
             u"2025-03-01T12:00:00.250Z"_s);
    QCOMPARE(store.scalar(u"SELECT count(*) FROM audit_entries WHERE service IS NULL"
                          " AND table_name IS NULL AND verb IS NULL AND row_count IS NULL"
                          " AND detail IS NULL"_s),
             u"1"_s);
}

void TestAuditLog::appendFillsInTheTime()
{
    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    log->append(makeEntry(u"cli"_s, u"service.create"_s, QDateTime()));
    const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);
    // No flush(): query() itself waits for what was appended before it.
    const Result<AuditPage> page = log->query({});
    QVERIFY(page);
    QCOMPARE(page->entries.size(), 1);
    QVERIFY(page->entries.at(0).at >= before);
    QVERIFY(page->entries.at(0).at <= after);
}

void TestAuditLog::queryFilters_data()
{
    QTest::addColumn<QDateTime>("since");
    QTest::addColumn<QDateTime>("until");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QStringList>("expected"); // request ids, newest first

    // The entries (see queryFilters): e1 … e5 at T0 + 0, 10, 20, 30, 40 minutes.
    const QStringList all = { u"e5"_s, u"e4"_s, u"e3"_s, u"e2"_s, u"e1"_s };
    QTest::newRow("none") << QDateTime() << QDateTime() << QString() << QString() << QString()
                          << all;
    QTest::newRow("since (inclusive)")
        << T0.addSecs(20 * 60) << QDateTime() << QString() << QString() << QString()
        << QStringList { u"e5"_s, u"e4"_s, u"e3"_s };
    QTest::newRow("until (exclusive)")
        << QDateTime() << T0.addSecs(20 * 60) << QString() << QString() << QString()
        << QStringList { u"e2"_s, u"e1"_s };
    QTest::newRow("since and until")
        << T0.addSecs(5 * 60) << T0.addSecs(35 * 60) << QString() << QString() << QString()
        << QStringList { u"e4"_s, u"e3"_s, u"e2"_s };
    QTest::newRow("since in another zone")
        << T0.addSecs(30 * 60).toOffsetFromUtc(2 * 3600) << QDateTime() << QString() << QString()
        << QString() << QStringList { u"e5"_s, u"e4"_s };
    QTest::newRow("actor") << QDateTime() << QDateTime() << u"admin:ann@example.com"_s << QString()
                           << QString() << QStringList { u"e4"_s, u"e1"_s };
    QTest::newRow("action") << QDateTime() << QDateTime() << QString() << u"data.write"_s
                            << QString() << QStringList { u"e5"_s, u"e3"_s, u"e2"_s };
    QTest::newRow("service") << QDateTime() << QDateTime() << QString() << QString() << u"shop"_s
                             << QStringList { u"e3"_s, u"e2"_s };
    QTest::newRow("actor and action")
        << QDateTime() << QDateTime() << u"key:sluice_1"_s << u"data.write"_s << QString()
        << QStringList { u"e3"_s, u"e2"_s };
    QTest::newRow("all filters") << T0.addSecs(15 * 60) << T0.addSecs(60 * 60) << u"key:sluice_2"_s
                                 << u"data.write"_s << u"crm"_s << QStringList { u"e5"_s };
    QTest::newRow("no match") << QDateTime() << QDateTime() << u"nobody"_s << QString() << QString()
                              << QStringList();
    QTest::newRow("actor is exact, not a prefix") << QDateTime() << QDateTime() << u"key:sluice_"_s
                                                  << QString() << QString() << QStringList();
}

void TestAuditLog::queryFilters()
{
    QFETCH(QDateTime, since);
    QFETCH(QDateTime, until);
    QFETCH(QString, actor);
    QFETCH(QString, action);
    QFETCH(QString, service);
    QFETCH(QStringList, expected);

    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);
    const struct
    {
        const char16_t *id, *actor, *action, *service;
        int minutes;
    } rows[] = {
        // Appended out of time order: "newest first" is by time, not by insertion.
        { u"e2", u"key:sluice_1", u"data.write", u"shop", 10 },
        { u"e1", u"admin:ann@example.com", u"auth.login", u"", 0 },
        { u"e3", u"key:sluice_1", u"data.write", u"shop", 20 },
        { u"e5", u"key:sluice_2", u"data.write", u"crm", 40 },
        { u"e4", u"admin:ann@example.com", u"role.create", u"", 30 },
    };
    for (const auto &row : rows) {
        AuditEntry entry = makeEntry(QString::fromUtf16(row.actor), QString::fromUtf16(row.action),
                                     T0.addSecs(row.minutes * 60), QString::fromUtf16(row.service));
        entry.requestId = QString::fromUtf16(row.id);
        log->append(entry);
    }
    AuditQuery query;
    query.since = since;
    query.until = until;
    query.actor = actor;
    query.action = action;
    query.service = service;
    const Result<AuditPage> page = log->query(query);
    QVERIFY2(page, page ? "" : qPrintable(page.error().message));
    QCOMPARE(requestIds(page->entries), expected);
    QCOMPARE(page->total, expected.size());
}

void TestAuditLog::paging()
{
    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);
    for (int i = 0; i < 25; ++i) {
        AuditEntry entry = makeEntry(u"cli"_s, i % 2 ? u"odd"_s : u"even"_s, T0.addSecs(i));
        entry.requestId = QString::number(i);
        log->append(entry);
    }
    QStringList seen;
    const QList<std::pair<int, int>> pages = { { 0, 10 }, { 10, 10 }, { 20, 5 } };
    for (const auto &[offset, size] : pages) {
        AuditQuery query;
        query.limit = 10;
        query.offset = offset;
        const Result<AuditPage> page = log->query(query);
        QVERIFY(page);
        QCOMPARE(page->total, 25);
        QCOMPARE(page->entries.size(), size);
        seen += requestIds(page->entries);
    }
    QStringList expected;
    for (int i = 24; i >= 0; --i)
        expected << QString::number(i);
    QCOMPARE(seen, expected);

    // Past the end: nothing, but still the total. With a filter: the filtered total.
    AuditQuery past;
    past.offset = 100;
    const Result<AuditPage> empty = log->query(past);
    QVERIFY(empty);
    QVERIFY(empty->entries.isEmpty());
    QCOMPARE(empty->total, 25);
    AuditQuery odd;
    odd.action = u"odd"_s;
    odd.limit = 3;
    odd.offset = 1;
    const Result<AuditPage> oddPage = log->query(odd);
    QVERIFY(oddPage);
    QCOMPARE(oddPage->total, 12);
    QCOMPARE(requestIds(oddPage->entries), (QStringList { u"21"_s, u"19"_s, u"17"_s }));
}

void TestAuditLog::badPaging_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("message"); // empty: accepted
    QTest::newRow("smallest") << 1 << 0 << QString();
    QTest::newRow("largest") << AuditQuery::MaxLimit << 0 << QString();
    QTest::newRow("zero limit") << 0 << 0 << u"limit must be between 1 and 1000"_s;
    QTest::newRow("negative limit") << -1 << 0 << u"limit must be between 1 and 1000"_s;
    QTest::newRow("limit too large")
        << AuditQuery::MaxLimit + 1 << 0 << u"limit must be between 1 and 1000"_s;
    QTest::newRow("negative offset") << 10 << -1 << u"offset cannot be negative"_s;
}

void TestAuditLog::badPaging()
{
    QFETCH(int, limit);
    QFETCH(int, offset);
    QFETCH(QString, message);
    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);
    AuditQuery query;
    query.limit = limit;
    query.offset = offset;
    const Result<AuditPage> page = log->query(query);
    if (message.isEmpty()) {
        QVERIFY(page);
        return;
    }
    QVERIFY(!page);
    QCOMPARE(page.error().kind, ErrorKind::BadRequest);
    QCOMPARE(page.error().message, message);
}

void TestAuditLog::appendOnly()
{
    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);
    log->append(makeEntry(u"admin:ann@example.com"_s, u"role.delete"_s, T0));
    log->flush();

    // The connection can write (an INSERT works), so the refusals below come from the triggers.
    QCOMPARE(store.exec(u"INSERT INTO audit_entries (at, actor, action, status, request_id)"
                        " VALUES ('2025-03-01T13:00:00.000Z', 'raw', 'raw.insert', 0, 'x')"_s),
             QString());
    const QString update = store.exec(u"UPDATE audit_entries SET actor = 'someone else'"_s);
    QVERIFY2(update.contains(u"the audit log is append-only"_s), qPrintable(update));
    const QString remove = store.exec(u"DELETE FROM audit_entries WHERE action = 'role.delete'"_s);
    QVERIFY2(remove.contains(u"the audit log is append-only"_s), qPrintable(remove));
    const QString removeAll = store.exec(u"DELETE FROM audit_entries"_s);
    QVERIFY2(removeAll.contains(u"the audit log is append-only"_s), qPrintable(removeAll));
    if (OnPostgres) {
        const QString truncate = store.exec(u"TRUNCATE audit_entries"_s);
        QVERIFY2(truncate.contains(u"the audit log is append-only"_s), qPrintable(truncate));
    }

    const Result<AuditPage> page = log->query({});
    QVERIFY(page);
    QCOMPARE(page->total, 2);
    QCOMPARE(page->entries.at(1).actor, u"admin:ann@example.com"_s);
    QCOMPARE(page->entries.at(1).action, u"role.delete"_s);
}

void TestAuditLog::concurrentAppends()
{
    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);
    constexpr int Threads = 4;
    constexpr int PerThread = 500;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < Threads; ++t) {
        AuditLog *target = log.get();
        threads.emplace_back(QThread::create([target, t] {
            for (int i = 0; i < PerThread; ++i) {
                AuditEntry entry = makeEntry(u"worker-%1"_s.arg(t), u"data.read"_s, QDateTime());
                entry.requestId = u"%1-%2"_s.arg(t).arg(i);
                target->append(entry);
            }
        }));
        threads.back()->start();
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait());
    log->flush();

    AuditQuery all;
    all.limit = AuditQuery::MaxLimit;
    const Result<AuditPage> page = log->query(all);
    QVERIFY(page);
    QCOMPARE(page->total, Threads * PerThread);
    for (int t = 0; t < Threads; ++t) {
        AuditQuery one;
        one.actor = u"worker-%1"_s.arg(t);
        const Result<AuditPage> mine = log->query(one);
        QVERIFY(mine);
        QCOMPARE(mine->total, PerThread);
    }
    QCOMPARE(store.scalar(u"SELECT count(DISTINCT request_id) FROM audit_entries"_s),
             QString::number(Threads * PerThread));
}

void TestAuditLog::destructorWritesWhatIsQueued()
{
    TEST_STORE(store);
    {
        auto log = openOrFail(store);
        QVERIFY(log);
        for (int i = 0; i < 300; ++i)
            log->append(makeEntry(u"cli"_s, u"shutdown.test"_s, T0.addSecs(i)));
        log->touchKey(7, T0);
        // No flush(): the destructor must write everything still queued.
    }
    QCOMPARE(store.scalar(u"SELECT count(*) FROM audit_entries"_s), u"300"_s);
    auto log = openOrFail(store);
    QVERIFY(log);
    const Result<AuditPage> page = log->query({});
    QVERIFY(page);
    QCOMPARE(page->total, 300);
    const Result<QHash<qint64, QDateTime>> used = log->keyLastUsed();
    QVERIFY(used);
    QCOMPARE(used->value(7), T0);
    // Appending after a reopen continues the same log.
    log->append(makeEntry(u"cli"_s, u"after.reopen"_s, T0.addSecs(1000)));
    const Result<AuditPage> more = log->query({});
    QVERIFY(more);
    QCOMPARE(more->total, 301);
    QCOMPARE(more->entries.at(0).action, u"after.reopen"_s);
}

void TestAuditLog::secondProcessSharesTheFile()
{
    // Two logs on one file, as the server and the `sluice audit` CLI are: both write and
    // both see everything.
    TEST_STORE(store);
    auto server = openOrFail(store);
    auto cli = openOrFail(store);
    QVERIFY(server);
    QVERIFY(cli);
    for (int i = 0; i < 200; ++i) {
        server->append(makeEntry(u"server"_s, u"data.write"_s, T0.addSecs(i)));
        cli->append(makeEntry(u"cli"_s, u"service.create"_s, T0.addSecs(i)));
    }
    server->flush();
    cli->flush();
    for (AuditLog *log : { server.get(), cli.get() }) {
        const Result<AuditPage> page = log->query({});
        QVERIFY(page);
        QCOMPARE(page->total, 400);
    }
}

void TestAuditLog::touchKeyCoalesces()
{
    TEST_STORE(store);
    {
        auto log = openOrFail(store);
        QVERIFY(log);
        log->touchKey(1, T0);
        log->touchKey(1, T0.addSecs(30)); // within the minute: not written
        log->touchKey(1, T0.addSecs(59));
        log->touchKey(2, T0.addSecs(10));
        Result<QHash<qint64, QDateTime>> used = log->keyLastUsed();
        QVERIFY(used);
        QCOMPARE(used->size(), 2);
        QCOMPARE(used->value(1), T0);
        QCOMPARE(used->value(2), T0.addSecs(10));

        log->touchKey(1, T0.addSecs(60)); // a minute after the last write: written
        log->touchKey(1, T0.addSecs(20)); // late and old: never moves the time back
        used = log->keyLastUsed();
        QVERIFY(used);
        QCOMPARE(used->value(1), T0.addSecs(60));
    }
    // Persisted; a new log writes a key's first touch even within the minute, but an older
    // time never overwrites a newer one.
    auto log = openOrFail(store);
    QVERIFY(log);
    log->touchKey(1, T0.addSecs(61));
    log->touchKey(2, T0);
    const Result<QHash<qint64, QDateTime>> used = log->keyLastUsed();
    QVERIFY(used);
    QCOMPARE(used->value(1), T0.addSecs(61));
    QCOMPARE(used->value(2), T0.addSecs(10));
    QCOMPARE(store.scalar(u"SELECT count(*) FROM key_usage"_s), u"2"_s);
}

void TestAuditLog::tenantRoundTripAndFilter()
{
    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);
    const QStringList ids { u"a1"_s, u"b1"_s, u"n1"_s, u"a2"_s };
    const QStringList tenants { u"acme"_s, u"beta"_s, QString(), u"acme"_s };
    for (qsizetype i = 0; i < ids.size(); ++i) {
        AuditEntry entry = makeEntry(u"key:sluice_1"_s, u"data.write"_s, T0.addSecs(i));
        entry.requestId = ids.at(i);
        entry.tenant = tenants.at(i);
        log->append(entry);
    }
    AuditQuery query;
    query.tenant = u"acme"_s;
    Result<AuditPage> page = log->query(query);
    QVERIFY(page);
    QCOMPARE(requestIds(page->entries), QStringList({ u"a2"_s, u"a1"_s }));
    for (const AuditEntry &e : page->entries)
        QCOMPARE(e.tenant, u"acme"_s);
    query.tenant = u"nobody"_s;
    page = log->query(query);
    QVERIFY(page);
    QCOMPARE(page->total, 0);
    page = log->query({});
    QVERIFY(page);
    QCOMPARE(page->total, 4);
    // None: NULL in the file, as the other absent fields.
    QCOMPARE(store.scalar(u"SELECT request_id FROM audit_entries WHERE tenant IS NULL"_s), u"n1"_s);
}

// An audit.db written before entries had a tenant (version 1) gains the column on open: its
// entries stay, without a tenant, still append-only, and new ones carry theirs.
void TestAuditLog::upgradesAVersion1File()
{
    if (OnPostgres)
        QSKIP("audit.db only: a shared store's tables were made at version 2");
    QTemporaryDir tmp;
    const QString path = tmp.filePath(u"audit.db"_s);
    {
        SqliteFileConnection old(path, u"version1"_s);
        for (const QString &sql : {
                 u"CREATE TABLE audit_entries (id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
                 " actor TEXT NOT NULL, action TEXT NOT NULL, service TEXT, table_name TEXT,"
                 " verb TEXT, row_count INTEGER, status INTEGER NOT NULL,"
                 " request_id TEXT NOT NULL, detail TEXT)"_s,
                 u"CREATE INDEX audit_entries_by_at ON audit_entries (at)"_s,
                 u"CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries"
                 " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"_s,
                 u"CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries"
                 " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"_s,
                 u"CREATE TABLE key_usage (key_id INTEGER PRIMARY KEY,"
                 " last_used_at TEXT NOT NULL)"_s,
                 u"INSERT INTO audit_entries (at, actor, action, status, request_id)"
                 " VALUES ('2025-03-01T12:00:00.000Z', 'cli', 'role.create', 200, 'old-1')"_s,
                 u"PRAGMA user_version = 1"_s,
             }) {
            QCOMPARE(old.exec(sql), QString());
        }
    }
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    auto log = openOrFail(tmp.path());
    QVERIFY(log);
    AuditEntry entry = makeEntry(u"key:sluice_1"_s, u"data.write"_s, T0.addSecs(60));
    entry.requestId = u"new-1"_s;
    entry.tenant = u"acme"_s;
    log->append(entry);
    const Result<AuditPage> page = log->query({});
    QVERIFY(page);
    QCOMPARE(requestIds(page->entries), QStringList({ u"new-1"_s, u"old-1"_s }));
    QCOMPARE(page->entries.at(0).tenant, u"acme"_s);
    QVERIFY(page->entries.at(1).tenant.isEmpty());
    AuditQuery byTenant;
    byTenant.tenant = u"acme"_s;
    QCOMPARE(requestIds(log->query(byTenant)->entries), QStringList { u"new-1"_s });

    SqliteFileConnection raw(path);
    QCOMPARE(raw.scalar(u"PRAGMA user_version"_s), u"2"_s);
    QVERIFY(raw.exec(u"UPDATE audit_entries SET tenant = 'evil'"_s).contains(u"append-only"_s));
    QCOMPARE(raw.scalar(u"SELECT count(*) FROM sqlite_master WHERE name = "
                        "'audit_entries_by_tenant'"_s),
             u"1"_s);
    // Opening it again changes nothing.
    log.reset();
    QVERIFY(openOrFail(tmp.path()));
    QCOMPARE(raw.scalar(u"SELECT count(*) FROM audit_entries"_s), u"2"_s);
}

// Several instances starting at once on a store without the tables: each opens, the schema is
// made once, and all append to it.
void TestAuditLog::concurrentOpens()
{
    TEST_STORE(store);
    constexpr int Instances = 4;
    std::unique_ptr<AuditLog> logs[Instances];
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < Instances; ++i) {
        threads.emplace_back(QThread::create([&store, &logs, i] {
            logs[i] = openOrFail(store);
            if (logs[i])
                logs[i]->append(makeEntry(u"instance-%1"_s.arg(i), u"started"_s, T0.addSecs(i)));
        }));
        threads.back()->start();
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait());
    for (int i = 0; i < Instances; ++i) {
        QVERIFY(logs[i]);
        logs[i]->flush();
    }
    for (auto &log : logs)
        QCOMPARE(totalIn(*log), Instances);
    if (OnPostgres)
        QCOMPARE(store.scalar(u"SELECT count(*) FROM audit_schema_version"_s), u"1"_s);
}

// A shared store that goes away while the log serves: append() goes on, flush() does not wait
// for the store, reading says it is unavailable; once the store answers again, everything
// queued meanwhile is written, nothing lost, nothing twice.
void TestAuditLog::storeGoesAwayAndComesBack()
{
    if (!OnPostgres)
        QSKIP("a shared store only");
    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);
    for (int i = 0; i < 50; ++i) {
        AuditEntry entry = makeEntry(u"server"_s, u"before"_s, T0.addSecs(i));
        entry.requestId = u"before-%1"_s.arg(i);
        log->append(entry);
    }
    log->flush();
    QCOMPARE(totalIn(*log), 50);

    QVERIFY(store.goAway());
    for (int i = 0; i < 200; ++i) {
        AuditEntry entry = makeEntry(u"server"_s, u"during"_s, T0.addSecs(100 + i));
        entry.requestId = u"during-%1"_s.arg(i);
        log->append(entry);
    }
    log->touchKey(5, T0.addSecs(100));
    log->flush(); // returns: what is queued stays queued
    const Result<AuditPage> away = log->query({});
    QVERIFY(!away);
    QCOMPARE(away.error().kind, ErrorKind::Unavailable);
    for (int i = 0; i < 20; ++i) {
        AuditEntry entry = makeEntry(u"server"_s, u"during"_s, T0.addSecs(300 + i));
        entry.requestId = u"late-%1"_s.arg(i);
        log->append(entry);
    }

    QVERIFY(store.comeBack());
    QTRY_COMPARE_WITH_TIMEOUT(totalIn(*log), 270, 30'000);
    QCOMPARE(store.scalar(u"SELECT count(DISTINCT request_id) FROM audit_entries"_s), u"270"_s);
    const Result<QHash<qint64, QDateTime>> used = log->keyLastUsed();
    QVERIFY(used);
    QCOMPARE(used->value(5), T0.addSecs(100));
    // Appending goes on as before.
    log->append(makeEntry(u"server"_s, u"after"_s, T0.addSecs(1000)));
    QCOMPARE(totalIn(*log), 271);
}

// Connections cut again and again while two threads append: every entry arrives. (A COMMIT cut
// off after the store made it durable is written again: entries may at worst be there twice.)
void TestAuditLog::cutConnectionsWhileAppending()
{
    if (!OnPostgres)
        QSKIP("a shared store only");
    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);
    constexpr int Threads = 2;
    constexpr int PerThread = 1500;
    QAtomicInteger<int> appended;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < Threads; ++t) {
        AuditLog *target = log.get();
        threads.emplace_back(QThread::create([target, t, &appended] {
            for (int i = 0; i < PerThread; ++i) {
                AuditEntry entry = makeEntry(u"worker-%1"_s.arg(t), u"data.read"_s, QDateTime());
                entry.requestId = u"%1-%2"_s.arg(t).arg(i);
                target->append(entry);
                appended.fetchAndAddRelaxed(1);
                if (i % 100 == 0)
                    QThread::yieldCurrentThread();
            }
        }));
        threads.back()->start();
    }
    for (int cut = 0; cut < 5; ++cut)
        QVERIFY(store.cutConnections());
    for (const auto &thread : threads)
        QVERIFY(thread->wait());
    QCOMPARE(appended.loadRelaxed(), Threads * PerThread);
    QTRY_COMPARE_WITH_TIMEOUT(
        store.scalar(u"SELECT count(DISTINCT request_id) FROM audit_entries"_s),
        QString::number(Threads * PerThread), 30'000);
    QVERIFY(store.scalar(u"SELECT count(*) FROM audit_entries"_s).toInt() >= Threads * PerThread);
}

// A log destroyed while its store is away waits for the store to answer again and then
// writes what is queued.
void TestAuditLog::destroyedWhileTheStoreIsAway()
{
    if (!OnPostgres)
        QSKIP("a shared store only");
    TEST_STORE(store);
    auto log = openOrFail(store);
    QVERIFY(log);
    log->append(makeEntry(u"server"_s, u"before"_s, T0));
    log->flush();
    QVERIFY(store.goAway());
    for (int i = 0; i < 100; ++i)
        log->append(makeEntry(u"server"_s, u"during"_s, T0.addSecs(1 + i)));
    std::unique_ptr<QThread> destroyer(QThread::create([&log] { log.reset(); }));
    destroyer->start();
    QVERIFY(store.comeBack());
    QVERIFY(destroyer->wait());
    QCOMPARE(store.scalar(u"SELECT count(*) FROM audit_entries"_s), u"101"_s);
}

} // namespace sluice::test

QTEST_GUILESS_MAIN(sluice::test::TestAuditLog)
#include "tst_auditlog.moc"
