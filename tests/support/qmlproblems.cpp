#include "qmlproblems.h"

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {

QStringList g_problems;

void collect(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg && message.contains(u"qrc:/"_s))
        g_problems.append(message);
}

} // namespace

QmlProblems::QmlProblems()
{
    g_problems.clear();
    m_previous = qInstallMessageHandler(collect);
}

QmlProblems::~QmlProblems()
{
    qInstallMessageHandler(m_previous);
}

QString QmlProblems::text() const
{
    return g_problems.join(u'\n');
}

bool QmlProblems::isEmpty() const
{
    return g_problems.isEmpty();
}

void QmlProblems::clear()
{
    g_problems.clear();
}

} // namespace sluice::test
