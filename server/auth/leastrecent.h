#pragma once

#include <QList>

#include <algorithm>
#include <utility>

namespace sluice {

// Drops the least recently active tenth (at least one) of a non-empty QHash whose values carry
// `lastMs`. For a bounded table full of live entries (login throttle, rate limiter): it bounds
// memory under a spray of keys, at the cost of forgetting some counters early.
template<typename Table> void dropLeastRecentTenth(Table &table)
{
    QList<qint64> lastActive;
    lastActive.reserve(table.size());
    for (const auto &entry : std::as_const(table))
        lastActive.append(entry.lastMs);
    const qsizetype cut = std::max<qsizetype>(1, lastActive.size() / 10) - 1;
    std::nth_element(lastActive.begin(), lastActive.begin() + cut, lastActive.end());
    const qint64 threshold = lastActive.at(cut);
    table.removeIf([threshold](const auto &entry) { return entry.value().lastMs <= threshold; });
}

} // namespace sluice
