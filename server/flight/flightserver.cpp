#include "flight/flightserver.h"

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <algorithm>
#include <chrono>
#include <limits>

using namespace Qt::StringLiterals;

namespace sluice {

FlightServer::FlightServer(ApiContext &context, const FlightOptions &options)
    : m_service(context, options)
    , m_options(options)
{
}

FlightServer::~FlightServer()
{
    stop();
}

Result<quint16> FlightServer::start(const QString &host, int port)
{
    const QString address = (host.contains(u':') ? u"[%1]:%2"_s : u"%1:%2"_s).arg(host).arg(port);
    int bound = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort(address.toStdString(), grpc::InsecureServerCredentials(), &bound);
    builder.RegisterService(&m_service);
    builder.SetMaxReceiveMessageSize(
        int(std::min<qint64>(m_options.maxMessageBytes, std::numeric_limits<int>::max())));
    // Sluice's own answers: a batch is at most ~4 MiB, a metadata answer far less.
    builder.SetMaxSendMessageSize(64 * 1024 * 1024);
    m_server = builder.BuildAndStart();
    if (!m_server || bound == 0) {
        m_server.reset();
        return Error::unavailable(
            u"Cannot serve Arrow Flight SQL on %1: the port is taken or the address is not "
            "this machine's"_s.arg(address));
    }
    return quint16(bound);
}

void FlightServer::stop()
{
    if (!m_server)
        return;
    m_server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
    m_server->Wait();
    m_server.reset();
}

} // namespace sluice
