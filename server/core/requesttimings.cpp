#include "core/requesttimings.h"

namespace sluice {

RequestTimings &RequestTimings::current()
{
    thread_local RequestTimings timings;
    return timings;
}

namespace {

QByteArray milliseconds(qint64 ns)
{
    return QByteArray::number(double(std::max<qint64>(ns, 0)) / 1e6, 'f', 3);
}

} // namespace

QByteArray RequestTimings::serverTiming(qint64 totalNs) const
{
    QByteArray out;
    out.reserve(96);
    out += "auth;dur=";
    out += milliseconds(authNs);
    out += ", db;dur=";
    out += milliseconds(dbNs);
    out += ", app;dur=";
    out += milliseconds(totalNs - authNs - dbNs);
    out += ";desc=\"parse, check, serialise\", total;dur=";
    out += milliseconds(totalNs);
    return out;
}

QByteArray RequestTimings::serverTimingTotal(qint64 totalNs)
{
    QByteArray out("total;dur=");
    out += milliseconds(totalNs);
    return out;
}

} // namespace sluice
