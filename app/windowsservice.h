#pragma once

#include "cliargs.h"
#include "commands.h"

namespace sluice {

// `sluice service install|uninstall|run`: Sluice as a Windows service ("Sluice", automatic
// start, the LocalService account, data in %ProgramData%\Sluice unless --data-dir says
// otherwise). The installer calls install and uninstall; the service control manager starts
// `run`, which is `sluice serve` reporting to it and stopping when told. Elsewhere the command
// points to the systemd unit or the launchd plist.
int runWindowsService(const CliContext &context, CliArgs &args);

} // namespace sluice
