// Makes the README's pictures of the desktop app with the offscreen renderer, from a fresh data
// directory and the demo bookshop, so they show what the app shows today: the wizard's last
// step, the data grid and the ER diagram. Run by docs/screenshots/make; not a test (the render
// test checks the pages), but built with the tests so it never stops compiling.
#include "demo/demodatabase.h"
#include "desktopfixture.h"
#include "gui/connectionlistmodel.h"
#include "gui/querybuilder.h"
#include "gui/schemabrowser.h"
#include "gui/setupwizard.h"

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(Sluice_GuiPlugin)
Q_IMPORT_QML_PLUGIN(Sluice_AppPlugin)

using namespace Qt::StringLiterals;

namespace {

int fail(const QString &why)
{
    std::fprintf(stderr, "readme-screenshots: %s\n", qPrintable(why));
    return 1;
}

// `page` in a 1280×800 window of the app's light theme, as Main.qml has it.
std::unique_ptr<QQuickWindow> showPage(QQmlEngine &engine, const QString &page)
{
    QQmlComponent component(&engine);
    component.setData(
        u"import QtQuick\nimport QtQuick.Controls\nimport QtQuick.Controls.Universal\n"
        "import Sluice.App\n"
        "ApplicationWindow {\n"
        "    width: 1280; height: 800; visible: true\n"
        "    Universal.theme: Universal.Light\n"
        "    %1 { anchors.fill: parent }\n"
        "}\n"_s.arg(page)
            .toUtf8(),
        QUrl(u"qrc:/screenshots/%1.qml"_s.arg(page)));
    std::unique_ptr<QQuickWindow> window(qobject_cast<QQuickWindow *>(component.create()));
    if (!window || !QTest::qWaitForWindowExposed(window.get())) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return {};
    }
    return window;
}

bool save(QQuickWindow &window, const QString &file)
{
    QTest::qWait(1500); // models answer, layouts settle, the last frame is drawn
    const QImage image = window.grabWindow();
    return !image.isNull() && image.save(file);
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    if (argc != 2)
        return fail(u"usage: sluice-readme-screenshots OUTPUT_DIRECTORY"_s);
    const QDir out(QString::fromLocal8Bit(argv[1]));
    if (!QDir().mkpath(out.path()))
        return fail(u"cannot create "_s + out.path());
    QQuickStyle::setStyle(u"Universal"_s); // as sluice-desktop's main() does

    sluice::test::DesktopFixture desktop;
    if (const QString problem = desktop.open(); !problem.isEmpty())
        return fail(problem);
    const QString bookshop = desktop.path(u"bookshop.sqlite"_s);
    if (auto created = sluice::ensureDemoDatabase(bookshop); !created)
        return fail(created.error().message);
    QQmlEngine engine;
    engine.addImportPath(u"qrc:/"_s);

    // 1. The wizard, gone through as a new user would, up to its last step.
    {
        auto window = showPage(engine, u"SetupWizardPage"_s);
        if (!window)
            return fail(u"the wizard page did not load"_s);
        auto *wizard = window->findChild<sluice::SetupWizard *>();
        auto *connections = window->findChild<sluice::ConnectionListModel *>();
        if (!wizard || !connections)
            return fail(u"the wizard page has no SetupWizard or ConnectionListModel"_s);
        QSignalSpy admin(wizard, &sluice::SetupWizard::adminCreated);
        wizard->createAdmin(u"you@example.com"_s, u"You"_s, u"a long enough password"_s);
        if (!admin.wait(10'000))
            return fail(u"no admin"_s);
        QSignalSpy added(connections, &sluice::ConnectionListModel::added);
        connections->add(u"bookshop"_s, u"sqlite"_s, { { u"file"_s, bookshop } }, QString(),
                         u"Bookshop"_s, false);
        if (!added.wait(10'000))
            return fail(u"the bookshop was not added"_s);
        QSignalSpy key(wizard, &sluice::SetupWizard::keyCreated);
        wizard->createKey(u"bookshop"_s);
        if (!key.wait(10'000))
            return fail(u"no key"_s);
        QSignalSpy live(wizard, &sluice::SetupWizard::liveChanged);
        wizard->goLive(u"bookshop"_s, desktop.app().nextFreePort(desktop.app().serverHost(), 8080));
        if (!live.wait(10'000))
            return fail(u"the API did not start"_s);
        if (!save(*window, out.filePath(u"wizard.png"_s)))
            return fail(u"cannot save wizard.png"_s);
    }

    // 2. The data grid: the books, dearest first, a page of them.
    auto window = showPage(engine, u"MainPage"_s);
    if (!window)
        return fail(u"the main page did not load"_s);
    auto *navigation = window->findChild<QObject *>(u"navigation"_s);
    auto *schema = window->findChild<sluice::SchemaBrowser *>();
    auto *builder = window->findChild<sluice::QueryBuilder *>();
    if (!navigation || !schema || !builder)
        return fail(u"the main page has no navigation, SchemaBrowser or QueryBuilder"_s);
    const QStringList pages = navigation->property("model").toStringList();
    QSignalSpy schemaLoaded(schema, &sluice::SchemaBrowser::loaded);
    schema->setService(u"bookshop"_s);
    if (!schemaLoaded.wait(10'000))
        return fail(u"the bookshop's schema did not load"_s);
    schema->setTable(u"books"_s);
    navigation->setProperty("currentIndex", pages.indexOf(u"Data"_s));
    QSignalSpy ran(builder, &sluice::QueryBuilder::finished);
    builder->setColumns(
        { u"id"_s, u"title"_s, u"genre"_s, u"price"_s, u"published_year"_s, u"in_stock"_s });
    builder->setDescending(true);
    builder->setOrderColumn(u"price"_s);
    builder->run();
    if (!ran.wait(10'000) || !builder->error().isEmpty())
        return fail(u"the books did not load: "_s + builder->error());
    if (!save(*window, out.filePath(u"data-grid.png"_s)))
        return fail(u"cannot save data-grid.png"_s);

    // 3. The ER diagram of the bookshop, with the books selected.
    auto *tabs = window->findChild<QObject *>(u"schemaViewTabs"_s);
    if (!tabs)
        return fail(u"the schema page has no schemaViewTabs"_s);
    navigation->setProperty("currentIndex", pages.indexOf(u"Schema"_s));
    tabs->setProperty("currentIndex", 1); // Table, Diagram
    if (!save(*window, out.filePath(u"er-diagram.png"_s)))
        return fail(u"cannot save er-diagram.png"_s);

    std::printf("readme-screenshots: wrote %s\n", qPrintable(out.path()));
    return 0;
}
