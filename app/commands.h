#pragma once

#include "cliargs.h"

#include <QString>

class QJsonValue;

namespace sluice {

// What every command gets: the global options, already resolved.
struct CliContext
{
    QString dataDir; // --data-dir, SLUICE_DATA_DIR or the per-user default
    QString configFile; // --config (empty: sluice.yaml in the data dir, when present)
    QString configStore; // --config-store (empty: config.store from the settings, if any)
};

// Exit codes: 0 success, 1 failure, 2 usage error.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// Prints "sluice: <message>" on stderr and returns `code`.
int fail(const QString &message, int code = ExitFailure);
// Prints a line on stdout.
void say(const QString &line);
// Prints an array or object as indented JSON on stdout (the --json output of every command).
void sayJson(const QJsonValue &value);

int runServe(const CliContext &context, CliArgs &args, bool demo);
int runDb(const CliContext &context, CliArgs &args);
int runConfig(const CliContext &context, CliArgs &args);
int runVersion(CliArgs &args);
int runAdmin(const CliContext &context, CliArgs &args);
int runRole(const CliContext &context, CliArgs &args);
int runKey(const CliContext &context, CliArgs &args);
int runTenant(const CliContext &context, CliArgs &args);
int runAuth(const CliContext &context, CliArgs &args);
int runAudit(const CliContext &context, CliArgs &args);
int runOpenApi(const CliContext &context, CliArgs &args);
int runMcp(const CliContext &context, CliArgs &args, bool demo);
int runBenchmark(CliArgs &args);

} // namespace sluice
