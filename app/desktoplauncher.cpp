#include "desktoplauncher.h"

#include "commands.h"
#include "displaycheck.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <unistd.h>

#include <vector>
#endif

using namespace Qt::StringLiterals;

namespace sluice {

int launchDesktop(const QStringList &arguments)
{
#if defined(Q_OS_WIN)
    const QString name = u"sluice-desktop.exe"_s;
#elif defined(Q_OS_MACOS)
    const QString name = u"Sluice"_s; // the app bundle's program, beside sluice in Contents/MacOS
#else
    const QString name = u"sluice-desktop"_s;
#endif
    const QString program = QCoreApplication::applicationDirPath() + u'/' + name;
    if (!QFileInfo(program).isExecutable())
        return fail(u"this build of Sluice has no desktop app; run 'sluice serve --demo' or see "
                    "'sluice --help'"_s,
                    ExitUsage);
    // Said here too, so that a headless machine never starts the desktop binary at all.
    if (const QString why = missingDisplay(); !why.isEmpty()) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(noDisplayMessage(why)));
        return ExitUsage;
    }
#ifdef Q_OS_UNIX
    // The desktop app takes this process's place: one process, the same PID for whoever
    // started it.
    QList<QByteArray> encoded { QFile::encodeName(program) };
    for (const QString &a : arguments)
        encoded.append(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : encoded)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv.front(), argv.data());
    return fail(u"cannot start %1: %2"_s.arg(program, QString::fromLocal8Bit(strerror(errno))));
#else
    if (!QProcess::startDetached(program, arguments))
        return fail(u"cannot start "_s + program);
    return ExitOk;
#endif
}

} // namespace sluice
