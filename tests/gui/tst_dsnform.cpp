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

QTEST_GUILESS_MAIN(TestDsnForm)
#include "tst_dsnform.moc"
