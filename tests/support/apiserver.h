#pragma once

#include "api/apicontext.h"
#include "auth/externalidentity.h"
#include "authfixture.h"
#include "db/serviceregistry.h"
#include "http/httpserver.h"

#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace sluice::test {

// The REST API as `sluice serve` runs it, on a free loopback port: `services` (their schemas
// read once), the credentials of an AuthFixture, `workers` worker threads.
class ApiServer
{
public:
    ~ApiServer() { stop(); }

    // False, with a qWarning saying why, when a service's schema cannot be read or the server
    // does not start. `adjust` may change the context (options, limits) before it starts.
    bool start(AuthFixture &auth, const QList<ServiceConfig> &services, int workers = 2,
               const std::function<void(ApiContext &)> &adjust = {});
    // start() with two workers that also take the tokens of the identity providers `issuers`
    // names, as `sluice serve` does with auth.issuers. The identity the workers share, or
    // nullptr, with a qWarning saying why, when the issuers cannot be loaded or the server does
    // not start.
    std::shared_ptr<const ExternalIdentity>
    startWithIssuers(AuthFixture &auth, const QList<ServiceConfig> &services,
                     const QList<IssuerSetting> &issuers,
                     const ExternalIdentity::Options &options = {});
    void stop();

    quint16 port() const { return m_server ? m_server->port() : 0; }
    ServiceRegistry &registry() { return *m_registry; }

private:
    std::unique_ptr<ServiceRegistry> m_registry;
    std::unique_ptr<HttpServer> m_server;
};

// Makes the SQLite file `path` with `statements` and returns the service `name` over it; nullopt,
// with a qWarning naming what failed, when a statement does not run.
std::optional<ServiceConfig> sqliteService(const QString &name, const QString &path,
                                           const QStringList &statements);

} // namespace sluice::test
