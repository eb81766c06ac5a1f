#include "config/serviceconfig.h"
#include "db/backends.h"
#include "db/connectionfactory.h"
#include "db/dialect.h"
#include "db/dsnsecret.h"
#include "db/mysql/mysqldsn.h"
#include "db/postgres/postgresdsn.h"
#include "db/sqlite/sqlitedialect.h"
#include "db/urldsn.h"

#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;

namespace {

// What PostgresDsn and MysqlDsn both take out of a DSN, for rows that hold for either.
struct ServerDsn
{
    QString host;
    int port = -1;
    QString database;
    QString user;
    QString password;
    QString options; // connectOptions()
};

template<typename Dsn> Result<ServerDsn> partsOf(const Result<Dsn> &parsed)
{
    if (!parsed)
        return parsed.error();
    return ServerDsn { parsed->host, parsed->port,     parsed->database,
                       parsed->user, parsed->password, parsed->connectOptions() };
}

// `dsn` read by the parser of `driver` ("postgres" or "mysql").
Result<ServerDsn> parseServerDsn(const QString &driver, const QString &dsn)
{
    if (driver == u"mysql"_s)
        return partsOf(MysqlDsn::parse(dsn));
    return partsOf(PostgresDsn::parse(dsn));
}

// A data row for `driver`, tagged "driver: tag", its first column filled in.
QTestData &backendRow(const char *driver, const char *tag)
{
    return QTest::addRow("%s: %s", driver, tag) << QString::fromLatin1(driver);
}

} // namespace

// DSN grammar of docs/dsn.md: what each form sets on the connection, what is refused, and that
// a password never shows up in an error message.
class TestDsn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dialectForDriver_data();
    void dialectForDriver();
    void parse_data();
    void parse();
    void rejected_data();
    void rejected();
    void postgresAppliedToConnection();
    void sharedUrl_data();
    void sharedUrl();
    void sharedUrlRejected_data();
    void sharedUrlRejected();
    void urlPositions();
    void urlScheme();
    void sqlite_data();
    void sqlite();
    void sqliteRejected_data();
    void sqliteRejected();
    void sqliteMissingFileIsUnavailable();
    void openFailureHidesPassword();
};

void TestDsn::dialectForDriver_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("name"); // empty: no dialect
    QTest::newRow("sqlite") << u"sqlite"_s << u"sqlite"_s;
    QTest::newRow("SQLite") << u"SQLite"_s << u"sqlite"_s;
    QTest::newRow("postgres") << u"postgres"_s << u"postgres"_s;
    QTest::newRow("postgresql") << u"postgresql"_s << u"postgres"_s;
    QTest::newRow("pgsql") << u"pgsql"_s << u"postgres"_s;
    QTest::newRow("mysql") << u"mysql"_s << u"mysql"_s;
    QTest::newRow("MariaDB") << u"MariaDB"_s << u"mysql"_s;
    QTest::newRow("oracle") << u"oracle"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestDsn::dialectForDriver()
{
    QFETCH(QString, driver);
    QFETCH(QString, name);
    const Dialect *dialect = sluice::dialectForDriver(driver);
    if (name.isEmpty()) {
        QVERIFY(!dialect);
        return;
    }
    QVERIFY(dialect);
    QCOMPARE(dialect->name(), name);
}

void TestDsn::parse_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("options");

    const auto pg = [](const char *tag) -> QTestData & {
        return backendRow("postgres", tag);
    };
    pg("url full") << u"postgres://app:pw@db.example:6543/shop?sslmode=require&connect_timeout=5"_s
                   << u"db.example"_s << 6543 << u"shop"_s << u"app"_s << u"pw"_s
                   << u"sslmode='require';connect_timeout='5'"_s;
    pg("postgresql scheme") << u"postgresql://u@h/d"_s << u"h"_s << -1 << u"d"_s << u"u"_s
                            << QString() << QString();
    pg("scheme case") << u"PostgreSQL://h"_s << u"h"_s << -1 << QString() << QString() << QString()
                      << QString();
    pg("percent-decoded") << u"postgres://us%40er:p%40ss%3Aw%2Fo%20rd@h:5432/my%20db"_s << u"h"_s
                          << 5432 << u"my db"_s << u"us@er"_s << u"p@ss:w/o rd"_s << QString();
    pg("raw @ in password") << u"postgres://u:p@ss@h/d"_s << u"h"_s << -1 << u"d"_s << u"u"_s
                            << u"p@ss"_s << QString();
    pg("ipv6") << u"postgres://u:p@[::1]:5433/d"_s << u"::1"_s << 5433 << u"d"_s << u"u"_s << u"p"_s
               << QString();
    pg("no host: libpq default") << u"postgres:///d"_s << QString() << -1 << u"d"_s << QString()
                                 << QString() << QString();
    pg("socket dir in query") << u"postgres:///d?host=%2Fvar%2Frun%2Fpostgresql&port=5433"_s
                              << u"/var/run/postgresql"_s << 5433 << u"d"_s << QString()
                              << QString() << QString();
    pg("quote in option") << u"postgres://h/d?application_name=it's%20me"_s << u"h"_s << -1
                          << u"d"_s << QString() << QString() << u"application_name='it\\'s me'"_s;
    pg("keywords") << u"host=h port=5433 dbname=d user=u password=secret sslmode=disable"_s
                   << u"h"_s << 5433 << u"d"_s << u"u"_s << u"secret"_s << u"sslmode='disable'"_s;
    pg("keywords quoted") << u"host = h  password='it\\'s a \\\\ secret' dbname='my db'"_s << u"h"_s
                          << -1 << u"my db"_s << QString() << u"it's a \\ secret"_s << QString();
    pg("keywords empty quoted") << u"host=h password=''"_s << u"h"_s << -1 << QString() << QString()
                                << QString() << QString();
    pg("keywords escaped space") << u"user=a\\ b"_s << QString() << -1 << QString() << u"a b"_s
                                 << QString() << QString();
    pg("surrounding space") << u"  postgres://h/d  "_s << u"h"_s << -1 << u"d"_s << QString()
                            << QString() << QString();

    // MySQL always adds CLIENT_FOUND_ROWS: an UPDATE counts the rows it matched.
    const auto my = [](const char *tag) -> QTestData & {
        return backendRow("mysql", tag);
    };
    my("full") << u"mysql://app:pw@db.example:3307/shop?connect_timeout=5"_s << u"db.example"_s
               << 3307 << u"shop"_s << u"app"_s << u"pw"_s
               << u"CLIENT_FOUND_ROWS;MYSQL_OPT_CONNECT_TIMEOUT=5"_s;
    my("mariadb scheme") << u"mariadb://u@h/d"_s << u"h"_s << -1 << u"d"_s << u"u"_s << QString()
                         << u"CLIENT_FOUND_ROWS"_s;
    my("scheme case") << u"MySQL://h"_s << u"h"_s << -1 << QString() << QString() << QString()
                      << u"CLIENT_FOUND_ROWS"_s;
    my("trimmed") << u"  mysql://h/d  "_s << u"h"_s << -1 << u"d"_s << QString() << QString()
                  << u"CLIENT_FOUND_ROWS"_s;
    my("percent-decoded") << u"mysql://us%40er:p%40ss%3Aw%2Fd@h/my%20db"_s << u"h"_s << -1
                          << u"my db"_s << u"us@er"_s << u"p@ss:w/d"_s << u"CLIENT_FOUND_ROWS"_s;
    my("raw @ in password") << u"mysql://u:a@b@h:1/d"_s << u"h"_s << 1 << u"d"_s << u"u"_s
                            << u"a@b"_s << u"CLIENT_FOUND_ROWS"_s;
    my("empty password") << u"mysql://u:@h/d"_s << u"h"_s << -1 << u"d"_s << u"u"_s << QString()
                         << u"CLIENT_FOUND_ROWS"_s;
    my("ipv6") << u"mysql://u@[::1]:3306/d"_s << u"::1"_s << 3306 << u"d"_s << u"u"_s << QString()
               << u"CLIENT_FOUND_ROWS"_s;
    my("no host") << u"mysql:///d"_s << QString() << -1 << u"d"_s << QString() << QString()
                  << u"CLIENT_FOUND_ROWS"_s;
    my("ssl required, dash or underscore")
        << u"mysql://h/d?ssl-mode=REQUIRED&ssl_ca=%2Fetc%2Fca.pem"_s << u"h"_s << -1 << u"d"_s
        << QString() << QString() << u"CLIENT_FOUND_ROWS;CLIENT_SSL;SSL_CA=/etc/ca.pem"_s;
    my("ssl disabled") << u"mysql://h/d?ssl_mode=disabled"_s << u"h"_s << -1 << u"d"_s << QString()
                       << QString() << u"CLIENT_FOUND_ROWS"_s;
    my("client certificate")
        << u"mysql://h/d?ssl-cert=c.pem&ssl-key=k.pem&ssl-capath=%2Fca&ssl-cipher=AES"_s << u"h"_s
        << -1 << u"d"_s << QString() << QString()
        << u"CLIENT_FOUND_ROWS;SSL_CERT=c.pem;SSL_KEY=k.pem;SSL_CAPATH=/ca;SSL_CIPHER=AES"_s;
    my("timeouts") << u"mysql://h?connect-timeout=3&read_timeout=30&write-timeout=31"_s << u"h"_s
                   << -1 << QString() << QString() << QString()
                   << u"CLIENT_FOUND_ROWS;MYSQL_OPT_CONNECT_TIMEOUT=3;MYSQL_OPT_READ_TIMEOUT=30;"
                      "MYSQL_OPT_WRITE_TIMEOUT=31"_s;
    my("socket and compress")
        << u"mysql://u@localhost/d?socket=%2Frun%2Fmysqld%2Fmysqld.sock&compress=true"_s
        << u"localhost"_s << -1 << u"d"_s << u"u"_s << QString()
        << u"CLIENT_FOUND_ROWS;UNIX_SOCKET=/run/mysqld/mysqld.sock;CLIENT_COMPRESS"_s;
    my("compress off") << u"mysql://h/d?compress=0"_s << u"h"_s << -1 << u"d"_s << QString()
                       << QString() << u"CLIENT_FOUND_ROWS"_s;
}

void TestDsn::parse()
{
    QFETCH(QString, driver);
    QFETCH(QString, dsn);
    const Result<ServerDsn> parsed = parseServerDsn(driver, dsn);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QTEST(parsed->host, "host");
    QTEST(parsed->port, "port");
    QTEST(parsed->database, "database");
    QTEST(parsed->user, "user");
    QTEST(parsed->password, "password");
    QTEST(parsed->options, "options");
}

void TestDsn::rejected_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("mentions"); // what the message must name

    // Every case carries the password "s3cr3t" somewhere; no message may contain it.
    const auto pg = [](const char *tag) -> QTestData & {
        return backendRow("postgres", tag);
    };
    pg("empty") << QString() << u"empty"_s;
    pg("unknown url key") << u"postgres://u:s3cr3t@h/d?sslmod=require"_s << u"\"sslmod\""_s;
    pg("unknown keyword") << u"host=h password=s3cr3t colour=blue"_s << u"\"colour\""_s;
    pg("client_encoding is ours") << u"host=h password=s3cr3t client_encoding=LATIN1"_s
                                  << u"\"client_encoding\""_s;
    pg("password without @ reads as port") << u"postgres://u:s3cr3t/d"_s << u"port"_s;
    pg("port zero") << u"postgres://u:s3cr3t@h:0/d"_s << u"port"_s;
    pg("port too big") << u"postgres://u:s3cr3t@h:65536/d"_s << u"port"_s;
    pg("port empty") << u"postgres://u:s3cr3t@h:/d"_s << u"port"_s;
    pg("keyword port") << u"port=abc password=s3cr3t"_s << u"port"_s;
    pg("several hosts") << u"postgres://u:s3cr3t@h1,h2/d"_s << u"several hosts"_s;
    pg("path too deep") << u"postgres://u:s3cr3t@h/d/x"_s << u"database name"_s;
    pg("ipv6 unterminated") << u"postgres://u:s3cr3t@[::1/d"_s << u"'['"_s;
    pg("other scheme") << u"mysql://u:s3cr3t@h/d"_s << u"postgres://"_s;
    pg("stray token") << u"host=h s3cr3t"_s << u"key=value"_s;
    pg("missing value sign") << u"password s3cr3t"_s << u"key=value"_s;
    pg("unterminated quote") << u"password='s3cr3t"_s << u"\"password\""_s;
    pg("semicolon in option") << u"password=s3cr3t application_name='a;b'"_s << u"';'"_s;
    pg("url param without =") << u"postgres://u:s3cr3t@h/d?sslmode"_s << u"key=value"_s;

    const auto my = [](const char *tag) -> QTestData & {
        return backendRow("mysql", tag);
    };
    my("empty") << QString() << u"empty"_s;
    my("keyword list") << u"host=h password=s3cr3t"_s << u"mysql://"_s;
    my("other scheme") << u"postgres://u:s3cr3t@h/d"_s << u"mysql://"_s;
    my("unknown key") << u"mysql://u:s3cr3t@h/d?colour=blue"_s << u"\"colour\""_s;
    my("password is not a parameter") << u"mysql://u@h/d?password=s3cr3t"_s << u"\"password\""_s;
    my("ssl-mode verify") << u"mysql://u:s3cr3t@h/d?ssl-mode=verify_ca"_s << u"ssl-mode"_s;
    my("ssl-mode preferred") << u"mysql://u:s3cr3t@h/d?ssl-mode=preferred"_s << u"ssl-mode"_s;
    my("timeout zero") << u"mysql://u:s3cr3t@h/d?connect_timeout=0"_s << u"connect-timeout"_s;
    my("timeout text") << u"mysql://u:s3cr3t@h/d?connect_timeout=s3cr3t"_s << u"connect-timeout"_s;
    my("semicolon") << u"mysql://u:s3cr3t@h/d?ssl-ca=a%3Bb"_s << u"';'"_s;
    my("empty file") << u"mysql://u:s3cr3t@h/d?ssl-key="_s << u"ssl-key"_s;
    my("compress value") << u"mysql://u:s3cr3t@h/d?compress=s3cr3t"_s << u"compress"_s;
    my("password without @ reads as port") << u"mysql://u:s3cr3t/d"_s << u"port"_s;
    my("port zero") << u"mysql://u:s3cr3t@h:0/d"_s << u"port"_s;
    my("port too big") << u"mysql://u:s3cr3t@h:65536/d"_s << u"port"_s;
    my("port empty") << u"mysql://u:s3cr3t@h:/d"_s << u"port"_s;
    my("port signed") << u"mysql://u:s3cr3t@h:+33/d"_s << u"port"_s;
    my("several hosts") << u"mysql://u:s3cr3t@h1,h2/d"_s << u"several hosts"_s;
    my("path too deep") << u"mysql://u:s3cr3t@h/d/x"_s << u"database name"_s;
    my("ipv6 unterminated") << u"mysql://u:s3cr3t@[::1/d"_s << u"'['"_s;
    my("ipv6 trailing text") << u"mysql://u:s3cr3t@[::1]x/d"_s << u"after the host"_s;
    my("param without =") << u"mysql://u:s3cr3t@h/d?compress"_s << u"key=value"_s;
}

void TestDsn::rejected()
{
    QFETCH(QString, driver);
    QFETCH(QString, dsn);
    QFETCH(QString, mentions);
    const Result<ServerDsn> parsed = parseServerDsn(driver, dsn);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, ErrorKind::BadRequest);
    QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
    QVERIFY2(!parsed.error().message.contains(u"s3cr3t"_s), qPrintable(parsed.error().message));

    // The dialect and the secret splitter report the same error.
    const Dialect *dialect = sluice::dialectForDriver(driver);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect->qtDriver(), u"rejected"_s);
        const Status applied = dialect->applyDsn(db, dsn);
        QVERIFY(!applied.ok());
        QCOMPARE(applied.error().message, parsed.error().message);
    }
    QSqlDatabase::removeDatabase(u"rejected"_s);
    const Result<SplitDsn> split = splitDsnPassword(driver, dsn);
    QVERIFY(!split.ok());
    QCOMPARE(split.error().message, parsed.error().message);
}

void TestDsn::postgresAppliedToConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"applied"_s);
        const Status applied =
            sluice::dialectForDriver(u"postgres")
                ->applyDsn(
                    db,
                    u"postgresql://app:pw@db:6543/shop?sslmode=verify-full&application_name=sluice"_s);
        QVERIFY(applied.ok());
        QCOMPARE(db.hostName(), u"db"_s);
        QCOMPARE(db.port(), 6543);
        QCOMPARE(db.databaseName(), u"shop"_s);
        QCOMPARE(db.userName(), u"app"_s);
        QCOMPARE(db.password(), u"pw"_s);
        // A server that accepts but never answers must not hold a connection attempt for ever:
        // connect_timeout is added unless the DSN gives one.
        QCOMPARE(db.connectOptions(),
                 u"sslmode='verify-full';application_name='sluice';connect_timeout='10'"_s);
        QVERIFY(sluice::dialectForDriver(u"postgres")
                    ->applyDsn(db, u"postgresql://app:pw@db/shop?connect_timeout=3"_s)
                    .ok());
        QCOMPARE(db.connectOptions(), u"connect_timeout='3'"_s);
    }
    QSqlDatabase::removeDatabase(u"applied"_s);
}

// The URL grammar PostgreSQL and MySQL share (UrlDsn): each row is read after "postgres://" and
// after "mysql://", and both backends must take it apart the same way.
void TestDsn::sharedUrl_data()
{
    QTest::addColumn<QString>("url"); // without the scheme
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");

    QTest::newRow("ipv6 with port")
        << u"u:p@[::1]:5433/d"_s << u"::1"_s << 5433 << u"d"_s << u"u"_s << u"p"_s;
    QTest::newRow("ipv6 without port")
        << u"[fe80::1]/d"_s << u"fe80::1"_s << -1 << u"d"_s << QString() << QString();
    QTest::newRow("percent-decoded") << u"us%40er:p%40ss%3Aw%2Fo%20rd@h%2Dx:1/my%20db"_s << u"h-x"_s
                                     << 1 << u"my db"_s << u"us@er"_s << u"p@ss:w/o rd"_s;
    QTest::newRow("raw @ and : in password")
        << u"u:a@b:c@h:65535/d"_s << u"h"_s << 65535 << u"d"_s << u"u"_s << u"a@b:c"_s;
    QTest::newRow("empty password") << u"u:@h/d"_s << u"h"_s << -1 << u"d"_s << u"u"_s << QString();
    QTest::newRow("password, no user")
        << u":pw@h"_s << u"h"_s << -1 << QString() << QString() << u"pw"_s;
    QTest::newRow("nothing but a database")
        << u"/d"_s << QString() << -1 << u"d"_s << QString() << QString();
    QTest::newRow("empty parameters skipped")
        << u"h/d?&&"_s << u"h"_s << -1 << u"d"_s << QString() << QString();
}

void TestDsn::sharedUrl()
{
    QFETCH(QString, url);
    for (const QString &driver : { u"postgres"_s, u"mysql"_s }) {
        const Result<ServerDsn> parsed = parseServerDsn(driver, driver + u"://"_s + url);
        QVERIFY2(parsed,
                 qPrintable(driver + u": "_s + (parsed ? QString() : parsed.error().message)));
        QTEST(parsed->host, "host");
        QTEST(parsed->port, "port");
        QTEST(parsed->database, "database");
        QTEST(parsed->user, "user");
        QTEST(parsed->password, "password");
    }
}

void TestDsn::sharedUrlRejected_data()
{
    QTest::addColumn<QString>("url"); // without the scheme
    QTest::addColumn<QString>("message"); // after the backend's "… DSN: "

    // Every case carries the password "s3cr3t"; no message may contain it.
    const QString port = u"port must be a number from 1 to 65535"_s;
    QTest::newRow("ipv6 empty port") << u"u:s3cr3t@[::1]:/d"_s << port;
    QTest::newRow("ipv6 port zero") << u"u:s3cr3t@[::1]:0/d"_s << port;
    QTest::newRow("ipv6 trailing text")
        << u"u:s3cr3t@[::1]x/d"_s << u"unexpected text after the host"_s;
    QTest::newRow("ipv6 unterminated") << u"u:s3cr3t@[::1/d"_s << u"unterminated '[' in the host"_s;
    QTest::newRow("port signed") << u"u:s3cr3t@h:+33/d"_s << port;
    QTest::newRow("port negative") << u"u:s3cr3t@h:-1/d"_s << port;
    QTest::newRow("port text") << u"u:s3cr3t@h:s3cr3t/d"_s << port;
    QTest::newRow("password without @ reads as port") << u"u:s3cr3t/d"_s << port;
    QTest::newRow("several hosts") << u"u:s3cr3t@h1,h2/d"_s << u"several hosts are not supported"_s;
    QTest::newRow("path too deep")
        << u"u:s3cr3t@h/d/x"_s << u"the path must be just the database name"_s;
    QTest::newRow("parameter without =")
        << u"u:s3cr3t@h/d?s3cr3t"_s << u"each URL parameter must be key=value"_s;
    QTest::newRow("parameter without key")
        << u"u:s3cr3t@h/d?=s3cr3t"_s << u"each URL parameter must be key=value"_s;
}

void TestDsn::sharedUrlRejected()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    for (const auto &[driver, name] :
         { std::pair { u"postgres"_s, u"PostgreSQL"_s }, std::pair { u"mysql"_s, u"MySQL"_s } }) {
        const Result<ServerDsn> parsed = parseServerDsn(driver, driver + u"://"_s + url);
        QVERIFY2(!parsed, qPrintable(driver));
        QCOMPARE(parsed.error().kind, ErrorKind::BadRequest);
        QCOMPARE(parsed.error().message, name + u" DSN: "_s + message);
    }
}

// Where the parts of a URL are, as the password codecs cut it: they must agree with the values.
void TestDsn::urlPositions()
{
    const QString url = u"scheme://u%40x:p@w@h:1/d?a=1&&password=s&b=%3D"_s;
    const Result<UrlDsn> parsed = UrlDsn::parse(url);
    QVERIFY(parsed);
    QCOMPARE(url.left(parsed->authorityStart), u"scheme://"_s);
    QCOMPARE(url.mid(parsed->authorityStart, parsed->userEnd - parsed->authorityStart), u"u%40x"_s);
    QCOMPARE(url.mid(parsed->userEnd, parsed->userInfoEnd - parsed->userEnd), u":p@w"_s);
    QCOMPARE(parsed->user, u"u@x"_s);
    QCOMPARE(parsed->password, u"p@w"_s);
    QVERIFY(parsed->hasPassword);
    QCOMPARE(url.mid(parsed->userInfoEnd, parsed->queryStart - parsed->userInfoEnd), u"@h:1/d"_s);
    QCOMPARE(parsed->port, 1);
    QVERIFY(parsed->hasPort);
    QCOMPARE(parsed->parameters.size(), 3);
    QStringList written;
    QStringList decoded;
    for (const UrlDsn::Parameter &parameter : parsed->parameters) {
        written << url.mid(parameter.start, parameter.length);
        decoded << parameter.key + u'=' + parameter.value;
    }
    QCOMPARE(written, (QStringList { u"a=1"_s, u"password=s"_s, u"b=%3D"_s }));
    QCOMPARE(decoded, (QStringList { u"a=1"_s, u"password=s"_s, u"b=="_s }));

    const Result<UrlDsn> bare = UrlDsn::parse(u"scheme://h"_s);
    QVERIFY(bare);
    QCOMPARE(bare->userEnd, -1);
    QCOMPARE(bare->userInfoEnd, -1);
    QCOMPARE(bare->queryStart, -1);
    QVERIFY(!bare->hasPassword);
    QVERIFY(!bare->hasPort);
    QCOMPARE(bare->port, -1);

    const Result<UrlDsn> noPassword = UrlDsn::parse(u"scheme://u@h"_s);
    QVERIFY(noPassword);
    QVERIFY(!noPassword->hasPassword);
    QCOMPARE(noPassword->userEnd, noPassword->userInfoEnd);

    QVERIFY(!UrlDsn::parse(u"host=h"_s));
}

void TestDsn::urlScheme()
{
    QVERIFY(UrlDsn::hasScheme(u"MariaDB://h", { u"mysql", u"mariadb" }));
    QVERIFY(UrlDsn::hasScheme(u"postgresql://", { u"postgres", u"postgresql" }));
    QVERIFY(!UrlDsn::hasScheme(u"postgresq://h", { u"postgres", u"postgresql" }));
    QVERIFY(!UrlDsn::hasScheme(u"mysqlx://h", { u"mysql" }));
    QVERIFY(!UrlDsn::hasScheme(u"mysql:/h", { u"mysql" }));
    QVERIFY(!UrlDsn::hasScheme(u"mysql", { u"mysql" }));
    QVERIFY(!UrlDsn::hasScheme(u" mysql://h", { u"mysql" })); // callers trim first
}

void TestDsn::sqlite_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("readOnly");
    QTest::addColumn<bool>("create");

    QTest::newRow("plain absolute")
        << u"/var/lib/app.db"_s << u"/var/lib/app.db"_s << false << false;
    QTest::newRow("plain relative") << u"data/app.db"_s << u"data/app.db"_s << false << false;
    QTest::newRow("plain keeps % and ?")
        << u"/tmp/a%20b?.db"_s << u"/tmp/a%20b?.db"_s << false << false;
    QTest::newRow("sqlite url") << u"sqlite:///abs/app.db"_s << u"/abs/app.db"_s << false << false;
    QTest::newRow("sqlite url relative")
        << u"sqlite://rel/app.db"_s << u"rel/app.db"_s << false << false;
    QTest::newRow("sqlite url decoded")
        << u"sqlite:///my%20dir/app.db"_s << u"/my dir/app.db"_s << false << false;
    QTest::newRow("file url") << u"file:///abs/app.db"_s << u"/abs/app.db"_s << false << false;
    QTest::newRow("file relative") << u"file:app.db"_s << u"app.db"_s << false << false;
    QTest::newRow("mode ro") << u"file:app.db?mode=ro"_s << u"app.db"_s << true << false;
    QTest::newRow("mode rwc") << u"sqlite:///abs/app.db?mode=rwc"_s << u"/abs/app.db"_s << false
                              << true;
    QTest::newRow("memory") << u":memory:"_s << u":memory:"_s << false << false;
}

void TestDsn::sqlite()
{
    QFETCH(QString, dsn);
    const Result<SqliteDialect::Dsn> parsed = SqliteDialect::parseDsn(dsn);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QTEST(parsed->path, "path");
    QTEST(parsed->readOnly, "readOnly");
    QTEST(parsed->create, "create");
}

void TestDsn::sqliteRejected_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << u"  "_s << u"no database file"_s;
    QTest::newRow("empty url") << u"sqlite://"_s << u"no database file"_s;
    QTest::newRow("unknown parameter") << u"file:a.db?cache=shared"_s << u"\"cache\""_s;
    QTest::newRow("bad mode") << u"file:a.db?mode=memory"_s << u"mode"_s;
}

void TestDsn::sqliteRejected()
{
    QFETCH(QString, dsn);
    QFETCH(QString, mentions);
    const Result<SqliteDialect::Dsn> parsed = SqliteDialect::parseDsn(dsn);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, ErrorKind::BadRequest);
    QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
}

void TestDsn::sqliteMissingFileIsUnavailable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"missing.db"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"missing"_s);
        const Status applied = SqliteDialect().applyDsn(db, path);
        QVERIFY(!applied.ok());
        QCOMPARE(applied.error().kind, ErrorKind::Unavailable);
        QVERIFY2(applied.error().message.contains(path), qPrintable(applied.error().message));
        QVERIFY(!QFile::exists(path));

        // The demo (and ?mode=rwc) may create it.
        QVERIFY(SqliteDialect(SqliteDialect::MissingFile::Create).applyDsn(db, path).ok());
        // A plain path takes "?mode=rwc" as part of the file name.
        QVERIFY(!SqliteDialect().applyDsn(db, path + u"?mode=rwc"_s).ok());
        QVERIFY(SqliteDialect().applyDsn(db, u"file:"_s + path + u"?mode=rwc"_s).ok());
        QCOMPARE(db.databaseName(), path);
    }
    QSqlDatabase::removeDatabase(u"missing"_s);

    // Through the factory: Unavailable, nothing left registered, no file created.
    ServiceConfig service;
    service.name = u"books"_s;
    service.driver = u"sqlite"_s;
    service.dsn = path;
    const Result<QSqlDatabase> opened = openDatabase(service, u"missing-factory"_s, 1000);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Unavailable);
    QVERIFY(!QSqlDatabase::contains(u"missing-factory"_s));
    QVERIFY(!QFile::exists(path));
}

void TestDsn::openFailureHidesPassword()
{
    // Nothing listens on port 1: the open fails inside libpq, after the DSN was accepted.
    const QString password = u"Hunter2-p%40ss"_s;
    ServiceConfig service;
    service.name = u"shop"_s;
    service.driver = u"postgres"_s;
    service.dsn = u"postgres://app:"_s + password + u"@127.0.0.1:1/shop?connect_timeout=2"_s;
    const Result<QSqlDatabase> opened = openDatabase(service, u"refused"_s, 1000);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, ErrorKind::Unavailable);
    // One line, "cannot connect: <the database's reason>"; the caller names the service.
    QVERIFY2(opened.error().message.startsWith(u"cannot connect: "_s),
             qPrintable(opened.error().message));
    QVERIFY2(!opened.error().message.contains(u'\n'), qPrintable(opened.error().message));
    QVERIFY(!opened.error().message.contains(u"Hunter2"_s));
    QVERIFY(!QSqlDatabase::contains(u"refused"_s));

    const Status tested = testConnection(service);
    QVERIFY(!tested.ok());
    QCOMPARE(tested.error().kind, ErrorKind::Unavailable);
    QVERIFY(!tested.error().message.contains(u"Hunter2"_s));
}

QTEST_GUILESS_MAIN(TestDsn)
#include "tst_dsn.moc"
