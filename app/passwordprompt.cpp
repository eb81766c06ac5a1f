#include "passwordprompt.h"

#include <QByteArray>

#include <csignal>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// The terminal state to put back when Ctrl+C arrives while echo is off: without it the shell
// would be left not echoing what the user types.
struct termios g_savedTerminal;
volatile std::sig_atomic_t g_echoOff = 0;

extern "C" void restoreTerminalAndExit(int signal)
{
    if (g_echoOff)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
    const char newline = '\n';
    [[maybe_unused]] const auto written = write(STDERR_FILENO, &newline, 1);
    _exit(128 + signal);
}

// One line from stdin without its line ending; false at end of input before any character.
bool readLine(QByteArray &line)
{
    line.clear();
    bool any = false;
    for (int c = std::fgetc(stdin); c != EOF; c = std::fgetc(stdin)) {
        any = true;
        if (c == '\n')
            break;
        line.append(char(c));
    }
    if (line.endsWith('\r'))
        line.chop(1);
    return any;
}

Result<QString> promptWithoutEcho(const QString &prompt)
{
    std::fprintf(stderr, "%s", qUtf8Printable(prompt));
    std::fflush(stderr);
    struct termios noEcho = g_savedTerminal;
    noEcho.c_lflag &= ~tcflag_t(ECHO);
    noEcho.c_lflag |= ECHONL; // the Enter key still moves to the next line
    g_echoOff = 1;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &noEcho) != 0) {
        g_echoOff = 0;
        return Error::internal(u"cannot turn off echo on the terminal"_s);
    }
    QByteArray line;
    const bool got = readLine(line);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
    g_echoOff = 0;
    if (!got)
        return Error::badRequest(u"no password given"_s);
    return QString::fromUtf8(line);
}

} // namespace

Result<QString> readNewPassword(const QString &what)
{
    if (!isatty(STDIN_FILENO)) {
        QByteArray line;
        if (!readLine(line))
            return Error::badRequest(
                u"no password on standard input; pass --password or pipe it in"_s);
        return QString::fromUtf8(line);
    }
    if (tcgetattr(STDIN_FILENO, &g_savedTerminal) != 0)
        return Error::internal(u"cannot read the terminal settings"_s);
    const auto previousInt = std::signal(SIGINT, restoreTerminalAndExit);
    const auto previousTerm = std::signal(SIGTERM, restoreTerminalAndExit);
    const auto previousHup = std::signal(SIGHUP, restoreTerminalAndExit);
    auto first = promptWithoutEcho(u"New password for %1: "_s.arg(what));
    Result<QString> second = QString();
    if (first)
        second = promptWithoutEcho(u"Repeat it: "_s);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    std::signal(SIGHUP, previousHup);
    if (!first)
        return first.error();
    if (!second)
        return second.error();
    if (*first != *second)
        return Error::badRequest(u"the two passwords do not match"_s);
    return *first;
}

} // namespace sluice
