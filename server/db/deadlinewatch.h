#pragma once

#include "db/dialect.h"

#include <functional>

namespace sluice {

// Ends a statement that runs past its deadline where the database or driver alone cannot: one
// process-wide watchdog thread runs `onDeadline` at the deadline, from that thread.
// - ODBC (sqliteodbc ignores SQL_ATTR_QUERY_TIMEOUT; SQLite and SQL Server have no statement
//   timeout): SQLCancel on the statement handle, which ODBC allows from another thread; the
//   running SQLExecute then fails as the driver reports a cancel.
// - PostgreSQL: the server ends statements itself (statement_timeout), but a server that does not
//   answer at all (stopped, frozen, network gone while the kernel still ACKs) would hold the
//   worker for ever: past a grace period the socket is shut down, so libpq's wait ends and the
//   connection is dropped.
class DeadlineWatch : public ExecutionWatch
{
public:
    DeadlineWatch(std::function<void()> onDeadline, int timeoutMs);
    ~DeadlineWatch() override;

    // See ExecutionWatch. After it returns, `onDeadline` is not running and never will.
    bool disarm() override;

private:
    quint64 m_id = 0;
    bool m_disarmed = false;
    bool m_fired = false;
};

} // namespace sluice
