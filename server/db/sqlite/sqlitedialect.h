#pragma once

#include "db/dialect.h"

namespace sluice {

// SQLite through QSQLITE (Debian's system libsqlite3). The DSN is a file path; see docs/dsn.md.
class SqliteDialect : public Dialect
{
public:
    enum class MissingFile {
        Fail, // services: a missing file is an error, never a silently created empty database
        Create, // the demo database and tests that build a database from scratch
    };

    explicit SqliteDialect(MissingFile missingFile = MissingFile::Fail)
        : Dialect(QStringLiteral("sqlite"), QStringLiteral("QSQLITE"))
        , m_missingFile(missingFile)
    {
    }

    DialectId id() const override { return DialectId::SQLite; }

    Status applyDsn(QSqlDatabase &db, const QString &dsn) const override;
    Status configureSession(QSqlDatabase &db, int statementTimeoutMs) const override;

    QString upsertClause(const Table &table, const QStringList &insertedColumns) const override;
    // SQLite has no row locks (a writing transaction locks the database), nor FOR UPDATE. Only
    // used through ODBC, where RETURNING is lost and written rows are read back.
    QString lockRowsClause() const override { return {}; }
    void appendInList(QString &sql, QVariantList &binds, const Column &column,
                      const QVariantList &values) const override;

    QString readOnlySessionStatement() const override
    {
        return QStringLiteral("PRAGMA query_only = ON");
    }
    // Opening the file read-only beats any setting.
    QString readOnlyConnectOption() const override
    {
        return QStringLiteral("QSQLITE_OPEN_READONLY");
    }
    std::unique_ptr<NativeReads> nativeReads(const QSqlDatabase &db) const override;
    std::function<void()> statementInterrupter(const QSqlDatabase &db) const override;

    Error classify(const QSqlError &error, const QSqlDatabase &db) const override;
    // `nativeCode` is an extended result code (QSQLITE), or a primary one (sqliteodbc).
    Error classifyDiagnostic(const DbDiagnostic &diagnostic) const override;
    Result<Schema> introspect(QSqlDatabase &db, const QString &schemaName) const override;

    // Schema changes (sqliteddl.cpp). SQLite cannot drop or modify a column in place in general,
    // so those changes rebuild the table (sqlitetablerebuild.cpp); SQLite has no routines.
    QString columnType(const ColumnDefinition &column) const override;
    const DdlTypeNames &ddlTypeNames() const override;
    Result<QString> autoIncrementClause(bool inlineKey) const override;
    QStringList alterSpecifications(const SchemaChange &change, const Column *current,
                                    const ColumnSql &sql) const override;
    Status runSchemaChange(QSqlDatabase &db, const QList<DdlStep> &steps) const override;

    // The session settings that need no sqlite3 handle, so ODBC connections take them too:
    // enforced foreign keys, and a case-sensitive LIKE as PostgreSQL's.
    static QStringList sessionPragmas();

    // What a DSN names: the file and how to open it (docs/dsn.md), or BadRequest.
    struct Dsn
    {
        QString path; // ":memory:" passes through
        bool readOnly = false;
        bool create = false; // "?mode=rwc": create a missing file
    };
    static Result<Dsn> parseDsn(const QString &dsn);

private:
    MissingFile m_missingFile;
};

} // namespace sluice
