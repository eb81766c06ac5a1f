#include "apiserver.h"

#include "api/apihandler.h"

namespace sluice::test {

bool ApiServer::start(AuthFixture &auth, const QList<ServiceConfig> &services, int workers,
                      const std::function<void(ApiContext &)> &adjust)
{
    stop();
    m_registry = std::make_unique<ServiceRegistry>(30'000);
    m_registry->setServices(services);
    m_registry->refreshAll();
    for (const ServiceConfig &service : services) {
        const ServiceHandle state = m_registry->find(service.name);
        if (!state || !state->schema) {
            qWarning().noquote() << "service" << service.name << "has no schema:"
                                 << (state ? state->schemaError.message : QString());
            return false;
        }
    }
    ApiContext context;
    context.registry = m_registry.get();
    auth.fill(context);
    if (adjust)
        adjust(context);
    ServerOptions options;
    options.port = 0;
    options.workers = workers;
    m_server = std::make_unique<HttpServer>(options, ApiHandler::factory(context));
    if (const auto started = m_server->start(); !started) {
        qWarning().noquote() << "the server did not start:" << started.error().message;
        return false;
    }
    return true;
}

void ApiServer::stop()
{
    m_server.reset(); // the workers first: they hold connections of the registry's services
    m_registry.reset();
}

} // namespace sluice::test
