#pragma once

#include "core/result.h"

#include <QString>

namespace sluice {

struct ApiContext;

// What a Flight server needs beyond the API context.
struct FlightOptions
{
    int ticketTtlS = 300;
    qint64 maxMessageBytes = 16 * 1024 * 1024; // larger client messages: RESOURCE_EXHAUSTED
    // server.tls.cert/key (PEM files, checked by the caller): gRPC over TLS, the files watched
    // for renewals; empty: plaintext.
    QString tlsCert;
    QString tlsKey;
    // server.tls.client_ca (mutual TLS; checked by the caller): client certificates are asked
    // for and verified against it, required or optional as server.tls.client_auth says.
    QString tlsClientCa;
    bool tlsClientCertRequired = false;
};

// The Arrow Flight SQL endpoint as the runtime sees it. gRPC and protobuf are large libraries
// whose relocations alone cost a process ~6.5 MB of memory, so the endpoint lives in a plugin
// (libsluice-flight) that a server loads only when flight.port is set: with Flight off, Sluice
// costs what it did without it. This header is all the runtime knows of it.
class FlightFrontDoor
{
public:
    virtual ~FlightFrontDoor() = default; // stops serving
    // Listens on `host`:`port` (0: a free port) and returns the bound port.
    virtual Result<quint16> start(const QString &host, int port) = 0;
};

// The plugin's one entry point, by this name (C linkage): a new front door over `context`.
using MakeFlightFrontDoor = FlightFrontDoor *(*)(ApiContext &context, const FlightOptions &options);
inline constexpr char kMakeFlightFrontDoorSymbol[] = "sluice_make_flight_front_door";

} // namespace sluice
