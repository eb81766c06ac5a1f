#pragma once

#include "core/result.h"
#include "http/connectionadmission.h"
#include "http/connectionsocket.h"
#include "http/requesthandler.h"

#include <QHostAddress>

#include <memory>
#include <vector>

class QThread;

namespace sluice {

struct ServerOptions
{
    QHostAddress host = QHostAddress::LocalHost;
    quint16 port = 8080; // 0: any free port
    int workers = 0; // 0: one per core
    int maxConnectionsPerWorker = 1024;
    int maxConnectionsPerAddress = 512; // over all workers; 0: no cap
    ConnectionOptions connection;
    bool reusePort = true; // false: one accepting listener hands connections to the others
};

// Shared-nothing HTTP workers: each worker thread creates, inside itself, its listener, its
// QtHttpServer adapter and its request handler (with that handler's own database connections).
class HttpServer
{
public:
    HttpServer(ServerOptions options, RequestHandlerFactory factory);
    ~HttpServer();

    // Starts every worker; the bound port (useful with port 0) or why it could not listen.
    Result<quint16> start();
    void stop();

    quint16 port() const { return m_port; }
    int workerCount() const { return int(m_workers.size()); }

private:
    struct Worker;
    ServerOptions m_options;
    RequestHandlerFactory m_factory;
    std::unique_ptr<ConnectionAdmission> m_admission; // outlives the workers
    std::vector<std::unique_ptr<Worker>> m_workers;
    quint16 m_port = 0;
};

} // namespace sluice
