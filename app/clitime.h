#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonValue>
#include <QString>

namespace sluice {

// Which way a relative time ("12h", "30d") counts from now: back for --since/--until, forward
// for --expires.
enum class TimeDirection { Past, Future };
// What a bare date ("2026-12-31") means: the start of that day or its end, i.e. midnight after
// it (UTC). Ends are exclusive everywhere they are used (--until, --expires).
enum class DateEdge { StartOfDay, EndOfDay };

// A time given on the command line: RFC 3339 ("2026-12-31T18:00:00Z", "…+02:00"; without an
// offset it is UTC), a date, or a positive duration relative to `now` in seconds (s), minutes
// (m), hours (h), days (d) or weeks (w), at most 100 years. BadRequest names the text.
Result<QDateTime> parseCliTime(const QString &text, const QDateTime &now, TimeDirection direction,
                               DateEdge edge);

// For tables: "2026-12-31 18:00:00Z", or `none` when invalid.
QString tableTime(const QDateTime &time, const QString &none = QStringLiteral("-"));
// For --json: RFC 3339 UTC with milliseconds, or null when invalid.
QJsonValue jsonTime(const QDateTime &time);

} // namespace sluice
