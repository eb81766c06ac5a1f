#include "config/configsql.h"
#include "config/configstore.h"
#include "config/migrations.h"

#include "sqlitefile.h"
#include "valueorwarn.h"
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(sluice::ServiceConfig)

namespace sluice::test {

namespace {

ServiceConfig makeService(const QString &name, const QString &driver = u"sqlite"_s)
{
    ServiceConfig service;
    service.name = name;
    service.driver = driver;
    service.dsn = u"/srv/%1.db"_s.arg(name);
    service.label = u"Label of %1"_s.arg(name);
    return service;
}

std::unique_ptr<ConfigStore> openOrFail(const QString &dir)
{
    return valueOrWarn(ConfigStore::open(dir));
}

// Runs one query through the store and returns the first column of the first row.
QString scalar(ConfigStore &store, const QString &sql)
{
    QString value;
    const Status done = store.read([&](const QSqlDatabase &db) -> Status {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (Status ran = execConfigSql(query, sql, {}, sql); !ran)
            return ran;
        if (query.next())
            value = query.value(0).toString();
        return {};
    });
    return done ? value : u"error: "_s + done.error().message;
}

} // namespace

class TestConfigStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migratesFromEmpty();
    void reopenKeepsData();
    void refusesNewerFile();
    void migrationStepIsAtomic();
    void addListGetServices();
    void driverAliases_data();
    void driverAliases();
    void rejectsBadService_data();
    void rejectsBadService();
    void duplicateIsConflict();
    void updateService();
    void removeService();
    void settings();
    void failedWriteRollsBack();
    void refusesOtherThread();
    void lockedByOtherProcess();
    void survivesKillMidWrite_data();
    void survivesKillMidWrite();
};

void TestConfigStore::migratesFromEmpty()
{
    QTemporaryDir tmp;
    const QString dataDir = tmp.filePath(u"nested/data"_s);
    auto store = openOrFail(dataDir);
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), latestConfigSchemaVersion());
    QCOMPARE(store->path(), QFileInfo(dataDir + u"/config.db"_s).absoluteFilePath());

    // Private: the directory is 0700 and the file (DSNs may hold passwords) 0600.
    QCOMPARE(unixMode(dataDir), 0700);
    QCOMPARE(unixMode(store->path()), 0600);

    QCOMPARE(scalar(*store, u"PRAGMA journal_mode"_s), u"wal"_s);
    QCOMPARE(scalar(*store, u"PRAGMA foreign_keys"_s), u"1"_s);
    QCOMPARE(scalar(*store, u"PRAGMA synchronous"_s), u"2"_s); // FULL
    QCOMPARE(scalar(*store, u"SELECT count(*) FROM schema_version"_s),
             QString::number(latestConfigSchemaVersion()));
    QCOMPARE(scalar(*store,
                    u"SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
                    " WHERE type = 'table' AND name IN ('services', 'settings') ORDER BY name)"_s),
             u"services,settings"_s);
    auto services = store->services();
    QVERIFY(services);
    QVERIFY(services->isEmpty());
}

void TestConfigStore::reopenKeepsData()
{
    QTemporaryDir tmp;
    {
        auto store = openOrFail(tmp.path());
        QVERIFY(store);
        QVERIFY(store->addService(makeService(u"orders"_s)));
        QVERIFY(store->setSetting(u"setup_complete"_s, u"true"_s));
    }
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), latestConfigSchemaVersion());
    // Reopening must not re-run migrations.
    QCOMPARE(scalar(*store, u"SELECT count(*) FROM schema_version"_s),
             QString::number(latestConfigSchemaVersion()));
    auto service = store->service(u"orders"_s);
    QVERIFY(service);
    QCOMPARE(service->dsn, u"/srv/orders.db"_s);
    auto setting = store->setting(u"setup_complete"_s);
    QVERIFY(setting);
    QCOMPARE(*setting, u"true"_s);
}

void TestConfigStore::refusesNewerFile()
{
    QTemporaryDir tmp;
    QString path;
    {
        auto store = openOrFail(tmp.path());
        QVERIFY(store);
        path = store->path();
    }
    const int newer = latestConfigSchemaVersion() + 3;
    {
        SqliteFileConnection raw(path);
        QCOMPARE(
            raw.exec(u"INSERT INTO schema_version VALUES (%1, 'from the future', '')"_s.arg(newer)),
            QString());
    }
    auto store = ConfigStore::open(tmp.path());
    QVERIFY(!store);
    QCOMPARE(store.error().kind, ErrorKind::Internal);
    QVERIFY2(store.error().message.contains(
                 u"config.db was written by a newer Sluice (version %1)"_s.arg(newer)),
             qPrintable(store.error().message));
}

void TestConfigStore::migrationStepIsAtomic()
{
    QTemporaryDir tmp;
    SqliteFileConnection raw(tmp.filePath(u"m.db"_s));
    const QList<Migration> steps = {
        { 1, u"one"_s, { u"CREATE TABLE a (x INTEGER)"_s } },
        { 2, u"two"_s, { u"CREATE TABLE b (x INTEGER)"_s, u"THIS IS NOT SQL"_s } },
    };
    const Result<int> failed = migrateConfig(raw.db(), steps);
    QVERIFY(!failed);
    QVERIFY2(failed.error().message.contains(u"migration 2 (two)"_s),
             qPrintable(failed.error().message));
    // Step 1 stays applied; step 2 left nothing behind, not even its first table.
    QCOMPARE(configSchemaVersion(raw.db()).value(), 1);
    QCOMPARE(raw.exec(u"SELECT * FROM a"_s), QString());
    QVERIFY(!raw.exec(u"SELECT * FROM b"_s).isEmpty());

    // With the step fixed, migration resumes from version 1.
    const QList<Migration> fixed = { steps.at(0),
                                     { 2, u"two"_s, { u"CREATE TABLE b (x INTEGER)"_s } } };
    const Result<int> resumed = migrateConfig(raw.db(), fixed);
    QVERIFY(resumed);
    QCOMPARE(*resumed, 2);
    QCOMPARE(raw.exec(u"SELECT * FROM b"_s), QString());
}

void TestConfigStore::addListGetServices()
{
    QTemporaryDir tmp;
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    ServiceConfig pg = makeService(u"zeta"_s, u"postgres"_s);
    pg.schema = u"sales"_s;
    pg.readOnly = true;
    pg.rawSql = true;
    pg.enabled = false;
    QVERIFY(store->addService(pg));
    QVERIFY(store->addService(makeService(u"alpha"_s)));
    QVERIFY(store->addService(makeService(u"Mid-1_x"_s)));

    auto list = store->services();
    QVERIFY(list);
    QStringList names;
    for (const ServiceConfig &service : *list)
        names << service.name;
    QCOMPARE(names, (QStringList { u"Mid-1_x"_s, u"alpha"_s, u"zeta"_s }));

    auto got = store->service(u"zeta"_s);
    QVERIFY(got);
    QCOMPARE(got->driver, u"postgres"_s);
    QCOMPARE(got->dsn, u"/srv/zeta.db"_s);
    QCOMPARE(got->label, u"Label of zeta"_s);
    QCOMPARE(got->schema, u"sales"_s);
    QCOMPARE(got->readOnly, true);
    QCOMPARE(got->rawSql, true);
    QCOMPARE(got->enabled, false);
    QVERIFY(got->createdAt.isValid());
    QCOMPARE(got->createdAt.timeSpec(), Qt::UTC);
    QCOMPARE(got->updatedAt, got->createdAt);

    auto missing = store->service(u"nope"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    QVERIFY(missing.error().message.contains(u"'nope'"_s));
}

void TestConfigStore::driverAliases_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("stored");
    QTest::newRow("sqlite") << u"sqlite"_s << u"sqlite"_s;
    QTest::newRow("postgres") << u"postgres"_s << u"postgres"_s;
    QTest::newRow("postgresql") << u"postgresql"_s << u"postgres"_s;
    QTest::newRow("pgsql") << u"pgsql"_s << u"postgres"_s;
    QTest::newRow("upper case") << u"PostgreSQL"_s << u"postgres"_s;
}

void TestConfigStore::driverAliases()
{
    QFETCH(QString, given);
    QFETCH(QString, stored);
    QTemporaryDir tmp;
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    QVERIFY(store->addService(makeService(u"svc"_s, given)));
    QCOMPARE(store->service(u"svc"_s)->driver, stored);
}

void TestConfigStore::rejectsBadService_data()
{
    QTest::addColumn<ServiceConfig>("service");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty name") << makeService({}) << u"invalid service name ''"_s;
    QTest::newRow("space") << makeService(u"my db"_s) << u"invalid service name 'my db'"_s;
    QTest::newRow("slash") << makeService(u"a/b"_s) << u"invalid service name 'a/b'"_s;
    QTest::newRow("dot") << makeService(u"a.b"_s) << u"invalid service name 'a.b'"_s;
    QTest::newRow("non-ascii") << makeService(u"café"_s) << u"invalid service name 'café'"_s;
    QTest::newRow("65 chars") << makeService(QString(65, u'x')) << u"invalid service name 'xxxx"_s;
    QTest::newRow("system") << makeService(u"system"_s) << u"'system' is reserved"_s;
    QTest::newRow("System") << makeService(u"System"_s) << u"'System' is reserved"_s;
    QTest::newRow("oracle") << makeService(u"m"_s, u"oracle"_s) << u"unknown driver 'oracle'"_s;
    QTest::newRow("no driver") << makeService(u"m"_s, {}) << u"unknown driver ''"_s;
    ServiceConfig noDsn = makeService(u"d"_s);
    noDsn.dsn = u"  "_s;
    QTest::newRow("empty dsn") << noDsn << u"service 'd' needs a DSN"_s;
}

void TestConfigStore::rejectsBadService()
{
    QFETCH(ServiceConfig, service);
    QFETCH(QString, message);
    QTemporaryDir tmp;
    auto store = openOrFail(tmp.path());
    QVERIFY(store);

    const Status added = store->addService(service);
    QVERIFY(!added);
    QCOMPARE(added.error().kind, ErrorKind::BadRequest);
    QVERIFY2(added.error().message.contains(message), qPrintable(added.error().message));

    // Update validates the same way, and nothing was stored.
    const Status updated = store->updateService(service);
    QVERIFY(!updated);
    QCOMPARE(updated.error().kind, ErrorKind::BadRequest);
    QCOMPARE(scalar(*store, u"SELECT count(*) FROM services"_s), u"0"_s);
}

void TestConfigStore::duplicateIsConflict()
{
    QTemporaryDir tmp;
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    QVERIFY(store->addService(makeService(u"orders"_s)));
    ServiceConfig again = makeService(u"orders"_s, u"postgres"_s);
    again.dsn = u"postgres://other"_s;
    const Status added = store->addService(again);
    QVERIFY(!added);
    QCOMPARE(added.error().kind, ErrorKind::Conflict);
    QVERIFY2(added.error().message.contains(u"'orders' already exists"_s),
             qPrintable(added.error().message));
    // The first one is untouched.
    QCOMPARE(store->service(u"orders"_s)->dsn, u"/srv/orders.db"_s);
}

void TestConfigStore::updateService()
{
    QTemporaryDir tmp;
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    QVERIFY(store->addService(makeService(u"orders"_s)));
    const ServiceConfig before = store->service(u"orders"_s).value();

    ServiceConfig changed = before;
    changed.driver = u"pgsql"_s;
    changed.dsn = u"postgres://db/orders"_s;
    changed.label = u"Orders"_s;
    changed.schema = u"shop"_s;
    changed.readOnly = true;
    changed.enabled = false;
    changed.createdAt = QDateTime::fromSecsSinceEpoch(0, Qt::UTC); // ignored
    QVERIFY(store->updateService(changed));

    const ServiceConfig after = store->service(u"orders"_s).value();
    QCOMPARE(after.driver, u"postgres"_s);
    QCOMPARE(after.dsn, u"postgres://db/orders"_s);
    QCOMPARE(after.label, u"Orders"_s);
    QCOMPARE(after.schema, u"shop"_s);
    QCOMPARE(after.readOnly, true);
    QCOMPARE(after.rawSql, false);
    QCOMPARE(after.enabled, false);
    QCOMPARE(after.createdAt, before.createdAt);
    QVERIFY(after.updatedAt >= before.updatedAt);

    const Status missing = store->updateService(makeService(u"ghost"_s));
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    QVERIFY(missing.error().message.contains(u"'ghost'"_s));
    QCOMPARE(store->services()->size(), 1);
}

void TestConfigStore::removeService()
{
    QTemporaryDir tmp;
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    QVERIFY(store->addService(makeService(u"a"_s)));
    QVERIFY(store->addService(makeService(u"b"_s)));
    QVERIFY(store->removeService(u"a"_s));
    QCOMPARE(store->service(u"a"_s).error().kind, ErrorKind::NotFound);
    QCOMPARE(store->services()->size(), 1);

    const Status again = store->removeService(u"a"_s);
    QVERIFY(!again);
    QCOMPARE(again.error().kind, ErrorKind::NotFound);
    QVERIFY(again.error().message.contains(u"'a'"_s));
    // The name can be used again.
    QVERIFY(store->addService(makeService(u"a"_s)));
}

void TestConfigStore::settings()
{
    QTemporaryDir tmp;
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    const Result<QString> unset = store->setting(u"theme"_s);
    QVERIFY(!unset);
    QCOMPARE(unset.error().kind, ErrorKind::NotFound);
    QVERIFY(unset.error().message.contains(u"'theme'"_s));

    QVERIFY(store->setSetting(u"theme"_s, u"dark"_s));
    QCOMPARE(store->setting(u"theme"_s).value(), u"dark"_s);
    QVERIFY(store->setSetting(u"theme"_s, QString()));
    QCOMPARE(store->setting(u"theme"_s).value(), QString());
    QCOMPARE(store->setSetting({}, u"x"_s).error().kind, ErrorKind::BadRequest);
}

void TestConfigStore::failedWriteRollsBack()
{
    QTemporaryDir tmp;
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    const Status failed = store->write([](const QSqlDatabase &db) -> Status {
        if (Status set =
                execConfigSql(db, u"INSERT INTO settings VALUES ('k', 'v')"_s, {}, u"test"_s);
            !set) {
            return set;
        }
        return Error::badRequest(u"changed my mind"_s);
    });
    QVERIFY(!failed);
    QCOMPARE(failed.error().message, u"changed my mind"_s);
    QCOMPARE(store->setting(u"k"_s).error().kind, ErrorKind::NotFound);

    // Calling back into the store from a body is refused rather than deadlocking.
    ConfigStore *self = store.get();
    Status inner;
    const Status outer = store->write([&](const QSqlDatabase &) -> Status {
        inner = self->setSetting(u"k"_s, u"v"_s);
        return {};
    });
    QVERIFY(outer);
    QVERIFY(!inner);
    QCOMPARE(inner.error().kind, ErrorKind::Internal);

    // The connection is still usable after both.
    QVERIFY(store->setSetting(u"k"_s, u"v"_s));
}

void TestConfigStore::refusesOtherThread()
{
    QTemporaryDir tmp;
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    Status fromWorker;
    std::unique_ptr<QThread> worker(
        QThread::create([&] { fromWorker = store->setSetting(u"k"_s, u"v"_s); }));
    worker->start();
    QVERIFY(worker->wait());
    QVERIFY(!fromWorker);
    QCOMPARE(fromWorker.error().kind, ErrorKind::Internal);
    QVERIFY(fromWorker.error().message.contains(u"thread"_s));
}

// Another program (the CLI while the server runs) holding the write lock past the busy timeout
// is reported as Unavailable with a message saying so, and nothing is half-written.
void TestConfigStore::lockedByOtherProcess()
{
    QTemporaryDir tmp;
    auto store = openOrFail(tmp.path());
    QVERIFY(store);
    SqliteFileConnection other(store->path());
    QCOMPARE(other.exec(u"BEGIN IMMEDIATE"_s), QString());
    QCOMPARE(other.exec(u"INSERT INTO settings VALUES ('other', 'x')"_s), QString());

    const Status blocked = store->setSetting(u"k"_s, u"v"_s);
    QVERIFY(!blocked);
    QCOMPARE(blocked.error().kind, ErrorKind::Unavailable);
    QVERIFY2(blocked.error().message.contains(u"locked by another process"_s),
             qPrintable(blocked.error().message));

    QCOMPARE(other.exec(u"COMMIT"_s), QString());
    QVERIFY(store->setSetting(u"k"_s, u"v"_s));
    QCOMPARE(store->setting(u"other"_s).value(), u"x"_s);
}

void TestConfigStore::survivesKillMidWrite_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("expectConsistent");
    QTest::newRow("one transaction") << u"atomic"_s << true;
    // The control: the same writes split over two transactions must be caught by this test,
    // otherwise the check above proves nothing.
    QTest::newRow("two transactions (control)") << u"split"_s << false;
}

// A helper process writes in a tight loop; we SIGKILL it at a random moment after it has
// committed some rounds, several times, and check what is left on disk each time.
void TestConfigStore::survivesKillMidWrite()
{
    QFETCH(QString, mode);
    QFETCH(bool, expectConsistent);
    QTemporaryDir tmp;
    // The control stops at the first inconsistency; it is found in about every second round,
    // so 40 rounds miss it with probability ~1e-12.
    const int rounds = expectConsistent ? 10 : 40;
    bool sawInconsistency = false;

    for (int round = 0; round < rounds && !sawInconsistency; ++round) {
        QProcess writer;
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        writer.start(QStringLiteral(SLUICE_CONFIGWRITER_HELPER), { tmp.path(), mode });
        QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));

        // Wait until it reports a few committed rounds, so the kill lands in steady writing.
        int reportedRounds = 0;
        qint64 lastCommitted = 0;
        while (reportedRounds < 10) {
            if (!writer.canReadLine() && !writer.waitForReadyRead(60000)) {
                QFAIL(qPrintable(u"writer stopped: "_s
                                 + QString::fromLocal8Bit(writer.readAllStandardError())));
            }
            while (writer.canReadLine()) {
                const QByteArray line = writer.readLine().trimmed();
                QVERIFY2(line.startsWith("committed "), line.constData());
                lastCommitted = line.mid(10).toLongLong();
                ++reportedRounds;
            }
        }
        // A random extra pause spreads the kill over every point of the write loop.
        QThread::usleep(QRandomGenerator::global()->bounded(3000));
        writer.kill(); // SIGKILL on Unix
        QVERIFY(writer.waitForFinished());
        while (writer.canReadLine()) {
            const QByteArray line = writer.readLine().trimmed();
            if (line.startsWith("committed "))
                lastCommitted = line.mid(10).toLongLong();
        }

        auto store = openOrFail(tmp.path());
        QVERIFY2(store, "config.db does not open after the kill");
        QCOMPARE(scalar(*store, u"PRAGMA integrity_check"_s), u"ok"_s);
        const qint64 services = scalar(*store, u"SELECT count(*) FROM services"_s).toLongLong();
        const qint64 counter = store->setting(u"counter"_s).value().toLongLong();
        // Whatever the writer reported as committed is on disk; at most one more round
        // committed between its last report and the kill.
        QVERIFY2(services >= lastCommitted && services <= lastCommitted + 1,
                 qPrintable(u"reported %1, stored %2"_s.arg(lastCommitted).arg(services)));
        if (counter != services) {
            sawInconsistency = true;
            qInfo("round %d: counter %lld, %lld services", round, counter, services);
            if (expectConsistent) {
                QFAIL(qPrintable(
                    u"round %1: counter %2 but %3 services"_s.arg(round).arg(counter).arg(
                        services)));
            }
        }
    }
    QCOMPARE(!sawInconsistency, expectConsistent);
}

} // namespace sluice::test

QTEST_GUILESS_MAIN(sluice::test::TestConfigStore)
#include "tst_configstore.moc"
