#pragma once

#include <QString>

namespace sluice {

// Applies log.level (debug, info, warning, error) to every sluice.* category and, with
// log.json, writes one JSON object per line on stderr:
//   {"ts":"2026-11-22T05:00:00.123Z","level":"info","category":"sluice.http","message":"…"}
void setUpLogging(const QString &level, bool json);

} // namespace sluice
