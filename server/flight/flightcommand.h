#pragma once

#include "core/result.h"

#include <google/protobuf/any.pb.h>

#include <string>

namespace sluice {

// The Flight SQL commands Sluice answers, as a FlightDescriptor's cmd carries them: a
// google.protobuf.Any whose type URL names the command (API.md §13).
enum class FlightCommandType {
    GetSqlInfo,
    GetCatalogs,
    GetDbSchemas,
    GetTables,
    GetTableTypes,
    GetPrimaryKeys,
    GetImportedKeys,
    GetExportedKeys,
    StatementQuery,
    PreparedStatementQuery,
    StatementUpdate,
    PreparedStatementUpdate,
};

struct FlightCommand
{
    FlightCommandType type;
    google::protobuf::Any any; // unpack with any.UnpackTo(&message)
};

// BadRequest when `cmd` is not an Any (or an Any without a type URL); NotImplemented naming the
// type for a command Sluice does not answer (a substrait plan, GetXdbcTypeInfo, …).
Result<FlightCommand> readFlightCommand(const std::string &cmd);

// Unpacks `command` into `message`: BadRequest naming the command when its value is malformed.
template<typename Message> Result<Message> unpackCommand(const FlightCommand &command)
{
    Message message;
    if (!command.any.UnpackTo(&message))
        return Error::badRequest(
            QStringLiteral("Malformed %1: its value does not parse")
                .arg(QString::fromStdString(std::string(Message::descriptor()->name()))));
    return message;
}

} // namespace sluice
