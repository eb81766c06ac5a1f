#include "audit/auditlog.h"

#include "sqlitefile.h"
#include "valueorwarn.h"
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {

std::unique_ptr<AuditLog> openOrFail(const QString &dir)
{
    return valueOrWarn(AuditLog::open(dir));
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
};

void TestAuditLog::opensPrivateWalFile()
{
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
    QTemporaryDir tmp;
    auto log = openOrFail(tmp.path());
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
    SqliteFileConnection raw(log->path());
    QCOMPARE(raw.scalar(u"SELECT count(*) FROM audit_entries WHERE service IS NULL"
                        " AND table_name IS NULL AND verb IS NULL AND row_count IS NULL"
                        " AND detail IS NULL"_s),
             u"1"_s);
}

void TestAuditLog::appendFillsInTheTime()
{
    QTemporaryDir tmp;
    auto log = openOrFail(tmp.path());
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

    QTemporaryDir tmp;
    auto log = openOrFail(tmp.path());
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
    QTemporaryDir tmp;
    auto log = openOrFail(tmp.path());
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
    QTemporaryDir tmp;
    auto log = openOrFail(tmp.path());
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
    QTemporaryDir tmp;
    auto log = openOrFail(tmp.path());
    QVERIFY(log);
    log->append(makeEntry(u"admin:ann@example.com"_s, u"role.delete"_s, T0));
    log->flush();

    SqliteFileConnection raw(log->path());
    // The connection can write (an INSERT works), so the refusals below come from the triggers.
    QCOMPARE(raw.exec(u"INSERT INTO audit_entries (at, actor, action, status, request_id)"
                      " VALUES ('2025-03-01T13:00:00.000Z', 'raw', 'raw.insert', 0, 'x')"_s),
             QString());
    const QString update = raw.exec(u"UPDATE audit_entries SET actor = 'someone else'"_s);
    QVERIFY2(update.contains(u"the audit log is append-only"_s), qPrintable(update));
    const QString remove = raw.exec(u"DELETE FROM audit_entries WHERE action = 'role.delete'"_s);
    QVERIFY2(remove.contains(u"the audit log is append-only"_s), qPrintable(remove));
    const QString removeAll = raw.exec(u"DELETE FROM audit_entries"_s);
    QVERIFY2(removeAll.contains(u"the audit log is append-only"_s), qPrintable(removeAll));

    const Result<AuditPage> page = log->query({});
    QVERIFY(page);
    QCOMPARE(page->total, 2);
    QCOMPARE(page->entries.at(1).actor, u"admin:ann@example.com"_s);
    QCOMPARE(page->entries.at(1).action, u"role.delete"_s);
}

void TestAuditLog::concurrentAppends()
{
    QTemporaryDir tmp;
    auto log = openOrFail(tmp.path());
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
    SqliteFileConnection raw(log->path());
    QCOMPARE(raw.scalar(u"SELECT count(DISTINCT request_id) FROM audit_entries"_s),
             QString::number(Threads * PerThread));
}

void TestAuditLog::destructorWritesWhatIsQueued()
{
    QTemporaryDir tmp;
    {
        auto log = openOrFail(tmp.path());
        QVERIFY(log);
        for (int i = 0; i < 300; ++i)
            log->append(makeEntry(u"cli"_s, u"shutdown.test"_s, T0.addSecs(i)));
        log->touchKey(7, T0);
        // No flush(): the destructor must write everything still queued.
    }
    {
        SqliteFileConnection raw(tmp.filePath(u"audit.db"_s));
        QCOMPARE(raw.scalar(u"SELECT count(*) FROM audit_entries"_s), u"300"_s);
    }
    auto log = openOrFail(tmp.path());
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
    QTemporaryDir tmp;
    auto server = openOrFail(tmp.path());
    auto cli = openOrFail(tmp.path());
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
    QTemporaryDir tmp;
    {
        auto log = openOrFail(tmp.path());
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
    auto log = openOrFail(tmp.path());
    QVERIFY(log);
    log->touchKey(1, T0.addSecs(61));
    log->touchKey(2, T0);
    const Result<QHash<qint64, QDateTime>> used = log->keyLastUsed();
    QVERIFY(used);
    QCOMPARE(used->value(1), T0.addSecs(61));
    QCOMPARE(used->value(2), T0.addSecs(10));
    SqliteFileConnection raw(log->path());
    QCOMPARE(raw.scalar(u"SELECT count(*) FROM key_usage"_s), u"2"_s);
}

void TestAuditLog::tenantRoundTripAndFilter()
{
    QTemporaryDir tmp;
    auto log = openOrFail(tmp.path());
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
    SqliteFileConnection raw(log->path());
    QCOMPARE(raw.scalar(u"SELECT request_id FROM audit_entries WHERE tenant IS NULL"_s), u"n1"_s);
}

// An audit.db written before entries had a tenant (version 1) gains the column on open: its
// entries stay, without a tenant, still append-only, and new ones carry theirs.
void TestAuditLog::upgradesAVersion1File()
{
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

} // namespace sluice::test

QTEST_GUILESS_MAIN(sluice::test::TestAuditLog)
#include "tst_auditlog.moc"
