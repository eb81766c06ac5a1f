// The data page's "View as" explanation: what the access decision says of the query for a role,
// asked through the system API as the desktop's owner, over a real SQLite connection.
#include "desktopfixture.h"
#include "gui/accessexplainer.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestGuiAccessExplainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void explainsWhatARoleMayDo_data();
    void explainsWhatARoleMayDo();
    void saysNothingForTheOwner();

private:
    sluice::test::DesktopFixture m_desktop;
};

void TestGuiAccessExplainer::initTestCase()
{
    QCOMPARE(m_desktop.open(), QString());
    QCOMPARE(m_desktop.addSqliteConnection(
                 u"notes"_s, { u"CREATE TABLE notes (id INTEGER PRIMARY KEY, stars INTEGER)"_s }),
             QString());
    // A role that may read the notes with three stars or more, and nothing else.
    QCOMPARE(m_desktop.addRole(u"reader"_s, u"notes"_s, u"_table/notes"_s, { u"GET"_s },
                               u"stars >= 3"_s),
             QString());
}

void TestGuiAccessExplainer::cleanupTestCase()
{
    m_desktop.close();
}

void TestGuiAccessExplainer::explainsWhatARoleMayDo_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QStringList>("saying");
    QTest::newRow("read, with its row filter")
        << u"GET"_s << u"/api/v1/notes/_table/notes?order=stars%20DESC&limit=25"_s << true
        << QStringList { u"Allowed by"_s, u"rows where stars >= 3"_s };
    QTest::newRow("write: the verb is missing")
        << u"POST"_s << u"/api/v1/notes/_table/notes"_s << false
        << QStringList { u"reader"_s, u"POST"_s, u"allows only GET"_s };
    QTest::newRow("another table") << u"GET"_s << u"/api/v1/notes/_schema"_s << false
                                   << QStringList { u"reader"_s, u"_schema"_s };
}

void TestGuiAccessExplainer::explainsWhatARoleMayDo()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(bool, allowed);
    QFETCH(QStringList, saying);
    sluice::AccessExplainer explainer;
    QSignalSpy explained(&explainer, &sluice::AccessExplainer::explained);
    explainer.setMethod(method);
    explainer.setPath(path);
    explainer.setRole(u"reader"_s);
    QVERIFY(explained.wait());
    QCOMPARE(explainer.allowed(), allowed);
    for (const QString &part : std::as_const(saying))
        QVERIFY2(explainer.text().contains(part), qPrintable(explainer.text()));
}

void TestGuiAccessExplainer::saysNothingForTheOwner()
{
    sluice::AccessExplainer explainer;
    QSignalSpy explained(&explainer, &sluice::AccessExplainer::explained);
    explainer.setPath(u"/api/v1/notes/_table/notes"_s);
    QVERIFY(explained.wait());
    QCOMPARE(explainer.text(), QString());
}

QTEST_MAIN(TestGuiAccessExplainer)
#include "tst_gui_accessexplainer.moc"
