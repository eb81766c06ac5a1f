#pragma once

#include "api/apicontext.h"
#include "flight/callwatch.h"
#include "flight/flightcaller.h"
#include "flight/flightfrontdoor.h"
#include "flight/flightsessions.h"
#include "flight/flightstatement.h"
#include "flight/flightticket.h"

#include "flight.grpc.pb.h"

namespace sluice {

// The Flight service: every call authenticates its caller (FlightCallers), checks it with the
// one access decision and answers Flight SQL's commands (API.md §13). Calls run on gRPC's
// threads; everything they share is thread-safe.
class FlightService final : public ::arrow::flight::protocol::FlightService::Service
{
public:
    FlightService(ApiContext &context, const FlightOptions &options);
    ~FlightService() override;

    grpc::Status Handshake(
        grpc::ServerContext *context,
        grpc::ServerReaderWriter<::arrow::flight::protocol::HandshakeResponse,
                                 ::arrow::flight::protocol::HandshakeRequest> *stream) override;
    grpc::Status GetFlightInfo(grpc::ServerContext *context,
                               const ::arrow::flight::protocol::FlightDescriptor *descriptor,
                               ::arrow::flight::protocol::FlightInfo *info) override;
    grpc::Status GetSchema(grpc::ServerContext *context,
                           const ::arrow::flight::protocol::FlightDescriptor *descriptor,
                           ::arrow::flight::protocol::SchemaResult *result) override;
    grpc::Status DoGet(grpc::ServerContext *context,
                       const ::arrow::flight::protocol::Ticket *ticket,
                       grpc::ServerWriter<::arrow::flight::protocol::FlightData> *writer) override;
    grpc::Status
    DoPut(grpc::ServerContext *context,
          grpc::ServerReaderWriter<::arrow::flight::protocol::PutResult,
                                   ::arrow::flight::protocol::FlightData> *stream) override;
    grpc::Status DoAction(grpc::ServerContext *context,
                          const ::arrow::flight::protocol::Action *action,
                          grpc::ServerWriter<::arrow::flight::protocol::Result> *writer) override;
    grpc::Status
    ListActions(grpc::ServerContext *context, const ::arrow::flight::protocol::Empty *request,
                grpc::ServerWriter<::arrow::flight::protocol::ActionType> *writer) override;

private:
    // The caller of one call, with the token it presented.
    struct Caller
    {
        Principal principal;
        HttpRequest origin;
        // The Flight session it is in: the arrow_flight_session_id cookie, as Arrow's own
        // servers keep sessions (empty: none yet), bound to the caller and its tenant.
        QByteArray sessionId;
        QByteArray sessionKey() const;
    };
    // What GetFlightInfo and GetSchema answer for a descriptor.
    struct Planned
    {
        std::optional<arrow::Schema> schema;
        FlightWork work;
    };
    // A prepared statement's handle, opened and its statement checked again for the caller.
    struct Prepared
    {
        FlightWork work;
        FlightStatement statement;
    };
    Result<Caller> caller(grpc::ServerContext *context, QByteArrayView method);
    Result<QString> chosenService(const Caller &caller, grpc::ServerContext *context);
    // `describe`: find the result's schema of a statement too (GetSchema). GetFlightInfo does
    // not: describing may run the statement (describeResult), and clients take the schema from
    // the stream; only metadata commands, whose schemas are fixed, carry one there.
    Result<Planned> plan(const Caller &caller, grpc::ServerContext *context,
                         const ::arrow::flight::protocol::FlightDescriptor &descriptor,
                         bool describe);
    // Watches the running statement of `context`'s call (CallWatch).
    StatementWatch watching(grpc::ServerContext *context,
                            const std::atomic<bool> *cancelled = nullptr);
    Result<Prepared> openPrepared(const Caller &caller, const std::string &handle);

    ApiContext &m_context;
    FlightOptions m_options;
    FlightCallers m_callers;
    FlightTicketCodec m_tickets;
    FlightSessions m_sessions;
    CallWatch m_calls; // declared last: stopped first, while everything it calls exists
};

} // namespace sluice
