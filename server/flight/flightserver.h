#pragma once

#include "api/apicontext.h"
#include "core/result.h"
#include "flight/flightfrontdoor.h"
#include "flight/flightservice.h"

#include <memory>

namespace grpc {
class Server;
class ServerCredentials;
} // namespace grpc

namespace sluice {

// The Arrow Flight SQL endpoint (API.md §13): a gRPC server on its own port.
class FlightServer final : public FlightFrontDoor
{
public:
    FlightServer(ApiContext &context, const FlightOptions &options);
    ~FlightServer() override; // stops
    FlightServer(const FlightServer &) = delete;
    FlightServer &operator=(const FlightServer &) = delete;

    // Listens on `host`:`port` (0: a free port) and returns the bound port; Unavailable naming
    // the address when it cannot.
    Result<quint16> start(const QString &host, int port) override;
    // Ends every call (running ones within a second) and stops listening.
    void stop();

private:
    std::shared_ptr<grpc::ServerCredentials> credentials() const;

    FlightService m_service;
    FlightOptions m_options;
    std::unique_ptr<grpc::Server> m_server;
};

} // namespace sluice
