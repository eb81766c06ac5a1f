#pragma once

#include "localserver.h"

#include <QString>
#include <QStringList>

namespace sluice::test {

// A throw-away PostgreSQL server for tests: initdb in a temporary directory, listening on a free
// 127.0.0.1 port with password (scram-sha-256) authentication, removed again by the destructor.
// dsn() is "postgres://sluice:sluice@127.0.0.1:PORT/sluice_test"; user() is the superuser.
class PgServer : public LocalServer
{
public:
    PgServer();
    ~PgServer() override;

    // Creates and starts the cluster and the database(). False with errorString() when it cannot.
    bool start();
    bool isRunning() const { return m_running; }

    // Runs SQL (possibly several statements) in database() as the superuser; logs the error.
    bool exec(const QString &sql);
    // Runs SQL in another database of this server.
    bool execIn(const QString &databaseName, const QString &sql);
    bool createDatabase(const QString &name);
    // For outage tests: stops the running server (a fast shutdown: every connection is cut, and
    // what was committed is kept even with this cluster's fsync and synchronous_commit off), and
    // starts it again on the same port with the same files. False with errorString().
    bool pause();
    bool resume();

    // Where the postgres binaries were found (empty until start()).
    QString binDirectory() const { return m_binDir; }

    // One server per test process (SharedServer).
    static PgServer *shared();

    // The directory of the newest installed PostgreSQL binaries, or empty.
    static QString findBinDirectory();

private:
    bool prepareDirectory();
    bool initCluster();
    Launch launchOn(int port) override;
    void stop();
    bool runTool(const QString &tool, const QStringList &arguments, int timeoutMs,
                 QString *output = nullptr);
    QString toolPath(const QString &tool) const;

    QString m_binDir;
    bool m_running = false;
    bool m_asPostgresUser = false;
};

} // namespace sluice::test
