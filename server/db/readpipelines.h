#pragma once

#include "db/pipelinedreads.h"
#include "db/serviceregistry.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <map>
#include <memory>
#include <vector>

namespace sluice {

// The pipelined read connections of ONE worker thread (see PipelinedReads): one per service, or
// per tenant's backend, whose dialect has them, opened at first use beside the worker's
// ConnectionPool. A connection whose service changed its DSN or schema is retired once its
// answers are in; a lost one is replaced, and a read it lost is sent once more on the new one,
// so a database restart costs no failed reads (as with Connection::select()).
class ReadPipelines
{
public:
    ReadPipelines(int workerIndex, int statementTimeoutMs);
    ~ReadPipelines();
    ReadPipelines(const ReadPipelines &) = delete;
    ReadPipelines &operator=(const ReadPipelines &) = delete;

    // Sends a read of `service`; `done` runs later from the event loop. False when the service
    // has no pipelined reads or this statement cannot go that way: read through the pool then.
    // The pool also takes a read when no line could be opened: it has its warm connections, and
    // says why if it cannot reach the database either.
    bool submit(const ServiceHandle &service, const QString &sql, const QVariantList &binds,
                PipelinedReads::Done done);

private:
    struct Line
    {
        QString connectionName;
        QString openedWith;
        SchemaSnapshot preparedUnder;
        std::unique_ptr<PipelinedReads> reads;
        qint64 usedAt = 0;
        bool tenantBackend = false;
        Line() = default;
        Line(Line &&) = default;
        Line &operator=(Line &&) = delete;
        ~Line(); // closes the connection
    };

    bool send(const ServiceHandle &service, const QString &sql, const QVariantList &binds,
              PipelinedReads::Done done, bool retried);
    // The service's line; null when it has none or none could be opened. `anyLive`: the live
    // line of the service's key, even if opened for another snapshot of it.
    PipelinedReads *lineFor(const ServiceState &service, bool anyLive = false);
    // Closes tenants' lines nobody used for a while, like the pool's idle connections.
    void closeIdleTenantLines(qint64 now);
    void retire(Line &&line);
    // Closes retired lines whose answers are in, from the event loop: never under a callback of
    // the line being closed.
    void sweepSoon();
    void sweep();

    int m_workerIndex;
    int m_statementTimeoutMs;
    std::map<QString, Line> m_lines; // by ConnectionPool's key
    QHash<QString, qint64> m_openFailedAt; // a database that could not be reached: not before 1 s
    QHash<QString, QString> m_without; // keys whose connection has none, with what it was opened
    std::vector<std::unique_ptr<Line>> m_retired;
    qint64 m_idleCheckedAt = 0;
    QElapsedTimer m_clock;
    QObject m_context; // the sweep's, on this worker's thread
    bool m_sweepQueued = false;
};

} // namespace sluice
