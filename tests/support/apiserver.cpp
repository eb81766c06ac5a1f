#include "apiserver.h"

#include "api/apihandler.h"
#include "auth/snapshotauthenticator.h"
#include "sqlitefile.h"

using namespace Qt::StringLiterals;

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

std::shared_ptr<const ExternalIdentity>
ApiServer::startWithIssuers(AuthFixture &auth, const QList<ServiceConfig> &services,
                            const QList<IssuerSetting> &issuers,
                            const ExternalIdentity::Options &options)
{
    auto loaded = ExternalIdentity::load(issuers, options);
    if (!loaded) {
        qWarning().noquote() << "the issuers cannot be loaded:" << loaded.error().message;
        return nullptr;
    }
    std::shared_ptr<const ExternalIdentity> identity = *loaded;
    const bool started = start(auth, services, 2, [&](ApiContext &context) {
        context.makeAuthenticator = [path = auth.config().path(), secret = auth.jwtSecret(),
                                     changes = &auth.config().changes(), identity] {
            return std::make_unique<SnapshotAuthenticator>(path, secret, changes, identity);
        };
    });
    return started ? identity : nullptr;
}

void ApiServer::stop()
{
    m_server.reset(); // the workers first: they hold connections of the registry's services
    m_registry.reset();
}

std::optional<ServiceConfig> sqliteService(const QString &name, const QString &path,
                                           const QStringList &statements)
{
    {
        SqliteFileConnection db(path, u"fixture"_s);
        for (const QString &sql : statements) {
            if (const QString problem = db.exec(sql); !problem.isEmpty()) {
                qWarning().noquote() << sql << ':' << problem;
                return std::nullopt;
            }
        }
    }
    ServiceConfig service;
    service.name = name;
    service.driver = u"sqlite"_s;
    service.dsn = path;
    return service;
}

} // namespace sluice::test
