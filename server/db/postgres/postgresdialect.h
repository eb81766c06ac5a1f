#pragma once

#include "db/dialect.h"

namespace sluice {

// PostgreSQL through QPSQL (libpq). The DSN is a postgres:// URL or a libpq key=value list; see
// docs/dsn.md and postgresdsn.h.
class PostgresDialect : public Dialect
{
public:
    PostgresDialect()
        : Dialect(QStringLiteral("postgres"), QStringLiteral("QPSQL"))
    {
    }

    DialectId id() const override { return DialectId::PostgreSQL; }
    ResultFieldHint resultFieldHint(const QSqlField &field) const override;
    std::function<void()> statementInterrupter(const QSqlDatabase &db) const override;

    Status applyDsn(QSqlDatabase &db, const QString &dsn) const override;
    Status configureSession(QSqlDatabase &db, int statementTimeoutMs) const override;
    Status enterSchema(QSqlDatabase &db, const QString &schema) const override;
    Status setTenant(QSqlDatabase &db, const QString &tenant) const override;

    QString upsertClause(const Table &table, const QStringList &insertedColumns) const override;

    QString readOnlySessionStatement() const override
    {
        return QStringLiteral("SET default_transaction_read_only = on");
    }
    bool returnsInsertedRowsInOrder() const override { return true; }
    // Parses `sql` through libpq's extended protocol, which takes one statement only; one
    // without parameters then runs as it is, since PREPARE takes only SELECT, INSERT, UPDATE,
    // DELETE, MERGE and VALUES (postgresonestatement.cpp).
    Result<RawExecution> confirmOneStatement(QSqlDatabase &db, const QString &sql,
                                             bool hasParameters) const override;

    QString readExpression(const QString &quotedColumn, ReadAs readAs) const override;
    void appendInList(QString &sql, QVariantList &binds, const Column &column,
                      const QVariantList &values) const override;
    Error classify(const QSqlError &error, const QSqlDatabase &db) const override;
    std::unique_ptr<ExecutionWatch> watchExecution(QSqlQuery &query,
                                                   int statementTimeoutMs) const override;
    bool connectionBroken(const QSqlDatabase &db) const override;
    bool mayPipelineReads() const override { return true; }
    std::unique_ptr<PipelinedReads> pipelinedReads(const QSqlDatabase &db,
                                                   int statementTimeoutMs) const override;
    // Reads through libpq beside QPSQL (postgresnativereads.h).
    std::unique_ptr<NativeReads> nativeReads(const QSqlDatabase &db) const override;
    Error classifyDiagnostic(const DbDiagnostic &diagnostic) const override;
    Result<Schema> introspect(QSqlDatabase &db, const QString &schemaName) const override;

    // String literals for DDL: E'…' when the text holds a backslash (postgresroutines.cpp).
    QString stringLiteral(QStringView text) const override;

    // Procedures and functions (postgresroutines.cpp).
    Result<QList<Procedure>> routines(QSqlDatabase &db, const QString &schemaName) const override;
    Result<CallPlan> callPlan(const Procedure &routine, const QString &schemaName,
                              const QList<CallArgument> &arguments) const override;
};

} // namespace sluice
