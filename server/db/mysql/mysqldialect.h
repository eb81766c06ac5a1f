#pragma once

#include "db/dialect.h"

namespace sluice {

// MySQL and MariaDB through QMYSQL (MariaDB Connector/C on Debian); drivers "mysql" and
// "mariadb" are the same dialect. The DSN is a mysql:// or mariadb:// URL; see docs/dsn.md and
// mysqldsn.h.
//
// No RETURNING at all. MySQL has none; MariaDB 10.5+ has INSERT/DELETE … RETURNING, but Qt 6.4's
// QMYSQL loses those rows from a prepared statement (checked against MariaDB 10.11: QMYSQL decides
// at prepare() whether a statement yields rows, from result metadata the server sends only at
// execution), and every statement here is prepared. tst_dialect_mysql watches for that to change.
class MysqlDialect : public Dialect
{
public:
    MysqlDialect()
        : Dialect(QStringLiteral("mysql"), QStringLiteral("QMYSQL"))
    {
    }

    DialectId id() const override { return DialectId::MySQL; }
    ResultFieldHint resultFieldHint(const QSqlField &field) const override;

    Status applyDsn(QSqlDatabase &db, const QString &dsn) const override;
    Status configureSession(QSqlDatabase &db, int statementTimeoutMs) const override;
    Status enterSchema(QSqlDatabase &db, const QString &schema) const override;

    // `name` with embedded backticks doubled.
    QString quoteIdentifier(QStringView identifier) const override;
    QString returningClause(const QString &) const override { return {}; }
    bool supportsReturning(StatementKind) const override { return false; }
    QString upsertClause(const Table &table, const QStringList &insertedColumns) const override;
    QString likeEscape() const override;

    // Session-wide, not per transaction: MySQL commits before DDL and runs it outside the
    // transaction, where only the session setting still refuses it.
    QString readOnlySessionStatement() const override
    {
        return QStringLiteral("SET SESSION TRANSACTION READ ONLY");
    }

    Error classify(const QSqlError &error, const QSqlDatabase &db) const override;
    Error classifyDiagnostic(const DbDiagnostic &diagnostic) const override;
    // `schemaName` is the database; empty means the connection's own.
    Result<Schema> introspect(QSqlDatabase &db, const QString &schemaName) const override;

    // Schema changes (mysqlddl.cpp).
    const DdlTypeNames &ddlTypeNames() const override;
    Result<QString> autoIncrementClause(bool inlineKey) const override;
    QString stringLiteral(QStringView text) const override;
    QStringList alterSpecifications(const SchemaChange &change, const Column *current,
                                    const ColumnSql &sql) const override;
    bool transactionalDdl() const override { return false; }

    // Procedures and functions (mysqlroutines.cpp).
    Result<QList<Procedure>> routines(QSqlDatabase &db, const QString &schemaName) const override;
    Result<CallPlan> callPlan(const Procedure &routine, const QString &schemaName,
                              const QList<CallArgument> &arguments) const override;
};

} // namespace sluice
