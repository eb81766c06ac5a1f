#include "db/sqlite/sqlitestatementtimeout.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSqlDriver>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Lives as a child of the connection's QSqlDriver, which outlives the sqlite3 handle it closes,
// so the hooks never see a dangling pointer. Reused when the connection is reopened.
class TimeoutState : public QObject
{
public:
    using QObject::QObject;

    QElapsedTimer started;
    qint64 timeoutMs = 0;
};

constexpr int kProgressInstructions = 1000; // VM steps between clock checks: cheap enough

int onTrace(unsigned type, void *context, void *, void *x)
{
    if (type != SQLITE_TRACE_STMT)
        return 0;
    // SQLITE_TRACE_STMT also fires when a trigger starts inside the running statement; SQLite
    // passes "-- TRIGGER name" then. That must not restart the clock.
    const char *sql = static_cast<const char *>(x);
    if (sql && sql[0] == '-' && sql[1] == '-')
        return 0;
    static_cast<TimeoutState *>(context)->started.start();
    return 0;
}

int onProgress(void *context)
{
    const auto *state = static_cast<TimeoutState *>(context);
    // Non-zero interrupts the statement with SQLITE_INTERRUPT.
    return state->started.isValid() && state->started.hasExpired(state->timeoutMs) ? 1 : 0;
}

} // namespace

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    if (!db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

Status setSqliteStatementTimeout(QSqlDatabase &db, int timeoutMs)
{
    sqlite3 *handle = sqliteHandle(db);
    if (!handle)
        return Error::internal(u"SQLite statement timeout: the connection is not open"_s);

    if (timeoutMs <= 0) {
        sqlite3_progress_handler(handle, 0, nullptr, nullptr);
        sqlite3_trace_v2(handle, 0, nullptr, nullptr);
        return {};
    }

    QSqlDriver *driver = db.driver();
    auto *state = driver->findChild<TimeoutState *>(QString(), Qt::FindDirectChildrenOnly);
    if (!state)
        state = new TimeoutState(driver);
    state->timeoutMs = timeoutMs;
    state->started.invalidate();

    sqlite3_trace_v2(handle, SQLITE_TRACE_STMT, onTrace, state);
    sqlite3_progress_handler(handle, kProgressInstructions, onProgress, state);
    return {};
}

} // namespace sluice
