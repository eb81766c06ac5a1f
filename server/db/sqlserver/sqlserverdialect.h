#pragma once

#include "db/dialect.h"

namespace sluice {

// Microsoft SQL Server (T-SQL), reached through ODBC (FreeTDS's tdsodbc on Linux, Microsoft's
// ODBC Driver 17/18 elsewhere): found behind --driver odbc by its DBMS name, never a --driver
// of its own. What differs from the ANSI shape:
// - [identifiers] with ']' doubled;
// - OFFSET n ROWS FETCH NEXT m ROWS ONLY, which needs an ORDER BY (the key, else
//   ORDER BY (SELECT NULL));
// - OUTPUT INSERTED.… / DELETED.… in place of RETURNING, before VALUES / DEFAULT VALUES and
//   before WHERE. An IDENTITY column's generated value comes back this way, per statement (the
//   scope SCOPE_IDENTITY() would give, never another session's or a trigger's). SQL Server
//   refuses OUTPUT without INTO on a table with enabled triggers (error 334);
// - upserts are one MERGE … WITH (HOLDLOCK) on the primary key (HOLDLOCK closes the race
//   between the match and the insert). Inserting an explicit value into an IDENTITY key needs
//   IDENTITY_INSERT, which Sluice does not switch on: such an upsert is a 400 (error 544);
// - LIKE treats '[' as a character class: escapeLike() escapes it too.
class SqlServerDialect : public Dialect
{
public:
    SqlServerDialect()
        : Dialect(QStringLiteral("sqlserver"), QStringLiteral("QODBC"))
    {
    }

    DialectId id() const override { return DialectId::SqlServer; }

    // An ODBC connection string (docs/dsn.md).
    Status applyDsn(QSqlDatabase &db, const QString &dsn) const override;
    Status configureSession(QSqlDatabase &db, int statementTimeoutMs) const override;

    QString quoteIdentifier(QStringView identifier) const override;
    QString limitClause(qint64 limit, qint64 offset) const override;
    bool pagingNeedsOrderBy() const override { return true; }
    ReturningPlacement returningPlacement() const override
    {
        return ReturningPlacement::BeforeValuesOrWhere;
    }
    QString returningClauseFor(StatementKind kind, const QStringList &quotedColumns) const override;
    QString upsertClause(const Table &, const QStringList &) const override { return {}; }
    // T-SQL locks with a table hint (WITH (UPDLOCK, ROWLOCK)) after the table name, not a tail.
    // Never needed: OUTPUT returns the written rows, so nothing is probed and read back.
    QString lockRowsClause() const override { return {}; }
    QString upsertStatement(const Table &table, const QStringList &insertedColumns,
                            const QString &returning) const override;
    QString escapeLike(const QString &text) const override;

    // T-SQL has no read-only session (the default: none).

    Error classify(const QSqlError &error, const QSqlDatabase &db) const override;
    // `nativeCode` is SQL Server's error number (sys.messages), `sqlState` the ODBC SQLSTATE.
    Error classifyDiagnostic(const DbDiagnostic &diagnostic) const override;
    // `schemaName` is the SQL Server schema; empty means "dbo".
    Result<Schema> introspect(QSqlDatabase &db, const QString &schemaName) const override;

    // Schema changes (sqlserverddl.cpp): nvarchar/datetime2/… types, IDENTITY(1,1), N'' literals,
    // bit defaults as 1/0, ALTER TABLE … ADD / DROP COLUMN / ALTER COLUMN, sp_rename.
    const DdlTypeNames &ddlTypeNames() const override;
    Result<QString> autoIncrementClause(bool inlineKey) const override;
    QString stringLiteral(QStringView text) const override;
    QString booleanLiteral(bool value) const override;
    QStringList alterSpecifications(const SchemaChange &change, const Column *current,
                                    const ColumnSql &sql) const override;
    QStringList alterStatements(const QString &table, const SchemaChange &change,
                                const QStringList &specifications) const override;

    // Procedures and functions (sqlserverroutines.cpp): parameters from sys.parameters; EXEC
    // with named arguments, SELECT f(…) and SELECT * FROM f(…).
    Result<QList<Procedure>> routines(QSqlDatabase &db, const QString &schemaName) const override;
    Result<CallPlan> callPlan(const Procedure &routine, const QString &schemaName,
                              const QList<CallArgument> &arguments) const override;
};

// "nvarchar(80)", "decimal(10,2)", "varbinary(max)", "int" from sys.columns' / sys.parameters'
// numbers (max_length in bytes, -1 for max).
QString sqlServerTypeDisplay(const QString &type, int maxLength, int precision, int scale);

} // namespace sluice
