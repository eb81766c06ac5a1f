#include "flight/flightserver.h"

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>
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

std::shared_ptr<grpc::ServerCredentials> FlightServer::credentials() const
{
    if (m_options.tlsCert.isEmpty())
        return grpc::InsecureServerCredentials();
    // gRPC reads the files again every second and keeps the last good pair, so a renewed
    // certificate reaches new connections without a restart (as on the main port).
    auto files = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
        m_options.tlsKey.toStdString(), m_options.tlsCert.toStdString(),
        m_options.tlsClientCa.toStdString(), 1);
    grpc::experimental::TlsServerCredentialsOptions tls(files);
    tls.watch_identity_key_cert_pairs();
    if (m_options.tlsClientCa.isEmpty()) {
        tls.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    } else {
        // Mutual TLS: gRPC verifies a presented certificate against the client CA file (also
        // watched); "optional" lets a client present none, as on the main port.
        tls.watch_root_certs();
        tls.set_cert_request_type(m_options.tlsClientCertRequired
                                      ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                      : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
    }
    return grpc::experimental::TlsServerCredentials(tls);
}

Result<quint16> FlightServer::start(const QString &host, int port)
{
    const QString address = (host.contains(u':') ? u"[%1]:%2"_s : u"%1:%2"_s).arg(host).arg(port);
    int bound = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort(address.toStdString(), credentials(), &bound);
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
