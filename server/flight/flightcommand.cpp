#include "flight/flightcommand.h"

#include <QString>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

struct KnownCommand
{
    const char *name; // after "type.googleapis.com/arrow.flight.protocol.sql."
    FlightCommandType type;
};

constexpr KnownCommand knownCommands[] = {
    { "CommandGetSqlInfo", FlightCommandType::GetSqlInfo },
    { "CommandGetCatalogs", FlightCommandType::GetCatalogs },
    { "CommandGetDbSchemas", FlightCommandType::GetDbSchemas },
    { "CommandGetTables", FlightCommandType::GetTables },
    { "CommandGetTableTypes", FlightCommandType::GetTableTypes },
    { "CommandGetPrimaryKeys", FlightCommandType::GetPrimaryKeys },
    { "CommandGetImportedKeys", FlightCommandType::GetImportedKeys },
    { "CommandGetExportedKeys", FlightCommandType::GetExportedKeys },
    { "CommandStatementQuery", FlightCommandType::StatementQuery },
    { "CommandPreparedStatementQuery", FlightCommandType::PreparedStatementQuery },
    { "CommandStatementUpdate", FlightCommandType::StatementUpdate },
    { "CommandPreparedStatementUpdate", FlightCommandType::PreparedStatementUpdate },
};

constexpr std::string_view commandPrefix = "arrow.flight.protocol.sql.";

} // namespace

Result<FlightCommand> readFlightCommand(const std::string &cmd)
{
    FlightCommand command { FlightCommandType::GetSqlInfo, {} };
    if (cmd.empty() || !command.any.ParseFromString(cmd) || command.any.type_url().empty())
        return Error::badRequest(
            u"The descriptor's cmd is not a Flight SQL command: expected a google.protobuf.Any "
            "packing one (type URL type.googleapis.com/arrow.flight.protocol.sql.Command…)"_s);
    const std::string &url = command.any.type_url();
    const std::string_view name = std::string_view(url).substr(url.rfind('/') + 1);
    if (name.substr(0, commandPrefix.size()) == commandPrefix) {
        const std::string_view shortName = name.substr(commandPrefix.size());
        for (const KnownCommand &known : knownCommands) {
            if (shortName == known.name) {
                command.type = known.type;
                return command;
            }
        }
    }
    return Error::notImplemented(u"Sluice does not implement the command '%1'"_s.arg(
        QString::fromUtf8(name.data(), qsizetype(name.size()))));
}

} // namespace sluice
