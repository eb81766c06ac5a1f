#pragma once

#include <QStringList>

namespace sluice {

// Starts the desktop app (`sluice-desktop` beside this binary) with `arguments`, in place of
// this process where the platform allows. Returns only when it could not: the exit code for a
// one-line error about a build without the desktop app.
int launchDesktop(const QStringList &arguments);

} // namespace sluice
