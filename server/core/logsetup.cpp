#include "core/logsetup.h"

#include "core/jsonwriter.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "error";
    case QtFatalMsg: return "fatal";
    }
    return "info";
}

void jsonLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QByteArray line;
    line.reserve(96 + message.size());
    JsonWriter w(line);
    w.beginObject();
    w.key("ts");
    w.string(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    w.key("level");
    w.stringUtf8(levelName(type));
    w.key("category");
    w.stringUtf8(context.category ? context.category : "default");
    w.key("message");
    w.string(message);
    w.endObject();
    line.append('\n');
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

QtMessageHandler nextHandler = nullptr;

// Qt's ODBC driver repeats the diagnostics of every failed statement as an uncategorised
// qWarning, PostgreSQL's "DETAIL: Failing row contains (…)" included: bound values must never
// reach the log. Sluice classifies and reports those errors itself, so the echo is dropped.
void withoutDriverEchoes(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg
        && (message.startsWith(u"QODBCResult::"_s) || message.startsWith(u"QODBCDriver::"_s)))
        return;
    if (nextHandler)
        nextHandler(type, context, message);
}

} // namespace

void setUpLogging(const QString &level, bool json)
{
    // Categories below the chosen level are switched off; Qt's own stay at warning and above.
    QString rules = u"qt.*.debug=false\nqt.*.info=false\n"_s;
    const QString l = level.toLower();
    if (l != u"debug"_s)
        rules += u"sluice.*.debug=false\n"_s;
    if (l == u"warning"_s || l == u"error"_s)
        rules += u"sluice.*.info=false\n"_s;
    if (l == u"error"_s)
        rules += u"sluice.*.warning=false\n"_s;
    QLoggingCategory::setFilterRules(rules);
    if (json)
        qInstallMessageHandler(jsonLine);
    else
        qSetMessagePattern(u"%{if-category}%{category}: %{endif}%{message}"_s);
    // Qt returns its default handler when none was installed.
    const QtMessageHandler previous = qInstallMessageHandler(withoutDriverEchoes);
    if (previous != withoutDriverEchoes) // set up twice: keep the real one
        nextHandler = previous;
}

} // namespace sluice
