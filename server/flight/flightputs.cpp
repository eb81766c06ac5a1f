// DoPut: updates, and parameters bound to prepared statements.
#include "flight/flightservice.h"

#include "api/auditing.h"
#include "arrow/ipcreader.h"
#include "flight/flightcommand.h"
#include "flight/flightstatement.h"
#include "flight/flightwire.h"

#include "flightsql.pb.h"

using namespace Qt::StringLiterals;
namespace fp = ::arrow::flight::protocol;
namespace sql = ::arrow::flight::protocol::sql;

namespace sluice {

using namespace flightwire;

namespace {

// For statements run by DoPut: rows a statement returns are not sent anywhere; `watch` ends the
// statement when the client goes away.
FlightResultSink discardingRows(StatementWatch watch)
{
    return { [](const arrow::Schema &) { return true; },
             [](const QByteArray &, const QByteArray &) { return true; }, nullptr,
             std::move(watch) };
}

// Flight SQL's answer to an update: DoPutUpdateResult, serialised as the PutResult's metadata.
void writeUpdateResult(grpc::ServerReaderWriter<fp::PutResult, fp::FlightData> *stream,
                       qint64 recordCount)
{
    sql::DoPutUpdateResult result;
    result.set_record_count(recordCount);
    fp::PutResult put;
    put.set_app_metadata(result.SerializeAsString());
    stream->Write(put);
}

} // namespace

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
        const FlightResultSink discard = discardingRows(watching(context));
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
        writeUpdateResult(stream, *affected);
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
        auto opened = openPrepared(*who, handle);
        if (!opened)
            return fail(opened.error());
        const FlightWork *prepared = &opened->work;
        const FlightStatement *statement = &opened->statement;
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
        const FlightResultSink discard = discardingRows(watching(context));
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
        writeUpdateResult(stream, total);
        return grpc::Status::OK;
    }
    default:
        return fail(Error::badRequest(
            u"DoPut takes CommandStatementUpdate, CommandPreparedStatementQuery (parameters) or "
            "CommandPreparedStatementUpdate"_s));
    }
}

} // namespace sluice
