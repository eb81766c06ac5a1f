#include "localserver.h"
#include "servertools.h"

#include <QFile>
#include <QTemporaryDir>
#include <QUrl>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {

constexpr int kWatchdogWaitMs = 30'000;

// Watchdog messages: a pid record names the server to stop should the test die; a stand-down
// byte says everything was cleaned up normally.
constexpr char kPidRecord = 'p';
constexpr char kStandDown = 's';

// The pid in the first line of `pidFile` (PostgreSQL's postmaster.pid); 0 when there is none.
// Async-signal-safe.
pid_t readPidFile(const char *pidFile)
{
    if (!*pidFile)
        return 0;
    const int fd = ::open(pidFile, O_RDONLY);
    if (fd < 0)
        return 0;
    char text[32] = {};
    const ssize_t n = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    pid_t pid = 0;
    for (ssize_t i = 0; i < n && text[i] >= '0' && text[i] <= '9'; ++i)
        pid = pid * 10 + (text[i] - '0');
    return pid;
}

// True once `pid` is gone or a zombie: either way it holds no port and no files any more. The
// watchdog is not its parent, so it cannot reap it; whoever inherited it will. Async-signal-safe.
bool processEnded(pid_t pid)
{
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return true;
    char path[64] = "/proc/";
    char digits[16];
    int n = 0;
    for (pid_t rest = pid; rest > 0 && n < 15; rest /= 10)
        digits[n++] = char('0' + rest % 10);
    size_t at = std::strlen(path);
    while (n > 0)
        path[at++] = digits[--n];
    std::strcpy(path + at, "/stat");
    const int fd = ::open(path, O_RDONLY);
    if (fd < 0)
        return true;
    char text[256] = {};
    const ssize_t length = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    // "pid (comm) S ...": the state follows the last ')'.
    const char *close = nullptr;
    for (ssize_t i = 0; i < length; ++i) {
        if (text[i] == ')')
            close = text + i;
    }
    return close && close[1] == ' ' && (close[2] == 'Z' || close[2] == 'X');
}

bool waitUntilEnded(pid_t pid)
{
    for (int waited = 0; waited < kWatchdogWaitMs; waited += 50) {
        if (processEnded(pid))
            return true;
        pauseMs(50);
    }
    return processEnded(pid);
}

// What the watchdog heard before its pipe ended: a stand-down byte, or else the last server pid
// it was told (0: none).
struct WatchdogNews
{
    bool standDown = false;
    pid_t server = 0;
};

WatchdogNews readUntilEnd(int readFd)
{
    WatchdogNews news;
    for (;;) {
        char kind = 0;
        ssize_t n = ::read(readFd, &kind, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != 1)
            return news;
        if (kind == kStandDown) {
            news.standDown = true;
            return news;
        }
        if (kind != kPidRecord)
            continue;
        pid_t pid = 0;
        size_t got = 0;
        while (got < sizeof pid) {
            n = ::read(readFd, reinterpret_cast<char *>(&pid) + got, sizeof pid - got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            got += size_t(n);
        }
        if (got == sizeof pid)
            news.server = pid;
    }
}

// The watchdog: a detached grandchild (its own session, so a test runner that kills the test's
// process tree does not take it along) reading a pipe whose only write end the test process
// holds. End-of-file without a stand-down byte means the test died: stop the server (the one it
// was told about, else the one in the pid file), wait for it to go and delete the directory.
[[noreturn]] void runWatchdog(int readFd, int stopSignal, const char *pidFile,
                              const char *directory)
{
    const int devNull = ::open("/dev/null", O_RDWR);
    if (devNull >= 0) {
        ::dup2(devNull, 0);
        ::dup2(devNull, 1);
        ::dup2(devNull, 2);
    }
    closeDescriptorsFrom3Except(readFd);

    const WatchdogNews news = readUntilEnd(readFd);
    if (news.standDown)
        ::_exit(0);
    const pid_t server = news.server > 0 ? news.server : readPidFile(pidFile);
    if (server > 0) {
        ::kill(server, stopSignal);
        if (!waitUntilEnded(server)) {
            ::kill(server, SIGKILL);
            waitUntilEnded(server);
        }
    }
    const char *const argv[] = { "rm", "-rf", directory, nullptr };
    ::execv("/bin/rm", const_cast<char *const *>(argv));
    ::_exit(1);
}

} // namespace

LocalServer::LocalServer(const QString &scheme)
    : m_scheme(scheme)
{
}

LocalServer::~LocalServer()
{
    // A derived class's stop() released the watchdog already; if not, it stops the server.
    releaseWatchdog(false);
}

QString LocalServer::host() const
{
    return u"127.0.0.1"_s;
}

QString LocalServer::user() const
{
    return u"sluice"_s;
}

QString LocalServer::password() const
{
    return u"sluice"_s;
}

QString LocalServer::database() const
{
    return u"sluice_test"_s;
}

QString LocalServer::dsn() const
{
    return dsnFor(user(), password());
}

QString LocalServer::dsnFor(const QString &user, const QString &password) const
{
    return u"%1://%2:%3@%4:%5/%6"_s.arg(m_scheme, QString::fromUtf8(QUrl::toPercentEncoding(user)),
                                        QString::fromUtf8(QUrl::toPercentEncoding(password)),
                                        host(), QString::number(m_port), database());
}

QString LocalServer::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

bool LocalServer::makeDirectory(const QString &base, const QString &prefix)
{
    m_dir = std::make_unique<QTemporaryDir>(base + u'/' + prefix + u"-XXXXXX"_s);
    if (!m_dir->isValid()) {
        fail(u"cannot create a temporary directory: %1"_s.arg(m_dir->errorString()));
        return false;
    }
    return true;
}

bool LocalServer::startWatchdog(int stopSignal, const QString &pidFile)
{
    // Everything the child needs is prepared before fork(): after it, only async-signal-safe calls.
    const QByteArray pidPath =
        pidFile.isEmpty() ? QByteArray() : QFile::encodeName(m_dir->filePath(pidFile));
    const QByteArray directory = QFile::encodeName(m_dir->path());
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        fail(u"pipe2 failed: %1"_s.arg(QString::fromLocal8Bit(::strerror(errno))));
        return false;
    }
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        fail(u"fork failed: %1"_s.arg(QString::fromLocal8Bit(::strerror(errno))));
        return false;
    }
    if (child == 0) {
        ::setsid();
        if (::fork() != 0)
            ::_exit(0);
        runWatchdog(fds[0], stopSignal, pidPath.constData(), directory.constData());
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    m_watchdogFd = fds[1];
    return true;
}

void LocalServer::tellWatchdog(pid_t server)
{
    if (m_watchdogFd < 0)
        return;
    char record[1 + sizeof(pid_t)];
    record[0] = kPidRecord;
    std::memcpy(record + 1, &server, sizeof server);
    // Shorter than PIPE_BUF, so written in one piece.
    while (::write(m_watchdogFd, record, sizeof record) < 0 && errno == EINTR) { }
}

void LocalServer::releaseWatchdog(bool serverGone)
{
    if (m_watchdogFd < 0)
        return;
    if (serverGone) {
        const char byte = kStandDown;
        while (::write(m_watchdogFd, &byte, 1) < 0 && errno == EINTR) { }
    }
    ::close(m_watchdogFd);
    m_watchdogFd = -1;
}

bool LocalServer::startOnFreePort()
{
    constexpr int kPortAttempts = 5;
    for (int attempt = 1; attempt <= kPortAttempts; ++attempt) {
        m_port = freeLocalPort();
        if (m_port == 0) {
            fail(u"cannot find a free port on 127.0.0.1"_s);
            return false;
        }
        switch (launchOn(m_port)) {
        case Launch::Ready: return true;
        case Launch::Failed: return false;
        case Launch::PortTaken:
            break; // another process took it between probing and binding: try another
        }
    }
    return false;
}

} // namespace sluice::test
