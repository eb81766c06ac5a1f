#pragma once

#include <QString>
#include <QStringList>

#include <memory>

#include <sys/types.h>

class QTemporaryDir;

namespace sluice::test {

// A throw-away MariaDB server for tests: mariadb-install-db in a temporary directory, listening
// on a free 127.0.0.1 port with real grants (the user "sluice" logs in with its password), removed
// again by the destructor. A watchdog process kills the server if the test process dies without
// running the destructor.
class MariaDbServer
{
public:
    MariaDbServer();
    ~MariaDbServer();
    MariaDbServer(const MariaDbServer &) = delete;
    MariaDbServer &operator=(const MariaDbServer &) = delete;

    // Creates and starts the server, the user() and the database(). False with errorString()
    // when it cannot.
    bool start();
    bool isRunning() const { return m_serverPid > 0; }
    QString errorString() const;

    int port() const;
    QString host() const; // "127.0.0.1"
    QString user() const; // "sluice", with all privileges
    QString password() const; // "sluice"
    QString database() const; // "sluice_test"
    QString dsn() const; // "mysql://sluice:sluice@127.0.0.1:PORT/sluice_test"

    // Runs SQL (possibly several statements separated by ';') in database() as root; stops at
    // the first failing statement and logs its error.
    bool exec(const QString &sql);
    // Runs SQL in another database of this server.
    bool execIn(const QString &databaseName, const QString &sql);
    bool createDatabase(const QString &name);

    // The temporary directory holding the data, socket and log; gone after the destructor.
    QString directory() const;

    // One server per test process, started on first call and stopped at exit. nullptr (and a
    // qWarning with the reason) when it cannot start.
    static MariaDbServer *shared();

private:
    bool findPrograms();
    bool prepareDirectory();
    bool startWatchdog();
    bool installDatabase();
    bool startOnFreePort();
    bool launchServer();
    void tellWatchdog(pid_t server);
    bool waitUntilReady(bool *portTaken);
    bool createUserAndDatabase();
    void stop();
    bool runClient(const QStringList &arguments, const QByteArray &input, QString *errors);
    QString socketPath() const;
    QString logPath() const;
    QString logTail() const;
    void fail(const QString &message);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_serverProgram;
    QString m_installProgram;
    QString m_clientProgram;
    QString m_adminProgram;
    QString m_error;
    int m_port = 0;
    pid_t m_serverPid = 0; // a child of this process while it runs
    int m_watchdogFd = -1; // write end of the watchdog's pipe; closing it kills the server
};

} // namespace sluice::test
