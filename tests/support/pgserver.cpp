#include "pgserver.h"
#include "servertools.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QVersionNumber>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <pwd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {

constexpr int kInitDbTimeoutMs = 180'000;
constexpr int kStartTimeoutSeconds = 60;

// A developer's PG* variables (PGDATA, PGPORT, ...) must not redirect the tools.
QProcessEnvironment toolEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList keys = env.keys();
    for (const QString &key : keys) {
        if (key.startsWith(u"PG"_s))
            env.remove(key);
    }
    return env;
}

} // namespace

PgServer::PgServer()
    : LocalServer(u"postgres"_s)
{
}

PgServer::~PgServer()
{
    stop();
}

QString PgServer::findBinDirectory()
{
    // Debian keeps each major version under /usr/lib/postgresql/<version>/bin, outside PATH.
    const QDir root(u"/usr/lib/postgresql"_s);
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    for (const QString &version : std::as_const(versions)) {
        const QString bin = root.filePath(version + u"/bin"_s);
        if (QFileInfo(bin + u"/initdb"_s).isExecutable()
            && QFileInfo(bin + u"/pg_ctl"_s).isExecutable())
            return bin;
    }
    const QString initdb = QStandardPaths::findExecutable(u"initdb"_s);
    if (!initdb.isEmpty()) {
        const QString bin = QFileInfo(QFileInfo(initdb).canonicalFilePath()).absolutePath();
        if (QFileInfo(bin + u"/pg_ctl"_s).isExecutable())
            return bin;
    }
    return {};
}

QString PgServer::toolPath(const QString &tool) const
{
    return m_binDir + u'/' + tool;
}

bool PgServer::runTool(const QString &tool, const QStringList &arguments, int timeoutMs,
                       QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir->path());
    QProcessEnvironment env = toolEnvironment();
    env.insert(u"LC_ALL"_s, u"C"_s);
    process.setProcessEnvironment(env);

    if (m_asPostgresUser) {
        // initdb and postgres refuse to run as root.
        process.start(u"runuser"_s,
                      QStringList { u"-u"_s, u"postgres"_s, u"--"_s, toolPath(tool) } + arguments);
    } else {
        process.start(toolPath(tool), arguments);
    }
    if (!process.waitForStarted(30'000)) {
        fail(u"cannot run %1: %2"_s.arg(tool, process.errorString()));
        return false;
    }
    const bool finished = process.waitForFinished(timeoutMs);
    const QString text = QString::fromLocal8Bit(process.readAll());
    if (output)
        *output = text;
    if (!finished) {
        process.kill();
        process.waitForFinished(5'000);
        fail(u"%1 did not finish in %2 s"_s.arg(tool).arg(timeoutMs / 1000));
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        fail(u"%1 failed (exit code %2): %3"_s.arg(tool)
                 .arg(process.exitCode())
                 .arg(lastLines(text)));
        return false;
    }
    return true;
}

bool PgServer::prepareDirectory()
{
    m_asPostgresUser = ::geteuid() == 0;
    // Unix socket paths are limited to ~107 bytes, and as root the postgres user must be able to
    // reach the directory: /tmp satisfies both, a long or private TMPDIR may not.
    QString base = QDir::tempPath();
    if (m_asPostgresUser || base.size() > 60)
        base = u"/tmp"_s;
    if (!makeDirectory(base, u"sluice-pg"_s))
        return false;

    QFile pwfile(m_dir->filePath(u"pwfile"_s));
    if (!pwfile.open(QIODevice::WriteOnly) || pwfile.write(password().toUtf8() + '\n') < 0) {
        fail(u"cannot write %1"_s.arg(pwfile.fileName()));
        return false;
    }
    pwfile.close();

    if (m_asPostgresUser) {
        const passwd *pw = ::getpwnam("postgres");
        if (!pw) {
            fail(u"running as root, but there is no 'postgres' system user to run the server as"_s);
            return false;
        }
        for (const QString &path : { m_dir->path(), pwfile.fileName() }) {
            if (::chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                fail(u"cannot hand %1 to the postgres user: %2"_s.arg(
                    path, QString::fromLocal8Bit(::strerror(errno))));
                return false;
            }
        }
    }
    return true;
}

bool PgServer::initCluster()
{
    const QString data = m_dir->filePath(u"data"_s);
    const QString pwfile = m_dir->filePath(u"pwfile"_s);
    const bool ok = runTool(u"initdb"_s,
                            { u"-D"_s, data, u"-U"_s, user(), u"--pwfile="_s + pwfile,
                              u"--auth-host=scram-sha-256"_s, u"--auth-local=trust"_s,
                              u"--encoding=UTF8"_s, u"--locale=C"_s, u"--no-sync"_s },
                            kInitDbTimeoutMs);
    QFile::remove(pwfile);
    if (!ok)
        return false;

    // Durability is worthless for a throw-away cluster; speed is not.
    QFile conf(data + u"/postgresql.conf"_s);
    if (!conf.open(QIODevice::Append | QIODevice::Text)) {
        fail(u"cannot append to %1"_s.arg(conf.fileName()));
        return false;
    }
    const QByteArray settings = "\n# sluice test server\n"
                                "listen_addresses = '127.0.0.1'\n"
                                "unix_socket_directories = '"
        + QFile::encodeName(m_dir->path())
        + "'\n"
          "fsync = off\n"
          "synchronous_commit = off\n"
          "full_page_writes = off\n"
          "shared_buffers = 32MB\n"
          "max_connections = 200\n"
          "password_encryption = 'scram-sha-256'\n";
    conf.write(settings);
    return true;
}

PgServer::Launch PgServer::launchOn(int port)
{
    const QString data = m_dir->filePath(u"data"_s);
    const QString log = m_dir->filePath(u"server.log"_s);
    QFile::remove(log);
    const bool started = runTool(u"pg_ctl"_s,
                                 { u"start"_s, u"-D"_s, data, u"-w"_s, u"-t"_s,
                                   QString::number(kStartTimeoutSeconds), u"-l"_s, log, u"-o"_s,
                                   u"-p %1"_s.arg(port) },
                                 (kStartTimeoutSeconds + 30) * 1000);
    if (started)
        return Launch::Ready;
    QString logText;
    QFile logFile(log);
    if (logFile.open(QIODevice::ReadOnly))
        logText = QString::fromLocal8Bit(logFile.readAll());
    m_error += u"\nserver log:\n"_s + lastLines(logText);
    const bool portTaken =
        logText.contains(u"could not bind"_s) || logText.contains(u"already in use"_s);
    return portTaken ? Launch::PortTaken : Launch::Failed;
}

bool PgServer::start()
{
    if (m_running)
        return true;
    if (m_dir) {
        fail(u"start() failed before; use a new PgServer"_s);
        return false;
    }
    m_error.clear();
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        fail(u"the Qt PostgreSQL driver (QPSQL, package libqt6sql6-psql) is not installed"_s);
        return false;
    }
    m_binDir = findBinDirectory();
    if (m_binDir.isEmpty()) {
        fail(u"no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin "
             "or in PATH; install postgresql-15"_s);
        return false;
    }
    // The watchdog comes first so that even a crash during initdb leaves nothing behind.
    // SIGQUIT is PostgreSQL's immediate shutdown; the postmaster writes its pid file.
    if (!prepareDirectory() || !startWatchdog(SIGQUIT, u"data/postmaster.pid"_s) || !initCluster()
        || !startOnFreePort())
        return false;
    m_running = true;
    if (!execIn(u"postgres"_s, u"CREATE DATABASE \"%1\""_s.arg(database()))) {
        fail(u"cannot create database %1"_s.arg(database()));
        stop();
        return false;
    }
    return true;
}

void PgServer::stop()
{
    bool stopped = true;
    // Also after a failed start: pg_ctl may have given up waiting on a server that came up later.
    if (m_running || (m_dir && QFile::exists(m_dir->filePath(u"data/postmaster.pid"_s)))) {
        stopped = runTool(u"pg_ctl"_s,
                          { u"stop"_s, u"-D"_s, m_dir->filePath(u"data"_s), u"-m"_s, u"immediate"_s,
                            u"-w"_s, u"-t"_s, QString::number(kStartTimeoutSeconds) },
                          (kStartTimeoutSeconds + 30) * 1000);
        if (!stopped)
            qWarning("PgServer: %s", qUtf8Printable(m_error));
        m_running = false;
    }
    releaseWatchdog(stopped);
}

bool PgServer::pause()
{
    if (!m_running)
        return false;
    m_error.clear();
    const bool stopped =
        runTool(u"pg_ctl"_s,
                { u"stop"_s, u"-D"_s, m_dir->filePath(u"data"_s), u"-m"_s, u"fast"_s, u"-w"_s,
                  u"-t"_s, QString::number(kStartTimeoutSeconds) },
                (kStartTimeoutSeconds + 30) * 1000);
    // The watchdog stays armed: it finds no pid file while paused and the new one after resume().
    m_running = !stopped;
    return stopped;
}

bool PgServer::resume()
{
    if (m_running || !m_dir)
        return false;
    m_error.clear();
    m_running = launchOn(m_port) == Launch::Ready;
    return m_running;
}

bool PgServer::exec(const QString &sql)
{
    return execIn(database(), sql);
}

bool PgServer::execIn(const QString &databaseName, const QString &sql)
{
    // psql rather than QPSQL: it runs a script statement by statement, stops at the first error
    // and reports it (QPSQL silently drops errors after the first statement of a batch), and it
    // allows statements that refuse transaction blocks, such as CREATE DATABASE.
    QString psql = m_binDir + u"/psql"_s;
    if (!QFileInfo(psql).isExecutable())
        psql = QStandardPaths::findExecutable(u"psql"_s);
    if (psql.isEmpty()) {
        qWarning("PgServer: SQL failed: psql not found");
        return false;
    }
    QProcess process;
    QProcessEnvironment env = toolEnvironment();
    env.insert(u"PGPASSWORD"_s, password());
    env.insert(u"PGCONNECT_TIMEOUT"_s, u"30"_s);
    env.insert(u"PGCLIENTENCODING"_s, u"UTF8"_s);
    process.setProcessEnvironment(env);
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(psql,
                  { u"--no-psqlrc"_s, u"--quiet"_s, u"--set=ON_ERROR_STOP=1"_s, u"--host"_s, host(),
                    u"--port"_s, QString::number(m_port), u"--username"_s, user(), u"--dbname"_s,
                    databaseName, u"--file=-"_s });
    if (!process.waitForStarted(30'000)) {
        qWarning("PgServer: SQL failed: cannot run psql: %s",
                 qUtf8Printable(process.errorString()));
        return false;
    }
    process.write(sql.toUtf8());
    process.write("\n");
    process.closeWriteChannel();
    if (!process.waitForFinished(300'000)) {
        process.kill();
        process.waitForFinished(5'000);
        qWarning("PgServer: SQL failed: psql did not finish");
        return false;
    }
    const QString errors = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning("PgServer: SQL failed: %s", qUtf8Printable(errors));
        return false;
    }
    return true;
}

bool PgServer::createDatabase(const QString &name)
{
    QString quoted = name;
    quoted.replace(u'"', u"\"\""_s);
    return execIn(u"postgres"_s, u"CREATE DATABASE \"%1\""_s.arg(quoted));
}

PgServer *PgServer::shared()
{
    return SharedServer<PgServer>::get("PostgreSQL");
}

} // namespace sluice::test
