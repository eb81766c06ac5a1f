// Qt Quick Test runner for tests/gui/qml/tst_*.qml: the app's QML modules, the App singleton over
// a temporary data directory, offscreen.
#include "desktopfixture.h"

#include <QQmlEngine>
#include <QQuickStyle>
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
        QQuickStyle::setStyle(u"Universal"_s);
        if (const QString problem = m_desktop.open(); !problem.isEmpty())
            qFatal("cannot open the data directory: %s", qPrintable(problem));
    }
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(u"qrc:/"_s); }
    void cleanupTestCase() { m_desktop.close(); }

private:
    sluice::test::DesktopFixture m_desktop;
};

QUICK_TEST_MAIN_WITH_SETUP(sluice_qml, QmlTestSetup)
#include "tst_qml.moc"
