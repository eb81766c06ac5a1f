// sluice-desktop: the desktop app. `sluice` with no command starts it (desktoplauncher.cpp), so
// the headless binary never loads Qt Quick or needs a display.
#include "cliargs.h"
#include "core/logsetup.h"
#include "core/paths.h"
#include "displaycheck.h"
#include "gui/appcontroller.h"
#include "gui/desktopcore.h"
#include "signalwatcher.h"

#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Sluice_GuiPlugin)
Q_IMPORT_QML_PLUGIN(Sluice_AppPlugin)

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    if (const QString why = sluice::missingDisplay(); !why.isEmpty()) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(sluice::noDisplayMessage(why)));
        return 2;
    }
    sluice::beginPlatformWatch();
    QGuiApplication app(argc, argv);
    sluice::endPlatformWatch();
    QGuiApplication::setApplicationName(u"sluice"_s);
    QGuiApplication::setOrganizationName(u"Sluice"_s);
    QGuiApplication::setApplicationDisplayName(u"Sluice"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(SLUICE_VERSION));
    QGuiApplication::setDesktopFileName(u"sluice"_s);
    QQuickStyle::setStyle(u"Universal"_s);
    // The system locale's language where Sluice has it (German, Spanish), else English; Qt's
    // own texts (dialog buttons) from Qt's translations when installed.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), u"qtbase"_s, u"_"_s,
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), u"sluice"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(&translator);
    sluice::setUpLogging(u"warning"_s, false);

    sluice::CliArgs args(app.arguments().mid(1));
    const QString dataDir = sluice::resolveDataDir(args.option(u"--data-dir"_s));
    const QString configFile = args.option(u"--config"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty() || !args.error().isEmpty()) {
        std::fprintf(stderr,
                     "sluice-desktop: %s\nusage: sluice-desktop [--data-dir DIR] "
                     "[--config FILE]\n",
                     qUtf8Printable(args.error().isEmpty() ? extra : args.error()));
        return 2;
    }
    sluice::SignalWatcher quitOnSignal; // SIGTERM: close the server and the stores cleanly
    QQmlApplicationEngine engine;
    engine.addImportPath(u"qrc:/"_s);
    auto core = sluice::DesktopCore::open(dataDir, configFile);
    if (!core) {
        // Said on stderr for a terminal and in a window for a user who started it from a menu.
        std::fprintf(stderr, "sluice-desktop: cannot open %s: %s\n", qUtf8Printable(dataDir),
                     qUtf8Printable(core.error().message));
        engine.setInitialProperties(
            { { u"dataDir"_s, dataDir }, { u"message"_s, core.error().message } });
        engine.load(QUrl(u"qrc:/Sluice/App/StartupError.qml"_s));
        QGuiApplication::exec();
        return 1;
    }
    sluice::AppController controller(**core);
    engine.load(QUrl(u"qrc:/Sluice/App/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        return 1;
    return QGuiApplication::exec();
}
