#include "runtime/schemarefresher.h"

#include "db/serviceregistry.h"

namespace sluice {

SchemaRefresher::SchemaRefresher(ServiceRegistry &registry, int intervalSeconds)
    : m_registry(registry)
    , m_intervalSeconds(intervalSeconds)
{
}

void SchemaRefresher::start()
{
    if (m_intervalSeconds <= 0)
        return;
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, [this] { m_registry.refreshAll(); });
    m_timer->start(m_intervalSeconds * 1000);
}

} // namespace sluice
