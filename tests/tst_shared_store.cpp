// Several `sluice serve` instances on one PostgreSQL state store (API.md §15, issue 19): what
// one instance or the CLI changes holds on every other, tokens and cursors are good everywhere,
// the store going away leaves requests served and changes refused, `config migrate` copies a
// data directory in. Real processes on real ports, a real PostgreSQL; waits are hang guards
// (polls with a generous deadline), and the propagation times seen are printed, not asserted.

#include "adminclient.h"
#include "clirun.h"
#include "httpclient.h"
#include "isolatedcli.h"
#include "nodescript.h"
#include "pgserver.h"
#include "sqlitefile.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <functional>
#include <list>
#include <memory>

using namespace Qt::StringLiterals;
using sluice::test::AdminClient;
using sluice::test::HttpResponse;

namespace {

const QString AdminEmail = u"ops@example.com"_s;
const QString AdminPassword = u"Correct-horse-battery-9"_s;
// 32 bytes in hex, as `openssl rand -hex 32` prints them.
const QString MasterKey = u"4f1c2a9be07d36c55e8a41f0b2d9c3e7a6158b4d2e0f9c1a7b3d5e6f8091a2b3"_s;

// Polls `probe` until it returns true or the hang guard expires; the time it took, or -1.
qint64 waitFor(const std::function<bool()> &probe)
{
    QElapsedTimer took;
    took.start();
    QDeadlineTimer deadline(sluice::test::kProcessTimeoutMs);
    do {
        if (probe())
            return took.elapsed();
        QThread::msleep(5);
    } while (!deadline.hasExpired());
    return -1;
}

// One `sluice serve` process with a data directory of its own.
struct Instance
{
    QProcess process;
    QString dataDir;
    quint16 port = 0;
    QByteArray banner;

    ~Instance()
    {
        process.terminate();
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
        }
    }
    AdminClient client() const
    {
        AdminClient c;
        c.setPort(port);
        return c;
    }
};

} // namespace

class TestSharedStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void threeInstancesShareOneStore();
    void aPasswordGivenToOneInstanceServesOnAnother();
    void theStoreGoesAwayAndComesBack();
    void migrateCopiesADataDirectoryIn();
    void aStoreThatCannotServeIsOneLine();

private:
    // A fresh database on `pg` for one test, and its DSN.
    QString newStore(sluice::test::PgServer &pg);
    QProcessEnvironment environment(bool withAdmin = false, const QString &masterKey = MasterKey);
    // Starts `sluice serve` on `store`; nullptr (with the banner in a warning) when it fails.
    Instance *serve(const QString &store, bool withAdmin = false, int flightPort = 0);
    // Runs tests/node/flight-client.mjs on 127.0.0.1:`port` with `steps` for the shop service.
    QJsonArray flight(int port, const QJsonArray &steps);
    sluice::test::CliRun cli(const QString &dataDir, const QString &store, const QStringList &args,
                             const QByteArray &stdinData = {});
    QString shopFile();

    sluice::test::PgServer *m_pg = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::list<Instance> m_instances;
    int m_stores = 0;
};

void TestSharedStore::initTestCase()
{
    m_pg = sluice::test::PgServer::shared();
    if (!m_pg)
        QSKIP("no PostgreSQL server could be started");
}

void TestSharedStore::init()
{
    m_instances.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestSharedStore::newStore(sluice::test::PgServer &pg)
{
    const QString name = u"shared_store_%1"_s.arg(++m_stores);
    if (!pg.createDatabase(name))
        return {};
    return u"postgres://%1:%2@127.0.0.1:%3/%4?sslmode=disable"_s.arg(pg.user(), pg.password())
        .arg(pg.port())
        .arg(name);
}

QProcessEnvironment TestSharedStore::environment(bool withAdmin, const QString &masterKey)
{
    QProcessEnvironment env = sluice::test::isolatedEnvironment(m_dir->filePath(u"home"_s));
    if (!masterKey.isEmpty())
        env.insert(u"SLUICE_MASTER_KEY"_s, masterKey);
    env.insert(u"SLUICE_SECRETS_BACKEND"_s, u"file"_s);
    if (withAdmin) {
        env.insert(u"SLUICE_ADMIN_EMAIL"_s, AdminEmail);
        env.insert(u"SLUICE_ADMIN_PASSWORD"_s, AdminPassword);
    }
    return env;
}

Instance *TestSharedStore::serve(const QString &store, bool withAdmin, int flightPort)
{
    Instance &instance = m_instances.emplace_back();
    instance.dataDir = m_dir->filePath(u"instance-%1"_s.arg(m_instances.size()));
    QStringList arguments { u"--data-dir"_s, instance.dataDir, u"--config-store"_s,
                            store,           u"serve"_s,       u"--port"_s,
                            u"0"_s };
    if (flightPort > 0)
        arguments << u"--flight-port"_s << QString::number(flightPort);
    const QString base =
        sluice::test::startServing(instance.process, QStringLiteral(SLUICE_BINARY), arguments,
                                   environment(withAdmin), &instance.banner);
    if (base.isEmpty()) {
        qWarning("sluice serve did not start: %s", instance.banner.constData());
        return nullptr;
    }
    instance.port = quint16(QUrl(base).port());
    return &instance;
}

QJsonArray TestSharedStore::flight(int port, const QJsonArray &steps)
{
    const QJsonObject plan { { u"address"_s, u"127.0.0.1:%1"_s.arg(port) },
                             { u"headers"_s, QJsonObject { { u"x-sluice-service"_s, u"shop"_s } } },
                             { u"steps"_s, steps } };
    static int plans = 0;
    const auto r = sluice::test::runNodeScript(u"flight-client.mjs"_s, u"@grpc/grpc-js"_s, plan,
                                               m_dir->filePath(u"plan%1.json"_s.arg(++plans)));
    if (!r.problem.isEmpty() || !r.ok)
        qWarning().noquote() << r.problem << r.output.left(3000);
    const QByteArray out = r.output.mid(r.output.indexOf("{\"results\""));
    return QJsonDocument::fromJson(out).object().value(u"results"_s).toArray();
}

// A free TCP port on the loopback address (for --flight-port, which has no "pick one").
static int freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

sluice::test::CliRun TestSharedStore::cli(const QString &dataDir, const QString &store,
                                          const QStringList &args, const QByteArray &stdinData)
{
    QStringList all { u"--data-dir"_s, dataDir };
    if (!store.isEmpty())
        all << u"--config-store"_s << store;
    return sluice::test::runCli(QStringLiteral(SLUICE_BINARY), all + args, environment(),
                                stdinData);
}

QString TestSharedStore::shopFile()
{
    const QString path = m_dir->filePath(u"shop.sqlite"_s);
    sluice::test::SqliteFileConnection shop(path, u"shop"_s);
    const QString made = shop.exec(u"CREATE TABLE IF NOT EXISTS books (id INTEGER PRIMARY KEY,"
                                   " title TEXT NOT NULL)"_s);
    if (!made.isEmpty())
        qWarning("cannot make the shop: %s", qPrintable(made));
    shop.exec(u"INSERT OR IGNORE INTO books VALUES (1, 'Ulysses'), (2, 'Dubliners'),"
              " (3, 'Exiles')"_s);
    return path;
}

// The issue's demonstration: a key made through one instance is served by the others, and
// revoked through the third it is refused by all of them; an admin session and a cursor from
// one instance are good on another; the audit trail is one.
void TestSharedStore::threeInstancesShareOneStore()
{
    const QString store = newStore(*m_pg);
    QVERIFY(!store.isEmpty());
    const int flightA = freePort();
    Instance *a = serve(store, true, flightA);
    QVERIFY(a);
    const int flightB = freePort();
    Instance *b = serve(store, false, flightB);
    QVERIFY(b);
    Instance *c = serve(store);
    QVERIFY(c);

    AdminClient onA = a->client();
    QVERIFY(onA.signInAsAdmin(AdminEmail, AdminPassword));
    HttpResponse r = onA.asAdmin(
        "POST", "/api/v1/system/service",
        sluice::test::jsonBody(
            { { u"name"_s, u"shop"_s }, { u"driver"_s, u"sqlite"_s }, { u"dsn"_s, shopFile() } }));
    QCOMPARE(r.status, 201);
    const QJsonObject rule { { u"service"_s, u"shop"_s },
                             { u"component"_s, u"_table/*"_s },
                             { u"verbs"_s, QJsonArray { u"GET"_s } } };
    r = onA.asAdmin("POST", "/api/v1/system/role",
                    sluice::test::jsonBody(
                        { { u"name"_s, u"reader"_s }, { u"access"_s, QJsonArray { rule } } }));
    QCOMPARE(r.status, 201);
    r = onA.asAdmin("POST", "/api/v1/system/api-key",
                    sluice::test::jsonBody({ { u"role"_s, u"reader"_s } }));
    QCOMPARE(r.status, 201);
    const QByteArray key = r.json()[u"api_key"_s].toString().toLatin1();
    const QByteArray prefix = r.json()[u"key_prefix"_s].toString().toLatin1();
    QVERIFY(!key.isEmpty() && !prefix.isEmpty());

    // The service and the key, made through A, are served by B and C.
    for (Instance *other : { b, c }) {
        const qint64 took = waitFor([&] {
            return other->client().withKey("GET", "/api/v1/shop/_table/books", key).status == 200;
        });
        QVERIFY2(took >= 0, "the key made on A was never accepted by another instance");
        qInfo("key made on A served by the instance on port %u after %lld ms", other->port, took);
    }
    r = b->client().withKey("GET", "/api/v1/shop/_table/books?order=id&limit=1", key);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.resource().at(0).toObject()[u"title"_s].toString(), u"Ulysses"_s);

    // A cursor signed by B reads the next page on C: one signing secret.
    const QString cursor = r.meta()[u"next_cursor"_s].toString();
    QVERIFY2(!cursor.isEmpty(), r.body.constData());
    r = c->client().withKey("GET",
                            "/api/v1/shop/_table/books?order=id&limit=1&cursor="
                                + QUrl::toPercentEncoding(cursor),
                            key);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.resource().at(0).toObject()[u"title"_s].toString(), u"Dubliners"_s);

    // An ETag from B is C's too: the same rows, the same secret.
    r = b->client().withKey("GET", "/api/v1/shop/_table/books/1", key);
    const QByteArray etag = r.header("ETag");
    QVERIFY2(r.status == 200 && !etag.isEmpty(), r.body.constData());
    r = c->client().withKey("GET", "/api/v1/shop/_table/books/1", key, {},
                            { { "If-None-Match", etag } });
    QCOMPARE(r.status, 304);

    // A Flight SQL ticket from A is redeemed on B.
    const QJsonObject login { { u"op"_s, u"handshake"_s },
                              { u"basic"_s,
                                QJsonObject { { u"username"_s, u"apikey"_s },
                                              { u"password"_s, QString::fromLatin1(key) } } } };
    // (A metadata command: the role may read tables, not run raw SQL.)
    QJsonArray results = flight(flightA,
                                { login,
                                  QJsonObject { { u"op"_s, u"command"_s },
                                                { u"command"_s, u"CommandGetTables"_s },
                                                { u"args"_s, QJsonObject {} } } });
    const QString ticket = results.at(1)[u"flightInfo"_s][u"tickets"_s].toArray().at(0).toString();
    QVERIFY2(!ticket.isEmpty(), QJsonDocument(results).toJson().constData());
    results = flight(
        flightB, { login, QJsonObject { { u"op"_s, u"doGetRaw"_s }, { u"ticket"_s, ticket } } });
    const QJsonArray rows = results.at(1)[u"rows"_s].toArray();
    QVERIFY2(rows.size() == 1, QJsonDocument(results).toJson().constData());
    QCOMPARE(rows.at(0)[u"table_name"_s].toString(), u"books"_s);

    // A's admin session works on C, which revokes the key there.
    r = c->client().withBearer("POST", "/api/v1/system/api-key/" + prefix + "/revoke",
                               onA.adminToken());
    QVERIFY2(r.status == 200, r.body.constData());
    for (Instance *each : { a, b, c }) {
        const qint64 took = waitFor([&] {
            return each->client().withKey("GET", "/api/v1/shop/_table/books", key).status == 401;
        });
        QVERIFY2(took >= 0, "a key revoked on C was still served");
        qInfo("key revoked on C refused by the instance on port %u after %lld ms", each->port,
              took);
    }

    // One audit trail: B lists what A and C did.
    r = b->client().withBearer("GET", "/api/v1/system/audit?limit=1000", onA.adminToken());
    QCOMPARE(r.status, 200);
    QStringList actions;
    for (const QJsonValue &entry : r.resource())
        actions.append(entry.toObject()[u"action"_s].toString());
    QVERIFY2(actions.contains(u"service.create"_s) && actions.contains(u"api_key.create"_s)
                 && actions.contains(u"api_key.revoke"_s),
             qPrintable(actions.join(u", "_s)));

    // The CLI is one more writer: a role it makes is listed by every instance.
    QCOMPARE(cli(m_dir->filePath(u"cli"_s), store,
                 { u"role"_s, u"create"_s, u"--name"_s, u"writer"_s, u"--access"_s,
                   u"shop:_table/*:GET,POST"_s })
                 .exitCode,
             0);
    for (Instance *each : { a, b, c }) {
        QVERIFY(waitFor([&] {
                    return each->client()
                               .withBearer("GET", "/api/v1/system/role/writer", onA.adminToken())
                               .status
                        == 200;
                })
                >= 0);
    }
}

// A PostgreSQL service added through A with its password (split out of the DSN into the store's
// sealed secrets) is served by B, which never saw the password: it reads it from the store.
void TestSharedStore::aPasswordGivenToOneInstanceServesOnAnother()
{
    QVERIFY(m_pg->exec(u"CREATE TABLE IF NOT EXISTS shared_store_items (id int PRIMARY KEY,"
                       " name text NOT NULL); INSERT INTO shared_store_items VALUES (1, 'anvil')"
                       " ON CONFLICT DO NOTHING"_s));
    const QString store = newStore(*m_pg);
    QVERIFY(!store.isEmpty());
    Instance *a = serve(store, true);
    QVERIFY(a);
    Instance *b = serve(store);
    QVERIFY(b);
    AdminClient onA = a->client();
    QVERIFY(onA.signInAsAdmin(AdminEmail, AdminPassword));
    HttpResponse r = onA.asAdmin(
        "POST", "/api/v1/system/service",
        sluice::test::jsonBody({ { u"name"_s, u"stock"_s },
                                 { u"driver"_s, u"postgres"_s },
                                 { u"dsn"_s, QString(m_pg->dsn() + u"?sslmode=disable"_s) } }));
    QVERIFY2(r.status == 201, r.body.constData());
    QVERIFY(!r.body.contains(QByteArray(':' + m_pg->password().toUtf8() + '@')));
    const QJsonObject rule { { u"service"_s, u"stock"_s },
                             { u"component"_s, u"_table/*"_s },
                             { u"verbs"_s, QJsonArray { u"GET"_s } } };
    QCOMPARE(onA.asAdmin("POST", "/api/v1/system/role",
                         sluice::test::jsonBody({ { u"name"_s, u"stockist"_s },
                                                  { u"access"_s, QJsonArray { rule } } }))
                 .status,
             201);
    r = onA.asAdmin("POST", "/api/v1/system/api-key",
                    sluice::test::jsonBody({ { u"role"_s, u"stockist"_s } }));
    const QByteArray key = r.json()[u"api_key"_s].toString().toLatin1();
    QVERIFY(!key.isEmpty());
    const qint64 took = waitFor([&] {
        return b->client().withKey("GET", "/api/v1/stock/_table/shared_store_items", key).status
            == 200;
    });
    QVERIFY2(took >= 0,
             b->client()
                 .withKey("GET", "/api/v1/stock/_table/shared_store_items", key)
                 .body.constData());
    r = b->client().withKey("GET", "/api/v1/stock/_table/shared_store_items", key);
    QCOMPARE(r.resource().at(0).toObject()[u"name"_s].toString(), u"anvil"_s);
}

// Its own PostgreSQL, stopped and started again: requests go on from what was read, changes are
// refused with 503 and /readyz says why; once it answers, changes work and reach the instance.
void TestSharedStore::theStoreGoesAwayAndComesBack()
{
    sluice::test::PgServer pg;
    if (!pg.start())
        QSKIP(qPrintable(u"no PostgreSQL server: "_s + pg.errorString()));
    const QString store = newStore(pg);
    QVERIFY(!store.isEmpty());
    const QString cliDir = m_dir->filePath(u"cli"_s);
    QCOMPARE(
        cli(cliDir, store,
            { u"db"_s, u"add"_s, u"shop"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, shopFile() })
            .exitCode,
        0);
    QCOMPARE(cli(cliDir, store,
                 { u"role"_s, u"create"_s, u"--name"_s, u"reader"_s, u"--access"_s,
                   u"shop:_table/*:GET"_s })
                 .exitCode,
             0);
    const QByteArray key = cli(cliDir, store, { u"key"_s, u"create"_s, u"--role"_s, u"reader"_s })
                               .outLines()
                               .value(2)
                               .trimmed()
                               .toLatin1();
    QVERIFY2(key.startsWith("sluice_"), key.constData());
    Instance *a = serve(store, true);
    QVERIFY(a);
    AdminClient admin = a->client();
    QVERIFY(admin.signInAsAdmin(AdminEmail, AdminPassword));
    QCOMPARE(admin.withKey("GET", "/api/v1/shop/_table/books", key).status, 200);

    QVERIFY2(pg.pause(), qPrintable(pg.errorString()));
    auto restart = qScopeGuard([&pg] { (void)pg.resume(); });
    // Served from the snapshot while the store is down.
    HttpResponse r = admin.withKey("GET", "/api/v1/shop/_table/books", key);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.resource().size(), 3);
    QVERIFY(waitFor([&] {
                return admin.send("GET", "/readyz")
                    .json()[u"store"_s]
                    .toString()
                    .startsWith(u"unavailable"_s);
            })
            >= 0);
    r = admin.send("GET", "/readyz");
    QCOMPARE(r.status, 200); // the services still answer: the load balancer keeps it
    // A change is refused, saying so and naming neither the store nor its address.
    r = admin.asAdmin(
        "POST", "/api/v1/system/role",
        sluice::test::jsonBody({ { u"name"_s, u"later"_s }, { u"access"_s, QJsonArray {} } }));
    QCOMPARE(r.status, 503);
    QVERIFY2(r.errorMessage().contains(u"config store is unavailable"_s), r.body.constData());
    QVERIFY(!r.body.contains(QByteArray::number(pg.port())));
    QVERIFY(!r.body.contains(pg.password().toUtf8()));

    restart.dismiss();
    QVERIFY2(pg.resume(), qPrintable(pg.errorString()));
    QVERIFY(waitFor([&] {
                return admin.send("GET", "/readyz").json()[u"store"_s].toString() == u"ok"_s;
            })
            >= 0);
    r = admin.asAdmin(
        "POST", "/api/v1/system/role",
        sluice::test::jsonBody({ { u"name"_s, u"later"_s }, { u"access"_s, QJsonArray {} } }));
    QVERIFY2(r.status == 201, r.body.constData());
    // The notifications reach the instance again: a key made by the CLI now is served.
    const sluice::test::CliRun made =
        cli(cliDir, store, { u"key"_s, u"create"_s, u"--role"_s, u"reader"_s });
    const QByteArray fresh = made.outLines().value(2).trimmed().toLatin1();
    QVERIFY2(fresh.startsWith("sluice_"), qPrintable(made.describe()));
    const qint64 took = waitFor(
        [&] { return admin.withKey("GET", "/api/v1/shop/_table/books", fresh).status == 200; });
    QVERIFY(took >= 0);
    qInfo("after the outage a key made by the CLI was served after %lld ms", took);
}

// config migrate: a data directory's services, roles, keys, admins and audit trail, copied into
// a store another instance then serves; a store that holds something is refused without --force.
void TestSharedStore::migrateCopiesADataDirectoryIn()
{
    const QString store = newStore(*m_pg);
    QVERIFY(!store.isEmpty());
    const QString local = m_dir->filePath(u"local"_s);
    QCOMPARE(
        cli(local, {},
            { u"db"_s, u"add"_s, u"shop"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, shopFile() })
            .exitCode,
        0);
    QCOMPARE(cli(local, {},
                 { u"role"_s, u"create"_s, u"--name"_s, u"reader"_s, u"--access"_s,
                   u"shop:_table/*:GET"_s })
                 .exitCode,
             0);
    const sluice::test::CliRun made =
        cli(local, {}, { u"key"_s, u"create"_s, u"--role"_s, u"reader"_s });
    const QByteArray key = made.outLines().value(2).trimmed().toLatin1();
    QVERIFY2(key.startsWith("sluice_"), qPrintable(made.describe()));
    QCOMPARE(cli(local, {}, { u"admin"_s, u"create"_s, u"--email"_s, AdminEmail },
                 AdminPassword.toUtf8() + '\n')
                 .exitCode,
             0);

    sluice::test::CliRun run = cli(local, {}, { u"config"_s, u"migrate"_s, u"--to"_s, store });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(u"1 api_keys"_s), qPrintable(run.out));
    QVERIFY2(!run.out.contains(u":%1@"_s.arg(m_pg->password())), qPrintable(run.out));
    run = cli(local, {}, { u"config"_s, u"migrate"_s, u"--to"_s, store });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errLines().value(0).contains(u"not empty"_s)
                 && run.errLines().value(0).contains(u"--force"_s),
             qPrintable(run.describe()));
    run = cli(local, {}, { u"config"_s, u"migrate"_s, u"--to"_s, store, u"--force"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));

    Instance *served = serve(store);
    QVERIFY(served);
    AdminClient client = served->client();
    QCOMPARE(client.withKey("GET", "/api/v1/shop/_table/books", key).status, 200);
    QVERIFY(client.signInAsAdmin(AdminEmail, AdminPassword));
    HttpResponse r = client.asAdmin("GET", "/api/v1/system/audit?action=key.create");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.meta()[u"total"_s].toInt(), 1); // copied once, not again by --force
    // A key made in the store gets a new id, past the copied ones.
    r = client.asAdmin("POST", "/api/v1/system/api-key",
                       sluice::test::jsonBody({ { u"role"_s, u"reader"_s } }));
    QVERIFY2(r.status == 201, r.body.constData());
    QCOMPARE(r.json()[u"id"_s].toInt(), 2);
}

// What keeps an instance from serving a shared store is one line and exit 1.
void TestSharedStore::aStoreThatCannotServeIsOneLine()
{
    const QString dir = m_dir->filePath(u"nowhere"_s);
    sluice::test::CliRun run =
        cli(dir, u"postgres://sluice:sluice@127.0.0.1:1/none?sslmode=disable"_s,
            { u"serve"_s, u"--port"_s, u"0"_s });
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.errLines().value(0).contains(u"does not answer"_s), qPrintable(run.describe()));
    QVERIFY2(!run.err.contains(u":sluice@"_s), qPrintable(run.err)); // the password is masked

    const QString store = newStore(*m_pg);
    QVERIFY(!store.isEmpty());
    const auto serveWithKey = [&](const QString &masterKey) {
        return sluice::test::runCli(
            QStringLiteral(SLUICE_BINARY),
            { u"--data-dir"_s, dir, u"--config-store"_s, store, u"serve"_s, u"--port"_s, u"0"_s },
            environment(false, masterKey));
    };
    run = serveWithKey({});
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.errLines().value(0).contains(u"SLUICE_MASTER_KEY"_s), qPrintable(run.describe()));

    // Sealed with one key, the store's secrets do not open with another.
    QCOMPARE(cli(dir, store, { u"role"_s, u"create"_s, u"--name"_s, u"x"_s }).exitCode, 0);
    Instance *first = serve(store);
    QVERIFY(first); // seals the signing secret with MasterKey
    run = serveWithKey(u"00"_s.repeated(32));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errLines().value(0).contains(u"does not open"_s), qPrintable(run.describe()));
}

QTEST_GUILESS_MAIN(TestSharedStore)
#include "tst_shared_store.moc"
