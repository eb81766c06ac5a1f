// The connection form's fields become DSNs that Sluice's own DSN readers take back apart to the
// same values, whatever characters the fields hold.
#include "db/dsnsecret.h"
#include "db/postgres/postgresdsn.h"
#include "gui/dsnform.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestDsnForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void composes_data();
    void composes();
    void postgresFieldsSurviveTheRoundTrip();
    void savedDsnsComeBackAsFields_data();
    void savedDsnsComeBackAsFields();
    void pastedTextNamesItsDriver_data();
    void pastedTextNamesItsDriver();
};

void TestDsnForm::composes_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QVariantMap>("fields");
    QTest::addColumn<QString>("dsn");

    QTest::newRow("sqlite file") << u"sqlite"_s
                                 << QVariantMap { { u"file"_s, u" /data/shop.sqlite "_s } }
                                 << u"/data/shop.sqlite"_s;
    QTest::newRow("postgres full") << u"postgres"_s
                                   << QVariantMap { { u"host"_s, u"db.local"_s },
                                                    { u"port"_s, u"5433"_s },
                                                    { u"database"_s, u"shop"_s },
                                                    { u"user"_s, u"app"_s } }
                                   << u"postgres://app@db.local:5433/shop"_s;
    QTest::newRow("postgres defaults")
        << u"postgres"_s << QVariantMap { { u"database"_s, u"shop"_s } }
        << u"postgres://localhost/shop"_s;
    QTest::newRow("postgres bad port left out")
        << u"postgres"_s << QVariantMap { { u"database"_s, u"shop"_s }, { u"port"_s, u"99999"_s } }
        << u"postgres://localhost/shop"_s;
    QTest::newRow("mysql") << u"mysql"_s
                           << QVariantMap { { u"host"_s, u"127.0.0.1"_s },
                                            { u"port"_s, u"3306"_s },
                                            { u"database"_s, u"shop"_s },
                                            { u"user"_s, u"root"_s } }
                           << u"mysql://root@127.0.0.1:3306/shop"_s;
    QTest::newRow("special characters are encoded")
        << u"postgres"_s
        << QVariantMap { { u"database"_s, u"my db/ä"_s }, { u"user"_s, u"a@b:c"_s } }
        << u"postgres://a%40b%3Ac@localhost/my%20db%2F%C3%A4"_s;
    QTest::newRow("ipv6 host in brackets") << u"postgres"_s
                                           << QVariantMap { { u"host"_s, u"::1"_s },
                                                            { u"port"_s, u"5432"_s },
                                                            { u"database"_s, u"shop"_s } }
                                           << u"postgres://[::1]:5432/shop"_s;
    QTest::newRow("postgres with TLS and other parameters")
        << u"postgres"_s
        << QVariantMap { { u"database"_s, u"shop"_s },
                         { u"sslmode"_s, u"verify-full"_s },
                         { u"sslca"_s, u"/etc/ssl/my ca.pem"_s },
                         { u"extra"_s, u"connect_timeout=5"_s } }
        << u"postgres://localhost/shop?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fmy%20ca.pem&connect_timeout=5"_s;
    QTest::newRow("mysql with TLS")
        << u"mysql"_s
        << QVariantMap { { u"database"_s, u"shop"_s },
                         { u"sslmode"_s, u"required"_s },
                         { u"sslca"_s, u"/ca.pem"_s } }
        << u"mysql://localhost/shop?ssl-mode=required&ssl-ca=%2Fca.pem"_s;
    QTest::newRow("odbc as given")
        << u"odbc"_s
        << QVariantMap { { u"connection_string"_s, u"Driver={FreeTDS};Server=h;Database=d"_s } }
        << u"Driver={FreeTDS};Server=h;Database=d"_s;
}

void TestDsnForm::composes()
{
    QFETCH(QString, driver);
    QFETCH(QVariantMap, fields);
    QFETCH(QString, dsn);
    QCOMPARE(sluice::composeDsn(driver, fields), dsn);
}

void TestDsnForm::postgresFieldsSurviveTheRoundTrip()
{
    const QVariantMap fields { { u"host"_s, u"db.local"_s },
                               { u"port"_s, u"6543"_s },
                               { u"database"_s, u"my db/ä?x"_s },
                               { u"user"_s, u"a@b:c%d"_s } };
    const QString dsn = sluice::composeDsn(u"postgres"_s, fields);
    auto parsed = sluice::PostgresDsn::parse(dsn);
    QVERIFY2(parsed.ok(), qPrintable(dsn));
    QCOMPARE(parsed->host, u"db.local"_s);
    QCOMPARE(parsed->port, 6543);
    QCOMPARE(parsed->database, u"my db/ä?x"_s);
    QCOMPARE(parsed->user, u"a@b:c%d"_s);
    // A password merged in later (when a connection opens) comes back out unchanged.
    auto merged = sluice::mergeDsnPassword(u"postgres"_s, dsn, u"p@ss:w/rd"_s);
    QVERIFY(merged.ok());
    auto split = sluice::splitDsnPassword(u"postgres"_s, *merged);
    QVERIFY(split.ok());
    QCOMPARE(split->password, u"p@ss:w/rd"_s);
    QCOMPARE(split->dsnWithoutPassword, dsn);
}

void TestDsnForm::savedDsnsComeBackAsFields_data()
{
    // Editing a connection starts from its saved DSN: the fields it fills must compose the same
    // connection again, the parameters the form does not show included.
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QVariantMap>("fields");
    QTest::addColumn<QString>("composed");

    QTest::newRow("postgres URL")
        << u"postgres"_s << u"postgres://app@db.local:5433/shop?sslmode=require&connect_timeout=5"_s
        << QVariantMap { { u"host"_s, u"db.local"_s },   { u"port"_s, u"5433"_s },
                         { u"database"_s, u"shop"_s },   { u"user"_s, u"app"_s },
                         { u"sslmode"_s, u"require"_s }, { u"extra"_s, u"connect_timeout=5"_s } }
        << u"postgres://app@db.local:5433/shop?sslmode=require&connect_timeout=5"_s;
    QTest::newRow("postgres keywords become a URL")
        << u"postgres"_s
        << u"host=127.0.0.1 port=5432 dbname='my shop' user=app sslrootcert=/ca.pem application_name=x"_s
        << QVariantMap { { u"host"_s, u"127.0.0.1"_s },   { u"port"_s, u"5432"_s },
                         { u"database"_s, u"my shop"_s }, { u"user"_s, u"app"_s },
                         { u"sslca"_s, u"/ca.pem"_s },    { u"extra"_s, u"application_name=x"_s } }
        << u"postgres://app@127.0.0.1:5432/my%20shop?sslrootcert=%2Fca.pem&application_name=x"_s;
    QTest::newRow("mysql ssl_mode spelled with an underscore")
        << u"mysql"_s << u"mysql://root@h/shop?ssl_mode=required"_s
        << QVariantMap { { u"host"_s, u"h"_s },
                         { u"database"_s, u"shop"_s },
                         { u"user"_s, u"root"_s },
                         { u"sslmode"_s, u"required"_s } }
        << u"mysql://root@h/shop?ssl-mode=required"_s;
    QTest::newRow("sqlite") << u"sqlite"_s << u"/data/shop.sqlite"_s
                            << QVariantMap { { u"file"_s, u"/data/shop.sqlite"_s } }
                            << u"/data/shop.sqlite"_s;
    QTest::newRow("unreadable") << u"postgres"_s << u"dbname=x host"_s
                                << QVariantMap { { u"error"_s, QString() } } << QString();
}

void TestDsnForm::savedDsnsComeBackAsFields()
{
    QFETCH(QString, driver);
    QFETCH(QString, dsn);
    QFETCH(QVariantMap, fields);
    QFETCH(QString, composed);
    const QVariantMap read = sluice::dsnFields(driver, dsn);
    if (fields.contains(u"error"_s)) {
        QCOMPARE(read.keys(), QStringList { u"error"_s });
        QVERIFY(!read.value(u"error"_s).toString().isEmpty());
        return;
    }
    QCOMPARE(read, fields);
    QCOMPARE(sluice::composeDsn(driver, read), composed);
}

void TestDsnForm::pastedTextNamesItsDriver_data()
{
    QTest::addColumn<QString>("pasted");
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("key"); // a field to check
    QTest::addColumn<QString>("value");

    QTest::newRow("postgresql URL with a password")
        << u" postgresql://app:s3cr%40t@db:5432/shop "_s << u"postgres"_s << u"password"_s
        << u"s3cr@t"_s;
    QTest::newRow("mariadb URL") << u"mariadb://root@127.0.0.1:3307/shop"_s << u"mysql"_s
                                 << u"port"_s << u"3307"_s;
    QTest::newRow("ODBC connection string")
        << u"Driver={FreeTDS};Server=h;Database=d"_s << u"odbc"_s << u"connection_string"_s
        << u"Driver={FreeTDS};Server=h;Database=d"_s;
    QTest::newRow("a file") << u"/home/me/notes.sqlite"_s << u"sqlite"_s << u"file"_s
                            << u"/home/me/notes.sqlite"_s;
    QTest::newRow("another scheme")
        << u"mongodb://h/db"_s << QString() << u"error"_s
        << u"Sluice reads postgres://, postgresql://, mysql:// and mariadb:// URLs"_s;
    QTest::newRow("nothing") << u"  "_s << QString() << u"error"_s
                             << u"Paste a database URL or a file path"_s;
}

void TestDsnForm::pastedTextNamesItsDriver()
{
    QFETCH(QString, pasted);
    QFETCH(QString, driver);
    QFETCH(QString, key);
    QFETCH(QString, value);
    const QVariantMap read = sluice::pastedConnection(pasted);
    QCOMPARE(read.value(u"driver"_s).toString(), driver);
    QCOMPARE(read.value(key).toString(), value);
}

QTEST_GUILESS_MAIN(TestDsnForm)
#include "tst_dsnform.moc"
