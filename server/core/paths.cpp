#include "core/paths.h"

#include <QStandardPaths>

namespace sluice {

QString resolveDataDir(const QString &fromFlag)
{
    if (!fromFlag.isEmpty())
        return fromFlag;
    const QString fromEnv = qEnvironmentVariable("SLUICE_DATA_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

} // namespace sluice
