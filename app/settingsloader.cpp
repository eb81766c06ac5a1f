#include "settingsloader.h"

namespace sluice {

Result<Settings> loadSettings(const CliContext &context, const QHash<QString, QString> &flags)
{
    if (context.configStore.isEmpty())
        return Settings::load(context.dataDir, context.configFile, flags);
    QHash<QString, QString> withStore = flags;
    withStore.insert(QStringLiteral("config.store"), context.configStore);
    return Settings::load(context.dataDir, context.configFile, withStore);
}

} // namespace sluice
