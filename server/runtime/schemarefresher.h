#pragma once

#include <QObject>
#include <QTimer>

namespace sluice {

class ServiceRegistry;

// Re-reads every service's schema on its own thread at a fixed interval. Requests keep using
// the previous snapshot until the new one is published, so they never wait for it.
class SchemaRefresher : public QObject
{
    Q_OBJECT
public:
    SchemaRefresher(ServiceRegistry &registry, int intervalSeconds);
    void start(); // call in the refresher's thread

private:
    ServiceRegistry &m_registry;
    int m_intervalSeconds;
    QTimer *m_timer = nullptr;
};

} // namespace sluice
