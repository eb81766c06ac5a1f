// Renders every main page of the desktop app offscreen, in the light and the dark theme and in
// English, German and Spanish, saves each as a PNG (gui-screenshots/ in the test's working
// directory) and checks that it shows something, that QML reported no error while building it
// and that no text it shows is cut off.
#include "desktopfixture.h"
#include "gui/appcontroller.h"
#include "gui/connectionlistmodel.h"
#include "gui/desktopcore.h"
#include "gui/schemabrowser.h"
#include "gui/systemcollection.h"
#include "qmlproblems.h"

#include <QDir>
#include <QImage>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Sluice_GuiPlugin)
Q_IMPORT_QML_PLUGIN(Sluice_AppPlugin)

using namespace Qt::StringLiterals;

namespace {

// Whether `item` is a cell of the data grid, whose cells elide long values on purpose (the
// whole value is one click away). Its column headings are not: a heading must be readable.
bool insideDataGrid(const QQuickItem *item)
{
    for (const QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
        if (p->inherits("QQuickHeaderViewBase"))
            return false;
        if (p->inherits("QQuickTableView"))
            return true;
    }
    return false;
}

// Every visible text of `item`'s tree that does not fit where it is drawn: elided ("System th…",
// a placeholder cut short) or wider than its box without wrapping (drawn over its neighbours or
// cut by a clipping parent). One line each: the text, its width and the width it needs.
QStringList clippedTexts(QQuickItem *item)
{
    QStringList found;
    if (!item->isVisible() || item->opacity() <= 0.0)
        return found;
    if (item->inherits("QQuickText") && !insideDataGrid(item)) {
        const QString text = item->property("text").toString();
        const qreal width = item->width();
        const qreal needed = item->implicitWidth(); // the whole text on one line
        const bool elided = item->property("truncated").toBool();
        const bool wraps = item->property("wrapMode").toInt() != 0; // Text.NoWrap
        if (!text.trimmed().isEmpty() && width > 0
            && (elided || (!wraps && needed > width + 1.0))) {
            found << u"'%1' (%2 px wide, needs %3)"_s.arg(text, QString::number(width, 'f', 0),
                                                          QString::number(needed, 'f', 0));
        }
    }
    for (QQuickItem *child : item->childItems())
        found << clippedTexts(child);
    return found;
}

} // namespace

class TestGuiRender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rendersPage_data();
    void rendersPage();
    void followsTheLocale_data();
    void followsTheLocale();

private:
    sluice::test::DesktopFixture m_desktop;
    std::unique_ptr<QQmlEngine> m_engine;
    std::unique_ptr<sluice::test::QmlProblems> m_qmlProblems;
};

void TestGuiRender::initTestCase()
{
    QQuickStyle::setStyle(u"Universal"_s); // as sluice-desktop's main() does
    QCOMPARE(m_desktop.open(), QString());
    // A connection to a real database, so the pages show one as a user would see it.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"seed"_s);
        db.setDatabaseName(m_desktop.path(u"notes.sqlite"_s));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, "
                       "stars INTEGER, created TEXT)"_s));
        QVERIFY(q.exec(u"INSERT INTO notes (body, stars, created) VALUES ('first', 3, "
                       "'2026-11-01'), ('second', 5, '2026-11-02')"_s));
    }
    QSqlDatabase::removeDatabase(u"seed"_s);
    sluice::ConnectionListModel connections;
    QSignalSpy added(&connections, &sluice::ConnectionListModel::added);
    connections.add(u"notes"_s, u"sqlite"_s, { { u"file"_s, m_desktop.path(u"notes.sqlite"_s) } },
                    QString(), u"Notes"_s, false);
    QVERIFY(added.wait());
    // A role with a filtered rule and a key for it, for the roles and keys pages.
    QCOMPARE(m_desktop.addRole(u"reader"_s, u"notes"_s, u"_table/notes"_s, { u"GET"_s },
                               u"stars >= 3"_s),
             QString());
    sluice::SystemCollection keys;
    keys.setCollection(u"api-key"_s);
    keys.setKeys({ u"id"_s });
    QSignalSpy keyCreated(&keys, &sluice::SystemCollection::created);
    keys.create({ { u"role"_s, u"reader"_s }, { u"label"_s, u"dashboard"_s } });
    QVERIFY(keyCreated.wait());
    // A connection served per tenant (API.md §11), for its tenant chooser, the page that asks
    // for a tenant and the connections page's tenancy line.
    QCOMPARE(m_desktop.addPerTenantSqliteConnection(
                 u"shop"_s,
                 { u"CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT NOT NULL)"_s },
                 { { u"acme"_s, { u"INSERT INTO orders (item) VALUES ('anvil')"_s } },
                   { u"globex"_s, { u"INSERT INTO orders (item) VALUES ('gadget')"_s } } }),
             QString());
    m_engine = std::make_unique<QQmlEngine>();
    m_engine->addImportPath(u"qrc:/"_s);
    QDir().mkpath(u"gui-screenshots"_s);
    m_qmlProblems = std::make_unique<sluice::test::QmlProblems>();
}

void TestGuiRender::cleanupTestCase()
{
    m_qmlProblems.reset();
    m_engine.reset();
    m_desktop.close();
}

void TestGuiRender::rendersPage_data()
{
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("theme");
    QTest::addColumn<QString>("language");
    // The per-tenant connection's pages: for a tenant chosen, and for none.
    QTest::addColumn<QString>("tenant");
    for (const QString &language : { u"en"_s, u"de"_s, u"es"_s }) {
        for (const QString &theme : { u"light"_s, u"dark"_s }) {
            for (const QString &page :
                 { u"SetupWizardPage"_s, u"MainPage"_s, u"ConnectionsPage"_s, u"SchemaPage"_s,
                   u"DataPage"_s, u"SqlConsolePage"_s, u"RolesPage"_s, u"KeysPage"_s,
                   u"AdminsPage"_s, u"AuditPage"_s, u"ServerPage"_s }) {
                QTest::addRow("%s %s %s", qPrintable(page), qPrintable(theme), qPrintable(language))
                    << page << theme << language << QString();
            }
            for (const auto &[page, tenant] :
                 { std::pair { u"DataPage"_s, u"acme"_s }, std::pair { u"DataPage"_s, u"-"_s },
                   std::pair { u"SchemaPage"_s, u"-"_s } }) {
                QTest::addRow("%s tenant %s %s %s", qPrintable(page), qPrintable(tenant),
                              qPrintable(theme), qPrintable(language))
                    << page << theme << language << tenant;
            }
        }
    }
}

void TestGuiRender::rendersPage()
{
    QFETCH(QString, page);
    QFETCH(QString, theme);
    QFETCH(QString, language);
    QFETCH(QString, tenant);
    m_qmlProblems->clear();
    // "-": the per-tenant connection with no tenant chosen (none remembered either).
    if (tenant == u"-"_s) {
        auto schema = m_desktop.loadSchema(u"shop"_s);
        QVERIFY(schema);
        schema->setTenant({});
    }
    const QString schemaSource = tenant.isEmpty() ? u"service: 'notes'; table: 'notes'"_s
        : tenant == u"-"_s                        ? u"service: 'shop'"_s
                                                  : u"service: 'shop'; tenant: '%1'"_s.arg(tenant);
    // English is the source text; the others load the .qm files sluice-desktop embeds.
    QTranslator translator;
    if (language != u"en"_s) {
        QVERIFY(
            translator.load(QLocale(language), u"sluice"_s, u"_"_s, QStringLiteral(SLUICE_QM_DIR)));
        QCoreApplication::installTranslator(&translator);
    }
    m_engine->retranslate();
    const auto untranslate = qScopeGuard([&] {
        QCoreApplication::removeTranslator(&translator);
        m_engine->retranslate();
    });
    // The pages that MainPage hands its shared connections and schema.
    const QString pageProperties = page == u"ConnectionsPage"_s ? u"connections: connections"_s
        : page == u"SchemaPage"_s || page == u"DataPage"_s || page == u"SqlConsolePage"_s
        ? u"connections: connections; schema: schema"_s
        : QString();
    m_desktop.app().setTheme(theme);
    // The page inside the app's own window settings (size, theme), as Main.qml has it.
    const QByteArray source = u"import QtQuick\n"
                              "import QtQuick.Controls\n"
                              "import QtQuick.Controls.Universal\n"
                              "import Sluice.Gui\n"
                              "import Sluice.App\n"
                              "ApplicationWindow {\n"
                              "    width: 1280; height: 800; visible: true\n"
                              "    Universal.theme: App.theme === 'dark' ? Universal.Dark : "
                              "Universal.Light\n"
                              "    ConnectionListModel { id: connections }\n"
                              "    SchemaBrowser { id: schema; %3 }\n"
                              "    %1 { anchors.fill: parent; %2 }\n"
                              "}\n"_s.arg(page, pageProperties, schemaSource)
                                  .toUtf8();
    QQmlComponent component(m_engine.get());
    component.setData(source, QUrl(u"qrc:/render/%1.qml"_s.arg(page)));
    std::unique_ptr<QObject> object(component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
    auto *window = qobject_cast<QQuickWindow *>(object.get());
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    if (!tenant.isEmpty() && tenant != u"-"_s) {
        // The chosen tenant's table, shown as the page shows it.
        auto *schema = window->findChild<sluice::SchemaBrowser *>();
        QVERIFY(schema);
        QTRY_COMPARE(schema->table(), u"orders"_s);
        QCOMPARE(schema->tenant(), tenant);
    }
    QTest::qWait(200); // let list models answer and layouts settle
    const QImage image = window->grabWindow();
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1280, 800) * window->devicePixelRatio());
    const QString variant = tenant.isEmpty() ? QString()
        : tenant == u"-"_s                   ? u"-no-tenant"_s
                                             : u"-tenant"_s;
    QVERIFY(image.save(u"gui-screenshots/%1%2-%3-%4.png"_s.arg(page, variant, theme, language)));

    // Not blank: many pixels differ from the background, in more than a couple of colours.
    const QRgb background = image.pixel(image.width() - 1, image.height() - 1);
    qsizetype differing = 0;
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            const QRgb p = image.pixel(x, y);
            if (p != background)
                ++differing;
            if (colours.size() < 64)
                colours.insert(p);
        }
    }
    const qsizetype sampled = qsizetype(image.width() / 2) * (image.height() / 2);
    // A blank page has none; a sparse one (a title, two fields, a button) about 0.7%.
    QVERIFY2(differing * 400 > sampled, qPrintable(u"%1 of %2"_s.arg(differing).arg(sampled)));
    QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
    // Text is drawn: the dark theme's background is dark, the light one's light.
    const int lightness = qGray(background);
    QVERIFY2(theme == u"dark"_s ? lightness < 96 : lightness > 160,
             qPrintable(QString::number(lightness)));
    QVERIFY2(m_qmlProblems->isEmpty(), qPrintable(m_qmlProblems->text()));
    const QStringList clipped = clippedTexts(window->contentItem());
    QVERIFY2(clipped.isEmpty(), qPrintable(u"cut off: "_s + clipped.join(u"; "_s)));
}

void TestGuiRender::followsTheLocale_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("texts");
    QTest::newRow("German") << u"de"_s
                            << QStringList { u"Verbindungen"_s, u"Daten"_s, u"Dunkel"_s };
    QTest::newRow("Spanish") << u"es"_s << QStringList { u"Conexiones"_s, u"Datos"_s, u"Oscuro"_s };
}

void TestGuiRender::followsTheLocale()
{
    QFETCH(QString, language);
    QFETCH(QStringList, texts);
    // The .qm files sluice-desktop embeds, loaded as its main() does for that locale.
    QTranslator translator;
    QVERIFY(translator.load(QLocale(language), u"sluice"_s, u"_"_s, QStringLiteral(SLUICE_QM_DIR)));
    QCoreApplication::installTranslator(&translator);
    m_engine->retranslate();
    QQmlComponent component(m_engine.get());
    component.setData("import QtQuick\nimport QtQuick.Controls\nimport Sluice.App\n"
                      "ApplicationWindow { width: 1280; height: 800; visible: true\n"
                      "    MainPage { anchors.fill: parent } }\n",
                      QUrl(u"qrc:/render/locale.qml"_s));
    std::unique_ptr<QObject> window(component.create());
    QCoreApplication::removeTranslator(&translator);
    QVERIFY2(window, qPrintable(component.errorString()));
    QStringList shown;
    for (QObject *item : window->findChildren<QObject *>()) {
        const QVariant text = item->property("text");
        if (text.isValid())
            shown << text.toString();
        const QVariant model = item->property("model");
        if (model.canConvert<QStringList>())
            shown << model.toStringList();
    }
    for (const QString &text : std::as_const(texts))
        QVERIFY2(shown.contains(text), qPrintable(text + u" not in "_s + shown.join(u'|')));
}

QTEST_MAIN(TestGuiRender)
#include "tst_gui_render.moc"
