#include "displaycheck.h"

#include "commands.h"

#include <QList>
#include <QtGlobal>

#include <cstdio>
#include <cstdlib>
#include <tuple>

using namespace Qt::StringLiterals;

namespace sluice {

QString missingDisplay()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        return {};
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return u"neither DISPLAY nor WAYLAND_DISPLAY is set"_s;
#endif
    return {};
}

QString noDisplayMessage(const QString &why)
{
    return u"sluice: the desktop app needs a display (%1); to serve the API without a window, "
           "run 'sluice serve' (or 'sluice serve --demo')"_s.arg(why);
}

namespace {

QtMessageHandler previousHandler = nullptr;
QList<std::tuple<QtMsgType, QByteArray, QString>> heldBack;

void watchPlatform(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray category = context.category ? context.category : "";
    if (type == QtFatalMsg) {
        // Qt aborts right after this handler returns: say it our way and leave first. The
        // platform plugin's own warning ("could not connect to display :9") says more than
        // Qt's closing line.
        const QString cause = heldBack.isEmpty() ? message : std::get<2>(heldBack.first());
        std::fprintf(stderr, "%s\n",
                     qUtf8Printable(noDisplayMessage(cause.section(u'\n', 0, 0).trimmed())));
        std::fflush(stderr);
        std::_Exit(ExitUsage);
    }
    if (category.startsWith("qt.qpa")) {
        heldBack.append({ type, category, message });
        return;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

void beginPlatformWatch()
{
    previousHandler = qInstallMessageHandler(watchPlatform);
}

void endPlatformWatch()
{
    qInstallMessageHandler(previousHandler);
    for (const auto &[type, category, message] : std::as_const(heldBack)) {
        const QMessageLogContext context(nullptr, 0, nullptr, category.constData());
        if (previousHandler)
            previousHandler(type, context, message);
        else
            std::fprintf(stderr, "%s: %s\n", category.constData(), qUtf8Printable(message));
    }
    heldBack.clear();
}

} // namespace sluice
