#pragma once

#include <QString>

namespace sluice {

// The data directory: --data-dir wins, then SLUICE_DATA_DIR, then the per-user application
// data location (e.g. ~/.local/share/sluice on Linux).
QString resolveDataDir(const QString &fromFlag);

} // namespace sluice
