// Tenants on the desktop (API.md §11): a connection that serves each tenant from its own SQLite
// file. The schema browser offers its tenants and remembers the one chosen; the data page's
// builder, the SQL console and "View as" a role reach only that tenant's rows; with none chosen
// the data page says so instead of showing the API's 403; the connections list shows the
// tenancy; and a relaunched app still serves the tenants (the desktop's runtime loads them).
#include "desktopfixture.h"
#include "gui/accessexplainer.h"
#include "gui/connectionlistmodel.h"
#include "gui/querybuilder.h"
#include "gui/schemabrowser.h"
#include "gui/sqlconsole.h"
#include "qmlproblems.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Sluice_GuiPlugin)
Q_IMPORT_QML_PLUGIN(Sluice_AppPlugin)

using namespace Qt::StringLiterals;

namespace {

// The `item` column of every row the model shows, in order.
QStringList items(const sluice::ResultTableModel &rows)
{
    QStringList shown;
    for (int row = 0; row < rows.rowCount(); ++row)
        shown << rows.cell(row, u"item"_s).text;
    return shown;
}

QQuickItem *findItem(QQuickItem *root, const QString &objectName)
{
    if (root->objectName() == objectName)
        return root;
    for (QQuickItem *child : root->childItems()) {
        if (QQuickItem *found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}

} // namespace

class TestGuiTenants : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void schemaOffersTheTenants();
    void eachTenantSeesItsOwnRows_data();
    void eachTenantSeesItsOwnRows();
    void noTenantReadsNothing();
    void choiceIsRememberedPerConnection();
    void curlLineNamesTheTenant();
    void viewAsARoleForATenant();
    void explainsForTheTenant();
    void consoleRunsForTheTenant();
    void connectionsShowTheTenancy();
    void dataPageAsksForATenant();
    void relaunchedAppServesTheTenants();

private:
    // A builder showing `orders` of `shop` for `tenant` (as `role` when one is given), after
    // its first page came: empty when it did not come.
    std::unique_ptr<sluice::SchemaBrowser> show(sluice::QueryBuilder &builder,
                                                const QString &tenant, const QString &role = {});

    sluice::test::DesktopFixture m_desktop;
};

void TestGuiTenants::initTestCase()
{
    QQuickStyle::setStyle(u"Universal"_s);
    QCOMPARE(m_desktop.open(), QString());
    // One table; acme has one order, globex two, the template none.
    QCOMPARE(
        m_desktop.addPerTenantSqliteConnection(
            u"shop"_s, { u"CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT NOT NULL)"_s },
            { { u"acme"_s, { u"INSERT INTO orders (item) VALUES ('anvil')"_s } },
              { u"globex"_s, { u"INSERT INTO orders (item) VALUES ('gadget'), ('globe')"_s } } }),
        QString());
    const sluice::LocalReply rawSql =
        m_desktop.call(sluice::HttpMethod::Patch, u"/api/v1/system/service/shop"_s,
                       QJsonObject { { u"raw_sql"_s, true } });
    QVERIFY2(rawSql.ok(), qPrintable(rawSql.errorMessage()));
    // A tenant with no backend on shop.
    QVERIFY(m_desktop
                .call(sluice::HttpMethod::Post, u"/api/v1/system/tenant"_s,
                      QJsonObject { { u"name"_s, u"initech"_s } })
                .ok());
    // A row filter every order passes (the explanation names it).
    QCOMPARE(m_desktop.addRole(u"clerk"_s, u"shop"_s, u"_table/orders"_s, { u"GET"_s },
                               u"item <> 'none of them'"_s),
             QString());
}

void TestGuiTenants::cleanupTestCase()
{
    m_desktop.close();
}

std::unique_ptr<sluice::SchemaBrowser>
TestGuiTenants::show(sluice::QueryBuilder &builder, const QString &tenant, const QString &role)
{
    auto schema = m_desktop.loadSchema(u"shop"_s);
    if (!schema)
        return nullptr;
    if (schema->tenant() != tenant) {
        QSignalSpy loaded(schema.get(), &sluice::SchemaBrowser::loaded);
        schema->setTenant(tenant);
        if (loaded.isEmpty() && !loaded.wait())
            return nullptr;
    }
    builder.setSchema(schema.get());
    builder.setViewAsRole(role);
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    builder.run();
    if (!finished.wait())
        return nullptr;
    return schema;
}

void TestGuiTenants::schemaOffersTheTenants()
{
    auto schema = m_desktop.loadSchema(u"shop"_s);
    QVERIFY(schema);
    QCOMPARE(schema->tenancy(), u"database"_s);
    QVERIFY(schema->perTenant());
    // Those with a backend on shop: not initech.
    QCOMPARE(schema->tenants(), QStringList({ u"acme"_s, u"globex"_s }));

    // A shared connection has none.
    QCOMPARE(m_desktop.addSqliteConnection(u"plain"_s, { u"CREATE TABLE t (id INTEGER)"_s }),
             QString());
    auto plain = m_desktop.loadSchema(u"plain"_s);
    QVERIFY(plain);
    QCOMPARE(plain->tenancy(), u"none"_s);
    QVERIFY(!plain->perTenant());
    QVERIFY(!plain->needsTenant());
    QCOMPARE(plain->tables()->count(), 1);
}

void TestGuiTenants::eachTenantSeesItsOwnRows_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("acme") << u"acme"_s << QStringList { u"anvil"_s };
    QTest::newRow("globex") << u"globex"_s << QStringList { u"gadget"_s, u"globe"_s };
}

void TestGuiTenants::eachTenantSeesItsOwnRows()
{
    QFETCH(QString, tenant);
    QFETCH(QStringList, expected);
    sluice::QueryBuilder builder;
    builder.setOrderColumn(u"item"_s);
    auto schema = show(builder, tenant);
    QVERIFY(schema);
    QCOMPARE(schema->error(), QString());
    QCOMPARE(schema->table(), u"orders"_s);
    QCOMPARE(builder.error(), QString());
    QCOMPARE(items(*builder.rows()), expected);
    QCOMPARE(builder.total(), expected.size());

    // A write goes to the same tenant's backend, and only there.
    QSignalSpy added(&builder, &sluice::QueryBuilder::rowAdded);
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    builder.addRow({ { u"item"_s, QString(u"new for "_s + tenant) } });
    QVERIFY(added.wait());
    QVERIFY(finished.wait());
    QCOMPARE(items(*builder.rows()).size(), expected.size() + 1);
    QVERIFY(items(*builder.rows()).contains(u"new for "_s + tenant));
    builder.deleteRows({ builder.rowOfKey(added.first().first().toString()) });
    QVERIFY(finished.wait());
    QCOMPARE(items(*builder.rows()), expected);
}

void TestGuiTenants::noTenantReadsNothing()
{
    sluice::QueryBuilder builder;
    auto schema = m_desktop.loadSchema(u"shop"_s);
    QVERIFY(schema);
    schema->setTenant({});
    QVERIFY(schema->needsTenant());
    // No schema was asked for, so no 403 to show; the page says why instead.
    QCOMPARE(schema->error(), QString());
    QCOMPARE(schema->tables()->count(), 0);
    QCOMPARE(schema->table(), QString());
    builder.setSchema(schema.get());
    QCOMPARE(builder.restPath(), QString());

    // A tenant without a backend there is not offered, and asking for it reads nothing.
    QVERIFY(!schema->tenants().contains(u"initech"_s));
}

void TestGuiTenants::choiceIsRememberedPerConnection()
{
    {
        auto schema = m_desktop.loadSchema(u"shop"_s);
        QVERIFY(schema);
        QSignalSpy loaded(schema.get(), &sluice::SchemaBrowser::loaded);
        schema->setTenant(u"globex"_s);
        QVERIFY(loaded.wait());
    }
    // Another page's browser, or the app opened again: globex again.
    auto again = m_desktop.loadSchema(u"shop"_s);
    QVERIFY(again);
    QCOMPARE(again->tenant(), u"globex"_s);
    QVERIFY(!again->needsTenant());
    QCOMPARE(again->table(), u"orders"_s);
    // A shared connection takes no tenant from it.
    auto plain = m_desktop.loadSchema(u"plain"_s);
    QVERIFY(plain);
    QCOMPARE(plain->tenant(), QString());
    again->setTenant({}); // forgets it
    auto forgot = m_desktop.loadSchema(u"shop"_s);
    QVERIFY(forgot);
    QVERIFY(forgot->needsTenant());
}

void TestGuiTenants::curlLineNamesTheTenant()
{
    sluice::QueryBuilder builder;
    auto schema = show(builder, u"acme"_s);
    QVERIFY(schema);
    // Only an admin may name a tenant: the line acts as an admin session for acme.
    QVERIFY2(builder.curlCommand().contains(u"-H 'X-Sluice-Tenant: acme'"_s),
             qPrintable(builder.curlCommand()));
    QVERIFY2(builder.curlCommand().contains(u"Authorization: Bearer $SLUICE_SESSION_TOKEN"_s),
             qPrintable(builder.curlCommand()));
    QSignalSpy changed(&builder, &sluice::QueryBuilder::queryChanged);
    QSignalSpy loaded(schema.get(), &sluice::SchemaBrowser::loaded);
    schema->setTenant(u"globex"_s);
    QVERIFY(!changed.isEmpty());
    QVERIFY(builder.curlCommand().contains(u"-H 'X-Sluice-Tenant: globex'"_s));
    QVERIFY(loaded.wait());
    // A key written in acts for its own tenant and sends no header (which the API refuses
    // from keys).
    builder.setCurlKey(u"sluice_abc"_s);
    QVERIFY(!builder.curlCommand().contains(u"X-Sluice-Tenant"_s));
    QVERIFY(builder.curlCommand().contains(u"'X-API-Key: sluice_abc'"_s));
    schema->setTenant({});
}

void TestGuiTenants::viewAsARoleForATenant()
{
    // The role's preview acts for the chosen tenant, as a key of the role made with --tenant.
    for (const auto &[tenant, expected] :
         { std::pair { u"acme"_s, QStringList { u"anvil"_s } },
           std::pair { u"globex"_s, QStringList { u"gadget"_s, u"globe"_s } } }) {
        sluice::QueryBuilder builder;
        builder.setOrderColumn(u"item"_s);
        auto schema = show(builder, tenant, u"clerk"_s);
        QVERIFY(schema);
        QCOMPARE(builder.error(), QString());
        QCOMPARE(items(*builder.rows()), expected);
        // The role may read only: its refusal, for that tenant.
        QSignalSpy refused(&builder, &sluice::QueryBuilder::addRefused);
        builder.addRow({ { u"item"_s, u"not allowed"_s } });
        QVERIFY(refused.wait());
        QVERIFY2(refused.first().first().toString().contains(u"clerk"_s),
                 qPrintable(refused.first().first().toString()));
    }

    // Straight through LocalApi: the role with no tenant is refused by the service, the owner
    // with X-Sluice-Tenant reaches the tenant's rows.
    sluice::LocalApi &api = m_desktop.app().core().api();
    const auto ask = [&](const sluice::LocalCaller &caller) {
        sluice::LocalReply answer;
        QObject receiver;
        QEventLoop loop;
        QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
        api.callAs(caller, sluice::HttpMethod::Get, u"/api/v1/shop/_table/orders?order=item"_s,
                   QJsonValue::Undefined, &receiver, [&](const sluice::LocalReply &reply) {
                       answer = reply;
                       loop.quit();
                   });
        loop.exec();
        return answer;
    };
    const sluice::LocalReply none = ask({ u"clerk"_s, {} });
    QCOMPARE(none.status, 403);
    QVERIFY2(none.errorMessage().contains(u"serves each tenant separately"_s),
             qPrintable(none.errorMessage()));
    const sluice::LocalReply noBackend = ask({ u"clerk"_s, u"initech"_s });
    QCOMPARE(noBackend.status, 403);
    QVERIFY(noBackend.errorMessage().contains(u"no backend for tenant 'initech'"_s));
    const sluice::LocalReply owner = ask({ {}, u"globex"_s });
    QCOMPARE(owner.status, 200);
    QCOMPARE(owner.body[u"resource"_s].toArray().size(), 2);
    QCOMPARE(owner.body[u"resource"_s][0][u"item"_s].toString(), u"gadget"_s);
}

void TestGuiTenants::explainsForTheTenant()
{
    sluice::AccessExplainer explainer;
    QSignalSpy explained(&explainer, &sluice::AccessExplainer::explained);
    explainer.setPath(u"/api/v1/shop/_table/orders?limit=25"_s);
    explainer.setRole(u"clerk"_s);
    explainer.setTenant(u"acme"_s);
    QVERIFY(explained.wait());
    QVERIFY2(explainer.allowed(), qPrintable(explainer.text()));
    QVERIFY2(explainer.text().contains(u"for tenant acme"_s), qPrintable(explainer.text()));

    // No tenant: the service refuses before the role is asked, and says so.
    explainer.setTenant({});
    QVERIFY(explained.wait());
    QVERIFY(!explainer.allowed());
    QVERIFY2(explainer.text().contains(u"serves each tenant separately"_s),
             qPrintable(explainer.text()));
    // A tenant without a backend there.
    explainer.setTenant(u"initech"_s);
    QVERIFY(explained.wait());
    QVERIFY(!explainer.allowed());
    QVERIFY2(explainer.text().contains(u"no backend for tenant 'initech'"_s),
             qPrintable(explainer.text()));
}

void TestGuiTenants::consoleRunsForTheTenant()
{
    sluice::SqlConsole console;
    console.setService(u"shop"_s);
    console.setText(u"SELECT item FROM orders ORDER BY item"_s);
    for (const auto &[tenant, expected] :
         { std::pair { u"acme"_s, QStringList { u"anvil"_s } },
           std::pair { u"globex"_s, QStringList { u"gadget"_s, u"globe"_s } } }) {
        console.setTenant(tenant);
        QVERIFY(console.curlCommand().contains(u"-H 'X-Sluice-Tenant: "_s + tenant + u'\''));
        QSignalSpy finished(&console, &sluice::SqlConsole::finished);
        console.run();
        QVERIFY(finished.wait());
        QCOMPARE(console.error(), QString());
        QCOMPARE(items(*console.rows()), expected);
    }
}

void TestGuiTenants::connectionsShowTheTenancy()
{
    sluice::ConnectionListModel connections;
    connections.reload();
    QTRY_VERIFY(connections.count() >= 2 && !connections.busy());
    bool seen = false;
    for (int row = 0; row < connections.rowCount(); ++row) {
        const QModelIndex index = connections.index(row);
        const QString name = index.data(sluice::ConnectionListModel::NameRole).toString();
        const QString text = index.data(sluice::ConnectionListModel::TenancyTextRole).toString();
        if (name == u"shop"_s) {
            seen = true;
            QCOMPARE(index.data(sluice::ConnectionListModel::TenancyRole).toString(),
                     u"database"_s);
            QCOMPARE(index.data(sluice::ConnectionListModel::TenantsRole).toStringList(),
                     QStringList({ u"acme"_s, u"globex"_s }));
            QCOMPARE(text, u"Per tenant (database): acme, globex"_s);
        } else {
            QCOMPARE(text, QString());
        }
    }
    QVERIFY(seen);
}

void TestGuiTenants::dataPageAsksForATenant()
{
    {
        // No tenant remembered from the tests before.
        auto forget = m_desktop.loadSchema(u"shop"_s);
        QVERIFY(forget);
        forget->setTenant({});
    }
    const sluice::test::QmlProblems problems;
    QQmlEngine engine;
    engine.addImportPath(u"qrc:/"_s);
    QQmlComponent component(&engine);
    component.setData("import QtQuick\nimport QtQuick.Controls\nimport Sluice.Gui\n"
                      "import Sluice.App\n"
                      "ApplicationWindow {\n"
                      // As wide as the page is in the app's window, beside the navigation.
                      "    width: 1064; height: 800; visible: true\n"
                      "    property alias schema: browser\n"
                      "    ConnectionListModel { id: connections }\n"
                      "    SchemaBrowser { id: browser; service: 'shop' }\n"
                      "    DataPage { anchors.fill: parent; connections: connections\n"
                      "        schema: browser }\n"
                      "}\n",
                      QUrl(u"qrc:/tenants/page.qml"_s));
    std::unique_ptr<QObject> object(component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
    auto *window = qobject_cast<QQuickWindow *>(object.get());
    QVERIFY(window);
    auto *schema = window->property("schema").value<sluice::SchemaBrowser *>();
    QVERIFY(schema);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_VERIFY(schema->perTenant() && !schema->busy());

    // No tenant: the chooser offers both, and the page says what to do instead of a 403.
    QQuickItem *tenantBox = findItem(window->contentItem(), u"tenantBox"_s);
    QVERIFY(tenantBox);
    QTRY_VERIFY(tenantBox->isVisible());
    QCOMPARE(tenantBox->property("count").toInt(), 2);
    QCOMPARE(tenantBox->property("displayText").toString(), u"Choose…"_s);
    QQuickItem *empty = findItem(window->contentItem(), u"tenantEmptyState"_s);
    QVERIFY(empty);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY2(empty->property("text").toString().contains(u"shop serves each tenant separately"_s),
             qPrintable(empty->property("text").toString()));
    QQuickItem *grid = findItem(window->contentItem(), u"resultGrid"_s);
    QVERIFY(grid);
    QVERIFY(!grid->isVisible());
    QCOMPARE(schema->error(), QString());

    // Choosing acme with the keyboard shows acme's rows, and the curl line names it.
    tenantBox->forceActiveFocus();
    QTest::keyClick(window, Qt::Key_Down);
    QTRY_COMPARE(schema->tenant(), u"acme"_s);
    QTRY_VERIFY(!empty->isVisible() && grid->isVisible());
    auto *builder = window->findChild<sluice::QueryBuilder *>(u"queryBuilder"_s);
    QVERIFY(builder);
    QTRY_COMPARE(items(*builder->rows()), QStringList { u"anvil"_s });
    QCOMPARE(builder->error(), QString());
    QVERIFY(builder->curlCommand().contains(u"X-Sluice-Tenant: acme"_s));
    schema->setTenant(u"globex"_s);
    QTRY_COMPARE(items(*builder->rows()).size(), 2);
    QCOMPARE(tenantBox->property("displayText").toString(), u"globex"_s);

    // Viewing as the role shows why, for the tenant.
    builder->setViewAsRole(u"clerk"_s);
    QQuickItem *why = findItem(window->contentItem(), u"accessExplanation"_s);
    QVERIFY(why);
    QTRY_VERIFY(why->isVisible());
    QTRY_VERIFY2(why->property("text").toString().contains(u"for tenant globex"_s),
                 qPrintable(why->property("text").toString()));
    // Two lines at this width, both shown.
    QTRY_VERIFY(why->property("lineCount").toInt() >= 2);
    QTRY_VERIFY(why->parentItem()->height() >= why->implicitHeight());
    schema->setTenant({});
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(!why->isVisible());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
}

void TestGuiTenants::relaunchedAppServesTheTenants()
{
    // The desktop's own runtime reads the tenants and their backends from config.db at start.
    m_desktop.close();
    QCOMPARE(m_desktop.open(), QString());
    sluice::QueryBuilder builder;
    builder.setOrderColumn(u"item"_s);
    auto schema = show(builder, u"globex"_s);
    QVERIFY(schema);
    QCOMPARE(builder.error(), QString());
    QCOMPARE(items(*builder.rows()), QStringList({ u"gadget"_s, u"globe"_s }));
}

QTEST_MAIN(TestGuiTenants)
#include "tst_gui_tenants.moc"
