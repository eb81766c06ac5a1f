#pragma once

#include "commands.h"
#include "config/settings.h"

namespace sluice {

// Loads the effective settings for a command: flags > SLUICE_* > config file > defaults.
Result<Settings> loadSettings(const CliContext &context, const QHash<QString, QString> &flags = {});

} // namespace sluice
