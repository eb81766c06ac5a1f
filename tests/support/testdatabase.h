#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace sluice::test {

// The database behind a test compiled once per backend.
enum class Backend { SQLite, PostgreSQL, MariaDB, OdbcPostgreSQL };

// The backend this test executable was compiled for: SLUICE_TEST_ODBC_PG (PostgreSQL through
// psqlODBC), SLUICE_TEST_PG, SLUICE_TEST_MARIADB, otherwise SQLite.
#if defined(SLUICE_TEST_ODBC_PG)
inline constexpr Backend kCompiledBackend = Backend::OdbcPostgreSQL;
#elif defined(SLUICE_TEST_PG)
inline constexpr Backend kCompiledBackend = Backend::PostgreSQL;
#elif defined(SLUICE_TEST_MARIADB)
inline constexpr Backend kCompiledBackend = Backend::MariaDB;
#else
inline constexpr Backend kCompiledBackend = Backend::SQLite;
#endif

// A fresh database for one test, and how a Sluice service reaches it.
struct TestDatabase
{
    QString driver; // the service's --driver: sqlite, postgres, mysql or odbc
    QString dsn; // the service's --dsn
    QString connectionName; // a direct Qt connection (native driver) for fixtures and checks

    QSqlDatabase fixture() const { return QSqlDatabase::database(connectionName); }
    // Runs `sql` on the fixture connection; false + a qWarning naming it on failure.
    bool run(const QString &sql) const;
    // Closes and removes the fixture connection.
    void close() const;
};

// Creates database `name` on the server the harness started for `backend` (PostgreSQL and
// MariaDB; ODBC reaches the same PostgreSQL through psqlODBC), or the file `name`.sqlite in
// `sqliteDir`, and opens a fixture connection to it. MariaDB fixtures speak utf8mb4 in UTC.
// nullopt + a qWarning when that fails.
std::optional<TestDatabase>
createTestDatabase(Backend backend, const QString &name, const QString &sqliteDir,
                   const QString &connectionName = QStringLiteral("fixture"));

} // namespace sluice::test
