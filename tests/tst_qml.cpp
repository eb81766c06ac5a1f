// Qt Quick Test runner for tests/qml/tst_*.qml: the app's QML modules, the App singleton over a
// temporary data directory, offscreen.
#include "gui/appcontroller.h"
#include "gui/desktopcore.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Sluice_GuiPlugin)
Q_IMPORT_QML_PLUGIN(Sluice_AppPlugin)

using namespace Qt::StringLiterals;

class QmlTestSetup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable()
    {
        qputenv("SLUICE_SECRETS_BACKEND", "file");
        QQuickStyle::setStyle(u"Universal"_s);
        auto core = sluice::DesktopCore::open(m_dir.filePath(u"data"_s));
        if (!core)
            qFatal("cannot open the data directory: %s", qPrintable(core.error().message));
        m_core = std::move(*core);
        m_app = std::make_unique<sluice::AppController>(*m_core);
    }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(u"qrc:/"_s);
        engine->rootContext()->setContextProperty(u"testDataDir"_s, m_dir.path());
    }
    void cleanupTestCase()
    {
        m_app.reset();
        m_core.reset();
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<sluice::DesktopCore> m_core;
    std::unique_ptr<sluice::AppController> m_app;
};

QUICK_TEST_MAIN_WITH_SETUP(sluice_qml, QmlTestSetup)
#include "tst_qml.moc"
