#include "settingsloader.h"

namespace sluice {

Result<Settings> loadSettings(const CliContext &context, const QHash<QString, QString> &flags)
{
    return Settings::load(context.dataDir, context.configFile, flags);
}

} // namespace sluice
