#pragma once

#include <QString>

namespace sluice {

// The desktop app needs a display; without one Qt's platform plugin aborts the process (exit
// 134, a core dump and a page of plugin names). These let `sluice` and `sluice-desktop` say in
// one line what is missing and what to run instead, and exit with the usage status.

// Why no window can open here ("neither DISPLAY nor WAYLAND_DISPLAY is set"), or an empty
// string when a display may be there (or the platform is chosen by QT_QPA_PLATFORM). Only X11
// and Wayland systems can lack one; Windows and macOS always answer empty.
QString missingDisplay();

// The line to print for `why`, naming the headless alternative.
QString noDisplayMessage(const QString &why);

// For a display that is named but does not answer (DISPLAY=:9 with no X server): until
// endPlatformWatch(), Qt's platform messages are held back, and its fatal "no platform plugin"
// becomes noDisplayMessage() on stderr and exit status 2. Held-back messages are passed on at
// endPlatformWatch(), once the application object exists.
void beginPlatformWatch();
void endPlatformWatch();

} // namespace sluice
