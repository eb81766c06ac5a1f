#include "gui/appcontroller.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {
AppController *g_instance = nullptr;
const QStringList kThemes = { u"system"_s, u"light"_s, u"dark"_s };
} // namespace

AppController::AppController(DesktopCore &core, QObject *parent)
    : QObject(parent)
    , m_core(core)
    , m_host(core.settings().server.host)
    , m_port(core.settings().server.port)
{
    g_instance = this;
    refreshSetupState();
    // The theme is the user's, not the data directory's: kept in the per-user settings.
    m_theme = QSettings().value(u"ui/theme"_s, u"system"_s).toString();
    if (!kThemes.contains(m_theme))
        m_theme = u"system"_s;
}

AppController::~AppController()
{
    if (g_instance == this)
        g_instance = nullptr;
}

AppController *AppController::instance()
{
    return g_instance;
}

LocalApi *AppController::api()
{
    return g_instance ? &g_instance->core().api() : nullptr;
}

AppController *AppController::create(QQmlEngine *, QJSEngine *)
{
    // The instance belongs to main(), not to the QML engine.
    QJSEngine::setObjectOwnership(g_instance, QJSEngine::CppOwnership);
    return g_instance;
}

QString AppController::version() const
{
    return QStringLiteral(SLUICE_VERSION);
}

QString AppController::serverUrl() const
{
    if (!m_core.serverRunning())
        return {};
    const QString host = m_host.contains(u':') ? u"[%1]"_s.arg(m_host) : m_host;
    return u"http://%1:%2"_s.arg(host).arg(m_port);
}

void AppController::setTheme(const QString &theme)
{
    if (theme == m_theme || !kThemes.contains(theme))
        return;
    m_theme = theme;
    QSettings().setValue(u"ui/theme"_s, theme);
    Q_EMIT themeChanged();
}

bool AppController::startServer(const QString &host, int port)
{
    m_serverError.clear();
    m_host = host.isEmpty() ? m_core.settings().server.host : host;
    auto bound = m_core.startServer(m_host, port);
    if (!bound)
        m_serverError = bound.error().message;
    else
        m_port = *bound;
    Q_EMIT serverChanged();
    return bound.ok();
}

void AppController::stopServer()
{
    m_core.stopServer();
    Q_EMIT serverChanged();
}

void AppController::refreshSetupState()
{
    auto hasAdmin = m_core.hasAdmin();
    const bool needs = hasAdmin && !*hasAdmin;
    if (needs != m_needsSetup) {
        m_needsSetup = needs;
        Q_EMIT needsSetupChanged();
    }
}

void AppController::copyToClipboard(const QString &text) const
{
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
}

} // namespace sluice
