#pragma once

#include <QCoreApplication>
#include <QMutex>
#include <QString>
#include <QtGlobal>

#include <cstdlib>
#include <memory>

#include <sys/types.h>

class QTemporaryDir;

namespace sluice::test {

// What the throw-away database servers for tests (PgServer, MariaDbServer) share: a temporary
// directory, a free 127.0.0.1 port (retried when another process takes it first), the fixed
// credentials, and a watchdog process that stops the server and deletes the directory if the
// test process dies without running the destructor.
class LocalServer
{
public:
    virtual ~LocalServer();
    LocalServer(const LocalServer &) = delete;
    LocalServer &operator=(const LocalServer &) = delete;

    QString errorString() const { return m_error; }
    int port() const { return m_port; }
    QString host() const; // "127.0.0.1"
    QString user() const; // "sluice"
    QString password() const; // "sluice"
    QString database() const; // "sluice_test"
    QString dsn() const; // "<scheme>://sluice:sluice@127.0.0.1:PORT/sluice_test"
    // dsn() for another login (user and password percent-encoded).
    QString dsnFor(const QString &user, const QString &password) const;

    // The temporary directory holding the server's files; gone after the destructor.
    QString directory() const;

protected:
    // `scheme` starts dsn().
    explicit LocalServer(const QString &scheme);

    void fail(const QString &message) { m_error = message; }

    // Creates the temporary directory `base`/`prefix`-XXXXXX.
    bool makeDirectory(const QString &base, const QString &prefix);

    // Starts the watchdog. When the test process dies it stops the server the last
    // tellWatchdog() named or, if none, the one whose pid is the first line of `pidFile`
    // (relative to directory(); empty: none), with `stopSignal`, then SIGKILL if it is not gone
    // within 30 s. The watchdog comes first so that even a crash during setup leaves nothing.
    bool startWatchdog(int stopSignal, const QString &pidFile = {});
    // The server process the watchdog is to stop (0: none any more).
    void tellWatchdog(pid_t server);
    // Releases the watchdog: told to stand down when the server is really gone, otherwise left
    // to stop it as if the test had died.
    void releaseWatchdog(bool serverGone);

    enum class Launch { Ready, PortTaken, Failed };
    // Picks a free port into m_port and calls launchOn() until the server is ready, retrying
    // with another port when the chosen one was taken in the meantime.
    bool startOnFreePort();
    virtual Launch launchOn(int port) = 0;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_error;
    int m_port = 0;

private:
    QString m_scheme;
    int m_watchdogFd = -1; // write end of the watchdog's pipe
};

// One server of type `Server` per test process, started on first call and stopped when the
// application object goes (or at exit). nullptr, with a qWarning naming `product` and the
// reason, when it cannot start.
template<typename Server> class SharedServer
{
public:
    static Server *get(const char *product)
    {
        QMutexLocker lock(&s_mutex);
        if (s_tried)
            return s_instance;
        s_tried = true;
        auto server = std::make_unique<Server>();
        if (!server->start()) {
            qWarning("cannot start the shared %s server: %s", product,
                     qUtf8Printable(server->errorString()));
            return nullptr;
        }
        s_instance = server.release();
        // atexit covers tests without an application object. Whichever runs first wins, the
        // other finds nothing left to do.
        qAddPostRoutine(stop);
        std::atexit(stop);
        return s_instance;
    }

private:
    static void stop()
    {
        QMutexLocker lock(&s_mutex);
        delete s_instance;
        s_instance = nullptr;
    }

    static inline QMutex s_mutex;
    static inline Server *s_instance = nullptr;
    static inline bool s_tried = false;
};

} // namespace sluice::test
