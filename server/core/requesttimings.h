#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <chrono>

namespace sluice {

// Where the current request's time went, for the Server-Timing header: one per worker thread
// (a worker answers one request at a time). The handler starts it; authentication and database
// calls add their share through TimedSpan.
struct RequestTimings
{
    qint64 authNs = 0;
    qint64 dbNs = 0;

    static RequestTimings &current();
    void reset() { authNs = dbNs = 0; }
    // "auth;dur=0.012, db;dur=0.210, app;dur=0.078;desc=\"…\", total;dur=0.300" (milliseconds):
    // app is the rest — parsing, access checks, writing the answer.
    QByteArray serverTiming(qint64 totalNs) const;
    // Only "total;dur=…": for an answer that came later, while the worker's timings went on
    // with other requests (LaterReply).
    static QByteArray serverTimingTotal(qint64 totalNs);
};

// Adds the time from its construction to its destruction to one of RequestTimings' slots.
class TimedSpan
{
public:
    explicit TimedSpan(qint64 RequestTimings::*slot)
        : m_slot(slot)
        , m_start(std::chrono::steady_clock::now())
    {
    }
    ~TimedSpan()
    {
        RequestTimings::current().*m_slot += std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                 std::chrono::steady_clock::now() - m_start)
                                                 .count();
    }
    TimedSpan(const TimedSpan &) = delete;
    TimedSpan &operator=(const TimedSpan &) = delete;

private:
    qint64 RequestTimings::*m_slot;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace sluice
