// `sluice tenant`, `sluice db … --tenancy`, `sluice db tenant`, `db show`/`db list`/`db test` of
// per-tenant services and `sluice key create --tenant` (API.md §11), run as the real binary on a
// fresh --data-dir per test. What the commands stored is checked through the repositories the
// server reads and in the secret store's file; DSN passwords never appear in config.db nor in
// any output.
#include "clirun.h"
#include "config/apikeyrepository.h"
#include "config/configstore.h"
#include "config/tenantrepository.h"
#include "httpclient.h"
#include "isolatedcli.h"
#include "pgserver.h"
#include "sqlitefile.h"
#include "valueorwarn.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTest>
#include <QThread>
#include <QUrl>

using namespace Qt::StringLiterals;
using sluice::ConfigStore;
using sluice::Status;

namespace {

using Run = sluice::test::CliRun;

const QString kSecret = u"Tn-9f3a!x@y:z"_s;
const QString kSecretInUrl = u"Tn-9f3a%21x%40y%3Az"_s;

} // namespace

class TestCliTenant : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void tenantCreateListRemove();
    void tenantCreateRejected_data();
    void tenantCreateRejected();
    void dbAddTenancy_data();
    void dbAddTenancy();
    void databasePerTenantOnSqlite();
    void dbTenantRejected_data();
    void dbTenantRejected();
    void tenantPasswordsGoToTheSecretStore();
    void keysActForATenant();
    void dbTestEachTenantOnPostgres();
    void aRunningServerFollowsTheCommandLine();
    void explainNamesTheTenant();
    void unknownSubcommands_data();
    void unknownSubcommands();

private:
    std::unique_ptr<ConfigStore> store()
    {
        return sluice::test::valueOrWarn(ConfigStore::open(m_cli.dataDir()));
    }
    QJsonObject secrets() const;
    QString sqliteFile(const QString &name, const QString &who);
    bool addPerTenantShop(const QString &dsn); // service "shop": SQLite, a database per tenant

    // Secrets go to the data dir's 0600 file.
    sluice::test::IsolatedCli m_cli { QStringLiteral(SLUICE_BINARY),
                                      sluice::test::IsolatedCli::Secrets::InDataDirFile };
};

void TestCliTenant::init()
{
    QVERIFY(m_cli.init());
}

QJsonObject TestCliTenant::secrets() const
{
    QFile file(QDir(m_cli.dataDir()).filePath(u"secrets.json"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool TestCliTenant::addPerTenantShop(const QString &dsn)
{
    return m_cli
               .ok({ u"db"_s, u"add"_s, u"shop"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, dsn,
                     u"--tenancy"_s, u"database"_s })
               .exitCode
        == 0;
}

// A SQLite file with a table whose one row names `who`.
QString TestCliTenant::sqliteFile(const QString &name, const QString &who)
{
    const QString path = m_cli.homePath(name);
    sluice::test::SqliteFileConnection db(path, u"tenant-"_s + name);
    // Two statements, in this order (the operands of + are evaluated in no set order).
    QString error = db.exec(u"CREATE TABLE owner (id INTEGER PRIMARY KEY, who TEXT)"_s);
    error += db.exec(u"INSERT INTO owner (who) VALUES ('%1')"_s.arg(who));
    if (!error.isEmpty())
        qWarning("%s: %s", qPrintable(path), qPrintable(error));
    return path;
}

void TestCliTenant::tenantCreateListRemove()
{
    Run run = m_cli.ok({ u"tenant"_s, u"list"_s });
    QVERIFY2(run.out.startsWith(u"No tenants"_s), qPrintable(run.out));
    QCOMPARE(m_cli.ok({ u"tenant"_s, u"list"_s, u"--json"_s }).jsonArray(), QJsonArray());

    run = m_cli.ok({ u"tenant"_s, u"create"_s, u"acme"_s, u"--label"_s, u"Acme Inc"_s });
    QVERIFY2(run.out.contains(u"Created tenant 'acme'"_s), qPrintable(run.out));
    QCOMPARE(m_cli.ok({ u"tenant"_s, u"create"_s, u"beta-2"_s }).exitCode, 0);

    run = m_cli.run({ u"tenant"_s, u"create"_s, u"acme"_s });
    QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"tenant 'acme' already exists"_s), qPrintable(run.err));

    run = m_cli.ok({ u"tenant"_s, u"list"_s });
    QStringList lines = run.outLines();
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(u"NAME"_s) && lines.at(0).contains(u"LABEL"_s),
             qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(u"acme "_s) && lines.at(1).contains(u"Acme Inc"_s),
             qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).startsWith(u"beta-2 "_s), qPrintable(lines.at(2)));
    const QJsonArray list = m_cli.ok({ u"tenant"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0)[u"name"_s].toString(), u"acme"_s);
    QCOMPARE(list.at(0)[u"label"_s].toString(), u"Acme Inc"_s);
    QVERIFY(!list.at(0)[u"created_at"_s].toString().isEmpty());
    {
        auto store = this->store();
        QVERIFY(store);
        QStringList names;
        QVERIFY(store->read([&](const QSqlDatabase &db) -> Status {
            auto tenants = sluice::TenantRepository(db).list();
            if (!tenants)
                return tenants.error();
            for (const sluice::TenantRecord &t : std::as_const(*tenants))
                names << t.name;
            return {};
        }));
        QCOMPARE(names, QStringList({ u"acme"_s, u"beta-2"_s }));
    }

    run = m_cli.ok({ u"tenant"_s, u"remove"_s, u"beta-2"_s });
    QVERIFY2(run.out.contains(u"Removed tenant 'beta-2' with 0 backends and 0 API keys"_s),
             qPrintable(run.out));
    run = m_cli.run({ u"tenant"_s, u"remove"_s, u"beta-2"_s });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"tenant 'beta-2' does not exist"_s), qPrintable(run.err));
    QCOMPARE(m_cli.ok({ u"tenant"_s, u"list"_s, u"--json"_s }).jsonArray().size(), 1);

    // Each change is in the audit log.
    const QJsonArray audit = m_cli.ok({ u"audit"_s, u"--json"_s }).jsonArray();
    QStringList actions;
    for (const QJsonValue &entry : audit)
        actions << entry[u"action"_s].toString();
    QCOMPARE(actions.count(u"tenant.create"_s), 2);
    QCOMPARE(actions.count(u"tenant.remove"_s), 1);
}

void TestCliTenant::tenantCreateRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("upper case") << u"Acme"_s << u"invalid tenant name 'Acme'"_s;
    QTest::newRow("slash") << u"a/b"_s << u"invalid tenant name 'a/b'"_s;
    QTest::newRow("too long") << QString(64, u'a') << u"invalid tenant name"_s;
    QTest::newRow("space") << u"a b"_s << u"invalid tenant name 'a b'"_s;
    QTest::newRow("dot") << u"a.b"_s << u"invalid tenant name 'a.b'"_s;
    QTest::newRow("empty") << QString() << u"invalid tenant name ''"_s;
}

void TestCliTenant::tenantCreateRejected()
{
    QFETCH(QString, name);
    QFETCH(QString, mentions);
    const Run run = m_cli.run({ u"tenant"_s, u"create"_s, name.isNull() ? u""_s : name });
    QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    // Says what is allowed.
    QVERIFY2(run.err.contains(u"1 to 63 lower-case letters"_s), qPrintable(run.err));
    QCOMPARE(m_cli.ok({ u"tenant"_s, u"list"_s, u"--json"_s }).jsonArray(), QJsonArray());
}

void TestCliTenant::dbAddTenancy_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("tenancy");
    QTest::addColumn<QString>("mentions"); // empty: added
    QTest::newRow("none, the default") << u"sqlite"_s << QString() << QString();
    QTest::newRow("database on sqlite") << u"sqlite"_s << u"database"_s << QString();
    QTest::newRow("schema on postgres") << u"postgres"_s << u"schema"_s << QString();
    QTest::newRow("setting on postgres") << u"postgres"_s << u"setting"_s << QString();
    QTest::newRow("schema on mysql") << u"mysql"_s << u"schema"_s << QString();
    QTest::newRow("upper-case name") << u"sqlite"_s << u"Database"_s << QString();
    QTest::newRow("setting on sqlite")
        << u"sqlite"_s << u"setting"_s << u"tenancy 'setting' needs PostgreSQL"_s;
    QTest::newRow("setting on mysql")
        << u"mysql"_s << u"setting"_s << u"tenancy 'setting' needs PostgreSQL"_s;
    QTest::newRow("schema on sqlite") << u"sqlite"_s << u"schema"_s << u"'schema'"_s;
    QTest::newRow("unknown") << u"sqlite"_s << u"row"_s
                             << u"invalid --tenancy: unknown tenancy 'row' (use none, database, "
                                "schema or setting)"_s;
}

void TestCliTenant::dbAddTenancy()
{
    QFETCH(QString, driver);
    QFETCH(QString, tenancy);
    QFETCH(QString, mentions);
    const QString dsn = driver == u"sqlite"_s ? m_cli.homePath(u"shop.sqlite"_s)
                                              : driver + u"://app@127.0.0.1:1/shop"_s;
    QStringList args { u"db"_s, u"add"_s, u"shop"_s, u"--driver"_s, driver, u"--dsn"_s, dsn };
    if (!tenancy.isNull())
        args << u"--tenancy"_s << tenancy;
    const Run run = m_cli.run(args);
    if (!mentions.isEmpty()) {
        QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QCOMPARE(m_cli.ok({ u"db"_s, u"list"_s, u"--json"_s }).jsonArray(), QJsonArray());
        return;
    }
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QString expected = tenancy.isNull() ? u"none"_s : tenancy.toLower();
    const QJsonArray list = m_cli.ok({ u"db"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0)[u"tenancy"_s].toString(), expected);
    QCOMPARE(list.at(0)[u"tenants"_s].toArray(), QJsonArray());
    auto store = this->store();
    QVERIFY(store);
    auto service = store->service(u"shop"_s);
    QVERIFY(service);
    QCOMPARE(sluice::tenancyName(service->tenancy), expected);
    const QStringList row =
        m_cli.ok({ u"db"_s, u"list"_s }).outLines().value(1).split(u' ', Qt::SkipEmptyParts);
    QVERIFY2(row.contains(expected), qPrintable(row.join(u' ')));
    // Where a per-tenant service goes next.
    if (expected == u"database"_s)
        QVERIFY2(run.out.contains(u"sluice db tenant shop TENANT --dsn DSN"_s),
                 qPrintable(run.out));
    if (expected == u"schema"_s)
        QVERIFY2(run.out.contains(u"sluice db tenant shop TENANT [--schema S]"_s),
                 qPrintable(run.out));
}

// A database per tenant on SQLite: a file per tenant, shown by db list and db show, each tested
// by db test, and a tenant whose file is missing failing the test on its own line.
void TestCliTenant::databasePerTenantOnSqlite()
{
    const QString shared = sqliteFile(u"shared.sqlite"_s, u"nobody"_s);
    const QString acme = sqliteFile(u"acme.sqlite"_s, u"acme"_s);
    const QString beta = sqliteFile(u"beta.sqlite"_s, u"beta"_s);
    for (const QString &tenant : { u"acme"_s, u"beta"_s })
        QCOMPARE(m_cli.ok({ u"tenant"_s, u"create"_s, tenant }).exitCode, 0);
    QVERIFY(addPerTenantShop(shared));
    Run run = m_cli.ok({ u"db"_s, u"tenant"_s, u"shop"_s, u"acme"_s, u"--dsn"_s, acme });
    QVERIFY2(run.out.contains(u"Tenant 'acme' of service 'shop' uses %1"_s.arg(acme)),
             qPrintable(run.out));
    QCOMPARE(m_cli.ok({ u"db"_s, u"tenant"_s, u"shop"_s, u"beta"_s, u"--dsn"_s, beta }).exitCode,
             0);
    {
        auto store = this->store();
        QVERIFY(store);
        auto service = store->service(u"shop"_s);
        QVERIFY(service);
        QCOMPARE(service->tenantBackends.size(), 2);
        QCOMPARE(service->tenantBackends.at(0).tenant, u"acme"_s);
        QCOMPARE(service->tenantBackends.at(0).dsn, acme);
        QCOMPARE(service->tenantBackends.at(1).dsn, beta);
    }

    // db list: the tenancy and the tenants with backends.
    run = m_cli.ok({ u"db"_s, u"list"_s });
    QVERIFY2(run.outLines().value(0).contains(u"TENANCY"_s), qPrintable(run.out));
    QVERIFY2(run.outLines().value(1).contains(u"database (acme, beta)"_s), qPrintable(run.out));
    QJsonArray list = m_cli.ok({ u"db"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(list.at(0)[u"tenancy"_s].toString(), u"database"_s);
    const QJsonArray tenants = list.at(0)[u"tenants"_s].toArray();
    QCOMPARE(tenants.size(), 2);
    QCOMPARE(tenants.at(0).toObject(),
             QJsonObject(
                 { { u"tenant"_s, u"acme"_s }, { u"dsn"_s, acme }, { u"schema"_s, QString() } }));
    // db show: the same, one backend a line; --json as db list's item.
    run = m_cli.ok({ u"db"_s, u"show"_s, u"shop"_s });
    QVERIFY2(run.out.contains(u"tenancy:  database"_s), qPrintable(run.out));
    QStringList acmeLine = run.outLines().filter(u"acme"_s);
    QCOMPARE(acmeLine.size(), 1);
    QVERIFY2(acmeLine.first().contains(acme), qPrintable(run.out));
    QCOMPARE(m_cli.ok({ u"db"_s, u"show"_s, u"shop"_s, u"--json"_s }).jsonObject(),
             list.at(0).toObject());
    // The tenant list names the services each tenant has a backend on.
    const QJsonArray tenantList = m_cli.ok({ u"tenant"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(tenantList.at(0)[u"backends"_s].toArray(), QJsonArray({ u"shop"_s }));

    // db test: the service, then one line per tenant.
    run = m_cli.ok({ u"db"_s, u"test"_s, u"shop"_s });
    QCOMPARE(run.outLines(),
             QStringList({ u"ok: connected to service 'shop' (sqlite)"_s,
                           u"ok: tenant 'acme' (%1)"_s.arg(acme),
                           u"ok: tenant 'beta' (%1)"_s.arg(beta) }));
    // Beta's file goes: its line says so, the others still pass, the command fails.
    QVERIFY(QFile::remove(beta));
    run = m_cli.run({ u"db"_s, u"test"_s, u"shop"_s });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QCOMPARE(run.outLines().size(), 3);
    QVERIFY2(run.outLines().at(1).startsWith(u"ok: tenant 'acme'"_s), qPrintable(run.out));
    QVERIFY2(run.outLines().at(2).startsWith(u"error: tenant 'beta': "_s)
                 && run.outLines().at(2).contains(beta),
             qPrintable(run.out));
    QCOMPARE(run.errLines(),
             QStringList({ u"sluice: service 'shop': 1 of 3 connections failed"_s }));
    QVERIFY(!QFile::exists(beta)); // testing does not create it

    // Replacing a backend; removing one.
    QCOMPARE(m_cli.ok({ u"db"_s, u"tenant"_s, u"shop"_s, u"beta"_s, u"--dsn"_s, acme }).exitCode,
             0);
    QCOMPARE(m_cli.ok({ u"db"_s, u"test"_s, u"shop"_s }).exitCode, 0);
    run = m_cli.ok({ u"db"_s, u"tenant"_s, u"shop"_s, u"beta"_s, u"--remove"_s });
    QVERIFY2(run.out.contains(u"Removed tenant 'beta''s backend of service 'shop'"_s),
             qPrintable(run.out));
    list = m_cli.ok({ u"db"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(list.at(0)[u"tenants"_s].toArray().size(), 1);
    run = m_cli.run({ u"db"_s, u"tenant"_s, u"shop"_s, u"beta"_s, u"--remove"_s });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"service 'shop' has no backend for tenant 'beta'"_s),
             qPrintable(run.err));

    // Removing a tenant takes its backends along.
    run = m_cli.ok({ u"tenant"_s, u"remove"_s, u"acme"_s });
    QVERIFY2(run.out.contains(u"with 1 backend and 0 API keys"_s), qPrintable(run.out));
    list = m_cli.ok({ u"db"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(list.at(0)[u"tenants"_s].toArray(), QJsonArray());
    run = m_cli.ok({ u"db"_s, u"show"_s, u"shop"_s });
    QVERIFY2(run.out.contains(u"none yet; add one with: sluice db tenant shop TENANT --dsn DSN"_s),
             qPrintable(run.out));
}

void TestCliTenant::dbTenantRejected_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    const QString file = u"/tmp/sluice-tenant-never.sqlite"_s;
    const QStringList tenant { u"db"_s, u"tenant"_s };
    QTest::newRow("a tenant that does not exist")
        << tenant + QStringList { u"perdb"_s, u"nobody"_s, u"--dsn"_s, file } << 1
        << u"tenant 'nobody' does not exist"_s;
    QTest::newRow("an invalid tenant name")
        << tenant + QStringList { u"perdb"_s, u"Acme"_s, u"--dsn"_s, file } << 1
        << u"tenant 'Acme' does not exist"_s;
    QTest::newRow("a service that does not exist")
        << tenant + QStringList { u"nope"_s, u"acme"_s, u"--dsn"_s, file } << 1
        << u"service 'nope' does not exist"_s;
    QTest::newRow("--dsn on a schema service")
        << tenant + QStringList { u"perschema"_s, u"acme"_s, u"--dsn"_s, u"postgres://x@h/y"_s }
        << 1
        << u"service 'perschema' gives each tenant a schema of one database: give tenant "
           "'acme' a schema, not a DSN"_s;
    QTest::newRow("--schema on a database service")
        << tenant + QStringList { u"perdb"_s, u"acme"_s, u"--schema"_s, u"acme"_s } << 1
        << u"service 'perdb' gives each tenant its own database: give tenant 'acme' a DSN, not a "
           "schema"_s;
    QTest::newRow("a database service without --dsn")
        << tenant + QStringList { u"perdb"_s, u"acme"_s } << 1
        << u"service 'perdb' gives each tenant its own database: tenant 'acme' needs a DSN"_s;
    QTest::newRow("a shared service")
        << tenant + QStringList { u"shared"_s, u"acme"_s, u"--dsn"_s, file } << 1
        << u"service 'shared' is shared by every tenant"_s;
    QTest::newRow("a setting service") << tenant + QStringList { u"rls"_s, u"acme"_s } << 1
                                       << u"service 'rls' serves every tenant from one database"_s;
    QTest::newRow("an invalid DSN")
        << tenant + QStringList { u"pgdb"_s, u"acme"_s, u"--dsn"_s, u"postgres://h:notaport/"_s }
        << 1 << u"invalid --dsn"_s;
    QTest::newRow("--dsn and --remove")
        << tenant + QStringList { u"perdb"_s, u"acme"_s, u"--dsn"_s, file, u"--remove"_s } << 2
        << u"give one of --dsn, --schema or --remove"_s;
    QTest::newRow("--dsn and --schema")
        << tenant + QStringList { u"perdb"_s, u"acme"_s, u"--dsn"_s, file, u"--schema"_s, u"s"_s }
        << 2 << u"give one of --dsn, --schema or --remove"_s;
    QTest::newRow("no tenant") << tenant + QStringList { u"perdb"_s } << 2
                               << u"db tenant: missing TENANT (usage: sluice db tenant"_s;
    QTest::newRow("nothing") << tenant << 2 << u"db tenant: missing SERVICE and TENANT"_s;
    QTest::newRow("unknown option")
        << tenant + QStringList { u"perdb"_s, u"acme"_s, u"--database"_s, u"x"_s } << 2
        << u"unknown option '--database'"_s;
}

void TestCliTenant::dbTenantRejected()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    QCOMPARE(m_cli.ok({ u"tenant"_s, u"create"_s, u"acme"_s }).exitCode, 0);
    const QString shared = sqliteFile(u"shared.sqlite"_s, u"nobody"_s);
    const QString pg = u"postgres://app:%1@127.0.0.1:1/shop"_s.arg(kSecretInUrl);
    const QList<QStringList> services = {
        { u"shared"_s, u"sqlite"_s, shared, u"none"_s },
        { u"perdb"_s, u"sqlite"_s, shared, u"database"_s },
        { u"pgdb"_s, u"postgres"_s, pg, u"database"_s },
        { u"perschema"_s, u"postgres"_s, pg, u"schema"_s },
        { u"rls"_s, u"postgres"_s, pg, u"setting"_s },
    };
    for (const QStringList &s : services) {
        QCOMPARE(m_cli
                     .ok({ u"db"_s, u"add"_s, s.at(0), u"--driver"_s, s.at(1), u"--dsn"_s, s.at(2),
                           u"--tenancy"_s, s.at(3) })
                     .exitCode,
                 0);
    }
    const QJsonObject secretsBefore = secrets();

    const Run run = m_cli.run(args);
    QVERIFY2(run.exitCode == exitCode && !run.crashed, qPrintable(run.describe()));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    // Nothing stored: no backend, no password.
    for (const QJsonValue &service : m_cli.ok({ u"db"_s, u"list"_s, u"--json"_s }).jsonArray())
        QCOMPARE(service[u"tenants"_s].toArray(), QJsonArray());
    QCOMPARE(secrets(), secretsBefore);
}

void TestCliTenant::tenantPasswordsGoToTheSecretStore()
{
    for (const QString &tenant : { u"acme"_s, u"beta"_s })
        QCOMPARE(m_cli.ok({ u"tenant"_s, u"create"_s, tenant }).exitCode, 0);
    // Port 1 on loopback: nothing listens, and nothing needs to.
    QCOMPARE(m_cli
                 .ok({ u"db"_s, u"add"_s, u"pg"_s, u"--driver"_s, u"postgres"_s, u"--dsn"_s,
                       u"postgres://app@127.0.0.1:1/shop"_s, u"--tenancy"_s, u"database"_s })
                 .exitCode,
             0);
    Run run =
        m_cli.ok({ u"db"_s, u"tenant"_s, u"pg"_s, u"acme"_s, u"--dsn"_s,
                   u"postgres://acme:%1@127.0.0.1:1/acme?sslmode=disable"_s.arg(kSecretInUrl) });
    QVERIFY2(!run.out.contains(u"Tn-9f3a"_s), qPrintable(run.out));
    QCOMPARE(
        m_cli
            .ok({ u"db"_s, u"tenant"_s, u"pg"_s, u"beta"_s, u"--dsn"_s,
                  u"host=127.0.0.1 port=1 user=beta password='%1' dbname=beta"_s.arg(kSecret) })
            .exitCode,
        0);

    QVERIFY(!m_cli.configBytes().isEmpty());
    QVERIFY(!m_cli.configBytes().contains("Tn-9f3a"));
    QCOMPARE(secrets().value(u"service/pg/tenant/acme/password"_s).toString(), kSecret);
    QCOMPARE(secrets().value(u"service/pg/tenant/beta/password"_s).toString(), kSecret);
    {
        auto store = this->store();
        QVERIFY(store);
        auto service = store->service(u"pg"_s);
        QVERIFY(service);
        QCOMPARE(service->tenantBackends.at(0).dsn,
                 u"postgres://acme@127.0.0.1:1/acme?sslmode=disable"_s);
    }

    // Listings mark the passwords without showing them.
    const QList<QStringList> listings = { { u"db"_s, u"list"_s },
                                          { u"db"_s, u"list"_s, u"--json"_s },
                                          { u"db"_s, u"show"_s, u"pg"_s },
                                          { u"db"_s, u"show"_s, u"pg"_s, u"--json"_s } };
    for (const QStringList &args : listings) {
        run = m_cli.ok(args);
        QVERIFY2(!run.out.contains(u"Tn-9f3a"_s) && !run.err.contains(u"Tn-9f3a"_s),
                 qPrintable(run.out));
    }
    const QJsonObject shown = m_cli.ok({ u"db"_s, u"show"_s, u"pg"_s, u"--json"_s }).jsonObject();
    QCOMPARE(shown[u"tenants"_s][0][u"dsn"_s].toString(),
             u"postgres://acme:***@127.0.0.1:1/acme?sslmode=disable"_s);
    QVERIFY2(shown[u"tenants"_s][1][u"dsn"_s].toString().contains(u"password=***"_s),
             qPrintable(shown[u"tenants"_s][1][u"dsn"_s].toString()));
    // db test merges each password back for its connection and never prints it.
    run = m_cli.run({ u"db"_s, u"test"_s, u"pg"_s });
    QVERIFY2(run.exitCode == 1 && !run.crashed, qPrintable(run.describe()));
    QCOMPARE(run.outLines().size(), 3);
    QVERIFY(!run.out.contains(u"Tn-9f3a"_s) && !run.err.contains(u"Tn-9f3a"_s));

    // A refused backend never replaces a stored password.
    run = m_cli.run({ u"db"_s, u"tenant"_s, u"pg"_s, u"nobody"_s, u"--dsn"_s,
                      u"postgres://x:other-password@127.0.0.1:1/x"_s });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY(!QJsonDocument(secrets()).toJson().contains("other-password"));

    // --remove takes the password along, and so does removing the tenant.
    QCOMPARE(m_cli.ok({ u"db"_s, u"tenant"_s, u"pg"_s, u"acme"_s, u"--remove"_s }).exitCode, 0);
    QVERIFY(!secrets().contains(u"service/pg/tenant/acme/password"_s));
    QVERIFY(secrets().contains(u"service/pg/tenant/beta/password"_s));
    run = m_cli.ok({ u"tenant"_s, u"remove"_s, u"beta"_s });
    QVERIFY2(run.out.contains(u"with 1 backend"_s), qPrintable(run.out));
    QVERIFY(!secrets().contains(u"service/pg/tenant/beta/password"_s));

    // Removing the service removes its tenants' passwords.
    QCOMPARE(m_cli.ok({ u"tenant"_s, u"create"_s, u"gamma"_s }).exitCode, 0);
    QCOMPARE(m_cli
                 .ok({ u"db"_s, u"tenant"_s, u"pg"_s, u"gamma"_s, u"--dsn"_s,
                       u"postgres://g:%1@127.0.0.1:1/g"_s.arg(kSecretInUrl) })
                 .exitCode,
             0);
    QVERIFY(secrets().contains(u"service/pg/tenant/gamma/password"_s));
    QCOMPARE(m_cli.ok({ u"db"_s, u"remove"_s, u"pg"_s }).exitCode, 0);
    QCOMPARE(secrets(), QJsonObject());
}

void TestCliTenant::keysActForATenant()
{
    QCOMPARE(m_cli.ok({ u"tenant"_s, u"create"_s, u"acme"_s }).exitCode, 0);
    QCOMPARE(
        m_cli.ok({ u"role"_s, u"create"_s, u"--name"_s, u"reader"_s, u"--access"_s, u"*:*:GET"_s })
            .exitCode,
        0);
    Run run =
        m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"reader"_s, u"--tenant"_s, u"acme"_s });
    QVERIFY2(run.out.contains(u"acting for tenant 'acme'"_s), qPrintable(run.out));
    const QString acmeKey = run.outLines().last();
    QVERIFY(acmeKey.startsWith(u"sluice_"_s));
    QCOMPARE(m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"reader"_s }).exitCode, 0);

    run =
        m_cli.run({ u"key"_s, u"create"_s, u"--role"_s, u"reader"_s, u"--tenant"_s, u"nobody"_s });
    QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"--tenant: tenant 'nobody' does not exist (create it with: sluice "
                              "tenant create nobody)"_s),
             qPrintable(run.err));

    // key list: a TENANT column; --json: "tenant", null for none.
    run = m_cli.ok({ u"key"_s, u"list"_s });
    QVERIFY2(run.outLines().value(0).contains(u"TENANT"_s), qPrintable(run.out));
    QCOMPARE(run.outLines().filter(u" acme "_s).size(), 1);
    QJsonArray keys = m_cli.ok({ u"key"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(keys.size(), 2);
    QVERIFY(keys.at(0)[u"tenant"_s].isNull()); // newest first
    QCOMPARE(keys.at(1)[u"tenant"_s].toString(), u"acme"_s);
    {
        auto store = this->store();
        QVERIFY(store);
        QVERIFY(store->read([](const QSqlDatabase &db) -> Status {
            auto all = sluice::ApiKeyRepository(db).list();
            if (!all)
                return all.error();
            if (all->size() != 2 || all->at(1).tenant != u"acme"_s || !all->at(0).tenant.isEmpty())
                return sluice::Error::internal(u"keys' tenants not as created"_s);
            return {};
        }));
    }

    // The tenant's removal takes its key; the same name again does not bring it back.
    run = m_cli.ok({ u"tenant"_s, u"remove"_s, u"acme"_s });
    QVERIFY2(run.out.contains(u"with 0 backends and 1 API key."_s), qPrintable(run.out));
    QCOMPARE(m_cli.ok({ u"tenant"_s, u"create"_s, u"acme"_s }).exitCode, 0);
    keys = m_cli.ok({ u"key"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(keys.size(), 1);
    QVERIFY(keys.at(0)[u"tenant"_s].isNull());
    QVERIFY(!acmeKey.startsWith(keys.at(0)[u"prefix"_s].toString()));
}

// db test against a real PostgreSQL with password authentication: a tenant's own database
// connects only with its password put back from the secret store; a schema tenant is read in
// its schema, and a schema that is not there is said.
void TestCliTenant::dbTestEachTenantOnPostgres()
{
    sluice::test::PgServer *pg = sluice::test::PgServer::shared();
    if (!pg)
        QSKIP("no PostgreSQL server could be started");
    QVERIFY(pg->createDatabase(u"cli_tenant_acme"_s));
    QVERIFY(pg->execIn(u"cli_tenant_acme"_s, u"CREATE TABLE orders (id int PRIMARY KEY)"_s));
    QVERIFY(pg->exec(u"CREATE SCHEMA IF NOT EXISTS cli_acme; CREATE TABLE IF NOT EXISTS "
                     "cli_acme.orders (id int PRIMARY KEY); CREATE TABLE IF NOT EXISTS "
                     "cli_acme.customers (id int PRIMARY KEY)"_s));
    for (const QString &tenant : { u"acme"_s, u"beta"_s })
        QCOMPARE(m_cli.ok({ u"tenant"_s, u"create"_s, tenant }).exitCode, 0);
    const QString base =
        u"postgres://%1:%2@127.0.0.1:%3/"_s.arg(pg->user(), pg->password()).arg(pg->port());
    QCOMPARE(m_cli
                 .ok({ u"db"_s, u"add"_s, u"perdb"_s, u"--driver"_s, u"postgres"_s, u"--dsn"_s,
                       pg->dsn() + u"?sslmode=disable"_s, u"--tenancy"_s, u"database"_s })
                 .exitCode,
             0);
    QCOMPARE(m_cli
                 .ok({ u"db"_s, u"tenant"_s, u"perdb"_s, u"acme"_s, u"--dsn"_s,
                       base + u"cli_tenant_acme?sslmode=disable"_s })
                 .exitCode,
             0);
    QVERIFY(!m_cli.configBytes().contains(u":%1@"_s.arg(pg->password()).toUtf8()));
    const QString wrong = u"postgres://%1:wrong-password@127.0.0.1:%2/cli_tenant_acme"
                          "?sslmode=disable"_s.arg(pg->user())
                              .arg(pg->port());
    QCOMPARE(m_cli.ok({ u"db"_s, u"tenant"_s, u"perdb"_s, u"beta"_s, u"--dsn"_s, wrong }).exitCode,
             0);
    Run run = m_cli.run({ u"db"_s, u"test"_s, u"perdb"_s });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.outLines().value(0).startsWith(u"ok: connected to service 'perdb'"_s),
             qPrintable(run.out));
    QVERIFY2(run.outLines().value(1).startsWith(u"ok: tenant 'acme' (postgres://"_s),
             qPrintable(run.out));
    QVERIFY2(run.outLines().value(2).startsWith(u"error: tenant 'beta': "_s), qPrintable(run.out));
    QVERIFY(!run.out.contains(u"wrong-password"_s) && !run.err.contains(u"wrong-password"_s));
    QVERIFY(!run.out.contains(u":%1@"_s.arg(pg->password())));

    // Without the secrets, acme's own database refuses too: its line was not luck.
    QVERIFY(QFile::remove(QDir(m_cli.dataDir()).filePath(u"secrets.json"_s)));
    run = m_cli.run({ u"db"_s, u"test"_s, u"perdb"_s });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.outLines().value(1).startsWith(u"error: tenant 'acme': "_s), qPrintable(run.out));

    // A schema per tenant: the service's DSN, each tenant's schema.
    QCOMPARE(m_cli
                 .ok({ u"db"_s, u"add"_s, u"persch"_s, u"--driver"_s, u"postgres"_s, u"--dsn"_s,
                       pg->dsn() + u"?sslmode=disable"_s, u"--tenancy"_s, u"schema"_s })
                 .exitCode,
             0);
    QCOMPARE(
        m_cli.ok({ u"db"_s, u"tenant"_s, u"persch"_s, u"acme"_s, u"--schema"_s, u"cli_acme"_s })
            .exitCode,
        0);
    run = m_cli.ok({ u"db"_s, u"tenant"_s, u"persch"_s, u"beta"_s });
    QVERIFY2(run.out.contains(u"uses schema 'beta'"_s), qPrintable(run.out));
    run = m_cli.ok({ u"db"_s, u"test"_s, u"persch"_s });
    QCOMPARE(run.outLines().value(1),
             u"ok: tenant 'acme' (schema 'cli_acme', 2 tables and views)"_s);
    QCOMPARE(run.outLines().value(2),
             u"ok: tenant 'beta' (schema 'beta', no tables or views: does the schema exist?)"_s);
    run = m_cli.ok({ u"db"_s, u"show"_s, u"persch"_s });
    QVERIFY2(run.outLines().filter(u"cli_acme"_s).size() == 1, qPrintable(run.out));
}

// What the command line changes while `sluice serve` runs is served without a restart: a new
// tenant with its backend and key, then the tenant removed (its key with it).
void TestCliTenant::aRunningServerFollowsTheCommandLine()
{
    const QString shared = sqliteFile(u"shared.sqlite"_s, u"nobody"_s);
    const QString acme = sqliteFile(u"acme.sqlite"_s, u"acme"_s);
    QVERIFY(addPerTenantShop(shared));
    QCOMPARE(m_cli
                 .ok({ u"role"_s, u"create"_s, u"--name"_s, u"reader"_s, u"--access"_s,
                       u"shop:_table/*:GET"_s })
                 .exitCode,
             0);
    QProcess server;
    auto stop = qScopeGuard([&server] {
        server.kill();
        server.waitForFinished();
    });
    QByteArray banner;
    const QString base = sluice::test::startServing(
        server, QStringLiteral(SLUICE_BINARY),
        { u"--data-dir"_s, m_cli.dataDir(), u"serve"_s, u"--port"_s, u"0"_s }, m_cli.environment(),
        &banner);
    QVERIFY2(!base.isEmpty(), banner.constData());
    const quint16 port = quint16(QUrl(base).port());

    QCOMPARE(m_cli.ok({ u"tenant"_s, u"create"_s, u"acme"_s }).exitCode, 0);
    QCOMPARE(m_cli.ok({ u"db"_s, u"tenant"_s, u"shop"_s, u"acme"_s, u"--dsn"_s, acme }).exitCode,
             0);
    const QString key =
        m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"reader"_s, u"--tenant"_s, u"acme"_s })
            .outLines()
            .value(2)
            .trimmed();
    QVERIFY2(key.startsWith(u"sluice_"_s), qPrintable(key));
    // Polled: the server looks at config.db every couple of seconds (a hang guard, not a
    // timing assertion).
    const auto statusOnceSettled = [&](int wanted) {
        sluice::test::HttpResponse r;
        QDeadlineTimer deadline(sluice::test::kProcessTimeoutMs);
        do {
            r = sluice::test::HttpClient(port).request("GET", "/api/v1/shop/_table/owner", {},
                                                       { { "X-API-Key", key.toLatin1() } });
            if (r.status == wanted)
                break;
            QThread::msleep(200);
        } while (!deadline.hasExpired());
        return r;
    };
    sluice::test::HttpResponse r = statusOnceSettled(200);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.body.contains("\"who\":\"acme\""), r.body.constData());
    QVERIFY(!r.body.contains("nobody"));

    QCOMPARE(m_cli.ok({ u"tenant"_s, u"remove"_s, u"acme"_s }).exitCode, 0);
    QCOMPARE(statusOnceSettled(401).status, 401);
}

// sluice auth explain routes as the request path does: no tenant, or a tenant without a backend,
// is denied whatever the role allows; --tenant stands for an admin's X-Sluice-Tenant.
void TestCliTenant::explainNamesTheTenant()
{
    const QString shared = sqliteFile(u"shared.sqlite"_s, u"nobody"_s);
    const QString acme = sqliteFile(u"acme.sqlite"_s, u"acme"_s);
    for (const QString &tenant : { u"acme"_s, u"beta"_s })
        QCOMPARE(m_cli.ok({ u"tenant"_s, u"create"_s, tenant }).exitCode, 0);
    QVERIFY(addPerTenantShop(shared));
    QCOMPARE(m_cli.ok({ u"db"_s, u"tenant"_s, u"shop"_s, u"acme"_s, u"--dsn"_s, acme }).exitCode,
             0);
    QCOMPARE(m_cli
                 .ok({ u"role"_s, u"create"_s, u"--name"_s, u"reader"_s, u"--access"_s,
                       u"shop:_table/*:GET"_s })
                 .exitCode,
             0);
    const QStringList question { u"GET"_s, u"/api/v1/shop/_table/owner"_s };
    const QStringList asRole { u"auth"_s, u"explain"_s, u"--role"_s, u"reader"_s, u"--json"_s };

    Run run = m_cli.ok(asRole + QStringList { u"--tenant"_s, u"acme"_s } + question);
    QJsonObject answer = run.jsonObject();
    QCOMPARE(answer[u"allowed"_s].toBool(), true);
    QCOMPARE(answer[u"tenant"_s].toString(), u"acme"_s);
    QCOMPARE(answer[u"tenant_backend"_s].toBool(), true);

    run = m_cli.run(asRole + QStringList { u"--tenant"_s, u"beta"_s } + question);
    QCOMPARE(run.exitCode, 1);
    answer = run.jsonObject();
    QCOMPARE(answer[u"outcome"_s].toString(), u"no_tenant_backend"_s);
    QVERIFY2(answer[u"reason"_s].toString().startsWith(
                 u"Service 'shop' has no backend for tenant 'beta'"_s),
             qPrintable(run.out));

    run = m_cli.run(asRole + question);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.jsonObject()[u"outcome"_s].toString(), u"no_tenant"_s);

    run = m_cli.run({ u"auth"_s, u"explain"_s, u"--key"_s, u"sluice_00000000"_s, u"--tenant"_s,
                      u"acme"_s, u"GET"_s, u"/api/v1/shop/_table/owner"_s });
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"--tenant is for --role or the admin"_s), qPrintable(run.err));
}

void TestCliTenant::unknownSubcommands_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("tenant") << QStringList { u"tenant"_s } << u"tenant needs a subcommand"_s;
    QTest::newRow("tenant rename")
        << QStringList { u"tenant"_s, u"rename"_s } << u"unknown tenant subcommand 'rename'"_s;
    QTest::newRow("tenant create without name")
        << QStringList { u"tenant"_s, u"create"_s } << u"usage: sluice tenant create NAME"_s;
    QTest::newRow("tenant remove without name")
        << QStringList { u"tenant"_s, u"remove"_s } << u"usage: sluice tenant remove NAME"_s;
    QTest::newRow("tenant list extra")
        << QStringList { u"tenant"_s, u"list"_s, u"x"_s } << u"unexpected argument 'x'"_s;
    QTest::newRow("db show without name")
        << QStringList { u"db"_s, u"show"_s } << u"usage: sluice db show NAME"_s;
}

void TestCliTenant::unknownSubcommands()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run run = m_cli.run(args);
    QVERIFY2(run.exitCode == 2 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QCOMPARE(run.out, QString());
}

QTEST_GUILESS_MAIN(TestCliTenant)
#include "tst_cli_tenant.moc"
