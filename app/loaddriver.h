#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace sluice {

// What to send, how hard and for how long (`sluice benchmark`).
struct LoadPlan
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8080;
    QByteArray method = "GET";
    QByteArray target = "/healthz"; // path and query
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int concurrency = 32; // keep-alive connections, one request in flight on each
    double seconds = 10;
};

struct LoadReport
{
    qint64 requests = 0; // answered
    qint64 non2xx = 0;
    qint64 failures = 0; // connections that broke or could not be opened
    double seconds = 0;
    // Latency percentiles in milliseconds.
    double p50 = 0, p95 = 0, p99 = 0, max = 0;
    QByteArray lastFailure;

    double perSecond() const { return seconds > 0 ? double(requests) / seconds : 0; }
};

// Drives `plan` over plain HTTP/1.1 keep-alive connections, one thread each, as fast as the
// server answers: a closed-loop load, like wrk. Fails only when no connection could be made.
Result<LoadReport> driveLoad(const LoadPlan &plan);

} // namespace sluice
