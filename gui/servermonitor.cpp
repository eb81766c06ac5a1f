#include "gui/servermonitor.h"

#include "gui/appcontroller.h"

#include <QDateTime>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {
constexpr qsizetype kShown = 200;
constexpr qsizetype kMedianWindow = 200;
} // namespace

ServerMonitor::ServerMonitor(QObject *parent)
    : QObject(parent)
    , m_requests({ u"at"_s, u"method"_s, u"path"_s, u"status"_s, u"ms"_s })
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &ServerMonitor::refresh);
}

void ServerMonitor::setActive(bool active)
{
    if (active == m_timer.isActive())
        return;
    if (active) {
        m_lastRefreshMs = QDateTime::currentMSecsSinceEpoch();
        m_timer.start();
        refresh();
    } else {
        m_timer.stop();
    }
    Q_EMIT activeChanged();
}

void ServerMonitor::refresh()
{
    AppController *app = AppController::instance();
    if (!app)
        return;
    const QList<RequestLogEntry> entries = app->core().requestLog().after(m_seen);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const double seconds = double(qMax<qint64>(1, now - m_lastRefreshMs)) / 1000.0;
    m_lastRefreshMs = now;
    m_rate = double(entries.size()) / seconds;
    for (const RequestLogEntry &e : entries) {
        m_seen = e.sequence;
        ++m_total;
        if (e.status >= 400)
            ++m_errors;
        m_recentMs.append(e.ms);
        m_shown.prepend(QJsonObject { { u"at"_s, e.at.toString(Qt::ISODateWithMs) },
                                      { u"method"_s, QString::fromLatin1(e.method) },
                                      { u"path"_s, e.path },
                                      { u"status"_s, e.status },
                                      { u"ms"_s, e.ms } });
    }
    while (m_shown.size() > kShown)
        m_shown.removeLast();
    if (m_recentMs.size() > kMedianWindow)
        m_recentMs.remove(0, m_recentMs.size() - kMedianWindow);
    if (!m_recentMs.isEmpty()) {
        QList<double> sorted = m_recentMs;
        std::sort(sorted.begin(), sorted.end());
        m_medianMs = sorted.at(sorted.size() / 2);
    }
    if (!entries.isEmpty())
        m_requests.reset(m_shown);
    Q_EMIT updated();
}

} // namespace sluice
