#pragma once

#include "gui/jsonlistmodel.h"

#include <QObject>
#include <QQmlEngine>
#include <QTimer>

namespace sluice {

// The server panel's live view of the embedded server: the latest requests (newest first) and
// a few figures over them, refreshed while `active`.
class ServerMonitor : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(JsonListModel *requests READ requests CONSTANT)
    Q_PROPERTY(int total READ total NOTIFY updated)
    Q_PROPERTY(int errors READ errors NOTIFY updated)
    Q_PROPERTY(double requestsPerSecond READ requestsPerSecond NOTIFY updated)
    Q_PROPERTY(double medianMs READ medianMs NOTIFY updated)

public:
    explicit ServerMonitor(QObject *parent = nullptr);

    bool active() const { return m_timer.isActive(); }
    void setActive(bool active);
    JsonListModel *requests() { return &m_requests; }
    int total() const { return m_total; }
    int errors() const { return m_errors; }
    double requestsPerSecond() const { return m_rate; }
    double medianMs() const { return m_medianMs; }

    // Takes in what the server answered since the last look.
    Q_INVOKABLE void refresh();

Q_SIGNALS:
    void activeChanged();
    void updated();

private:
    QTimer m_timer;
    JsonListModel m_requests;
    QJsonArray m_shown; // newest first, at most kShown
    QList<double> m_recentMs; // the latest durations, for the median
    quint64 m_seen = 0;
    int m_total = 0;
    int m_errors = 0;
    double m_rate = 0;
    double m_medianMs = 0;
    qint64 m_lastRefreshMs = 0;
};

} // namespace sluice
