#include "audit/auditlog.h"
#include "auth/apikey.h"
#include "auth/password.h"
#include "clirun.h"
#include "config/adminrepository.h"
#include "config/apikeyrepository.h"
#include "config/configstore.h"
#include "config/rolerepository.h"
#include "isolatedcli.h"
#include "pgserver.h"
#include "valueorwarn.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using sluice::AdminRecord;
using sluice::AdminRepository;
using sluice::ApiKeyRecord;
using sluice::ApiKeyRepository;
using sluice::AuditEntry;
using sluice::AuditLog;
using sluice::ConfigStore;
using sluice::RoleRecord;
using sluice::RoleRepository;
using sluice::Status;

namespace {

using Run = sluice::test::CliRun;

} // namespace

// `sluice admin|role|key|audit` and the DSN-password handling of `sluice db`, run as the real
// binary on a fresh --data-dir per test. What the commands stored is checked through the same
// repositories the server reads, so a command that only printed success would fail here.
class TestCliAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void adminCreateWithPassword();
    void adminCreateFromStdin_data();
    void adminCreateFromStdin();
    void adminCreateRejected_data();
    void adminCreateRejected();
    void adminPasswdDisableEnable();

    void roleCreateShowRoundTrip();
    void roleCreateRejected_data();
    void roleCreateRejected();
    void roleUpdateReplacesRules();
    void roleDeleteRefusedWhileKeyUsesIt();

    void keyCreateAndList();
    void keyExpiry_data();
    void keyExpiry();
    void keyRevoke();

    void auditFilters();
    void auditTableAndCliChanges();
    void auditRejectsBadArguments_data();
    void auditRejectsBadArguments();

    void dbAddKeepsPasswordOutOfConfigDb();
    void dbTestUsesStoredPassword();

    void unknownSubcommands_data();
    void unknownSubcommands();

private:
    std::unique_ptr<ConfigStore> store()
    {
        return sluice::test::valueOrWarn(ConfigStore::open(m_cli.dataDir()));
    }
    AdminRecord admin(const QString &email);
    QList<ApiKeyRecord> keys();

    // Secrets go to the data dir's 0600 file.
    sluice::test::IsolatedCli m_cli { QStringLiteral(SLUICE_BINARY),
                                      sluice::test::IsolatedCli::Secrets::InDataDirFile };
};

void TestCliAuth::init()
{
    QVERIFY(m_cli.init());
}

AdminRecord TestCliAuth::admin(const QString &email)
{
    AdminRecord found;
    auto config = store();
    if (!config)
        return found;
    Status s = config->read([&](const QSqlDatabase &db) -> Status {
        auto admin = AdminRepository(db).findByEmail(email);
        if (admin)
            found = *admin;
        return {};
    });
    Q_UNUSED(s);
    return found;
}

QList<ApiKeyRecord> TestCliAuth::keys()
{
    QList<ApiKeyRecord> all;
    auto config = store();
    if (!config)
        return all;
    Status s = config->read([&](const QSqlDatabase &db) -> Status {
        auto list = ApiKeyRepository(db).list();
        if (list)
            all = *list;
        return {};
    });
    Q_UNUSED(s);
    return all;
}

// --- admin ---------------------------------------------------------------------------------

void TestCliAuth::adminCreateWithPassword()
{
    Run run = m_cli.ok({ u"admin"_s, u"create"_s, u"--email"_s, u"ann@example.com"_s, u"--name"_s,
                         u"Ann Admin"_s, u"--password"_s, u"correct horse"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(u"ann@example.com"_s), qPrintable(run.out));
    QVERIFY(!run.out.contains(u"correct horse"_s));

    const AdminRecord stored = admin(u"ann@example.com"_s);
    QCOMPARE(stored.name, u"Ann Admin"_s);
    QVERIFY(sluice::verifyPassword(u"correct horse"_s, stored.passwordHash));
    QVERIFY(!m_cli.configBytes().contains("correct horse"));

    run = m_cli.ok({ u"admin"_s, u"list"_s });
    QCOMPARE(run.outLines().size(), 2);
    QVERIFY(run.outLines().at(0).startsWith(u"ID"_s));
    const QString row = run.outLines().at(1);
    QVERIFY2(row.contains(u"ann@example.com"_s) && row.contains(u"Ann Admin"_s)
                 && row.contains(u"enabled"_s) && row.contains(u"never"_s),
             qPrintable(row));

    run = m_cli.ok({ u"admin"_s, u"list"_s, u"--json"_s });
    const QJsonArray list = run.jsonArray();
    QCOMPARE(list.size(), 1);
    const QJsonObject a = list.first().toObject();
    QCOMPARE(a.value(u"id"_s).toInteger(), stored.id);
    QCOMPARE(a.value(u"email"_s).toString(), u"ann@example.com"_s);
    QCOMPARE(a.value(u"name"_s).toString(), u"Ann Admin"_s);
    QCOMPARE(a.value(u"disabled"_s).toBool(true), false);
    QVERIFY(a.value(u"last_login_at"_s).isNull());
    QVERIFY(!a.contains(u"password_hash"_s));
    QVERIFY(!run.out.contains(u"argon2"_s));
}

void TestCliAuth::adminCreateFromStdin_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("password");

    QTest::newRow("line") << "piped password\n"_ba << u"piped password"_s;
    QTest::newRow("CRLF") << "piped password\r\n"_ba << u"piped password"_s;
    QTest::newRow("no final newline") << "piped password"_ba << u"piped password"_s;
    QTest::newRow("first line only") << "first line!\nsecond line\n"_ba << u"first line!"_s;
    QTest::newRow("UTF-8") << "pässwörd ünïcode\n"_ba << u"pässwörd ünïcode"_s;
}

void TestCliAuth::adminCreateFromStdin()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, password);

    const Run run = m_cli.ok({ u"admin"_s, u"create"_s, u"--email"_s, u"bo@example.com"_s }, input);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const AdminRecord stored = admin(u"bo@example.com"_s);
    QVERIFY(stored.id > 0);
    QVERIFY(sluice::verifyPassword(password, stored.passwordHash));
    QVERIFY(!sluice::verifyPassword(QString::fromUtf8(input), stored.passwordHash)
            || QString::fromUtf8(input) == password);
}

void TestCliAuth::adminCreateRejected_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");

    const QStringList create { u"admin"_s, u"create"_s };
    QTest::newRow("short password")
        << create + QStringList { u"--email"_s, u"c@example.com"_s, u"--password"_s, u"short"_s }
        << QByteArray() << 1 << u"at least 8 characters"_s;
    QTest::newRow("short piped password")
        << create + QStringList { u"--email"_s, u"c@example.com"_s } << "seven77\n"_ba << 1
        << u"at least 8 characters"_s;
    QTest::newRow("nothing piped") << create + QStringList { u"--email"_s, u"c@example.com"_s }
                                   << QByteArray() << 1 << u"no password"_s;
    QTest::newRow("duplicate email, other case") << create
            + QStringList { u"--email"_s, u"ANN@example.com"_s, u"--password"_s, u"long enough"_s }
                                                 << QByteArray() << 1 << u"already exists"_s;
    QTest::newRow("bad email") << create
            + QStringList { u"--email"_s, u"not-an-email"_s, u"--password"_s, u"long enough"_s }
                               << QByteArray() << 1 << u"email"_s;
    QTest::newRow("no email") << create + QStringList { u"--password"_s, u"long enough"_s }
                              << QByteArray() << 2 << u"usage"_s;
    QTest::newRow("unknown option") << create
            + QStringList { u"--email"_s, u"c@example.com"_s, u"--pasword"_s, u"long enough"_s }
                                    << QByteArray() << 2 << u"--pasword"_s;
}

void TestCliAuth::adminCreateRejected()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);

    QVERIFY(m_cli
                .ok({ u"admin"_s, u"create"_s, u"--email"_s, u"ann@example.com"_s, u"--password"_s,
                      u"first admin"_s })
                .exitCode
            == 0);
    const Run run = m_cli.run(args, input);
    QVERIFY2(run.exitCode == exitCode && !run.crashed, qPrintable(run.describe()));
    // API.md §7: one line on stderr that names the problem.
    QVERIFY2(run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.errLines().first().startsWith(u"sluice: "_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QCOMPARE(m_cli.ok({ u"admin"_s, u"list"_s, u"--json"_s }).jsonArray().size(), 1);
}

void TestCliAuth::adminPasswdDisableEnable()
{
    const QString email = u"dee@example.com"_s;
    QCOMPARE(m_cli
                 .ok({ u"admin"_s, u"create"_s, u"--email"_s, email, u"--password"_s,
                       u"old password"_s })
                 .exitCode,
             0);
    const AdminRecord created = admin(email);
    QVERIFY(created.id > 0);

    // A bad new password changes nothing.
    Run run =
        m_cli.run({ u"admin"_s, u"passwd"_s, u"--email"_s, email, u"--password"_s, u"tiny"_s });
    QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
    QCOMPARE(admin(email).passwordHash, created.passwordHash);
    QCOMPARE(admin(email).tokenEpoch, created.tokenEpoch);

    // The new password works, the old one does not, and earlier sessions are void.
    run = m_cli.ok({ u"admin"_s, u"passwd"_s, u"--email"_s, email }, "new password\n"_ba);
    QCOMPARE(run.exitCode, 0);
    AdminRecord now = admin(email);
    QVERIFY(sluice::verifyPassword(u"new password"_s, now.passwordHash));
    QVERIFY(!sluice::verifyPassword(u"old password"_s, now.passwordHash));
    QVERIFY(now.tokenEpoch > created.tokenEpoch);
    const qint64 epochAfterPasswd = now.tokenEpoch;

    run = m_cli.ok({ u"admin"_s, u"disable"_s, u"--email"_s, email });
    QCOMPARE(run.exitCode, 0);
    now = admin(email);
    QVERIFY(now.disabled);
    QVERIFY(now.tokenEpoch > epochAfterPasswd);
    QCOMPARE(m_cli.ok({ u"admin"_s, u"list"_s, u"--json"_s })
                 .jsonArray()
                 .first()[u"disabled"_s]
                 .toBool(),
             true);
    QVERIFY(m_cli.ok({ u"admin"_s, u"list"_s }).outLines().at(1).contains(u"disabled"_s));

    run = m_cli.ok({ u"admin"_s, u"enable"_s, u"--email"_s, email });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!admin(email).disabled);
    QCOMPARE(m_cli.ok({ u"admin"_s, u"list"_s, u"--json"_s })
                 .jsonArray()
                 .first()[u"disabled"_s]
                 .toBool(true),
             false);

    for (const QString &sub : { u"passwd"_s, u"disable"_s, u"enable"_s }) {
        QStringList args { u"admin"_s, sub, u"--email"_s, u"ghost@example.com"_s };
        if (sub == u"passwd"_s)
            args << u"--password"_s << u"whatever long"_s;
        run = m_cli.run(args);
        QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
        QVERIFY2(run.err.contains(u"ghost@example.com"_s), qPrintable(run.err));
    }
}

// --- roles ---------------------------------------------------------------------------------

void TestCliAuth::roleCreateShowRoundTrip()
{
    const QStringList specs { u"shop:_table/books:GET"_s,
                              u"shop:_table/orders:GET,POST:note = 'a:b' AND id > 3"_s,
                              u"report*:_schema:GET"_s, u"*:_table/*:*"_s };
    QStringList args { u"role"_s,          u"create"_s,      u"--name"_s,       u"clerk"_s,
                       u"--description"_s, u"Shop clerks"_s, u"--rate-limit"_s, u"120"_s };
    for (const QString &spec : specs)
        args << u"--access"_s << spec;
    Run run = m_cli.ok(args);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));

    // Stored as the server reads it, in order, the filter whole despite its ':'.
    RoleRecord stored;
    {
        auto config = store();
        QVERIFY(config);
        QVERIFY(config->read([&](const QSqlDatabase &db) -> Status {
            auto role = RoleRepository(db).findByName(u"clerk"_s);
            if (!role)
                return role.error();
            stored = *role;
            return {};
        }));
    }
    QCOMPARE(stored.description, u"Shop clerks"_s);
    QCOMPARE(stored.rateLimitPerMinute, 120);
    QCOMPARE(stored.rules.size(), 4);
    QCOMPARE(stored.rules.at(1).service, u"shop"_s);
    QCOMPARE(stored.rules.at(1).component, u"_table/orders"_s);
    QCOMPARE(stored.rules.at(1).verbs, sluice::VerbGet | sluice::VerbPost);
    QCOMPARE(stored.rules.at(1).filter, u"note = 'a:b' AND id > 3"_s);
    QCOMPARE(stored.rules.at(3).verbs, int(sluice::AllVerbs));

    // show --json gives the rules back in the --access syntax.
    run = m_cli.ok({ u"role"_s, u"show"_s, u"clerk"_s, u"--json"_s });
    const QJsonObject role = run.jsonObject();
    QCOMPARE(role.value(u"name"_s).toString(), u"clerk"_s);
    QCOMPARE(role.value(u"rate_limit_per_minute"_s).toInt(), 120);
    QStringList shown;
    for (const QJsonValue &rule : role.value(u"rules"_s).toArray())
        shown << rule[u"access"_s].toString();
    QCOMPARE(shown, specs);

    // The text form prints each rule as a pastable shell word.
    run = m_cli.ok({ u"role"_s, u"show"_s, u"clerk"_s });
    QVERIFY2(run.out.contains(u"--access 'shop:_table/books:GET'"_s), qPrintable(run.out));
    QVERIFY2(
        run.out.contains(u"--access \"shop:_table/orders:GET,POST:note = 'a:b' AND id > 3\""_s),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(u"Shop clerks"_s) && run.out.contains(u"120"_s), qPrintable(run.out));

    // Round trip: a role made from what show printed has the same rules.
    QStringList again { u"role"_s, u"create"_s, u"--name"_s, u"clerk2"_s };
    for (const QString &spec : std::as_const(shown))
        again << u"--access"_s << spec;
    QCOMPARE(m_cli.ok(again).exitCode, 0);
    QCOMPARE(m_cli.ok({ u"role"_s, u"show"_s, u"clerk2"_s, u"--json"_s }).jsonObject()[u"rules"_s],
             role.value(u"rules"_s));

    run = m_cli.ok({ u"role"_s, u"list"_s });
    QCOMPARE(run.outLines().size(), 3);
    QVERIFY(run.outLines().at(1).startsWith(u"clerk "_s));
    QVERIFY(run.outLines().at(1).contains(u"120/min"_s));
    QVERIFY(run.outLines().at(2).startsWith(u"clerk2 "_s));
    const QJsonArray list = m_cli.ok({ u"role"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0)[u"rules"_s].toArray().size(), 4);

    run = m_cli.run({ u"role"_s, u"show"_s, u"nobody"_s });
    QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY(run.err.contains(u"nobody"_s));
}

void TestCliAuth::roleCreateRejected_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");

    const auto create = [](const QString &name, const QString &spec) {
        return QStringList { u"role"_s,     u"create"_s,          u"--name"_s,   name,
                             u"--access"_s, u"shop:_table:GET"_s, u"--access"_s, spec };
    };
    QTest::newRow("bad verb") << create(u"r"_s, u"shop:_table:FETCH"_s) << u"shop:_table:FETCH"_s;
    QTest::newRow("bad component") << create(u"r"_s, u"shop:_tabel:GET"_s) << u"shop:_tabel:GET"_s;
    QTest::newRow("too few parts") << create(u"r"_s, u"shop:_table"_s) << u"'shop:_table'"_s;
    QTest::newRow("bad service") << create(u"r"_s, u"sh op:_table:GET"_s) << u"sh op:_table:GET"_s;
    QTest::newRow("bad filter") << create(u"r"_s, u"shop:_table:GET:price >> 3"_s)
                                << u"shop:_table:GET:price >> 3"_s;
    QTest::newRow("no verbs") << create(u"r"_s, u"shop:_table:"_s) << u"shop:_table:"_s;
    QTest::newRow("bad name") << create(u"no spaces"_s, u"shop:_table:GET"_s) << u"name"_s;
    QTest::newRow("taken name") << create(u"taken"_s, u"shop:_table:GET"_s) << u"taken"_s;
    QTest::newRow("negative rate limit")
        << QStringList { u"role"_s, u"create"_s, u"--name"_s, u"r"_s, u"--rate-limit"_s, u"-1"_s }
        << u"--rate-limit"_s;
}

void TestCliAuth::roleCreateRejected()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);

    QCOMPARE(
        m_cli.ok({ u"role"_s, u"create"_s, u"--name"_s, u"taken"_s, u"--access"_s, u"*:*:GET"_s })
            .exitCode,
        0);
    const Run run = m_cli.run(args);
    QVERIFY2(run.exitCode == 1 && !run.crashed, qPrintable(run.describe()));
    QVERIFY2(run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    // Nothing was stored, not even the good first rule.
    const QJsonArray roles = m_cli.ok({ u"role"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(roles.size(), 1);
    QCOMPARE(roles.first()[u"rules"_s].toArray().size(), 1);
}

void TestCliAuth::roleUpdateReplacesRules()
{
    QCOMPARE(m_cli
                 .ok({ u"role"_s, u"create"_s, u"--name"_s, u"ops"_s, u"--description"_s, u"old"_s,
                       u"--access"_s, u"a:*:GET"_s, u"--access"_s, u"b:*:GET"_s })
                 .exitCode,
             0);
    // Only the description: rules stay.
    QCOMPARE(m_cli.ok({ u"role"_s, u"update"_s, u"ops"_s, u"--description"_s, u"new"_s }).exitCode,
             0);
    QJsonObject role = m_cli.ok({ u"role"_s, u"show"_s, u"ops"_s, u"--json"_s }).jsonObject();
    QCOMPARE(role[u"description"_s].toString(), u"new"_s);
    QCOMPARE(role[u"rules"_s].toArray().size(), 2);

    QCOMPARE(m_cli
                 .ok({ u"role"_s, u"update"_s, u"ops"_s, u"--access"_s, u"c:_table/t:DELETE"_s,
                       u"--rate-limit"_s, u"7"_s })
                 .exitCode,
             0);
    role = m_cli.ok({ u"role"_s, u"show"_s, u"ops"_s, u"--json"_s }).jsonObject();
    QCOMPARE(role[u"rules"_s].toArray().size(), 1);
    QCOMPARE(role[u"rules"_s][0][u"access"_s].toString(), u"c:_table/t:DELETE"_s);
    QCOMPARE(role[u"rate_limit_per_minute"_s].toInt(), 7);
    QCOMPARE(role[u"description"_s].toString(), u"new"_s);

    // A bad spec leaves the role as it was.
    const Run run = m_cli.run({ u"role"_s, u"update"_s, u"ops"_s, u"--access"_s, u"c:nope:GET"_s });
    QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY(run.err.contains(u"c:nope:GET"_s));
    QCOMPARE(m_cli.ok({ u"role"_s, u"show"_s, u"ops"_s, u"--json"_s }).jsonObject()[u"rules"_s],
             role[u"rules"_s]);
}

void TestCliAuth::roleDeleteRefusedWhileKeyUsesIt()
{
    QCOMPARE(
        m_cli.ok({ u"role"_s, u"create"_s, u"--name"_s, u"used"_s, u"--access"_s, u"*:*:GET"_s })
            .exitCode,
        0);
    QCOMPARE(m_cli.ok({ u"role"_s, u"create"_s, u"--name"_s, u"unused"_s }).exitCode, 0);
    const Run key = m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"used"_s });
    QCOMPARE(key.exitCode, 0);

    Run run = m_cli.run({ u"role"_s, u"delete"_s, u"used"_s });
    QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"Role 'used' is used by 1 API key"_s), qPrintable(run.err));
    QCOMPARE(m_cli.ok({ u"role"_s, u"list"_s, u"--json"_s }).jsonArray().size(), 2);

    // A revoked key still holds on to the role; a deleted one does not.
    const QString prefix = sluice::apiKeyPrefix(key.outLines().last());
    QCOMPARE(m_cli.ok({ u"key"_s, u"revoke"_s, prefix }).exitCode, 0);
    QCOMPARE(m_cli.run({ u"role"_s, u"delete"_s, u"used"_s }).exitCode, 1);
    QCOMPARE(m_cli.ok({ u"key"_s, u"delete"_s, prefix }).exitCode, 0);
    QCOMPARE(m_cli.ok({ u"role"_s, u"delete"_s, u"used"_s }).exitCode, 0);
    QCOMPARE(m_cli.ok({ u"role"_s, u"delete"_s, u"unused"_s }).exitCode, 0);
    QCOMPARE(m_cli.ok({ u"role"_s, u"list"_s, u"--json"_s }).jsonArray().size(), 0);

    run = m_cli.run({ u"role"_s, u"delete"_s, u"used"_s });
    QVERIFY2(run.exitCode == 1 && run.err.contains(u"used"_s), qPrintable(run.describe()));
}

// --- keys ----------------------------------------------------------------------------------

void TestCliAuth::keyCreateAndList()
{
    QCOMPARE(
        m_cli.ok({ u"role"_s, u"create"_s, u"--name"_s, u"reader"_s, u"--access"_s, u"*:*:GET"_s })
            .exitCode,
        0);
    const Run run = m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"reader"_s, u"--label"_s,
                               u"nightly export"_s, u"--rate-limit"_s, u"30"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    // KEY=$(sluice key create … | tail -1)
    const QString plaintext = run.out.section(u'\n', -2, -2);
    QVERIFY2(run.out.endsWith(u'\n'), qPrintable(run.out));
    QVERIFY2(QRegularExpression(u"\\Asluice_[0-9a-f]{64}\\z"_s).match(plaintext).hasMatch(),
             qPrintable(run.out));
    QCOMPARE(run.out.count(plaintext), 1);
    QVERIFY(run.outLines().size() > 1); // details above the key

    // Stored as its hash only, for the right role, with the label and limit.
    const QList<ApiKeyRecord> stored = keys();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().keyHash, sluice::hashApiKey(plaintext));
    QCOMPARE(stored.first().keyPrefix, sluice::apiKeyPrefix(plaintext));
    QCOMPARE(stored.first().roleName, u"reader"_s);
    QCOMPARE(stored.first().label, u"nightly export"_s);
    QCOMPARE(stored.first().rateLimitPerMinute, 30);
    QVERIFY(!stored.first().expiresAt.isValid());
    QVERIFY(!m_cli.configBytes().contains(plaintext.toLatin1()));

    // Last use comes from audit.db, where the server records it.
    const QDateTime used = QDateTime::fromString(u"2026-03-04T05:06:07Z"_s, Qt::ISODate);
    {
        auto log = AuditLog::open(m_cli.dataDir());
        QVERIFY(log);
        (*log)->touchKey(stored.first().id, used);
    }

    Run list = m_cli.ok({ u"key"_s, u"list"_s });
    QVERIFY(!list.out.contains(plaintext) && !list.out.contains(stored.first().keyHash));
    QCOMPARE(list.outLines().size(), 2);
    const QString row = list.outLines().at(1);
    QVERIFY2(row.contains(stored.first().keyPrefix) && row.contains(u"nightly export"_s)
                 && row.contains(u"reader"_s) && row.contains(u"active"_s)
                 && row.contains(u"2026-03-04 05:06:07Z"_s),
             qPrintable(row));

    list = m_cli.ok({ u"key"_s, u"list"_s, u"--json"_s });
    QVERIFY(!list.out.contains(plaintext) && !list.out.contains(stored.first().keyHash));
    const QJsonArray json = list.jsonArray();
    QCOMPARE(json.size(), 1);
    const QJsonObject key = json.first().toObject();
    QCOMPARE(key[u"prefix"_s].toString(), plaintext.left(15));
    QCOMPARE(key[u"label"_s].toString(), u"nightly export"_s);
    QCOMPARE(key[u"role"_s].toString(), u"reader"_s);
    QCOMPARE(key[u"state"_s].toString(), u"active"_s);
    QVERIFY(key[u"expires_at"_s].isNull());
    QVERIFY(key[u"revoked_at"_s].isNull());
    QCOMPARE(QDateTime::fromString(key[u"last_used_at"_s].toString(), Qt::ISODateWithMs), used);
    QCOMPARE(QDateTime::fromString(key[u"created_at"_s].toString(), Qt::ISODateWithMs),
             stored.first().createdAt);

    const Run bad = m_cli.run({ u"key"_s, u"create"_s, u"--role"_s, u"writer"_s });
    QVERIFY2(bad.exitCode == 1 && bad.errLines().size() == 1, qPrintable(bad.describe()));
    QVERIFY(bad.err.contains(u"writer"_s));
    QVERIFY(bad.out.isEmpty());
    QCOMPARE(keys().size(), 1);
}

void TestCliAuth::keyExpiry_data()
{
    QTest::addColumn<QString>("expires");
    QTest::addColumn<qint64>("seconds"); // from the time of the run; 0: see `date`
    QTest::addColumn<QDate>("date"); // a date means the midnight (UTC) after it

    QTest::newRow("days") << u"30d"_s << qint64(30 * 86400) << QDate();
    QTest::newRow("hours") << u"12h"_s << qint64(12 * 3600) << QDate();
    QTest::newRow("weeks") << u"2w"_s << qint64(14 * 86400) << QDate();
    const QDate later = QDate::currentDate().addYears(2);
    QTest::newRow("date") << later.toString(Qt::ISODate) << qint64(0) << later;
    const QDateTime at = QDateTime::currentDateTimeUtc().addYears(1);
    QTest::newRow("RFC 3339 with offset")
        << at.toOffsetFromUtc(2 * 3600).toString(Qt::ISODate) << qint64(0) << QDate();
}

void TestCliAuth::keyExpiry()
{
    QFETCH(QString, expires);
    QFETCH(qint64, seconds);
    QFETCH(QDate, date);

    QCOMPARE(m_cli.ok({ u"role"_s, u"create"_s, u"--name"_s, u"r"_s, u"--access"_s, u"*:*:GET"_s })
                 .exitCode,
             0);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const Run run =
        m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"r"_s, u"--expires"_s, expires });
    const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(1);
    QCOMPARE(run.exitCode, 0);
    const QDateTime stored = keys().first().expiresAt;
    if (seconds > 0) {
        QVERIFY2(stored >= before.addSecs(seconds) && stored <= after.addSecs(seconds),
                 qPrintable(stored.toString(Qt::ISODate)));
    } else if (date.isValid()) {
        QCOMPARE(stored, QDateTime(date.addDays(1), QTime(0, 0), Qt::UTC));
    } else {
        QCOMPARE(stored.toSecsSinceEpoch(),
                 QDateTime::fromString(expires, Qt::ISODate).toSecsSinceEpoch());
    }
    const QJsonObject listed =
        m_cli.ok({ u"key"_s, u"list"_s, u"--json"_s }).jsonArray().first().toObject();
    QCOMPARE(QDateTime::fromString(listed[u"expires_at"_s].toString(), Qt::ISODateWithMs)
                 .toSecsSinceEpoch(),
             stored.toSecsSinceEpoch());

    // Expiries in the past or unreadable are refused, and nothing is created.
    for (const QString &bad : { u"2001-01-01"_s, u"soon"_s, u"0d"_s, u"-3d"_s, u"12x"_s }) {
        const Run refused =
            m_cli.run({ u"key"_s, u"create"_s, u"--role"_s, u"r"_s, u"--expires"_s, bad });
        QVERIFY2(refused.exitCode != 0 && refused.errLines().size() == 1,
                 qPrintable(refused.describe()));
        QVERIFY2(refused.err.contains(bad), qPrintable(refused.err));
    }
    QCOMPARE(keys().size(), 1);
}

void TestCliAuth::keyRevoke()
{
    QCOMPARE(m_cli.ok({ u"role"_s, u"create"_s, u"--name"_s, u"r"_s, u"--access"_s, u"*:*:GET"_s })
                 .exitCode,
             0);
    const QString first =
        m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"r"_s }).outLines().last();
    const QString second =
        m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"r"_s }).outLines().last();
    QVERIFY(first != second);

    // "sluice_" is a prefix of every key: the repository refuses to guess.
    Run run = m_cli.run({ u"key"_s, u"revoke"_s, u"sluice_"_s });
    QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"matches 2 API keys"_s), qPrintable(run.err));
    for (const ApiKeyRecord &key : keys())
        QVERIFY(!key.revokedAt.isValid());

    run = m_cli.run({ u"key"_s, u"revoke"_s, u"sluice_ffffffffx"_s });
    QVERIFY2(run.exitCode == 1 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY(run.err.contains(u"sluice_ffffffffx"_s));

    const QString prefix = sluice::apiKeyPrefix(first);
    run = m_cli.ok({ u"key"_s, u"revoke"_s, prefix });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(prefix));
    for (const ApiKeyRecord &key : keys())
        QCOMPARE(key.revokedAt.isValid(), key.keyPrefix == prefix);

    const QJsonArray list = m_cli.ok({ u"key"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(list.size(), 2);
    for (const QJsonValue &key : list) {
        const bool revoked = key[u"prefix"_s].toString() == prefix;
        QCOMPARE(key[u"state"_s].toString(), revoked ? u"revoked"_s : u"active"_s);
        QCOMPARE(key[u"revoked_at"_s].isNull(), !revoked);
    }
    // Revoking again keeps the first revocation time.
    const QDateTime revokedAt = [&] {
        for (const ApiKeyRecord &key : keys()) {
            if (key.keyPrefix == prefix)
                return key.revokedAt;
        }
        return QDateTime();
    }();
    QCOMPARE(m_cli.ok({ u"key"_s, u"revoke"_s, prefix }).exitCode, 0);
    for (const ApiKeyRecord &key : keys()) {
        if (key.keyPrefix == prefix)
            QCOMPARE(key.revokedAt, revokedAt);
    }
    // The other key can be named by its id as well.
    qint64 otherId = 0;
    for (const ApiKeyRecord &key : keys()) {
        if (key.keyPrefix != prefix)
            otherId = key.id;
    }
    QCOMPARE(m_cli.ok({ u"key"_s, u"revoke"_s, QString::number(otherId) }).exitCode, 0);
    for (const ApiKeyRecord &key : keys())
        QVERIFY(key.revokedAt.isValid());
}

// --- audit ---------------------------------------------------------------------------------

namespace {

AuditEntry entry(const QDateTime &at, const QString &actor, const QString &action,
                 const QString &service, const QString &detail)
{
    AuditEntry e;
    e.at = at;
    e.actor = actor;
    e.action = action;
    e.service = service;
    e.detail = detail;
    e.status = 200;
    e.requestId = u"req-"_s + detail;
    return e;
}

} // namespace

void TestCliAuth::auditFilters()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    {
        auto log = AuditLog::open(m_cli.dataDir());
        QVERIFY(log);
        AuditEntry write = entry(now.addDays(-3), u"key:sluice_aaaaaaaa"_s, u"data.write"_s,
                                 u"shop"_s, u"oldest"_s);
        write.table = u"books"_s;
        write.verb = u"POST"_s;
        write.rows = 3;
        write.status = 201;
        (*log)->append(write);
        (*log)->append(entry(now.addSecs(-2 * 3600), u"admin:ann@example.com"_s, u"auth.login"_s,
                             QString(), u"middle"_s));
        AuditEntry newest = entry(now.addSecs(-60), u"key:sluice_bbbbbbbb"_s, u"data.write"_s,
                                  u"crm"_s, u"newest"_s);
        newest.tenant = u"acme"_s;
        (*log)->append(newest);
    }
    const auto details = [this](const QStringList &args) {
        QStringList out;
        const Run run = m_cli.ok(QStringList { u"audit"_s, u"--json"_s } + args);
        for (const QJsonValue &e : run.jsonArray())
            out << e[u"detail"_s].toString();
        return out;
    };
    // Newest first.
    QCOMPARE(details({}), (QStringList { u"newest"_s, u"middle"_s, u"oldest"_s }));
    QCOMPARE(details({ u"--since"_s, u"1h"_s }), QStringList { u"newest"_s });
    QCOMPARE(details({ u"--since"_s, u"1d"_s }), (QStringList { u"newest"_s, u"middle"_s }));
    QCOMPARE(details({ u"--until"_s, u"1h"_s }), (QStringList { u"middle"_s, u"oldest"_s }));
    QCOMPARE(details({ u"--since"_s, u"7d"_s, u"--until"_s, u"1d"_s }),
             QStringList { u"oldest"_s });
    QCOMPARE(details({ u"--since"_s, now.addDays(-1).toString(Qt::ISODate) }),
             (QStringList { u"newest"_s, u"middle"_s }));
    QCOMPARE(details({ u"--action"_s, u"data.write"_s }),
             (QStringList { u"newest"_s, u"oldest"_s }));
    QCOMPARE(details({ u"--actor"_s, u"admin:ann@example.com"_s }), QStringList { u"middle"_s });
    QCOMPARE(details({ u"--service"_s, u"shop"_s }), QStringList { u"oldest"_s });
    QCOMPARE(details({ u"--limit"_s, u"1"_s }), QStringList { u"newest"_s });
    QCOMPARE(details({ u"--action"_s, u"nothing.like.this"_s }), QStringList());
    QCOMPARE(details({ u"--tenant"_s, u"acme"_s }), QStringList { u"newest"_s });
    QCOMPARE(details({ u"--tenant"_s, u"beta"_s }), QStringList());

    // The entry shape of API.md §9.
    const QJsonObject oldest = m_cli.ok({ u"audit"_s, u"--json"_s, u"--service"_s, u"shop"_s })
                                   .jsonArray()
                                   .first()
                                   .toObject();
    QCOMPARE(oldest[u"actor"_s].toString(), u"key:sluice_aaaaaaaa"_s);
    QCOMPARE(oldest[u"action"_s].toString(), u"data.write"_s);
    QCOMPARE(oldest[u"service"_s].toString(), u"shop"_s);
    QCOMPARE(oldest[u"table"_s].toString(), u"books"_s);
    QCOMPARE(oldest[u"verb"_s].toString(), u"POST"_s);
    QCOMPARE(oldest[u"rows"_s].toInt(), 3);
    QCOMPARE(oldest[u"status"_s].toInt(), 201);
    QCOMPARE(oldest[u"request_id"_s].toString(), u"req-oldest"_s);
    QVERIFY(oldest[u"id"_s].toInteger() > 0);
    QCOMPARE(QDateTime::fromString(oldest[u"at"_s].toString(), Qt::ISODateWithMs), now.addDays(-3));
    const QJsonObject middle = m_cli.ok({ u"audit"_s, u"--json"_s, u"--action"_s, u"auth.login"_s })
                                   .jsonArray()
                                   .first()
                                   .toObject();
    QVERIFY(!middle.contains(u"service"_s) && !middle.contains(u"rows"_s));
    QVERIFY(!middle.contains(u"tenant"_s));
    const QJsonObject newest = m_cli.ok({ u"audit"_s, u"--json"_s, u"--tenant"_s, u"acme"_s })
                                   .jsonArray()
                                   .first()
                                   .toObject();
    QCOMPARE(newest[u"tenant"_s].toString(), u"acme"_s);
    // The table's TENANT column: the tenant, or "-".
    const QStringList lines = m_cli.ok({ u"audit"_s }).outLines();
    QVERIFY2(lines.at(0).contains(u"TENANT"_s), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).contains(u" acme "_s), qPrintable(lines.at(1)));
    QVERIFY2(!lines.at(2).contains(u"acme"_s), qPrintable(lines.at(2)));
}

void TestCliAuth::auditTableAndCliChanges()
{
    {
        auto log = AuditLog::open(m_cli.dataDir());
        QVERIFY(log);
        AuditEntry sneaky =
            entry(QDateTime::currentDateTimeUtc().addSecs(-600), u"admin:\x1b[31mevil"_s,
                  u"auth.login"_s, QString(), u"line\nbreak"_s);
        sneaky.status = 401;
        (*log)->append(sneaky);
    }
    // Changes made with the CLI are audited too.
    QCOMPARE(m_cli.ok({ u"role"_s, u"create"_s, u"--name"_s, u"r"_s, u"--access"_s, u"*:*:GET"_s })
                 .exitCode,
             0);
    const QString key = m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"r"_s }).outLines().last();

    const Run run = m_cli.ok({ u"audit"_s });
    const QStringList lines = run.outLines();
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).startsWith(u"TIME"_s) && lines.at(0).contains(u"ACTOR"_s)
            && lines.at(0).contains(u"ACTION"_s));
    QVERIFY2(lines.at(1).contains(u"key.create"_s)
                 && lines.at(1).contains(sluice::apiKeyPrefix(key)),
             qPrintable(run.out));
    QVERIFY2(lines.at(2).contains(u"role.create"_s) && lines.at(2).contains(u"cli"_s),
             qPrintable(run.out));
    // A client-supplied string cannot drive the terminal or break the table's lines.
    QVERIFY2(lines.at(3).contains(u"admin:?[31mevil"_s) && lines.at(3).contains(u"line?break"_s)
                 && lines.at(3).contains(u"401"_s),
             qPrintable(run.out));
    QVERIFY(!run.out.contains(QChar(0x1b)));
    QVERIFY(!run.out.contains(key));

    const QJsonArray json =
        m_cli.ok({ u"audit"_s, u"--json"_s, u"--action"_s, u"role.create"_s }).jsonArray();
    QCOMPARE(json.size(), 1);
    QVERIFY(json.first()[u"actor"_s].toString().startsWith(u"cli"_s));
    QVERIFY(!json.first()[u"request_id"_s].toString().isEmpty());
}

void TestCliAuth::auditRejectsBadArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("since") << QStringList { u"--since"_s, u"yesterday"_s } << u"yesterday"_s;
    QTest::newRow("until") << QStringList { u"--until"_s, u"5y"_s } << u"5y"_s;
    QTest::newRow("bad date") << QStringList { u"--since"_s, u"2026-02-30"_s } << u"2026-02-30"_s;
    QTest::newRow("limit 0") << QStringList { u"--limit"_s, u"0"_s } << u"--limit"_s;
    QTest::newRow("limit too big") << QStringList { u"--limit"_s, u"1001"_s } << u"1001"_s;
    QTest::newRow("limit text") << QStringList { u"--limit"_s, u"ten"_s } << u"ten"_s;
    QTest::newRow("unknown option") << QStringList { u"--verb"_s, u"GET"_s } << u"--verb"_s;
    QTest::newRow("tenant name") << QStringList { u"--tenant"_s, u"Acme Inc"_s } << u"Acme Inc"_s;
}

void TestCliAuth::auditRejectsBadArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);

    const Run run = m_cli.run(QStringList { u"audit"_s } + args);
    QVERIFY2(run.exitCode == 2 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

// --- db add: the DSN password goes to the secret store --------------------------------------

void TestCliAuth::dbAddKeepsPasswordOutOfConfigDb()
{
    // Port 1 on loopback: nothing listens, and nothing needs to.
    const QString password = u"Pw-9f3a!x@y:z"_s;
    const QString url = u"postgres://alice:Pw-9f3a%21x%40y%3Az@127.0.0.1:1/shop?sslmode=disable"_s;
    const QString keywords =
        u"host=127.0.0.1 port=1 user=bob password='Pw-9f3a!x@y:z' dbname=shop"_s;
    QCOMPARE(
        m_cli.ok({ u"db"_s, u"add"_s, u"pg_url"_s, u"--driver"_s, u"postgres"_s, u"--dsn"_s, url })
            .exitCode,
        0);
    QCOMPARE(m_cli
                 .ok({ u"db"_s, u"add"_s, u"pg_kw"_s, u"--driver"_s, u"postgresql"_s, u"--dsn"_s,
                       keywords })
                 .exitCode,
             0);

    const QByteArray config = m_cli.configBytes();
    QVERIFY(!config.isEmpty());
    QVERIFY(!config.contains(password.toUtf8()));
    QVERIFY(!config.contains("Pw-9f3a%21x%40y%3Az"));
    QVERIFY(!config.contains("Pw-9f3a"));
    {
        auto store = this->store();
        QVERIFY(store);
        auto services = store->services();
        QVERIFY(services);
        QCOMPARE(services->size(), 2);
        for (const sluice::ServiceConfig &s : std::as_const(*services)) {
            QVERIFY2(!s.dsn.contains(u"Pw-9f3a"_s), qPrintable(s.dsn));
            QVERIFY2(s.dsn.contains(u"alice"_s) || s.dsn.contains(u"bob"_s), qPrintable(s.dsn));
        }
    }
    // The file backend (0600, in the data dir) holds it instead.
    QFile secrets(QDir(m_cli.dataDir()).filePath(u"secrets.json"_s));
    QVERIFY(secrets.open(QIODevice::ReadOnly));
    const QJsonObject stored = QJsonDocument::fromJson(secrets.readAll()).object();
    secrets.close();
    QCOMPARE(stored.value(u"service/pg_url/password"_s).toString(), password);
    QCOMPARE(stored.value(u"service/pg_kw/password"_s).toString(), password);

    for (const QStringList &args :
         { QStringList { u"db"_s, u"list"_s }, QStringList { u"db"_s, u"list"_s, u"--json"_s } }) {
        const Run run = m_cli.ok(args);
        QVERIFY2(!run.out.contains(u"Pw-9f3a"_s) && !run.err.contains(u"Pw-9f3a"_s),
                 qPrintable(run.out));
        // The listing still says a password exists.
        QCOMPARE(run.out.count(u"***"_s), 2);
    }
    const QJsonArray list = m_cli.ok({ u"db"_s, u"list"_s, u"--json"_s }).jsonArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(1)[u"dsn"_s].toString(),
             u"postgres://alice:***@127.0.0.1:1/shop?sslmode=disable"_s);

    // `db test` merges the password back for its connection and still never prints it.
    const Run test = m_cli.run({ u"db"_s, u"test"_s, u"pg_url"_s });
    QVERIFY2(test.exitCode == 1 && !test.crashed, qPrintable(test.describe()));
    QVERIFY(!test.err.contains(u"Pw-9f3a"_s) && !test.out.contains(u"Pw-9f3a"_s));

    // A refused add (name taken) must not replace the existing service's password.
    const Run taken = m_cli.run({ u"db"_s, u"add"_s, u"pg_url"_s, u"--driver"_s, u"postgres"_s,
                                  u"--dsn"_s, u"postgres://eve:other-password@127.0.0.1:1/x"_s });
    QVERIFY2(taken.exitCode == 1, qPrintable(taken.describe()));
    QVERIFY(secrets.open(QIODevice::ReadOnly));
    QVERIFY(!secrets.readAll().contains("other-password"));
    secrets.close();

    // Removing the service removes its password.
    QCOMPARE(m_cli.ok({ u"db"_s, u"remove"_s, u"pg_url"_s }).exitCode, 0);
    QVERIFY(secrets.open(QIODevice::ReadOnly));
    const QJsonObject after = QJsonDocument::fromJson(secrets.readAll()).object();
    QVERIFY(!after.contains(u"service/pg_url/password"_s));
    QVERIFY(after.contains(u"service/pg_kw/password"_s));
}

void TestCliAuth::dbTestUsesStoredPassword()
{
    // A real PostgreSQL with password authentication: the connection only succeeds when the
    // password taken out of config.db is put back from the secret store.
    sluice::test::PgServer *pg = sluice::test::PgServer::shared();
    if (!pg)
        QSKIP("no PostgreSQL server could be started");
    QVERIFY(pg->exec(u"CREATE TABLE IF NOT EXISTS cli_auth_books (id int PRIMARY KEY)"_s));
    QCOMPARE(m_cli
                 .ok({ u"db"_s, u"add"_s, u"pg"_s, u"--driver"_s, u"postgres"_s, u"--dsn"_s,
                       pg->dsn() + u"?sslmode=disable"_s })
                 .exitCode,
             0);
    {
        auto store = this->store();
        QVERIFY(store);
        auto service = store->service(u"pg"_s);
        QVERIFY(service);
        QVERIFY2(!service->dsn.contains(u":%1@"_s.arg(pg->password())), qPrintable(service->dsn));
    }
    Run run = m_cli.run({ u"db"_s, u"test"_s, u"pg"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith(u"ok: "_s), qPrintable(run.out));
    run = m_cli.run({ u"db"_s, u"schema"_s, u"pg"_s, u"--table"_s, u"cli_auth_books"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(run.jsonObject()[u"name"_s].toString(), u"cli_auth_books"_s);

    // Without the secret the same service cannot sign in: the test above was not luck.
    QFile::remove(QDir(m_cli.dataDir()).filePath(u"secrets.json"_s));
    run = m_cli.run({ u"db"_s, u"test"_s, u"pg"_s });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
}

void TestCliAuth::unknownSubcommands_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("admin") << QStringList { u"admin"_s } << u"subcommand"_s;
    QTest::newRow("admin drop") << QStringList { u"admin"_s, u"drop"_s } << u"drop"_s;
    QTest::newRow("role") << QStringList { u"role"_s } << u"subcommand"_s;
    QTest::newRow("role rename") << QStringList { u"role"_s, u"rename"_s } << u"rename"_s;
    QTest::newRow("role create without name")
        << QStringList { u"role"_s, u"create"_s, u"--access"_s, u"*:*:GET"_s } << u"usage"_s;
    QTest::newRow("key") << QStringList { u"key"_s } << u"subcommand"_s;
    QTest::newRow("key rotate") << QStringList { u"key"_s, u"rotate"_s } << u"rotate"_s;
    QTest::newRow("key create without role") << QStringList { u"key"_s, u"create"_s } << u"usage"_s;
    QTest::newRow("key revoke without prefix")
        << QStringList { u"key"_s, u"revoke"_s } << u"usage"_s;
}

void TestCliAuth::unknownSubcommands()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);

    const Run run = m_cli.run(args);
    QVERIFY2(run.exitCode == 2 && run.errLines().size() == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QCOMPARE(run.out, QString());
}

QTEST_GUILESS_MAIN(TestCliAuth)
#include "tst_cli_auth.moc"
