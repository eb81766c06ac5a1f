#include "db/readpipelines.h"

#include "db/connectionfactory.h"
#include "db/connectionpool.h"
#include "db/dialect.h"

#include <QTimer>

namespace sluice {

namespace {

// A database that could not be reached is tried again for pipelined reads after this long; until
// then its reads go through the pool, which reports the failure.
constexpr qint64 kReopenAfterMs = 1'000;
// A tenant's backend's line unused this long is closed (the pool closes its idle ones alike).
constexpr qint64 kTenantLineIdleMs = 60'000;
constexpr qint64 kIdleCheckEveryMs = 10'000;

} // namespace

ReadPipelines::Line::~Line()
{
    if (connectionName.isEmpty())
        return;
    reads.reset(); // its copy of the QSqlDatabase first
    closeDatabase(connectionName);
}

ReadPipelines::ReadPipelines(int workerIndex, int statementTimeoutMs)
    : m_workerIndex(workerIndex)
    , m_statementTimeoutMs(statementTimeoutMs)
{
    m_clock.start();
}

ReadPipelines::~ReadPipelines() = default;

bool ReadPipelines::submit(const ServiceHandle &service, const QString &sql,
                           const QVariantList &binds, PipelinedReads::Done done)
{
    return send(service, sql, binds, std::move(done), false);
}

bool ReadPipelines::send(const ServiceHandle &service, const QString &sql,
                         const QVariantList &binds, PipelinedReads::Done done, bool retried)
{
    PipelinedReads *reads = lineFor(*service, retried);
    if (!reads)
        return false;
    return reads->submit(
        sql, binds,
        [this, service, sql, binds, retried,
         done = std::move(done)](Result<std::unique_ptr<RowCursor>> rows, bool connectionLost) {
            // Once, on a new connection: the statement never ran to an answer.
            if (!rows && connectionLost && !retried && send(service, sql, binds, done, true))
                return;
            done(std::move(rows), connectionLost);
        });
}

PipelinedReads *ReadPipelines::lineFor(const ServiceState &service, bool anyLive)
{
    if (!service.dialect || !service.dialect->mayPipelineReads())
        return nullptr;
    const QString key = backendPoolKey(service);
    const qint64 now = m_clock.elapsed();
    closeIdleTenantLines(now);
    const QString opened = openedWith(service.config);
    if (const auto without = m_without.constFind(key);
        without != m_without.cend() && *without == opened)
        return nullptr;
    if (auto it = m_lines.find(key); it != m_lines.end()) {
        Line &line = it->second;
        const bool sameSchema = !line.preparedUnder.owner_before(service.schema)
            && !service.schema.owner_before(line.preparedUnder);
        // A read sent again keeps to the live line whatever snapshot it was planned under: it
        // must not retire the line the current requests use.
        if (!line.reads->lost() && ((sameSchema && line.openedWith == opened) || anyLive)) {
            line.usedAt = now;
            return line.reads.get();
        }
        // Its plans may not fit the new schema, or it speaks to another database now: new
        // reads go to a new connection, this one finishes the answers it owes.
        retire(std::move(line));
        m_lines.erase(it);
    }
    if (const auto failed = m_openFailedAt.constFind(key);
        failed != m_openFailedAt.cend() && now - *failed < kReopenAfterMs)
        return nullptr;
    Line line;
    line.connectionName = newConnectionName(m_workerIndex, key + u"-pipeline");
    auto opening = openService(service.config, line.connectionName, m_statementTimeoutMs);
    if (!opening) {
        // The pool has its warm connections and says why if it cannot reach the database
        // either (the database may only be full: max_connections).
        line.connectionName.clear(); // openService() leaves nothing registered on failure
        m_openFailedAt.insert(key, now);
        return nullptr;
    }
    m_openFailedAt.remove(key);
    line.reads = opening->dialect->pipelinedReads(opening->db, m_statementTimeoutMs);
    if (!line.reads) { // ~Line closes the connection; this service reads through the pool
        m_without.insert(key, opened);
        return nullptr;
    }
    line.openedWith = opened;
    line.preparedUnder = service.schema;
    line.usedAt = now;
    line.tenantBackend = !service.config.tenant.isEmpty();
    return m_lines.try_emplace(key, std::move(line)).first->second.reads.get();
}

void ReadPipelines::closeIdleTenantLines(qint64 now)
{
    if (now - m_idleCheckedAt < kIdleCheckEveryMs)
        return;
    m_idleCheckedAt = now;
    for (auto it = m_lines.begin(); it != m_lines.end();) {
        if (!it->second.tenantBackend || now - it->second.usedAt < kTenantLineIdleMs) {
            ++it;
            continue;
        }
        retire(std::move(it->second));
        it = m_lines.erase(it);
    }
}

void ReadPipelines::retire(Line &&line)
{
    m_retired.push_back(std::make_unique<Line>(std::move(line)));
    sweepSoon();
}

void ReadPipelines::sweepSoon()
{
    if (m_sweepQueued)
        return;
    m_sweepQueued = true;
    QTimer::singleShot(0, &m_context, [this] {
        m_sweepQueued = false;
        sweep();
    });
}

void ReadPipelines::sweep()
{
    // A lost line's reads count as in flight until they have heard of it (PgPipeline::lose()).
    std::erase_if(m_retired,
                  [](const std::unique_ptr<Line> &line) { return line->reads->inFlight() == 0; });
    if (!m_retired.empty()) // answers still owed: look again a little later
        QTimer::singleShot(100, &m_context, [this] { sweepSoon(); });
}

} // namespace sluice
