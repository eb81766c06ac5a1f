// The data grid and the SQL console on real database servers (PostgreSQL, MariaDB): a
// NUMERIC(20,8), a 2^53+1 BIGINT and 286.76 show exactly the database's digits, and an edit
// stores the digits typed. SQLite keeps such numbers as doubles, so only a server shows whether
// the desktop keeps every digit on its way from the database to the screen.
#include "desktopfixture.h"
#include "gui/connectionlistmodel.h"
#include "gui/querybuilder.h"
#include "gui/schemabrowser.h"
#include "gui/sqlconsole.h"
#include "mariadbserver.h"
#include "pgserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestGuiServerDigits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void gridShowsTheDatabasesDigits_data();
    void gridShowsTheDatabasesDigits();
    void consoleShowsTheDatabasesDigits_data();
    void consoleShowsTheDatabasesDigits();
    void editStoresTheDigitsTyped_data();
    void editStoresTheDigitsTyped();

private:
    // Adds the connection `name` (a driver and a server's DSN) through the connections page's
    // model: empty, or why not.
    QString addConnection(const QString &name, const QString &driver, const QString &dsn);
    // Compares row 1 of `measures` in `rows` with the digits the database holds.
    static void compareDigits(sluice::ResultTableModel &rows);

    sluice::test::DesktopFixture m_desktop;
};

void TestGuiServerDigits::initTestCase()
{
    QCOMPARE(m_desktop.open(), QString());
    const QString table = u"CREATE TABLE measures (id INTEGER PRIMARY KEY, "
                          "amount NUMERIC(20,8) NOT NULL, big BIGINT NOT NULL, "
                          "price NUMERIC(10,2) NOT NULL)"_s;
    const QString rows = u"INSERT INTO measures VALUES "
                         "(1, 123456789012.12345678, 9007199254740993, 286.76)"_s;
    auto *pg = sluice::test::PgServer::shared();
    QVERIFY2(pg, "the PostgreSQL test server cannot start (see the warning above)");
    QVERIFY(pg->exec(u"DROP TABLE IF EXISTS measures"_s));
    QVERIFY(pg->exec(table));
    QVERIFY(pg->exec(rows));
    QCOMPARE(addConnection(u"pg"_s, u"postgres"_s, pg->dsn()), QString());
    auto *maria = sluice::test::MariaDbServer::shared();
    QVERIFY2(maria, "the MariaDB test server cannot start (see the warning above)");
    QVERIFY(maria->exec(u"DROP TABLE IF EXISTS measures"_s));
    QVERIFY(maria->exec(table));
    QVERIFY(maria->exec(rows));
    QCOMPARE(addConnection(u"maria"_s, u"mysql"_s, maria->dsn()), QString());
}

void TestGuiServerDigits::cleanupTestCase()
{
    m_desktop.close();
}

QString TestGuiServerDigits::addConnection(const QString &name, const QString &driver,
                                           const QString &dsn)
{
    sluice::ConnectionListModel connections;
    QSignalSpy added(&connections, &sluice::ConnectionListModel::added);
    QSignalSpy failed(&connections, &sluice::ConnectionListModel::failed);
    // The form's fields for that DSN, as the edit dialog fills them; the password apart.
    QVariantMap fields = connections.fieldsOf(driver, dsn);
    fields.insert(u"password"_s, u"sluice"_s);
    connections.add(name, driver, fields, u"sluice"_s, name, false, true);
    if (!added.wait(20'000))
        return failed.isEmpty() ? u"no answer"_s : failed.first().first().toString();
    return {};
}

void TestGuiServerDigits::compareDigits(sluice::ResultTableModel &rows)
{
    QCOMPARE(rows.cell(0, u"amount"_s).text, u"123456789012.12345678"_s);
    QCOMPARE(rows.cell(0, u"big"_s).text, u"9007199254740993"_s);
    QCOMPARE(rows.cell(0, u"price"_s).text, u"286.76"_s);
}

void TestGuiServerDigits::gridShowsTheDatabasesDigits_data()
{
    QTest::addColumn<QString>("service");
    QTest::newRow("PostgreSQL") << u"pg"_s;
    QTest::newRow("MariaDB") << u"maria"_s;
}

void TestGuiServerDigits::gridShowsTheDatabasesDigits()
{
    QFETCH(QString, service);
    sluice::QueryBuilder builder;
    const auto schema = m_desktop.showTable(builder, service, u"measures"_s, {}, 20'000);
    QVERIFY(schema);
    QVERIFY2(builder.error().isEmpty(), qPrintable(builder.error()));
    compareDigits(*builder.rows());
}

void TestGuiServerDigits::consoleShowsTheDatabasesDigits_data()
{
    gridShowsTheDatabasesDigits_data();
}

void TestGuiServerDigits::consoleShowsTheDatabasesDigits()
{
    QFETCH(QString, service);
    sluice::SqlConsole console;
    console.setService(service);
    console.setText(u"SELECT amount, big, price FROM measures WHERE id = 1"_s);
    QSignalSpy finished(&console, &sluice::SqlConsole::finished);
    console.run();
    QVERIFY(finished.wait(20'000));
    QVERIFY2(console.error().isEmpty(), qPrintable(console.error()));
    compareDigits(*console.rows());
}

void TestGuiServerDigits::editStoresTheDigitsTyped_data()
{
    gridShowsTheDatabasesDigits_data();
}

void TestGuiServerDigits::editStoresTheDigitsTyped()
{
    QFETCH(QString, service);
    sluice::QueryBuilder builder;
    const auto schema = m_desktop.showTable(builder, service, u"measures"_s, {}, 20'000);
    QVERIFY(schema);
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    QSignalSpy saved(&builder, &sluice::QueryBuilder::cellSaved);
    builder.updateCell(0, u"amount"_s, u"987654321098.87654321"_s);
    QVERIFY(saved.wait(20'000));
    // Read back through a new query: the database's own digits.
    builder.run();
    QVERIFY(finished.wait(20'000));
    QCOMPARE(builder.rows()->cell(0, u"amount"_s).text, u"987654321098.87654321"_s);
}

QTEST_MAIN(TestGuiServerDigits)
#include "tst_gui_serverdigits.moc"
