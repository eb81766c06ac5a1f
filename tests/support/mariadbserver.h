#pragma once

#include "localserver.h"

#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace sluice::test {

// A throw-away MariaDB server for tests: mariadb-install-db in a temporary directory, listening
// on a free 127.0.0.1 port with real grants (the user "sluice" logs in with its password), removed
// again by the destructor. dsn() is "mysql://sluice:sluice@127.0.0.1:PORT/sluice_test"; user()
// has all privileges.
class MariaDbServer : public LocalServer
{
public:
    MariaDbServer();
    ~MariaDbServer() override;

    // Creates and starts the server, the user() and the database(). False with errorString()
    // when it cannot.
    bool start();
    bool isRunning() const { return m_serverPid > 0; }

    // Runs SQL (possibly several statements separated by ';') in database() as root; stops at
    // the first failing statement and logs its error.
    bool exec(const QString &sql);
    // Runs SQL in another database of this server.
    bool execIn(const QString &databaseName, const QString &sql);
    bool createDatabase(const QString &name);

    // One server per test process (SharedServer).
    static MariaDbServer *shared();

private:
    bool findPrograms();
    bool prepareDirectory();
    bool installDatabase();
    Launch launchOn(int port) override;
    bool launchServer(int port);
    Launch waitUntilReady();
    bool createUserAndDatabase();
    void stop();
    bool runClient(const QStringList &arguments, const QByteArray &input, QString *errors);
    QString socketPath() const;
    QString logPath() const;
    QString logTail() const;

    QString m_serverProgram;
    QString m_installProgram;
    QString m_clientProgram;
    QString m_adminProgram;
    pid_t m_serverPid = 0; // a child of this process while it runs
};

} // namespace sluice::test
