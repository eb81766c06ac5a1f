#pragma once

#include "db/dialect.h"

namespace sluice {

// Ends an ODBC statement that runs past its timeout where neither the driver (sqliteodbc ignores
// SQL_ATTR_QUERY_TIMEOUT) nor the database (SQLite, SQL Server) has a statement timeout: one
// process-wide watchdog thread calls SQLCancel on the statement handle at the deadline, which
// ODBC allows from another thread. The running SQLExecute then fails as the driver reports a
// cancel (sqliteodbc: SQLite's SQLITE_INTERRUPT; SQL Server: SQLSTATE HY008), a Timeout.
class OdbcStatementWatch : public ExecutionWatch
{
public:
    OdbcStatementWatch(void *statementHandle, int timeoutMs);
    ~OdbcStatementWatch() override;

    // See ExecutionWatch. After it returns, no cancel can reach the statement any more.
    bool disarm() override;

private:
    quint64 m_id = 0;
    bool m_disarmed = false;
    bool m_fired = false;
};

} // namespace sluice
