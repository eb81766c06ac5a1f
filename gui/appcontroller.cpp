#include "gui/appcontroller.h"

#include "http/listener.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHostAddress>
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
    // The Server page's HTTPS choice, else the settings' server.tls.cert/key.
    const QSettings settings;
    m_tlsEnabled = settings.value(dataDirKey(u"tls"_s), !core.tlsCert().isEmpty()).toBool();
    m_tlsCert = settings.value(dataDirKey(u"tls_cert"_s), core.tlsCert()).toString();
    m_tlsKey = settings.value(dataDirKey(u"tls_key"_s), core.tlsKey()).toString();
    if (Status s = m_core.setTls(m_tlsEnabled ? m_tlsCert : QString(),
                                 m_tlsEnabled ? m_tlsKey : QString());
        !s)
        m_tlsError = s.error().message;
    // A failure is shown on the Server page (serverError) and leaves the choice as it was. An
    // API meant to speak HTTPS does not start speaking plain HTTP instead.
    if (startOnLaunch() && !m_tlsError.isEmpty()) {
        m_serverError = m_tlsError;
    } else if (startOnLaunch()) {
        startServer(settings.value(dataDirKey(u"host"_s), m_host).toString(),
                    settings.value(dataDirKey(u"port"_s), m_port).toInt());
    }
}

QString AppController::dataDirKey(const QString &name) const
{
    // A hash, not the path: QSettings keys must not hold '/' or '\\' as part of one name.
    const QByteArray id =
        QCryptographicHash::hash(m_core.dataDir().toUtf8(), QCryptographicHash::Sha256)
            .toHex()
            .left(16);
    return u"server/"_s + QString::fromLatin1(id) + u'/' + name;
}

bool AppController::startOnLaunch() const
{
    return QSettings().value(dataDirKey(u"start_on_launch"_s), false).toBool();
}

void AppController::setStartOnLaunch(bool start)
{
    if (start == startOnLaunch())
        return;
    QSettings().setValue(dataDirKey(u"start_on_launch"_s), start);
    Q_EMIT startOnLaunchChanged();
}

void AppController::rememberServer(bool running)
{
    if (running) {
        QSettings settings;
        settings.setValue(dataDirKey(u"host"_s), m_host);
        settings.setValue(dataDirKey(u"port"_s), m_port);
    }
    setStartOnLaunch(running);
}

int AppController::nextFreePort(const QString &host, int port) const
{
    QHostAddress address(host.isEmpty() ? m_core.settings().server.host : host);
    if (address.isNull()) // a name such as "localhost"
        address = QHostAddress::LocalHost;
    for (int candidate = std::max(port, 1); candidate < std::min(port + 100, 65536); ++candidate) {
        QString ignored;
        if (Listener::portIsFree(address, quint16(candidate), &ignored))
            return candidate;
    }
    return 0;
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
    return u"%1://%2:%3"_s.arg(m_core.serverTls() ? u"https"_s : u"http"_s, host).arg(m_port);
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
    if (bound)
        rememberServer(true);
    return bound.ok();
}

void AppController::stopServer()
{
    m_core.stopServer();
    Q_EMIT serverChanged();
    rememberServer(false);
}

bool AppController::failTls(const QString &why)
{
    m_tlsError = why;
    Q_EMIT tlsErrorChanged();
    return false;
}

bool AppController::setTls(bool enabled, const QString &cert, const QString &key)
{
    if (enabled && (cert.isEmpty() || key.isEmpty()))
        return failTls(tr("HTTPS needs a certificate file and its private key file."));
    const QString servedCert = m_core.tlsCert();
    const QString servedKey = m_core.tlsKey();
    const QString nextCert = enabled ? cert : QString();
    const QString nextKey = enabled ? key : QString();
    if (Status s = m_core.setTls(nextCert, nextKey); !s)
        return failTls(s.error().message);
    if (m_core.serverRunning() && (nextCert != servedCert || nextKey != servedKey)) {
        // The listener starts again on its address, now with (or without) the certificate.
        m_core.stopServer();
        auto bound = m_core.startServer(m_host, m_port);
        if (!bound) {
            // Refused past the files (mutual TLS settings wanting a certificate, the files
            // changed in between): the server goes on as it was, and the page says why.
            (void)m_core.setTls(servedCert, servedKey);
            auto again = m_core.startServer(m_host, m_port);
            if (!again) {
                m_serverError = again.error().message;
                rememberServer(false);
            }
            Q_EMIT serverChanged();
            return failTls(bound.error().message);
        }
        m_serverError.clear();
        Q_EMIT serverChanged();
    }
    if (!m_tlsError.isEmpty()) {
        m_tlsError.clear();
        Q_EMIT tlsErrorChanged();
    }
    m_tlsEnabled = enabled;
    if (enabled) {
        m_tlsCert = cert;
        m_tlsKey = key;
    }
    QSettings settings;
    settings.setValue(dataDirKey(u"tls"_s), m_tlsEnabled);
    settings.setValue(dataDirKey(u"tls_cert"_s), m_tlsCert);
    settings.setValue(dataDirKey(u"tls_key"_s), m_tlsKey);
    Q_EMIT tlsChanged();
    return true;
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

QUrl AppController::folderOf(const QString &path) const
{
    const QFileInfo file(path);
    if (!path.isEmpty() && file.absoluteDir().exists())
        return QUrl::fromLocalFile(file.absolutePath());
    return QUrl::fromLocalFile(QDir::homePath());
}

void AppController::copyToClipboard(const QString &text) const
{
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
}

} // namespace sluice
