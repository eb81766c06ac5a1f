// The desktop app's view-models end to end against a temporary data directory: the first-run
// wizard's steps (admin, connection with a test, key, live API) and the connections page's
// calls, then the live API over a real socket with the wizard's key.
#include "desktopfixture.h"
#include "gui/appcontroller.h"
#include "gui/connectionlistmodel.h"
#include "gui/desktopcore.h"
#include "gui/servermonitor.h"
#include "gui/setupwizard.h"
#include "gui/systemcollection.h"
#include "http/httpserver.h"
#include "httpclient.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using sluice::test::HttpClient;

namespace {
// Another server's answer, whatever the request.
class ElsewhereHandler : public sluice::RequestHandler
{
public:
    void handle(const sluice::HttpRequest &, sluice::HttpReply &reply) override
    {
        reply.status = 418;
    }
};
} // namespace

class TestGuiWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void startsInSetup();
    void refusesAWeakAdminPassword();
    void createsTheAdmin();
    void testsANewConnectionBeforeSavingIt();
    void addsTheConnection();
    void editsAConnection();
    void testsAnEditBeforeSavingIt();
    void refusesADuplicateConnection();
    void createsAKeyShownOnce();
    void goesLiveAndTheKeyReadsRows();
    void everyRoleListFollowsAChange();
    void pausesAndRemovesAConnection();
    void monitorShowsTheServersRequests();
    void stopsAndRestartsTheServer();
    void offersTheNextFreePortWhenTaken();
    void remembersWhetherTheApiRanAcrossLaunches();
    void addsTheDemoBookshop();

private:
    QString makeNotesDatabase(const QString &file);

    sluice::test::DesktopFixture m_desktop;
    QString m_notesFile;
    QString m_apiKey;
};

QString TestGuiWizard::makeNotesDatabase(const QString &file)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"seed"_s);
        db.setDatabaseName(file);
        if (!db.open())
            return db.lastError().text();
        QSqlQuery q(db);
        q.exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"_s);
        q.exec(u"INSERT INTO notes (body) VALUES ('first'), ('second')"_s);
    }
    QSqlDatabase::removeDatabase(u"seed"_s);
    return {};
}

void TestGuiWizard::initTestCase()
{
    QCOMPARE(m_desktop.open(), QString());
    m_notesFile = m_desktop.path(u"notes.sqlite"_s);
    QCOMPARE(makeNotesDatabase(m_notesFile), QString());
    QCOMPARE(sluice::AppController::instance(), &m_desktop.app());
}

void TestGuiWizard::cleanupTestCase()
{
    m_desktop.close();
}

void TestGuiWizard::startsInSetup()
{
    QVERIFY(m_desktop.app().needsSetup());
    QVERIFY(!m_desktop.app().serverRunning());
    QCOMPARE(m_desktop.app().serverUrl(), QString());
}

void TestGuiWizard::refusesAWeakAdminPassword()
{
    sluice::SetupWizard wizard;
    QSignalSpy failed(&wizard, &sluice::SetupWizard::failed);
    QSignalSpy created(&wizard, &sluice::SetupWizard::adminCreated);
    wizard.createAdmin(u"owner@example.com"_s, u"Owner"_s, u"short"_s);
    QVERIFY(failed.wait());
    QVERIFY2(failed.first().first().toString().contains(u"assword"_s),
             qPrintable(failed.first().first().toString()));
    QCOMPARE(created.size(), 0);
    QVERIFY(m_desktop.app().needsSetup());
}

void TestGuiWizard::createsTheAdmin()
{
    sluice::SetupWizard wizard;
    QSignalSpy created(&wizard, &sluice::SetupWizard::adminCreated);
    QSignalSpy setup(&m_desktop.app(), &sluice::AppController::needsSetupChanged);
    wizard.createAdmin(u"owner@example.com"_s, u"Owner"_s, u"a long enough password"_s);
    QVERIFY(created.wait());
    QCOMPARE(setup.size(), 1);
    QVERIFY(!m_desktop.app().needsSetup());
    QVERIFY(!wizard.busy());
}

void TestGuiWizard::testsANewConnectionBeforeSavingIt()
{
    sluice::ConnectionListModel connections;
    QSignalSpy tested(&connections, &sluice::ConnectionListModel::tested);
    connections.testNew(u"sqlite"_s, { { u"file"_s, m_notesFile } }, QString());
    QVERIFY(tested.wait());
    QCOMPARE(tested.first().at(1).toBool(), true);

    tested.clear();
    connections.testNew(u"sqlite"_s, { { u"file"_s, m_desktop.path(u"no/such/dir/x.sqlite"_s) } },
                        QString());
    QVERIFY(tested.wait());
    QCOMPARE(tested.first().at(1).toBool(), false);
    QVERIFY(!tested.first().at(2).toString().isEmpty());

    tested.clear();
    connections.testNew(u"postgres"_s,
                        { { u"host"_s, u"127.0.0.1"_s },
                          { u"port"_s, u"1"_s },
                          { u"database"_s, u"shop"_s },
                          { u"user"_s, u"nobody"_s } },
                        u"secret"_s);
    QVERIFY(tested.wait(30'000));
    QCOMPARE(tested.first().at(1).toBool(), false);
    // The failure names the problem, never the password.
    QVERIFY(!tested.first().at(2).toString().contains(u"secret"_s));
    QCOMPARE(connections.count(), 0); // nothing was saved
}

void TestGuiWizard::addsTheConnection()
{
    sluice::ConnectionListModel connections;
    QSignalSpy added(&connections, &sluice::ConnectionListModel::added);
    QSignalSpy counted(&connections, &sluice::ConnectionListModel::countChanged);
    connections.add(u"notes"_s, u"sqlite"_s, { { u"file"_s, m_notesFile } }, QString(),
                    u"My notes"_s, false);
    QVERIFY(added.wait());
    QCOMPARE(added.first().first().toString(), u"notes"_s);
    QTRY_COMPARE(connections.count(), 1);
    const QVariantMap row = connections.get(0);
    QCOMPARE(row.value(u"name"_s).toString(), u"notes"_s);
    QCOMPARE(row.value(u"label"_s).toString(), u"My notes"_s);
    QCOMPARE(row.value(u"driver"_s).toString(), u"sqlite"_s);
    QCOMPARE(
        connections.data(connections.index(0), sluice::ConnectionListModel::DsnRole).toString(),
        m_notesFile);

    // A second model (another page) sees it too: the store is the one truth.
    sluice::ConnectionListModel other;
    QTRY_COMPARE(other.count(), 1);
}

void TestGuiWizard::editsAConnection()
{
    sluice::ConnectionListModel connections;
    QTRY_COMPARE(connections.count(), 1);
    QSignalSpy edited(&connections, &sluice::ConnectionListModel::edited);
    connections.edit(u"notes"_s, u"Notes, renamed"_s, true, QString());
    QVERIFY(edited.wait());
    QTRY_COMPARE(connections.get(0).value(u"label"_s).toString(), u"Notes, renamed"_s);
    QVERIFY(connections.get(0).value(u"read_only"_s).toBool());
    QCOMPARE(connections.get(0).value(u"dsn"_s).toString(), m_notesFile); // kept
    connections.edit(u"notes"_s, u"My notes"_s, false, QString());
    QVERIFY(edited.wait());
    QTRY_VERIFY(!connections.get(0).value(u"read_only"_s).toBool());
}

void TestGuiWizard::testsAnEditBeforeSavingIt()
{
    // The edit dialog changes every part of a connection: a new file that cannot be opened is
    // refused by the test and nothing is saved; a good one is saved with the flags.
    sluice::ConnectionListModel connections;
    QTRY_COMPARE(connections.count(), 1);
    QSignalSpy tested(&connections, &sluice::ConnectionListModel::tested);
    QSignalSpy edited(&connections, &sluice::ConnectionListModel::edited);
    const QString missing = m_desktop.path(u"missing.sqlite"_s);
    connections.update(u"notes"_s, u"sqlite"_s, { { u"file"_s, missing } }, QString(), u"Moved"_s,
                       false, true);
    QVERIFY(tested.wait());
    QCOMPARE(tested.first().at(1).toBool(), false);
    QVERIFY2(tested.first().at(2).toString().contains(u"does not exist"_s),
             qPrintable(tested.first().at(2).toString()));
    QVERIFY(!tested.first().at(2).toString().contains(u"probe"_s));
    QTRY_VERIFY(!connections.busy());
    QCOMPARE(edited.size(), 0);
    QCOMPARE(connections.get(0).value(u"dsn"_s).toString(), m_notesFile); // not saved

    const QString copy = m_desktop.path(u"notes-copy.sqlite"_s);
    QVERIFY(QFile::copy(m_notesFile, copy));
    connections.update(u"notes"_s, u"sqlite"_s, { { u"file"_s, copy } }, QString(), u"Copy"_s,
                       false, true);
    QVERIFY(edited.wait());
    QTRY_COMPARE(connections.get(0).value(u"dsn"_s).toString(), copy);
    QVERIFY(connections.get(0).value(u"raw_sql"_s).toBool());
    QCOMPARE(connections.get(0).value(u"label"_s).toString(), u"Copy"_s);
    // Back as it was, for the steps that follow.
    connections.update(u"notes"_s, u"sqlite"_s, { { u"file"_s, m_notesFile } }, QString(),
                       u"My notes"_s, false, false);
    QVERIFY(edited.wait());
    QTRY_COMPARE(connections.get(0).value(u"dsn"_s).toString(), m_notesFile);
}

void TestGuiWizard::refusesADuplicateConnection()
{
    sluice::ConnectionListModel connections;
    QSignalSpy failed(&connections, &sluice::ConnectionListModel::failed);
    connections.add(u"notes"_s, u"sqlite"_s, { { u"file"_s, m_notesFile } }, QString(), {}, false);
    QVERIFY(failed.wait());
    QVERIFY2(failed.first().first().toString().contains(u"notes"_s),
             qPrintable(failed.first().first().toString()));
    connections.add(u"bad name!"_s, u"sqlite"_s, { { u"file"_s, m_notesFile } }, QString(), {},
                    false);
    QVERIFY(failed.wait());
    QCOMPARE(failed.size(), 2);
}

void TestGuiWizard::createsAKeyShownOnce()
{
    sluice::SetupWizard wizard;
    QSignalSpy created(&wizard, &sluice::SetupWizard::keyCreated);
    wizard.createKey(u"notes"_s);
    QVERIFY(created.wait());
    QVERIFY2(wizard.apiKey().startsWith(u"sluice_"_s), qPrintable(wizard.apiKey()));
    QCOMPARE(wizard.roleName(), u"notes-app"_s);
    m_apiKey = wizard.apiKey();

    // Running the step again (a second wizard run) reuses the role and makes a new key.
    sluice::SetupWizard again;
    QSignalSpy createdAgain(&again, &sluice::SetupWizard::keyCreated);
    again.createKey(u"notes"_s);
    QVERIFY(createdAgain.wait());
    QVERIFY(again.apiKey().startsWith(u"sluice_"_s));
    QVERIFY(again.apiKey() != m_apiKey);
}

void TestGuiWizard::goesLiveAndTheKeyReadsRows()
{
    // One wizard through its last two steps, as the page drives it: a key, then live.
    sluice::SetupWizard wizard;
    QSignalSpy created(&wizard, &sluice::SetupWizard::keyCreated);
    wizard.createKey(u"notes"_s);
    QVERIFY(created.wait());
    m_apiKey = wizard.apiKey();
    QSignalSpy live(&wizard, &sluice::SetupWizard::liveChanged);
    wizard.goLive(u"notes"_s, 0);
    QVERIFY(live.wait());
    QVERIFY(m_desktop.app().serverRunning());
    QVERIFY(m_desktop.app().serverPort() > 0);
    QCOMPARE(wizard.liveUrl(),
             m_desktop.app().serverUrl() + u"/api/v1/notes/_table/notes?limit=5"_s);
    QVERIFY(wizard.curlExample().contains(m_apiKey));

    HttpClient client(quint16(m_desktop.app().serverPort()));
    const QByteArray target =
        QUrl(wizard.liveUrl()).toString(QUrl::RemoveScheme | QUrl::RemoveAuthority).toUtf8();
    auto response = client.get(target, { { "X-API-Key", m_apiKey.toUtf8() } });
    QCOMPARE(response.status, 200);
    const QJsonArray rows = response.json()[u"resource"_s].toArray();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0)[u"body"_s].toString(), u"first"_s);
    QCOMPARE(client.get(target).status, 401);
}

void TestGuiWizard::everyRoleListFollowsAChange()
{
    // The roles page, the keys page's role list and "View as" each hold a list of roles: a
    // role made or deleted on one is in (or gone from) the others at once, not after a restart.
    sluice::SystemCollection rolesPage;
    sluice::SystemCollection keysPageRoles;
    for (sluice::SystemCollection *c : { &rolesPage, &keysPageRoles }) {
        c->setKeys({ u"id"_s, u"name"_s });
        c->setCollection(u"role"_s);
        QTRY_VERIFY(!c->busy());
    }
    const int before = keysPageRoles.items()->rowCount();
    rolesPage.create({ { u"name"_s, u"readers"_s },
                       { u"access"_s,
                         QVariantList { QVariantMap { { u"service"_s, u"notes"_s },
                                                      { u"component"_s, u"*"_s },
                                                      { u"verbs"_s, u"GET"_s } } } } });
    QTRY_COMPARE(keysPageRoles.items()->rowCount(), before + 1);
    QTRY_VERIFY(!rolesPage.busy());
    const QString id = QString::number(keysPageRoles.items()->at(before)[u"id"_s].toInteger());
    QCOMPARE(keysPageRoles.items()->at(before)[u"name"_s].toString(), u"readers"_s);
    rolesPage.remove(id);
    QTRY_COMPARE(keysPageRoles.items()->rowCount(), before);
}

void TestGuiWizard::pausesAndRemovesAConnection()
{
    sluice::ConnectionListModel connections;
    QTRY_COMPARE(connections.count(), 1);
    QTRY_VERIFY(!connections.busy());
    connections.setEnabled(u"notes"_s, false);
    QTRY_VERIFY(!connections.get(0).value(u"enabled"_s).toBool());
    HttpClient client(quint16(m_desktop.app().serverPort()));
    const QByteArray target = "/api/v1/notes/_table/notes";
    QCOMPARE(client.get(target, { { "X-API-Key", m_apiKey.toUtf8() } }).status, 404);
    connections.setEnabled(u"notes"_s, true);
    QTRY_VERIFY(connections.get(0).value(u"enabled"_s).toBool());
    QTRY_COMPARE(client.get(target, { { "X-API-Key", m_apiKey.toUtf8() } }).status, 200);

    QSignalSpy removed(&connections, &sluice::ConnectionListModel::removed);
    connections.remove(u"notes"_s);
    QVERIFY(removed.wait());
    QTRY_COMPARE(connections.count(), 0);
    QCOMPARE(client.get(target, { { "X-API-Key", m_apiKey.toUtf8() } }).status, 404);
    QVERIFY(QFile::exists(m_notesFile)); // the database itself is untouched
}

void TestGuiWizard::monitorShowsTheServersRequests()
{
    sluice::ServerMonitor monitor;
    monitor.refresh(); // whatever came before
    const int before = monitor.total();
    HttpClient client(quint16(m_desktop.app().serverPort()));
    QCOMPARE(client.get("/healthz").status, 200);
    QCOMPARE(client.get("/api/v1/nothing/_table/x?filter=secret%20%3D%201").status, 401);
    monitor.refresh();
    QCOMPARE(monitor.total(), before + 2);
    QVERIFY(monitor.errors() >= 1);
    const QVariantMap newest = monitor.requests()->get(0);
    QCOMPARE(newest.value(u"status"_s).toInt(), 401);
    QCOMPARE(newest.value(u"method"_s).toString(), u"GET"_s);
    // The path only: the query string (filter values) is never kept.
    QCOMPARE(newest.value(u"path"_s).toString(), u"/api/v1/nothing/_table/x"_s);
    QCOMPARE(monitor.requests()->get(1).value(u"path"_s).toString(), u"/healthz"_s);
    // The app's own calls through LocalApi are not the server's traffic.
    sluice::ConnectionListModel connections;
    QTRY_VERIFY(!connections.busy());
    monitor.refresh();
    QCOMPARE(monitor.total(), before + 2);
}

void TestGuiWizard::stopsAndRestartsTheServer()
{
    const int port = m_desktop.app().serverPort();
    m_desktop.app().stopServer();
    QVERIFY(!m_desktop.app().serverRunning());
    HttpClient client { quint16(port) };
    client.setTimeoutMs(2000);
    QCOMPARE(client.get("/healthz").status, 0); // nothing listens
    QVERIFY(m_desktop.app().startServer(u"127.0.0.1"_s, 0));
    HttpClient again(quint16(m_desktop.app().serverPort()));
    QCOMPARE(again.get("/healthz").status, 200);

    // Start on a port another server holds (another Sluice, with SO_REUSEPORT as Sluice's own
    // workers use): refused with the reason, instead of sharing the port with it.
    const int held = m_desktop.app().serverPort();
    m_desktop.app().stopServer();
    sluice::ServerOptions options;
    options.port = quint16(held);
    sluice::HttpServer other(options, [] { return std::make_unique<ElsewhereHandler>(); });
    QVERIFY(other.start().ok());
    QVERIFY(!m_desktop.app().startServer(u"127.0.0.1"_s, held));
    QVERIFY2(m_desktop.app().serverError().contains(u"in use"_s),
             qPrintable(m_desktop.app().serverError()));
    QVERIFY(!m_desktop.app().serverRunning());
    other.stop();
    QVERIFY(m_desktop.app().startServer(u"127.0.0.1"_s, held));
}

void TestGuiWizard::offersTheNextFreePortWhenTaken()
{
    // The wizard's "Start the API" on a port another program holds: the reason, and the next
    // free port offered, on which it then starts (before, a dead end with only the error).
    m_desktop.app().stopServer();
    sluice::ServerOptions options;
    options.port = 0;
    sluice::HttpServer other(options, [] { return std::make_unique<ElsewhereHandler>(); });
    QVERIFY(other.start().ok());
    const int held = other.port();
    sluice::SetupWizard wizard;
    QSignalSpy failed(&wizard, &sluice::SetupWizard::failed);
    QSignalSpy live(&wizard, &sluice::SetupWizard::liveChanged);
    wizard.goLive(u"notes"_s, held);
    QCOMPARE(failed.size(), 1);
    const int offered = wizard.suggestedPort();
    QVERIFY2(offered > held, qPrintable(QString::number(offered)));
    QVERIFY2(failed.first().first().toString().contains(u"Port %1 is free"_s.arg(offered)),
             qPrintable(failed.first().first().toString()));
    QVERIFY(!m_desktop.app().serverRunning());
    wizard.goLive(u"notes"_s, offered);
    QTRY_COMPARE(live.size(), 1);
    QCOMPARE(m_desktop.app().serverPort(), offered);
    QCOMPARE(wizard.suggestedPort(), 0);
    QVERIFY(wizard.liveUrl().contains(u":%1/"_s.arg(offered)));
    other.stop();
}

void TestGuiWizard::remembersWhetherTheApiRanAcrossLaunches()
{
    // Started when the app closes: started again, on the same port, when it opens.
    QVERIFY(m_desktop.app().serverRunning());
    const int port = m_desktop.app().serverPort();
    m_desktop.close();
    QCOMPARE(m_desktop.open(), QString());
    QVERIFY2(m_desktop.app().serverRunning(), qPrintable(m_desktop.app().serverError()));
    QCOMPARE(m_desktop.app().serverPort(), port);
    QVERIFY(m_desktop.app().startOnLaunch());
    HttpClient client { quint16(port) };
    QCOMPARE(client.get("/healthz").status, 200);

    // Stopped by the user: stays stopped after a relaunch.
    m_desktop.app().stopServer();
    QVERIFY(!m_desktop.app().startOnLaunch());
    m_desktop.close();
    QCOMPARE(m_desktop.open(), QString());
    QVERIFY(!m_desktop.app().serverRunning());
}

void TestGuiWizard::addsTheDemoBookshop()
{
    sluice::ConnectionListModel connections;
    QTRY_VERIFY(!connections.busy());
    QSignalSpy added(&connections, &sluice::ConnectionListModel::added);
    connections.addDemo();
    QVERIFY(added.wait());
    QCOMPARE(added.first().first().toString(), u"demo"_s);
    QTRY_COMPARE(connections.count(), 1);
    const QVariantMap demo = connections.get(0);
    QCOMPARE(demo.value(u"driver"_s).toString(), u"sqlite"_s);
    QVERIFY(demo.value(u"raw_sql"_s).toBool()); // the SQL console works on it at once
    const QString file = m_desktop.app().dataDir() + u"/demo.sqlite"_s;
    QCOMPARE(demo.value(u"dsn"_s).toString(), file);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"demo-check"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(u"SELECT count(*) FROM books"_s, db);
        QVERIFY(q.next());
        QVERIFY(q.value(0).toInt() > 10);
    }
    QSqlDatabase::removeDatabase(u"demo-check"_s);

    // Twice: the API says the name is taken; the bookshop's file is untouched.
    QSignalSpy failed(&connections, &sluice::ConnectionListModel::failed);
    connections.addDemo();
    QVERIFY(failed.wait());
    QVERIFY2(failed.first().first().toString().contains(u"demo"_s),
             qPrintable(failed.first().first().toString()));
}

QTEST_MAIN(TestGuiWizard)
#include "tst_gui_wizard.moc"
