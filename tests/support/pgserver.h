#pragma once

#include <QString>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace sluice::test {

// A throw-away PostgreSQL server for tests: initdb in a temporary directory, listening on a free
// 127.0.0.1 port with password (scram-sha-256) authentication, removed again by the destructor.
// A watchdog process stops the server if the test process dies without running the destructor.
class PgServer
{
public:
    PgServer();
    ~PgServer();
    PgServer(const PgServer &) = delete;
    PgServer &operator=(const PgServer &) = delete;

    // Creates and starts the cluster and the database(). False with errorString() when it cannot.
    bool start();
    bool isRunning() const { return m_running; }
    QString errorString() const;

    int port() const;
    QString host() const; // "127.0.0.1"
    QString user() const; // the superuser, "sluice"
    QString password() const; // "sluice"
    QString database() const; // "sluice_test"
    QString dsn() const; // "postgres://sluice:sluice@127.0.0.1:PORT/sluice_test"

    // Runs SQL (possibly several statements) in database() as the superuser; logs the error.
    bool exec(const QString &sql);
    // Runs SQL in another database of this server.
    bool execIn(const QString &databaseName, const QString &sql);
    bool createDatabase(const QString &name);

    // The temporary directory holding the cluster; gone after the destructor.
    QString directory() const;
    // Where the postgres binaries were found (empty until start()).
    QString binDirectory() const { return m_binDir; }

    // One server per test process, started on first call and stopped at exit. nullptr (and a
    // qWarning with the reason) when it cannot start.
    static PgServer *shared();

    // The directory of the newest installed PostgreSQL binaries, or empty.
    static QString findBinDirectory();

private:
    bool prepareDirectory();
    bool initCluster();
    bool startOnFreePort();
    bool startWatchdog();
    void stop();
    bool runTool(const QString &tool, const QStringList &arguments, int timeoutMs,
                 QString *output = nullptr);
    QString toolPath(const QString &tool) const;
    void fail(const QString &message);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_binDir;
    QString m_error;
    int m_port = 0;
    bool m_running = false;
    bool m_asPostgresUser = false;
    int m_watchdogFd = -1; // write end of the watchdog's pipe; closing it stops the server
};

} // namespace sluice::test
