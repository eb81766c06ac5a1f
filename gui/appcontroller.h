#pragma once

#include "gui/desktopcore.h"

#include <QObject>
#include <QQmlEngine>

namespace sluice {

// The app's state as QML sees it (the `App` singleton): the data directory, whether the
// first-run wizard is due, the embedded server, the theme. Other view-models reach the core
// through it.
class AppController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON
    Q_PROPERTY(QString dataDir READ dataDir CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(bool needsSetup READ needsSetup NOTIFY needsSetupChanged)
    Q_PROPERTY(bool serverRunning READ serverRunning NOTIFY serverChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY serverChanged)
    Q_PROPERTY(QString serverHost READ serverHost NOTIFY serverChanged)
    Q_PROPERTY(int serverPort READ serverPort NOTIFY serverChanged)
    Q_PROPERTY(QString serverError READ serverError NOTIFY serverChanged)
    Q_PROPERTY(bool serverTls READ serverTls NOTIFY serverChanged)
    Q_PROPERTY(bool tlsEnabled READ tlsEnabled NOTIFY tlsChanged)
    Q_PROPERTY(QString tlsCert READ tlsCert NOTIFY tlsChanged)
    Q_PROPERTY(QString tlsKey READ tlsKey NOTIFY tlsChanged)
    Q_PROPERTY(QString tlsError READ tlsError NOTIFY tlsErrorChanged)
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)
    Q_PROPERTY(
        bool startOnLaunch READ startOnLaunch WRITE setStartOnLaunch NOTIFY startOnLaunchChanged)

public:
    // The app's one instance, made by main() (or a test) before QML asks for it.
    explicit AppController(DesktopCore &core, QObject *parent = nullptr);
    ~AppController() override;
    static AppController *instance();
    // The in-process API of the app's one instance; null before main() made it.
    static LocalApi *api();
    static AppController *create(QQmlEngine *, QJSEngine *);

    DesktopCore &core() { return m_core; }

    QString dataDir() const { return m_core.dataDir(); }
    QString version() const;
    bool needsSetup() const { return m_needsSetup; }
    bool serverRunning() const { return m_core.serverRunning(); }
    QString serverUrl() const;
    QString serverHost() const { return m_host; }
    int serverPort() const { return m_port; }
    QString serverError() const { return m_serverError; }
    // Whether the running server speaks HTTPS (serverUrl says https://).
    bool serverTls() const { return m_core.serverTls(); }
    // The HTTPS choice of the Server page, kept per data directory as the port is: whether the
    // API speaks HTTPS, with which PEM certificate and private key (kept while it is off).
    bool tlsEnabled() const { return m_tlsEnabled; }
    QString tlsCert() const { return m_tlsCert; }
    QString tlsKey() const { return m_tlsKey; }
    // Why the last setTls() changed nothing: the server's own one-line reason (a missing file, a
    // key that is not the certificate's…); empty after one that worked.
    QString tlsError() const { return m_tlsError; }
    QString theme() const { return m_theme; }
    void setTheme(const QString &theme);
    // Whether the API starts (on the port it last listened on) when the app opens on this data
    // directory: set by starting the API, cleared by stopping it, so that what the user last
    // did holds after a restart. Closing the app stops the API either way.
    bool startOnLaunch() const;
    void setStartOnLaunch(bool start);

    // The first port from `port` up that nothing listens on at `host` (0 when none of the next
    // hundred is free): what to offer when the chosen one is taken.
    Q_INVOKABLE int nextFreePort(const QString &host, int port) const;

    // Starts the embedded server on `host`:`port` (0: a free port). False with serverError set
    // when it cannot listen.
    Q_INVOKABLE bool startServer(const QString &host, int port);
    Q_INVOKABLE void stopServer();
    // Serves HTTPS with the PEM files `cert` and `key` (`enabled`), or plain HTTP, from now on:
    // the files are checked as `sluice serve` checks them, the choice is kept, and a running
    // server starts listening again on its address. False with tlsError set when the files do
    // not load: then nothing changes and a running server goes on as it was.
    Q_INVOKABLE bool setTls(bool enabled, const QString &cert, const QString &key);
    // Reads again whether an admin exists (after the wizard made one).
    Q_INVOKABLE void refreshSetupState();
    Q_INVOKABLE void copyToClipboard(const QString &text) const;
    // A file dialog's answer (file:///home/me/My%20notes.db) as a path (/home/me/My notes.db).
    Q_INVOKABLE QString localFile(const QUrl &url) const { return url.toLocalFile(); }
    // Where a file dialog opens: the folder of `path`, or the user's home when it names none.
    Q_INVOKABLE QUrl folderOf(const QString &path) const;
    // The per-user settings key of `name` for this data directory (two data directories are
    // two apps' worth of state): the API's start on launch, the SQL console's history.
    QString dataDirKey(const QString &name) const;

Q_SIGNALS:
    void needsSetupChanged();
    void serverChanged();
    void themeChanged();
    void startOnLaunchChanged();
    void tlsChanged();
    void tlsErrorChanged();

private:
    void rememberServer(bool running);
    bool failTls(const QString &why);

    DesktopCore &m_core;
    bool m_needsSetup = false;
    QString m_host;
    int m_port = 0;
    QString m_serverError;
    bool m_tlsEnabled = false;
    QString m_tlsCert;
    QString m_tlsKey;
    QString m_tlsError;
    QString m_theme;
};

} // namespace sluice
