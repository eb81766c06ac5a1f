#pragma once

#include "core/result.h"

#include <QString>

namespace sluice {

// The data directory: --data-dir wins, then SLUICE_DATA_DIR, then the per-user application
// data location (e.g. ~/.local/share/sluice on Linux).
QString resolveDataDir(const QString &fromFlag);

// Creates the directory (and its parents) with mode 0700 unless it already is a directory.
Status ensurePrivateDir(const QString &dir);

// Creates an empty file with mode 0600 unless it exists. Called before SQLite opens a
// database, which would otherwise create it with the umask's mode (often 0644); the -wal and
// -shm files take the database file's mode.
Status ensurePrivateFile(const QString &path);

// `name` percent-encoded as one segment of a URL path (a request target, an OpenAPI path): a
// name with '/', '?' or a space stays one segment.
QString pathSegment(const QString &name);

} // namespace sluice
