#include "flight/flightservice.h"

#include "api/auditing.h"
#include "api/resolver.h"
#include "api/routescope.h"
#include "arrow/ipcwriter.h"
#include "auth/accessdecision.h"
#include "flight/flightmetadata.h"
#include "flight/flightstatement.h"
#include "flight/flightwire.h"

#include "flightsql.pb.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
namespace fp = ::arrow::flight::protocol;
namespace sql = ::arrow::flight::protocol::sql;

namespace sluice {

using namespace flightwire;

namespace {

constexpr char kSessionCookie[] = "arrow_flight_session_id";

// The arrow_flight_session_id cookie the client sent back, if any.
QByteArray sessionCookie(const grpc::ServerContext *context)
{
    const auto range = context->client_metadata().equal_range("cookie");
    for (auto it = range.first; it != range.second; ++it) {
        const QByteArray header(it->second.data(), qsizetype(it->second.size()));
        for (const QByteArray &pair : header.split(';')) {
            const QByteArray trimmed = pair.trimmed();
            if (trimmed.startsWith(QByteArray(QByteArray(kSessionCookie) + '=')))
                return trimmed.sliced(qsizetype(sizeof(kSessionCookie)));
        }
    }
    return {};
}

// The Basic credentials of an authorization header: base64, padded or not (Arrow's Java client
// pads, Go's does not).
std::optional<std::pair<QString, QString>> basicCredentials(const QByteArray &authorization)
{
    if (!authorization.startsWith("Basic ") && !authorization.startsWith("basic "))
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(authorization.sliced(6).trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::pair<QString, QString>();
    const QString pair = QString::fromUtf8(*decoded);
    const qsizetype colon = pair.indexOf(u':');
    if (colon < 0)
        return std::pair<QString, QString>();
    return std::pair { pair.first(colon), pair.sliced(colon + 1) };
}

fp::FlightData schemaData(const arrow::Schema &schema)
{
    fp::FlightData data;
    data.set_data_header(toStd(arrow::schemaMessage(schema)));
    return data;
}

fp::FlightData batchData(const QByteArray &header, const QByteArray &body)
{
    fp::FlightData data;
    data.set_data_header(toStd(header));
    data.set_data_body(toStd(body));
    return data;
}

// Whether a DoGet or DoPut should stop: its client cancelled or went away.
bool gone(grpc::ServerContext *context)
{
    return context->IsCancelled();
}

} // namespace

FlightService::FlightService(ApiContext &context, const FlightOptions &options)
    : m_context(context)
    , m_options(options)
    , m_callers(context)
    , m_tickets(QByteArray(context.jwtSecret + "/flight-tickets"))
{
}

FlightService::~FlightService() = default;

QByteArray FlightService::Caller::sessionKey() const
{
    return principal.actor().toUtf8() + '\n' + principal.tenant.toUtf8() + '\n' + sessionId;
}

Result<FlightService::Caller> FlightService::caller(grpc::ServerContext *context,
                                                    QByteArrayView method)
{
    Caller caller;
    caller.origin = flightOrigin(context->peer(), method);
    caller.origin.clientCertSha256 = peerCertificateSha256(context);
    const QByteArray authorization = metadata(context, "authorization");
    auto principal = m_callers.authenticate(authorization, caller.origin);
    if (!principal) {
        audit(m_context, caller.origin, u"anonymous"_s,
              { u"auth.failure"_s, {}, {}, {}, 401, u"flight: "_s + principal.error().message });
        return principal.error();
    }
    caller.principal = *principal;
    // As on every front door: the caller's request limit, then an admin's x-sluice-tenant.
    HttpReply unused; // gRPC has no RateLimit-* headers
    if (Status s = limitRequest(m_context.rateLimiter, caller.principal.rateBucket,
                                caller.principal.rateLimitPerMinute, unused);
        !s)
        return s.error();
    if (const QByteArray tenant = metadata(context, "x-sluice-tenant"); !tenant.isEmpty()) {
        caller.origin.headers.append({ "X-Sluice-Tenant"_ba, tenant });
        if (Status s = applyTenantHeader(caller.origin, caller.principal); !s)
            return s.error();
    }
    caller.sessionId = sessionCookie(context);
    return caller;
}

Result<QString> FlightService::chosenService(const Caller &caller, grpc::ServerContext *context)
{
    if (const QString catalog =
            caller.sessionId.isEmpty() ? QString() : m_sessions.catalog(caller.sessionKey());
        !catalog.isEmpty())
        return catalog;
    if (const QByteArray header = metadata(context, "x-sluice-service"); !header.isEmpty())
        return QString::fromUtf8(header);
    QStringList choices;
    for (const ServiceHandle &service : m_context.registry->all()) {
        const ServiceConfig &config = service->config;
        // A service it may run SQL on, as itself or as its tenant (authorizeRawSql's checks,
        // without reaching any database).
        const bool sharedDatabaseTenants =
            config.tenancy == Tenancy::Schema || config.tenancy == Tenancy::Setting;
        if (config.rawSql && !sharedDatabaseTenants
            && decideAccess(caller.principal, { config.name, u"_sql"_s, VerbGet, config.readOnly })
                   .ok()
            && routeToTenant(*m_context.registry, config.name, caller.principal))
            choices << config.name;
    }
    if (choices.size() == 1)
        return choices.constFirst();
    if (choices.isEmpty())
        return Error::forbidden(
            u"No service lets this caller run SQL: a service needs raw SQL on (sluice db add … "
            "--raw-sql) and the caller a role allowing _sql"_s);
    return Error::badRequest(
        u"Choose the service (catalog) to run statements on: SetSessionOptions {\"catalog\": …} "
        "(JDBC: ?catalog=…) or the header x-sluice-service; this caller may use: %1"_s.arg(
            choices.join(u", "_s)));
}

grpc::Status FlightService::Handshake(
    grpc::ServerContext *context,
    grpc::ServerReaderWriter<fp::HandshakeResponse, fp::HandshakeRequest> *stream)
{
    const HttpRequest origin = flightOrigin(context->peer(), "Handshake");
    const QByteArray authorization = metadata(context, "authorization");
    fp::HandshakeRequest request;
    Result<QByteArray> token = QByteArray();
    if (authorization.startsWith("Bearer ") || authorization.startsWith("bearer ")) {
        // A client that holds a token already (an API key, a JWT) and handshakes anyway: the
        // token is checked and answered back as it is.
        auto who = m_callers.authenticate(authorization, origin);
        token = who ? Result<QByteArray>(authorization.sliced(7).trimmed())
                    : Result<QByteArray>(who.error());
    } else {
        std::optional<std::pair<QString, QString>> credentials = basicCredentials(authorization);
        if (!credentials) {
            // The original router's way: {"username", "password"} as the first message's
            // payload.
            if (!stream->Read(&request))
                return fail(Error::unauthorized(
                    u"The handshake needs credentials: 'authorization: Basic "
                    "base64(user:password)' or a payload {\"username\", \"password\"}"_s));
            const QJsonObject payload =
                QJsonDocument::fromJson(fromStd(request.payload())).object();
            credentials = std::pair { payload.value(u"username"_s).toString(),
                                      payload.value(u"password"_s).toString() };
        }
        token = m_callers.handshake(credentials->first, credentials->second, origin);
    }
    if (!token)
        return fail(token.error());
    context->AddInitialMetadata("authorization", toStd("Bearer "_ba + *token));
    fp::HandshakeResponse response;
    response.set_payload(toStd(*token));
    stream->Write(response);
    // Clients send zero or one (empty) messages; take what they send before ending the call.
    while (stream->Read(&request)) { }
    return grpc::Status::OK;
}

Result<FlightService::Prepared> FlightService::openPrepared(const Caller &caller,
                                                            const std::string &handle)
{
    auto work = m_tickets.open(fromStd(handle), caller.principal, nowS());
    if (!work)
        return work.error();
    if (work->kind != FlightWork::Kind::PreparedStatement)
        return Error::badRequest(u"Not a prepared statement's handle"_s);
    auto statement =
        checkFlightStatement(*m_context.registry, work->service, work->sql, caller.principal);
    if (!statement)
        return statement.error();
    return Prepared { *work, *statement };
}

StatementWatch FlightService::watching(grpc::ServerContext *context,
                                       const std::atomic<bool> *cancelled)
{
    return [this, context, cancelled](std::function<void()> interrupt) {
        if (interrupt)
            m_calls.watch(context, cancelled, std::move(interrupt));
        else
            m_calls.unwatch(context);
    };
}

Result<FlightService::Planned> FlightService::plan(const Caller &caller,
                                                   grpc::ServerContext *context,
                                                   const fp::FlightDescriptor &descriptor,
                                                   bool describe)
{
    if (descriptor.type() != fp::FlightDescriptor::CMD)
        return Error::notImplemented(
            u"Sluice answers command descriptors (Flight SQL), not paths"_s);
    auto command = readFlightCommand(descriptor.cmd());
    if (!command)
        return command.error();
    Planned planned;
    if (auto schema = metadataSchema(*command)) {
        planned.schema = schema;
        planned.work.kind = FlightWork::Kind::Metadata;
        planned.work.command = fromStd(descriptor.cmd());
        // A catalog's answer is built at DoGet; the command is checked now.
        if (command->type == FlightCommandType::GetTables) {
            if (auto tables = unpackCommand<sql::CommandGetTables>(*command); !tables)
                return tables.error();
        }
        return planned;
    }
    switch (command->type) {
    case FlightCommandType::StatementQuery: {
        auto query = unpackCommand<sql::CommandStatementQuery>(*command);
        if (!query)
            return query.error();
        auto service = chosenService(caller, context);
        if (!service)
            return service.error();
        auto statement = checkFlightStatement(*m_context.registry, *service, text(query->query()),
                                              caller.principal);
        if (!statement)
            return statement.error();
        if (describe) {
            auto schema =
                describeResult(*statement, m_context.options.statementTimeoutMs, watching(context));
            if (!schema)
                return schema.error();
            planned.schema = *schema;
        }
        planned.work = { FlightWork::Kind::Statement, *service, statement->statement.sql, {}, {} };
        return planned;
    }
    case FlightCommandType::PreparedStatementQuery: {
        auto query = unpackCommand<sql::CommandPreparedStatementQuery>(*command);
        if (!query)
            return query.error();
        auto prepared = openPrepared(caller, query->prepared_statement_handle());
        if (!prepared)
            return prepared.error();
        const FlightStatement *statement = &prepared->statement;
        if (describe) {
            auto schema =
                describeResult(*statement, m_context.options.statementTimeoutMs, watching(context));
            if (!schema)
                return schema.error();
            planned.schema = *schema;
        }
        planned.work = prepared->work;
        planned.work.kind = FlightWork::Kind::Statement;
        return planned;
    }
    default:
        return Error::badRequest(
            u"This command is sent with DoPut, not GetFlightInfo (CommandStatementUpdate, "
            "CommandPreparedStatementUpdate)"_s);
    }
}

grpc::Status FlightService::GetFlightInfo(grpc::ServerContext *context,
                                          const fp::FlightDescriptor *descriptor,
                                          fp::FlightInfo *info)
{
    auto who = caller(context, "GetFlightInfo");
    if (!who)
        return fail(who.error());
    auto planned = plan(*who, context, *descriptor, false);
    if (!planned)
        return fail(planned.error());
    if (planned->schema)
        info->set_schema(toStd(arrow::ipcSchema(*planned->schema)));
    *info->mutable_flight_descriptor() = *descriptor;
    fp::FlightEndpoint *endpoint = info->add_endpoint();
    endpoint->mutable_ticket()->set_ticket(
        toStd(m_tickets.seal(planned->work, who->principal, nowS() + m_options.ticketTtlS)));
    info->set_total_records(-1);
    info->set_total_bytes(-1);
    return grpc::Status::OK;
}

grpc::Status FlightService::GetSchema(grpc::ServerContext *context,
                                      const fp::FlightDescriptor *descriptor,
                                      fp::SchemaResult *result)
{
    auto who = caller(context, "GetSchema");
    if (!who)
        return fail(who.error());
    auto planned = plan(*who, context, *descriptor, true);
    if (!planned)
        return fail(planned.error());
    result->set_schema(toStd(arrow::ipcSchema(planned->schema.value_or(arrow::Schema()))));
    return grpc::Status::OK;
}

grpc::Status FlightService::DoGet(grpc::ServerContext *context, const fp::Ticket *ticket,
                                  grpc::ServerWriter<fp::FlightData> *writer)
{
    auto who = caller(context, "DoGet");
    if (!who)
        return fail(who.error());
    const QByteArray sealed = fromStd(ticket->ticket());
    auto work = m_tickets.open(sealed, who->principal, nowS());
    if (!work)
        return fail(work.error());
    if (m_sessions.isCancelled(sealed))
        return { grpc::StatusCode::CANCELLED, "This ticket was cancelled (CancelFlightInfo)" };

    if (work->kind == FlightWork::Kind::Metadata) {
        auto command = readFlightCommand(work->command.toStdString());
        if (!command)
            return fail(command.error());
        arrow::RecordBatchBuilder rows(*metadataSchema(*command));
        FlightCatalog catalog(*m_context.registry, who->principal);
        // The quote JDBC tools put around identifiers in the SQL they write: the chosen
        // service's (MySQL's backtick), else the standard's.
        QString quote = u"\""_s;
        if (const auto service = chosenService(*who, context)) {
            if (const ServiceHandle state = m_context.registry->find(*service);
                state && state->dialect)
                quote = state->dialect->quoteIdentifier(u"x").first(1);
        }
        if (Status s = answerMetadata(*command, catalog, rows, quote); !s)
            return fail(s.error());
        const auto encoded = rows.finish();
        if (!writer->Write(schemaData(rows.schema()))
            || !writer->Write(batchData(encoded.header, encoded.body)))
            return { grpc::StatusCode::CANCELLED, "The client went away" };
        return grpc::Status::OK;
    }
    if (work->kind != FlightWork::Kind::Statement)
        return fail(Error::badRequest(u"Not a ticket: a prepared statement's handle goes in "
                                      "CommandPreparedStatementQuery"_s));

    auto statement =
        checkFlightStatement(*m_context.registry, work->service, work->sql, who->principal);
    if (!statement)
        return fail(statement.error());
    const auto cancelled = m_sessions.started(sealed);
    bool schemaSent = false;
    FlightResultSink sink;
    sink.cancelled = cancelled.get();
    sink.schema = [&](const arrow::Schema &schema) {
        schemaSent = true;
        return !gone(context) && writer->Write(schemaData(schema));
    };
    sink.batch = [&](const QByteArray &header, const QByteArray &body) {
        return !gone(context) && writer->Write(batchData(header, body));
    };
    sink.running = watching(context, cancelled.get());
    auto rows = runFlightStatement(*statement, work->parameters,
                                   m_context.options.statementTimeoutMs, sink);
    m_sessions.finished(sealed);
    // Audited as POST _sql is: who, which service, the kind of statement, how many rows.
    const QString detail = u"flight: "_s + statement->statement.keyword
        + (statement->access.mayWrite ? QString() : u" (read-only)"_s);
    audit(m_context, who->origin, who->principal.actor(),
          { u"sql.run"_s,
            work->service,
            {},
            rows ? std::optional(*rows) : std::nullopt,
            rows ? 200 : 400,
            detail },
          who->principal.tenant);
    if (!rows) {
        if (cancelled->load())
            return { grpc::StatusCode::CANCELLED, "Cancelled by CancelFlightInfo" };
        if (gone(context))
            return { grpc::StatusCode::CANCELLED, "The client cancelled the call" };
        return fail(rows.error());
    }
    if (!schemaSent) // a statement without rows: an empty stream still has a schema
        writer->Write(schemaData(arrow::Schema()));
    return grpc::Status::OK;
}

grpc::Status FlightService::ListActions(grpc::ServerContext *context, const fp::Empty *,
                                        grpc::ServerWriter<fp::ActionType> *writer)
{
    if (auto who = caller(context, "ListActions"); !who)
        return fail(who.error());
    const std::pair<const char *, const char *> actions[] = {
        { "CreatePreparedStatement",
          "Prepare a statement: its handle, result and parameter schemas" },
        { "ClosePreparedStatement", "Close a prepared statement" },
        { "SetSessionOptions", "Choose the session's catalog (service)" },
        { "GetSessionOptions", "The session's options" },
        { "CloseSession", "Forget the session's options" },
        { "CancelFlightInfo", "Cancel the tickets of a FlightInfo" },
    };
    for (const auto &[name, description] : actions) {
        fp::ActionType type;
        type.set_type(name);
        type.set_description(description);
        writer->Write(type);
    }
    return grpc::Status::OK;
}

} // namespace sluice
