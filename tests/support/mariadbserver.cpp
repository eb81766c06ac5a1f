#include "mariadbserver.h"
#include "servertools.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {

constexpr int kInstallTimeoutMs = 180'000;
constexpr int kReadyTimeoutMs = 60'000;
constexpr int kStopTimeoutMs = 60'000;

// The first of `names` found in PATH or in the sbin directories, where Debian puts mariadbd but
// which a non-root PATH usually lacks.
QString findProgram(const QStringList &names)
{
    const QStringList extra { u"/usr/sbin"_s, u"/usr/local/sbin"_s, u"/usr/bin"_s,
                              u"/usr/local/bin"_s };
    for (const QString &name : names) {
        QString path = QStandardPaths::findExecutable(name);
        if (path.isEmpty())
            path = QStandardPaths::findExecutable(name, extra);
        if (!path.isEmpty())
            return path;
    }
    return {};
}

// A developer's MYSQL_* / MARIADB_* variables (MYSQL_PWD, MYSQL_UNIX_PORT, ...) must not redirect
// the tools; --no-defaults keeps their option files out.
QProcessEnvironment toolEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList keys = env.keys();
    for (const QString &key : keys) {
        if (key.startsWith(u"MYSQL"_s) || key.startsWith(u"MARIADB"_s))
            env.remove(key);
    }
    env.insert(u"LC_ALL"_s, u"C"_s);
    return env;
}

// The client reports a failed statement of a script as the statement between dashed lines and
// then "ERROR ... at line N: ...". One line, error first, reads better in a test log.
QString oneLineError(const QString &clientErrors)
{
    QStringList errorLines;
    QStringList statement;
    const QStringList lines = clientErrors.split(u'\n');
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u"ERROR"_s))
            errorLines << trimmed;
        else if (!trimmed.isEmpty() && trimmed.count(u'-') != trimmed.size())
            statement << trimmed;
    }
    if (errorLines.isEmpty())
        return statement.join(u' ');
    QString text = errorLines.join(u' ');
    if (!statement.isEmpty())
        text += u" (in: "_s + statement.join(u' ') + u')';
    return text;
}

QString quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(u'`', u"``"_s);
    return u'`' + quoted + u'`';
}

} // namespace

MariaDbServer::MariaDbServer()
    : LocalServer(u"mysql"_s)
{
}

MariaDbServer::~MariaDbServer()
{
    stop();
}

QString MariaDbServer::socketPath() const
{
    return m_dir->filePath(u"sock"_s);
}

QString MariaDbServer::logPath() const
{
    return m_dir->filePath(u"server.log"_s);
}

QString MariaDbServer::logTail() const
{
    QFile log(logPath());
    if (!log.open(QIODevice::ReadOnly))
        return {};
    return lastLines(QString::fromLocal8Bit(log.readAll()));
}

bool MariaDbServer::findPrograms()
{
    m_serverProgram = findProgram({ u"mariadbd"_s, u"mysqld"_s });
    m_installProgram = findProgram({ u"mariadb-install-db"_s, u"mysql_install_db"_s });
    m_clientProgram = findProgram({ u"mariadb"_s, u"mysql"_s });
    m_adminProgram = findProgram({ u"mariadb-admin"_s, u"mysqladmin"_s });
    if (m_serverProgram.isEmpty() || m_installProgram.isEmpty() || m_clientProgram.isEmpty()
        || m_adminProgram.isEmpty()) {
        fail(u"MariaDB programs missing (need mariadbd, mariadb-install-db, mariadb, "
             "mariadb-admin); install mariadb-server"_s);
        return false;
    }
    return true;
}

bool MariaDbServer::prepareDirectory()
{
    if (!makeDirectory(QDir::tempPath(), u"sluice-mariadb"_s))
        return false;
    if (QFile::encodeName(socketPath()).size() >= qsizetype(sizeof(sockaddr_un {}.sun_path))) {
        fail(u"socket path %1 is too long for a Unix socket; set TMPDIR to a shorter directory"_s
                 .arg(socketPath()));
        return false;
    }
    return true;
}

bool MariaDbServer::installDatabase()
{
    QStringList arguments { u"--no-defaults"_s, u"--datadir="_s + m_dir->filePath(u"data"_s),
                            // root logs in through the socket without a password; exec() uses it.
                            u"--auth-root-authentication-method=normal"_s, u"--skip-test-db"_s,
                            u"--skip-name-resolve"_s, u"--innodb-buffer-pool-size=16M"_s,
                            // Its own temp dir: in the shared /tmp, concurrent bootstraps have
                            // been seen to lose their temporary tables.
                            u"--tmpdir="_s + m_dir->path(), u"--innodb-log-file-size=8M"_s };
    if (::geteuid() == 0)
        arguments << u"--user=root"_s;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir->path());
    process.setProcessEnvironment(toolEnvironment());
    process.start(m_installProgram, arguments);
    if (!process.waitForStarted(30'000)) {
        fail(u"cannot run %1: %2"_s.arg(m_installProgram, process.errorString()));
        return false;
    }
    const bool finished = process.waitForFinished(kInstallTimeoutMs);
    const QString output = QString::fromLocal8Bit(process.readAll());
    if (!finished) {
        process.kill();
        process.waitForFinished(5'000);
        fail(u"%1 did not finish"_s.arg(m_installProgram));
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        // The tail is mostly generic advice; the cause is in the [ERROR] lines before it.
        QStringList errors;
        for (const QString &line : output.split(u'\n')) {
            if (line.contains(u"ERROR"_s))
                errors.append(line);
        }
        fail(u"%1 failed (exit %2):\n%3\n%4"_s.arg(m_installProgram)
                 .arg(process.exitCode())
                 .arg(errors.join(u'\n'), lastLines(output)));
        return false;
    }
    return true;
}

bool MariaDbServer::launchServer(int port)
{
    QStringList arguments { u"--no-defaults"_s, u"--datadir="_s + m_dir->filePath(u"data"_s),
                            u"--tmpdir="_s + m_dir->path(), u"--socket="_s + socketPath(),
                            u"--pid-file="_s + m_dir->filePath(u"mariadbd.pid"_s),
                            u"--log-error="_s + logPath(), u"--port="_s + QString::number(port),
                            u"--bind-address=127.0.0.1"_s, u"--skip-name-resolve"_s,
                            u"--skip-log-bin"_s,
                            // Small and fast: the data is thrown away, durability does not matter.
                            u"--innodb-buffer-pool-size=16M"_s, u"--innodb-log-file-size=8M"_s,
                            u"--innodb-flush-log-at-trx-commit=0"_s,
                            // What Debian's packaged configuration sets; --no-defaults drops it and
                            // the compiled-in default is latin1.
                            u"--character-set-server=utf8mb4"_s,
                            u"--collation-server=utf8mb4_general_ci"_s };
    // mariadbd refuses to run as root unless told to. Running as root (rather than as `mysql`
    // through runuser) keeps every file owned by the test's user, so the 0700 temporary directory
    // needs no chown and QTemporaryDir can delete it.
    if (::geteuid() == 0)
        arguments << u"--user=root"_s;

    // Everything the child needs is prepared before fork(): after it, only async-signal-safe calls.
    std::vector<QByteArray> encoded;
    encoded.push_back(QFile::encodeName(m_serverProgram));
    for (const QString &argument : std::as_const(arguments))
        encoded.push_back(QFile::encodeName(argument));
    std::vector<char *> argv;
    for (QByteArray &argument : encoded)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    const QByteArray log = QFile::encodeName(logPath());
    QFile::remove(logPath());

    const pid_t child = ::fork();
    if (child < 0) {
        fail(u"fork failed: %1"_s.arg(QString::fromLocal8Bit(::strerror(errno))));
        return false;
    }
    if (child == 0) {
        // Startup errors before the server opens its log still land in the log file.
        const int devNull = ::open("/dev/null", O_RDONLY);
        const int logFd = ::open(log.constData(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (devNull >= 0)
            ::dup2(devNull, 0);
        if (logFd >= 0) {
            ::dup2(logFd, 1);
            ::dup2(logFd, 2);
        }
        closeDescriptorsFrom3Except(-1);
        sigset_t none;
        ::sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    m_serverPid = child;
    tellWatchdog(child);
    return true;
}

MariaDbServer::Launch MariaDbServer::waitUntilReady()
{
    const QStringList ping { u"--no-defaults"_s, u"--socket="_s + socketPath(), u"--user=root"_s,
                             u"--connect-timeout=5"_s, u"ping"_s };
    for (int waited = 0; waited < kReadyTimeoutMs; waited += 50) {
        int status = 0;
        pid_t ended = 0;
        while ((ended = ::waitpid(m_serverPid, &status, WNOHANG)) < 0 && errno == EINTR) { }
        if (ended == m_serverPid) {
            m_serverPid = 0;
            tellWatchdog(0);
            const QString log = logTail();
            fail(u"mariadbd exited during startup; server log:\n"_s + log);
            const bool portTaken =
                log.contains(u"Address already in use"_s) || log.contains(u"Bind on TCP/IP port"_s);
            return portTaken ? Launch::PortTaken : Launch::Failed;
        }
        // Until the socket exists there is nothing to ping.
        if (QFile::exists(socketPath())) {
            QProcess admin;
            admin.setProcessEnvironment(toolEnvironment());
            admin.setProcessChannelMode(QProcess::MergedChannels);
            admin.start(m_adminProgram, ping);
            if (admin.waitForFinished(10'000) && admin.exitStatus() == QProcess::NormalExit
                && admin.exitCode() == 0)
                return Launch::Ready;
        }
        QThread::msleep(50);
    }
    fail(u"mariadbd did not become ready within %1 s; server log:\n"_s.arg(kReadyTimeoutMs / 1000)
         + logTail());
    return Launch::Failed;
}

MariaDbServer::Launch MariaDbServer::launchOn(int port)
{
    return launchServer(port) ? waitUntilReady() : Launch::Failed;
}

bool MariaDbServer::createUserAndDatabase()
{
    // Real grants, so a wrong password is rejected. The user is defined for '%' because with
    // --skip-name-resolve a TCP client from 127.0.0.1 does not match 'localhost'.
    const QString sql =
        u"CREATE USER '%1'@'%' IDENTIFIED BY '%2';"
        "GRANT ALL PRIVILEGES ON *.* TO '%1'@'%' WITH GRANT OPTION;"
        "CREATE DATABASE %3;"_s.arg(user(), password(), quoteIdentifier(database()));
    QString errors;
    if (!runClient({}, sql.toUtf8(), &errors)) {
        fail(u"cannot create user %1 and database %2: %3"_s.arg(user(), database(), errors));
        return false;
    }
    return true;
}

bool MariaDbServer::start()
{
    if (isRunning())
        return true;
    if (m_dir) {
        fail(u"start() failed before; use a new MariaDbServer"_s);
        return false;
    }
    m_error.clear();
    if (!QSqlDatabase::isDriverAvailable(u"QMYSQL"_s)) {
        fail(u"the Qt MySQL/MariaDB driver (QMYSQL, package libqt6sql6-mysql) is not installed"_s);
        return false;
    }
    // The watchdog comes first so that even a crash during installation leaves nothing behind.
    // It is told the server's pid once launched; SIGKILL is fine, the data is thrown away.
    if (!findPrograms() || !prepareDirectory() || !startWatchdog(SIGKILL) || !installDatabase()
        || !startOnFreePort())
        return false;
    if (!createUserAndDatabase()) {
        const QString error = m_error;
        stop();
        m_error = error;
        return false;
    }
    return true;
}

void MariaDbServer::stop()
{
    bool stopped = true;
    if (m_serverPid > 0) {
        // SIGTERM is a normal shutdown and takes a fraction of a second; SIGKILL if it hangs.
        ::kill(m_serverPid, SIGTERM);
        stopped = false;
        for (int waited = 0; waited < kStopTimeoutMs && !stopped; waited += 20) {
            int status = 0;
            pid_t ended = 0;
            while ((ended = ::waitpid(m_serverPid, &status, WNOHANG)) < 0 && errno == EINTR) { }
            stopped = ended == m_serverPid || (ended < 0 && errno == ECHILD);
            if (!stopped)
                pauseMs(20);
        }
        if (!stopped) {
            qWarning("MariaDbServer: mariadbd did not stop within %d s; killing it",
                     kStopTimeoutMs / 1000);
            ::kill(m_serverPid, SIGKILL);
            int status = 0;
            while (::waitpid(m_serverPid, &status, 0) < 0 && errno == EINTR) { }
            stopped = true;
        }
        m_serverPid = 0;
    }
    releaseWatchdog(stopped);
}

bool MariaDbServer::runClient(const QStringList &arguments, const QByteArray &input,
                              QString *errors)
{
    QProcess process;
    process.setProcessEnvironment(toolEnvironment());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(m_clientProgram,
                  QStringList { u"--no-defaults"_s, u"--socket="_s + socketPath(), u"--user=root"_s,
                                u"--default-character-set=utf8mb4"_s, u"--connect-timeout=30"_s }
                      + arguments);
    if (!process.waitForStarted(30'000)) {
        *errors = u"cannot run %1: %2"_s.arg(m_clientProgram, process.errorString());
        return false;
    }
    process.write(input);
    process.write("\n");
    process.closeWriteChannel();
    if (!process.waitForFinished(300'000)) {
        process.kill();
        process.waitForFinished(5'000);
        *errors = u"%1 did not finish"_s.arg(m_clientProgram);
        return false;
    }
    *errors = oneLineError(QString::fromUtf8(process.readAllStandardError()));
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool MariaDbServer::exec(const QString &sql)
{
    return execIn(database(), sql);
}

bool MariaDbServer::execIn(const QString &databaseName, const QString &sql)
{
    // The mariadb client rather than QMYSQL: fed a script on stdin it runs it statement by
    // statement, stops at the first error and reports it with its line (QMYSQL needs
    // CLIENT_MULTI_STATEMENTS for a batch and then reports only the first statement's error).
    // As root through the socket it keeps working whatever a test does to user()'s grants.
    if (!isRunning()) {
        qWarning("MariaDbServer: SQL failed: the server is not running");
        return false;
    }
    QString errors;
    if (!runClient({ u"--database="_s + databaseName }, sql.toUtf8(), &errors)) {
        qWarning("MariaDbServer: SQL failed: %s", qUtf8Printable(errors));
        return false;
    }
    return true;
}

bool MariaDbServer::createDatabase(const QString &name)
{
    return exec(u"CREATE DATABASE "_s + quoteIdentifier(name));
}

MariaDbServer *MariaDbServer::shared()
{
    return SharedServer<MariaDbServer>::get("MariaDB");
}

} // namespace sluice::test
