#pragma once

#include <QString>

namespace sluice::test {

// Small helpers shared by the throw-away database servers (LocalServer and its subclasses).

// A TCP port on 127.0.0.1 that was free a moment ago (0 when none could be found). Servers
// retry on a bind failure, since another process may take it first.
int freeLocalPort();

// The last `lines` lines of `text`, for error messages quoting a server's log.
QString lastLines(const QString &text, int lines = 15);

// Sleeps `ms` milliseconds, through signals. Async-signal-safe.
void pauseMs(long ms);

// Closes every descriptor from 3 up, except `keep` (-1: none). For a forked child of a
// multi-threaded process, so async-signal-safe.
void closeDescriptorsFrom3Except(int keep);

} // namespace sluice::test
