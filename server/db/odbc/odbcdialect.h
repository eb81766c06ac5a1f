#pragma once

#include "db/dialect.h"

namespace sluice {

// A database reached through Qt's QODBC driver (--driver odbc). The SQL, the classification
// tables and the introspection are those of the database found behind the ODBC driver (the
// "flavour": PostgreSQL, SQLite, MySQL/MariaDB or SQL Server dialect), so nothing is written
// twice; what differs on the way through ODBC lives here:
// - the DSN is an ODBC connection string (odbcdsn.h);
// - errors are read from the ODBC diagnostic records (SQLSTATE and native code; Qt 6.4's
//   QSqlError carries neither reliably) and classified by the flavour;
// - session setup that needs a native handle is left out (SQLite: extended result codes and the
//   progress-handler timeout). The ODBC query timeout is set on every statement; sqliteodbc
//   ignores it, so a watchdog cancels statements at their deadline (deadlinewatch.h);
// - sqliteodbc drops the rows of INSERT/UPDATE/DELETE … RETURNING, so SQLite over ODBC reports
//   no RETURNING support (writes then re-read rows by key, as on MySQL).
class OdbcDialect : public Dialect
{
public:
    explicit OdbcDialect(const Dialect &flavour)
        : Dialect(QStringLiteral("odbc"), QStringLiteral("QODBC"))
        , m_flavour(flavour)
    {
    }

    const Dialect &flavour() const { return m_flavour; }

    DialectId id() const override { return m_flavour.id(); }

    Status applyDsn(QSqlDatabase &db, const QString &dsn) const override;
    Status configureSession(QSqlDatabase &db, int statementTimeoutMs) const override;

    QString quoteIdentifier(QStringView identifier) const override
    {
        return m_flavour.quoteIdentifier(identifier);
    }
    QString limitClause(qint64 limit, qint64 offset) const override
    {
        return m_flavour.limitClause(limit, offset);
    }
    QString returningClause(const QString &quotedColumns) const override
    {
        return m_flavour.returningClause(quotedColumns);
    }
    bool supportsReturning(StatementKind kind) const override;
    QString lockRowsClause() const override { return m_flavour.lockRowsClause(); }
    bool returnsInsertedRowsInOrder() const override
    {
        return m_flavour.returnsInsertedRowsInOrder();
    }
    // QODBC knows no generated-key query for SQLite, and looks for "MySql" where MySQL's
    // driver says "MySQL": those two are asked here.
    QVariant lastInsertId(QSqlQuery &insert, const QSqlDatabase &db) const override;
    QString upsertClause(const Table &table, const QStringList &insertedColumns) const override
    {
        return m_flavour.upsertClause(table, insertedColumns);
    }
    QString likeEscape() const override { return m_flavour.likeEscape(); }
    void appendInList(QString &sql, QVariantList &binds, const Column &column,
                      const QVariantList &values) const override
    {
        m_flavour.appendInList(sql, binds, column, values);
    }
    QString readOnlySessionStatement() const override
    {
        return m_flavour.readOnlySessionStatement();
    }
    // (confirmOneStatement stays the default: the flavour's check needs its native driver.)
    QString readExpression(const QString &quotedColumn, ReadAs readAs) const override
    {
        return m_flavour.readExpression(quotedColumn, readAs);
    }
    QString escapeLike(const QString &text) const override { return m_flavour.escapeLike(text); }
    ReturningPlacement returningPlacement() const override
    {
        return m_flavour.returningPlacement();
    }
    QString returningClauseFor(StatementKind kind, const QStringList &quotedColumns) const override
    {
        return m_flavour.returningClauseFor(kind, quotedColumns);
    }
    bool pagingNeedsOrderBy() const override { return m_flavour.pagingNeedsOrderBy(); }
    QString upsertStatement(const Table &table, const QStringList &insertedColumns,
                            const QString &returning) const override
    {
        return m_flavour.upsertStatement(table, insertedColumns, returning);
    }

    // From the connection's diagnostic records (a failed open, commit or rollback).
    Error classify(const QSqlError &error, const QSqlDatabase &db) const override;
    // From the statement's diagnostic records.
    Error classifyFailure(const QSqlQuery &query, const QSqlDatabase &db) const override;
    // The flavour's classification of the record, its text stripped of the "[vendor][driver]"
    // prefixes ODBC drivers put in front.
    Error classifyDiagnostic(const DbDiagnostic &diagnostic) const override;
    // A failure's records in the order the driver gave them: the first that classifies as
    // something other than Internal is the error, the others context (SQL Server follows 2627
    // with 3621 "The statement has been terminated.").
    Error classifyRecords(const QList<DbDiagnostic> &records) const;
    // The flavour's introspection, with every zoned timestamp column marked as a UTC wall
    // clock: QODBC builds each QDateTime from the driver's date and time fields, and every ODBC
    // session is in UTC (the flavours' configureSession).
    Result<Schema> introspect(QSqlDatabase &db, const QString &schemaName) const override;

    // Sets the ODBC query timeout (whole seconds, rounded up) on the prepared statement.
    void statementPrepared(QSqlQuery &query, int statementTimeoutMs) const override;
    // SQLite and SQL Server have no statement timeout of their own and sqliteodbc ignores the
    // query timeout: a DeadlineWatch cancels the statement at its deadline.
    std::unique_ptr<ExecutionWatch> watchExecution(QSqlQuery &query,
                                                   int statementTimeoutMs) const override;

private:
    const Dialect &m_flavour;
};

// The DBMS behind an open QODBC connection, as its driver names it (SQLGetInfo SQL_DBMS_NAME):
// "PostgreSQL", "SQLite", "MySQL", "MariaDB", "Microsoft SQL Server"… Empty when unknown.
QString odbcDbmsName(const QSqlDatabase &db);

// The dialect for a DBMS name from odbcDbmsName(), or nullptr when Sluice has none for it.
const OdbcDialect *odbcDialectForDbms(const QString &dbmsName);

// The dialect for an open QODBC connection; Unavailable naming the DBMS when there is none.
Result<const Dialect *> detectOdbcDialect(const QSqlDatabase &db);

} // namespace sluice
