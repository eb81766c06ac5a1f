#include "flight/flightservice.h"

#include "api/auditing.h"
#include "arrow/ipcreader.h"
#include "arrow/ipcwriter.h"
#include "auth/accessdecision.h"
#include "flight/flightcatalog.h"
#include "flight/flightcommand.h"
#include "flight/flightstatement.h"
#include "flight/flightstatus.h"
#include "flight/sqlinfo.h"

#include "flightsql.pb.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
namespace fp = arrow::flight::protocol;
namespace sql = arrow::flight::protocol::sql;

namespace sluice {

namespace {

std::string toStd(const QByteArray &bytes)
{
    return std::string(bytes.constData(), size_t(bytes.size()));
}

QByteArray fromStd(const std::string &bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

QString text(const std::string &utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

qint64 nowS()
{
    return QDateTime::currentSecsSinceEpoch();
}

// A client metadata value ("" when absent); names are lower case on the wire.
QByteArray metadata(const grpc::ServerContext *context, const char *name)
{
    const auto &all = context->client_metadata();
    const auto it = all.find(name);
    if (it == all.end())
        return {};
    return QByteArray(it->second.data(), qsizetype(it->second.size()));
}

grpc::Status fail(const Error &error)
{
    return grpcStatusFor(error);
}

// Packs `message` in an Any, as Flight SQL's actions answer.
template<typename Message> std::string packed(const Message &message)
{
    google::protobuf::Any any;
    any.PackFrom(message);
    return any.SerializeAsString();
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

// The answer's schema for a metadata command; none for a statement.
std::optional<arrow::Schema> metadataSchema(const FlightCommand &command)
{
    switch (command.type) {
    case FlightCommandType::GetSqlInfo: return sqlInfoSchema();
    case FlightCommandType::GetCatalogs: return FlightCatalog::catalogsSchema();
    case FlightCommandType::GetDbSchemas: return FlightCatalog::dbSchemasSchema();
    case FlightCommandType::GetTables: {
        auto tables = unpackCommand<sql::CommandGetTables>(command);
        return FlightCatalog::tablesSchema(tables && tables->include_schema());
    }
    case FlightCommandType::GetTableTypes: return FlightCatalog::tableTypesSchema();
    case FlightCommandType::GetPrimaryKeys: return FlightCatalog::primaryKeysSchema();
    case FlightCommandType::GetImportedKeys:
    case FlightCommandType::GetExportedKeys: return FlightCatalog::foreignKeysSchema();
    default: return std::nullopt;
    }
}

template<typename KeysCommand> CatalogQuery keysQuery(const KeysCommand &keys)
{
    CatalogQuery query;
    if (keys.has_catalog())
        query.catalog = text(keys.catalog());
    query.table = text(keys.table());
    return query;
}

// The rows of a metadata command, as one batch (metadata answers are small).
Status answerMetadata(const FlightCommand &command, FlightCatalog &catalog,
                      arrow::RecordBatchBuilder &rows, const QString &identifierQuote)
{
    switch (command.type) {
    case FlightCommandType::GetSqlInfo: {
        auto info = unpackCommand<sql::CommandGetSqlInfo>(command);
        if (!info)
            return info.error();
        appendSqlInfo(rows, QList<quint32>(info->info().begin(), info->info().end()),
                      identifierQuote);
        return {};
    }
    case FlightCommandType::GetCatalogs: return catalog.catalogs(rows);
    case FlightCommandType::GetDbSchemas: {
        auto schemas = unpackCommand<sql::CommandGetDbSchemas>(command);
        if (!schemas)
            return schemas.error();
        CatalogQuery query;
        if (schemas->has_catalog())
            query.catalog = text(schemas->catalog());
        if (schemas->has_db_schema_filter_pattern())
            query.schemaPattern = text(schemas->db_schema_filter_pattern());
        return catalog.dbSchemas(query, rows);
    }
    case FlightCommandType::GetTables: {
        auto tables = unpackCommand<sql::CommandGetTables>(command);
        if (!tables)
            return tables.error();
        CatalogQuery query;
        if (tables->has_catalog())
            query.catalog = text(tables->catalog());
        if (tables->has_db_schema_filter_pattern())
            query.schemaPattern = text(tables->db_schema_filter_pattern());
        if (tables->has_table_name_filter_pattern())
            query.tablePattern = text(tables->table_name_filter_pattern());
        for (const std::string &type : tables->table_types())
            query.tableTypes << text(type);
        query.includeSchema = tables->include_schema();
        return catalog.tables(query, rows);
    }
    case FlightCommandType::GetTableTypes: return FlightCatalog::tableTypes(rows);
    case FlightCommandType::GetPrimaryKeys: {
        auto keys = unpackCommand<sql::CommandGetPrimaryKeys>(command);
        if (!keys)
            return keys.error();
        return catalog.primaryKeys(keysQuery(*keys), rows);
    }
    case FlightCommandType::GetImportedKeys: {
        auto keys = unpackCommand<sql::CommandGetImportedKeys>(command);
        if (!keys)
            return keys.error();
        return catalog.foreignKeys(keysQuery(*keys), false, rows);
    }
    case FlightCommandType::GetExportedKeys: {
        auto keys = unpackCommand<sql::CommandGetExportedKeys>(command);
        if (!keys)
            return keys.error();
        return catalog.foreignKeys(keysQuery(*keys), true, rows);
    }
    default: return Error::badRequest(u"Not a metadata command"_s);
    }
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

// The caller of one call, with the token it presented.
struct FlightService::Caller
{
    Principal principal;
    QByteArray token; // the bearer, for its session
    HttpRequest origin;
};

// What GetFlightInfo and GetSchema answer for a descriptor.
struct FlightService::Planned
{
    std::optional<arrow::Schema> schema;
    FlightWork work;
};

FlightService::FlightService(ApiContext &context, const FlightOptions &options)
    : m_context(context)
    , m_options(options)
    , m_callers(context)
    , m_tickets(QByteArray(context.jwtSecret + "/flight-tickets"))
{
}

FlightService::~FlightService() = default;

Result<FlightService::Caller> FlightService::caller(grpc::ServerContext *context,
                                                    QByteArrayView method)
{
    Caller caller;
    caller.origin = flightOrigin(context->peer(), method);
    const QByteArray authorization = metadata(context, "authorization");
    auto principal = m_callers.authenticate(authorization, caller.origin);
    if (!principal) {
        audit(m_context, caller.origin, u"anonymous"_s,
              { u"auth.failure"_s, {}, {}, {}, 401, u"flight: "_s + principal.error().message });
        return principal.error();
    }
    caller.principal = *principal;
    caller.token = authorization.sliced(7).trimmed();
    return caller;
}

Result<QString> FlightService::chosenService(const Caller &caller, grpc::ServerContext *context)
{
    if (const QString catalog = m_sessions.catalog(caller.token); !catalog.isEmpty())
        return catalog;
    if (const QByteArray header = metadata(context, "x-sluice-service"); !header.isEmpty())
        return QString::fromUtf8(header);
    QStringList choices;
    for (const ServiceHandle &service : m_context.registry->all()) {
        const ServiceConfig &config = service->config;
        if (config.rawSql
            && decideAccess(caller.principal, { config.name, u"_sql"_s, VerbGet, config.readOnly })
                   .ok())
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
    std::optional<std::pair<QString, QString>> credentials = basicCredentials(authorization);
    fp::HandshakeRequest request;
    if (!credentials) {
        // The original router's way: {"username", "password"} as the first message's payload.
        if (!stream->Read(&request))
            return fail(Error::unauthorized(
                u"The handshake needs credentials: 'authorization: Basic base64(user:password)' "
                "or a payload {\"username\", \"password\"}"_s));
        const QJsonObject payload = QJsonDocument::fromJson(fromStd(request.payload())).object();
        credentials = std::pair { payload.value(u"username"_s).toString(),
                                  payload.value(u"password"_s).toString() };
    }
    auto token = m_callers.handshake(credentials->first, credentials->second, origin);
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

Result<FlightService::Planned> FlightService::plan(const Caller &caller,
                                                   grpc::ServerContext *context,
                                                   const fp::FlightDescriptor &descriptor,
                                                   bool describeOnly)
{
    Q_UNUSED(describeOnly);
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
        if (command->type == FlightCommandType::GetTables
            && !unpackCommand<sql::CommandGetTables>(*command))
            return unpackCommand<sql::CommandGetTables>(*command).error();
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
        auto schema = describeResult(*statement, m_context.options.statementTimeoutMs);
        if (!schema)
            return schema.error();
        planned.schema = *schema;
        planned.work = { FlightWork::Kind::Statement, *service, statement->statement.sql, {}, {} };
        return planned;
    }
    case FlightCommandType::PreparedStatementQuery: {
        auto query = unpackCommand<sql::CommandPreparedStatementQuery>(*command);
        if (!query)
            return query.error();
        auto prepared =
            m_tickets.open(fromStd(query->prepared_statement_handle()), caller.principal, nowS());
        if (!prepared)
            return prepared.error();
        if (prepared->kind != FlightWork::Kind::PreparedStatement)
            return Error::badRequest(u"Not a prepared statement's handle"_s);
        auto statement = checkFlightStatement(*m_context.registry, prepared->service, prepared->sql,
                                              caller.principal);
        if (!statement)
            return statement.error();
        auto schema = describeResult(*statement, m_context.options.statementTimeoutMs);
        if (!schema)
            return schema.error();
        planned.schema = *schema;
        planned.work = *prepared;
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
        if (Status s = answerMetadata(*command, catalog, rows, u"\""_s); !s)
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
    auto rows = runFlightStatement(*statement, work->parameters,
                                   m_context.options.statementTimeoutMs, sink);
    m_sessions.finished(sealed);
    if (!rows) {
        if (cancelled->load())
            return { grpc::StatusCode::CANCELLED, "Cancelled by CancelFlightInfo" };
        return fail(rows.error());
    }
    if (!schemaSent) // a statement without rows: an empty stream still has a schema
        writer->Write(schemaData(arrow::Schema()));
    return grpc::Status::OK;
}

grpc::Status FlightService::DoPut(grpc::ServerContext *context,
                                  grpc::ServerReaderWriter<fp::PutResult, fp::FlightData> *stream)
{
    auto who = caller(context, "DoPut");
    if (!who)
        return fail(who.error());
    fp::FlightData first;
    if (!stream->Read(&first) || !first.has_flight_descriptor())
        return fail(
            Error::badRequest(u"DoPut's first message must carry the command's descriptor"_s));
    auto command = readFlightCommand(first.flight_descriptor().cmd());
    if (!command)
        return fail(command.error());

    // The parameter rows a client sends after the descriptor: a schema, then record batches.
    auto readParameters = [&]() -> Result<QList<QVariantList>> {
        QList<QVariantList> rows;
        std::optional<arrow::Schema> schema;
        fp::FlightData data = first;
        bool more = true;
        while (more) {
            if (!data.data_header().empty()) {
                const QByteArray header = fromStd(data.data_header());
                if (!schema) {
                    auto read = arrow::readSchemaMessage(header);
                    if (!read)
                        return read.error();
                    schema = *read;
                } else {
                    auto batch =
                        arrow::readRecordBatchRows(header, fromStd(data.data_body()), *schema);
                    if (!batch)
                        return batch.error();
                    rows += *batch;
                }
            }
            more = stream->Read(&data);
        }
        return rows;
    };

    switch (command->type) {
    case FlightCommandType::StatementUpdate: {
        auto update = unpackCommand<sql::CommandStatementUpdate>(*command);
        if (!update)
            return fail(update.error());
        auto service = chosenService(*who, context);
        if (!service)
            return fail(service.error());
        auto statement = checkFlightStatement(*m_context.registry, *service, text(update->query()),
                                              who->principal);
        if (!statement)
            return fail(statement.error());
        FlightResultSink discard { [](const arrow::Schema &) { return true; },
                                   [](const QByteArray &, const QByteArray &) { return true; },
                                   nullptr };
        auto affected =
            runFlightStatement(*statement, {}, m_context.options.statementTimeoutMs, discard);
        audit(m_context, who->origin, who->principal.actor(),
              { u"sql.run"_s,
                *service,
                {},
                affected ? std::optional(*affected) : std::nullopt,
                affected ? 200 : 400,
                u"flight: "_s + statement->statement.keyword },
              who->principal.tenant);
        if (!affected)
            return fail(affected.error());
        sql::DoPutUpdateResult result;
        result.set_record_count(*affected);
        fp::PutResult put;
        put.set_app_metadata(result.SerializeAsString());
        stream->Write(put);
        return grpc::Status::OK;
    }
    case FlightCommandType::PreparedStatementQuery:
    case FlightCommandType::PreparedStatementUpdate: {
        const bool isUpdate = command->type == FlightCommandType::PreparedStatementUpdate;
        std::string handle;
        if (isUpdate) {
            auto update = unpackCommand<sql::CommandPreparedStatementUpdate>(*command);
            if (!update)
                return fail(update.error());
            handle = update->prepared_statement_handle();
        } else {
            auto query = unpackCommand<sql::CommandPreparedStatementQuery>(*command);
            if (!query)
                return fail(query.error());
            handle = query->prepared_statement_handle();
        }
        auto prepared = m_tickets.open(fromStd(handle), who->principal, nowS());
        if (!prepared)
            return fail(prepared.error());
        if (prepared->kind != FlightWork::Kind::PreparedStatement)
            return fail(Error::badRequest(u"Not a prepared statement's handle"_s));
        auto statement = checkFlightStatement(*m_context.registry, prepared->service, prepared->sql,
                                              who->principal);
        if (!statement)
            return fail(statement.error());
        auto parameters = readParameters();
        if (!parameters)
            return fail(parameters.error());
        for (const QVariantList &row : *parameters) {
            if (row.size() != statement->statement.placeholders)
                return fail(Error::badRequest(
                    u"The statement has %1 '?' parameter(s) but the parameter batch has %2 "
                    "column(s)"_s.arg(QString::number(statement->statement.placeholders),
                                      QString::number(row.size()))));
        }
        if (!isUpdate) {
            // Binding a query: the values travel in a new handle (Sluice keeps no state).
            if (parameters->size() > 1)
                return fail(Error::badRequest(
                    u"A prepared query takes one row of parameters; this batch has %1"_s.arg(
                        parameters->size())));
            FlightWork bound = *prepared;
            bound.parameters = parameters->isEmpty() ? QVariantList() : parameters->constFirst();
            sql::DoPutPreparedStatementResult result;
            result.set_prepared_statement_handle(toStd(m_tickets.seal(bound, who->principal, 0)));
            fp::PutResult put;
            put.set_app_metadata(result.SerializeAsString());
            stream->Write(put);
            return grpc::Status::OK;
        }
        // An update runs once per parameter row (once without parameters).
        const QList<QVariantList> rows =
            parameters->isEmpty() ? QList<QVariantList> { prepared->parameters } : *parameters;
        qint64 total = 0;
        FlightResultSink discard { [](const arrow::Schema &) { return true; },
                                   [](const QByteArray &, const QByteArray &) { return true; },
                                   nullptr };
        for (const QVariantList &row : rows) {
            auto affected =
                runFlightStatement(*statement, row, m_context.options.statementTimeoutMs, discard);
            if (!affected) {
                audit(m_context, who->origin, who->principal.actor(),
                      { u"sql.run"_s,
                        prepared->service,
                        {},
                        total,
                        400,
                        u"flight: "_s + statement->statement.keyword },
                      who->principal.tenant);
                return fail(affected.error());
            }
            total += std::max<qint64>(0, *affected);
        }
        audit(m_context, who->origin, who->principal.actor(),
              { u"sql.run"_s,
                prepared->service,
                {},
                total,
                200,
                u"flight: "_s + statement->statement.keyword },
              who->principal.tenant);
        sql::DoPutUpdateResult result;
        result.set_record_count(total);
        fp::PutResult put;
        put.set_app_metadata(result.SerializeAsString());
        stream->Write(put);
        return grpc::Status::OK;
    }
    default:
        return fail(Error::badRequest(
            u"DoPut takes CommandStatementUpdate, CommandPreparedStatementQuery (parameters) or "
            "CommandPreparedStatementUpdate"_s));
    }
}

grpc::Status FlightService::DoAction(grpc::ServerContext *context, const fp::Action *action,
                                     grpc::ServerWriter<fp::Result> *writer)
{
    auto who = caller(context, "DoAction");
    if (!who)
        return fail(who.error());
    const std::string &type = action->type();
    fp::Result result;
    if (type == "CreatePreparedStatement") {
        google::protobuf::Any any;
        sql::ActionCreatePreparedStatementRequest request;
        if (!any.ParseFromString(action->body()) || !any.UnpackTo(&request))
            return fail(Error::badRequest(u"CreatePreparedStatement's body must be a packed "
                                          "ActionCreatePreparedStatementRequest"_s));
        auto service = chosenService(*who, context);
        if (!service)
            return fail(service.error());
        auto statement = checkFlightStatement(*m_context.registry, *service, text(request.query()),
                                              who->principal);
        if (!statement)
            return fail(statement.error());
        auto schema = describeResult(*statement, m_context.options.statementTimeoutMs);
        if (!schema)
            return fail(schema.error());
        const FlightWork work {
            FlightWork::Kind::PreparedStatement, *service, statement->statement.sql, {}, {}
        };
        sql::ActionCreatePreparedStatementResult created;
        created.set_prepared_statement_handle(toStd(m_tickets.seal(work, who->principal, 0)));
        if (*schema)
            created.set_dataset_schema(toStd(arrow::ipcSchema(**schema)));
        // The database does not say what its parameters are: each is declared text (any value
        // binds; the database converts it as the statement needs).
        arrow::Schema parameters;
        for (int i = 1; i <= statement->statement.placeholders; ++i)
            parameters.fields.append(arrow::Field(u"parameter_%1"_s.arg(i), arrow::TypeId::Utf8));
        created.set_parameter_schema(toStd(arrow::ipcSchema(parameters)));
        result.set_body(packed(created));
        writer->Write(result);
        return grpc::Status::OK;
    }
    if (type == "ClosePreparedStatement") {
        google::protobuf::Any any;
        sql::ActionClosePreparedStatementRequest request;
        if (!any.ParseFromString(action->body()) || !any.UnpackTo(&request))
            return fail(Error::badRequest(u"ClosePreparedStatement's body must be a packed "
                                          "ActionClosePreparedStatementRequest"_s));
        // Nothing is kept for a prepared statement; the handle must still be the caller's.
        auto handle =
            m_tickets.open(fromStd(request.prepared_statement_handle()), who->principal, nowS());
        if (!handle)
            return fail(handle.error());
        return grpc::Status::OK;
    }
    if (type == "SetSessionOptions") {
        fp::SetSessionOptionsRequest request;
        if (!request.ParseFromString(action->body()))
            return fail(Error::badRequest(u"Malformed SetSessionOptionsRequest"_s));
        fp::SetSessionOptionsResult answer;
        for (const auto &[name, value] : request.session_options()) {
            fp::SetSessionOptionsResult::Error error;
            if (name != "catalog") {
                error.set_value(fp::SetSessionOptionsResult::INVALID_NAME);
                (*answer.mutable_errors())[name] = error;
                continue;
            }
            const QString catalog = text(value.string_value());
            if (value.option_value_case() != fp::SessionOptionValue::kStringValue
                || !m_context.registry->find(catalog)) {
                error.set_value(fp::SetSessionOptionsResult::INVALID_VALUE);
                (*answer.mutable_errors())[name] = error;
                continue;
            }
            m_sessions.setCatalog(who->token, catalog);
        }
        result.set_body(answer.SerializeAsString());
        writer->Write(result);
        return grpc::Status::OK;
    }
    if (type == "GetSessionOptions") {
        fp::GetSessionOptionsResult answer;
        if (const QString catalog = m_sessions.catalog(who->token); !catalog.isEmpty())
            (*answer.mutable_session_options())["catalog"].set_string_value(catalog.toStdString());
        result.set_body(answer.SerializeAsString());
        writer->Write(result);
        return grpc::Status::OK;
    }
    if (type == "CloseSession") {
        m_sessions.close(who->token);
        fp::CloseSessionResult answer;
        answer.set_status(fp::CloseSessionResult::CLOSED);
        result.set_body(answer.SerializeAsString());
        writer->Write(result);
        return grpc::Status::OK;
    }
    if (type == "CancelFlightInfo") {
        fp::CancelFlightInfoRequest request;
        if (!request.ParseFromString(action->body()))
            return fail(Error::badRequest(u"Malformed CancelFlightInfoRequest"_s));
        for (const fp::FlightEndpoint &endpoint : request.info().endpoint()) {
            const QByteArray sealed = fromStd(endpoint.ticket().ticket());
            auto work = m_tickets.open(sealed, who->principal, nowS());
            if (!work)
                return fail(work.error());
            m_sessions.cancel(sealed, nowS() + m_options.ticketTtlS);
        }
        fp::CancelFlightInfoResult answer;
        answer.set_status(fp::CANCEL_STATUS_CANCELLED);
        result.set_body(answer.SerializeAsString());
        writer->Write(result);
        return grpc::Status::OK;
    }
    return fail(
        Error::notImplemented(u"Sluice does not implement the action '%1'"_s.arg(text(type))));
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
