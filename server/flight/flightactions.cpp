// DoAction: prepared statements, session options, cancellation.
#include "flight/flightservice.h"

#include "arrow/ipcwriter.h"
#include "flight/flightcommand.h"
#include "flight/flightstatement.h"
#include "flight/flightwire.h"

#include "flightsql.pb.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;
namespace fp = ::arrow::flight::protocol;
namespace sql = ::arrow::flight::protocol::sql;

namespace sluice {

using namespace flightwire;

namespace {

// 128 random bits, in hex.
QByteArray newSessionId()
{
    quint64 bits[2];
    QRandomGenerator::system()->fillRange(bits);
    return QByteArray(reinterpret_cast<const char *>(bits), sizeof(bits)).toHex();
}

} // namespace

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
        auto schema =
            describeResult(*statement, m_context.options.statementTimeoutMs, watching(context));
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
            if (who->sessionId.isEmpty()) {
                // A new session: the client sends the cookie back on its next calls.
                who->sessionId = newSessionId();
                context->AddInitialMetadata("set-cookie",
                                            toStd("arrow_flight_session_id="_ba + who->sessionId));
            }
            m_sessions.setCatalog(who->sessionKey(), catalog);
        }
        result.set_body(answer.SerializeAsString());
        writer->Write(result);
        return grpc::Status::OK;
    }
    if (type == "GetSessionOptions") {
        fp::GetSessionOptionsResult answer;
        if (const QString catalog =
                who->sessionId.isEmpty() ? QString() : m_sessions.catalog(who->sessionKey());
            !catalog.isEmpty())
            (*answer.mutable_session_options())["catalog"].set_string_value(catalog.toStdString());
        result.set_body(answer.SerializeAsString());
        writer->Write(result);
        return grpc::Status::OK;
    }
    if (type == "CloseSession") {
        if (!who->sessionId.isEmpty())
            m_sessions.close(who->sessionKey());
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

} // namespace sluice
