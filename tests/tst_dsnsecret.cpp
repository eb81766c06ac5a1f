#include "db/dsnsecret.h"
#include "db/postgres/postgresdsn.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {

// The connection a DSN names, password aside, as one comparable string.
QString connectionOf(const QString &dsn)
{
    // An empty keyword list is libpq's defaults, which PostgresDsn refuses as a user's DSN.
    const Result<PostgresDsn> parsed =
        dsn.trimmed().isEmpty() ? PostgresDsn() : PostgresDsn::parse(dsn);
    if (!parsed)
        return u"<invalid: "_s + parsed.error().message + u'>';
    QStringList options;
    for (const auto &[key, value] : parsed->options)
        options << key + u'=' + value;
    return u"host=%1 port=%2 dbname=%3 user=%4 options=%5"_s.arg(
        parsed->host, QString::number(parsed->port), parsed->database, parsed->user,
        options.join(u','));
}

} // namespace

// Taking a password out of a DSN (to keep it in a SecretStore) and putting it back: the result
// must be a DSN PostgresDsn::parse reads with the same password and the same everything else.
class TestDsnSecret : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void rejected_data();
    void rejected();
    void roundTrip_data();
    void roundTrip();
    void mergeReplacesPassword();
    void mergeEmptyPasswordLeavesNone();
};

void TestDsnSecret::split_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("stripped");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("hadPassword");

    QTest::newRow("url") << u"postgres"_s << u"postgres://app:secret@127.0.0.1:5432/shop"_s
                         << u"postgres://app@127.0.0.1:5432/shop"_s << u"secret"_s << true;
    QTest::newRow("postgresql scheme, driver alias")
        << u"pgsql"_s << u"postgresql://app:secret@h/db"_s << u"postgresql://app@h/db"_s
        << u"secret"_s << true;
    QTest::newRow("url encoded password")
        << u"postgres"_s << u"postgres://app:p%40ss%2Fw%3Ad@h/db"_s << u"postgres://app@h/db"_s
        << u"p@ss/w:d"_s << true;
    QTest::newRow("url raw @ in password") << u"postgres"_s << u"postgres://app:p@ss@h/db"_s
                                           << u"postgres://app@h/db"_s << u"p@ss"_s << true;
    QTest::newRow("url encoded user kept") << u"postgres"_s << u"postgres://a%40b:pw@h/db"_s
                                           << u"postgres://a%40b@h/db"_s << u"pw"_s << true;
    QTest::newRow("url empty password") << u"postgres"_s << u"postgres://app:@h/db"_s
                                        << u"postgres://app@h/db"_s << QString() << true;
    QTest::newRow("url no password") << u"postgres"_s << u"postgres://app@h/db"_s
                                     << u"postgres://app@h/db"_s << QString() << false;
    QTest::newRow("url no user") << u"postgres"_s << u"postgres://h:5433/db"_s
                                 << u"postgres://h:5433/db"_s << QString() << false;
    QTest::newRow("url ipv6") << u"postgres"_s << u"postgres://u:pw@[::1]:5433/db"_s
                              << u"postgres://u@[::1]:5433/db"_s << u"pw"_s << true;
    QTest::newRow("url password parameter")
        << u"postgres"_s << u"postgres://u@h/db?sslmode=require&password=x%20y&connect_timeout=5"_s
        << u"postgres://u@h/db?sslmode=require&connect_timeout=5"_s << u"x y"_s << true;
    QTest::newRow("url only parameter") << u"postgres"_s << u"postgres://u@h/db?password=x"_s
                                        << u"postgres://u@h/db"_s << u"x"_s << true;
    // libpq reads the parameter after the user info, so the parameter wins.
    QTest::newRow("url both") << u"postgres"_s << u"postgres://u:a@h/db?password=b"_s
                              << u"postgres://u@h/db"_s << u"b"_s << true;
    QTest::newRow("url socket parameter")
        << u"postgres"_s << u"postgres://:pw@/db?host=%2Fvar%2Frun%2Fpostgresql"_s
        << u"postgres:///db?host=%2Fvar%2Frun%2Fpostgresql"_s << u"pw"_s << true;
    QTest::newRow("url trimmed") << u"postgres"_s << u"  postgres://u:pw@h/db \n"_s
                                 << u"postgres://u@h/db"_s << u"pw"_s << true;

    QTest::newRow("keywords bare") << u"postgres"_s << u"host=h user=u password=secret dbname=db"_s
                                   << u"host=h user=u dbname=db"_s << u"secret"_s << true;
    QTest::newRow("keywords quoted")
        << u"postgres"_s << u"host=h password='it\\'s secret' sslmode=require"_s
        << u"host=h sslmode=require"_s << u"it's secret"_s << true;
    QTest::newRow("keywords spaces around =")
        << u"postgres"_s << u"host=h   password = 'a b'"_s << u"host=h"_s << u"a b"_s << true;
    QTest::newRow("keywords escaped bare")
        << u"postgres"_s << u"password=a\\ b\\\\c host=h"_s << u"host=h"_s << u"a b\\c"_s << true;
    QTest::newRow("keywords empty quoted")
        << u"postgres"_s << u"host=h password=''"_s << u"host=h"_s << QString() << true;
    QTest::newRow("keywords only password")
        << u"postgres"_s << u"password=x"_s << QString() << u"x"_s << true;
    QTest::newRow("keywords none")
        << u"postgres"_s << u"host=h port=5432"_s << u"host=h port=5432"_s << QString() << false;
    QTest::newRow("keywords repeated")
        << u"postgres"_s << u"password=a host=h password=b"_s << u"host=h"_s << u"b"_s << true;
    QTest::newRow("keywords other quoted values kept")
        << u"postgres"_s << u"host=h application_name='my app' password=p options='-c x=1'"_s
        << u"host=h application_name='my app' options='-c x=1'"_s << u"p"_s << true;

    QTest::newRow("sqlite path") << u"sqlite"_s << u"/tmp/shop.db"_s << u"/tmp/shop.db"_s
                                 << QString() << false;
    // A plain path is literal: "password=" in it is part of a file name.
    QTest::newRow("sqlite odd path")
        << u"sqlite"_s << u"/tmp/password=x.db"_s << u"/tmp/password=x.db"_s << QString() << false;
    QTest::newRow("sqlite url") << u"SQLite"_s << u"sqlite:///tmp/shop.db?mode=ro"_s
                                << u"sqlite:///tmp/shop.db?mode=ro"_s << QString() << false;
}

void TestDsnSecret::split()
{
    QFETCH(QString, driver);
    QFETCH(QString, dsn);
    QFETCH(QString, stripped);
    QFETCH(QString, password);
    QFETCH(bool, hadPassword);

    const Result<SplitDsn> split = splitDsnPassword(driver, dsn);
    QVERIFY2(split, split ? "" : qPrintable(split.error().message));
    QCOMPARE(split->dsnWithoutPassword, stripped);
    QCOMPARE(split->password, password);
    QCOMPARE(split->hadPassword, hadPassword);

    if (driver == u"sqlite"_s || driver == u"SQLite"_s)
        return;
    // What was taken out is the password libpq would have used, and nothing else changed.
    const Result<PostgresDsn> original = PostgresDsn::parse(dsn);
    QVERIFY(original);
    QCOMPARE(split->password, original->password);
    QCOMPARE(connectionOf(stripped), connectionOf(dsn));
    // Putting it back gives the original connection and password.
    const Result<QString> merged = mergeDsnPassword(driver, stripped, password);
    QVERIFY2(merged, merged ? "" : qPrintable(merged.error().message));
    QCOMPARE(connectionOf(*merged), connectionOf(dsn));
    if (!password.isEmpty())
        QCOMPARE(PostgresDsn::parse(*merged)->password, password);
}

void TestDsnSecret::rejected_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("password"); // for merge; empty: test split
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown driver")
        << u"oracle"_s << u"oracle://u:hunter2@h/db"_s << QString() << u"unknown driver"_s;
    QTest::newRow("mysql unknown parameter")
        << u"mysql"_s << u"mysql://u:hunter2@h/db?colour=red"_s << QString() << u"colour"_s;
    QTest::newRow("bad port") << u"postgres"_s << u"postgres://u:hunter2@h:99999/db"_s << QString()
                              << u"port"_s;
    QTest::newRow("unknown key") << u"postgres"_s << u"host=h password=hunter2 colour=red"_s
                                 << QString() << u"colour"_s;
    QTest::newRow("unterminated quote")
        << u"postgres"_s << u"host=h password='hunter2"_s << QString() << u"unterminated"_s;
    QTest::newRow("raw slash in url password")
        << u"postgres"_s << u"postgres://u:hunt/er2@h/db"_s << QString() << u"path"_s;
    QTest::newRow("sqlite bad parameter")
        << u"sqlite"_s << u"file:/tmp/x.db?key=hunter2"_s << QString() << u"mode"_s;
    QTest::newRow("merge into sqlite")
        << u"sqlite"_s << u"/tmp/x.db"_s << u"hunter2"_s << u"no password"_s;
    QTest::newRow("merge into invalid")
        << u"postgres"_s << u"host=h colour=red"_s << u"hunter2"_s << u"colour"_s;
}

void TestDsnSecret::rejected()
{
    QFETCH(QString, driver);
    QFETCH(QString, dsn);
    QFETCH(QString, password);
    QFETCH(QString, message);

    Error error;
    if (password.isEmpty()) {
        const Result<SplitDsn> split = splitDsnPassword(driver, dsn);
        QVERIFY(!split);
        error = split.error();
    } else {
        const Result<QString> merged = mergeDsnPassword(driver, dsn, password);
        QVERIFY(!merged);
        error = merged.error();
    }
    QCOMPARE(error.kind, ErrorKind::BadRequest);
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QVERIFY2(!error.message.contains(u"hunter2"_s), qPrintable(error.message));
    QVERIFY2(!error.message.contains(u"hunt"_s), qPrintable(error.message));
}

void TestDsnSecret::roundTrip_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("password");

    const QStringList bases = {
        u"postgres://app@db.example:5432/shop"_s,
        u"postgres://db.example/shop"_s,
        u"postgresql://u@[::1]:5433/db?sslmode=disable&application_name=x%20y"_s,
        u"postgres://a%40b@h/db"_s,
        u"postgres:///db?host=%2Ftmp"_s,
        u"host=db.example user=app dbname=shop"_s,
        u"host=h application_name='my app' sslmode=prefer"_s,
        QString(), // a keyword list of libpq defaults
    };
    const QStringList passwords = {
        u"simple"_s,  u"p@ss"_s,        u"a:b"_s,        u"a/b"_s,         u"a?b"_s,
        u"a#b"_s,     u"100%"_s,
        u"%41"_s, // must not be decoded to "A"
        u"it's"_s,    u"back\\slash"_s, u"trailing\\"_s, u"with space"_s,  u" padded "_s,
        u"a=b&c=d"_s, u"semi;colon"_s,  u"\"quoted\""_s, u"ünïcødé ☃ 🔑"_s, u"@:/?#%'\\ all"_s,
    };
    for (qsizetype b = 0; b < bases.size(); ++b) {
        for (qsizetype p = 0; p < passwords.size(); ++p) {
            QTest::addRow("base %d, password %d", int(b), int(p)) << bases.at(b) << passwords.at(p);
        }
    }
}

void TestDsnSecret::roundTrip()
{
    QFETCH(QString, base);
    QFETCH(QString, password);

    const Result<QString> merged = mergeDsnPassword(u"postgres"_s, base, password);
    QVERIFY2(merged, merged ? "" : qPrintable(merged.error().message));

    // PostgresDsn reads the same password and the same connection.
    const Result<PostgresDsn> parsed = PostgresDsn::parse(*merged);
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->password, password);
    QCOMPARE(connectionOf(*merged), connectionOf(base));

    // And splitting gives back exactly the base and the password.
    const Result<SplitDsn> split = splitDsnPassword(u"postgres"_s, *merged);
    QVERIFY2(split, split ? "" : qPrintable(split.error().message));
    QCOMPARE(split->dsnWithoutPassword, base);
    QCOMPARE(split->password, password);
    QVERIFY(split->hadPassword);
}

void TestDsnSecret::mergeReplacesPassword()
{
    const Result<QString> url =
        mergeDsnPassword(u"postgres"_s, u"postgres://u:old@h/db?password=older"_s, u"new"_s);
    QVERIFY(url);
    QCOMPARE(*url, u"postgres://u:new@h/db"_s);

    const Result<QString> keywords =
        mergeDsnPassword(u"postgres"_s, u"password=old host=h"_s, u"n'ew"_s);
    QVERIFY(keywords);
    QCOMPARE(*keywords, u"host=h password='n\\'ew'"_s);
    QCOMPARE(PostgresDsn::parse(*keywords)->password, u"n'ew"_s);
}

void TestDsnSecret::mergeEmptyPasswordLeavesNone()
{
    QCOMPARE(*mergeDsnPassword(u"postgres"_s, u"postgres://u:old@h/db"_s, QString()),
             u"postgres://u@h/db"_s);
    QCOMPARE(*mergeDsnPassword(u"postgres"_s, u"host=h"_s, QString()), u"host=h"_s);
    QCOMPARE(*mergeDsnPassword(u"sqlite"_s, u"/tmp/x.db"_s, QString()), u"/tmp/x.db"_s);
}

} // namespace sluice::test

QTEST_GUILESS_MAIN(sluice::test::TestDsnSecret)
#include "tst_dsnsecret.moc"
