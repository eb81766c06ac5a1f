#pragma once

#include "core/result.h"
#include "db/schema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <memory>

namespace sluice {

struct ServiceConfig;
class NativeReads;
class PipelinedReads;
struct ColumnDefinition;
struct SchemaChange;
struct ColumnSql;
struct DdlTypeNames;
struct DdlStep;
struct CallArgument;
struct CallPlan;

enum class DialectId { SQLite, PostgreSQL, MySQL, SqlServer };

// The statements that can carry a RETURNING clause.
enum class StatementKind { Insert, Update, Delete };

// Where a statement's returned rows are asked for: after the whole statement (RETURNING), or
// T-SQL's OUTPUT, which goes before VALUES / DEFAULT VALUES of an INSERT and before the WHERE of
// an UPDATE or DELETE.
enum class ReturningPlacement { End, BeforeValuesOrWhere };

// One error as the database reported it, whichever way it arrived: a native Qt driver's
// QSqlError or an ODBC diagnostic record. Codes are the database's own (ODBC drivers pass them
// through), so each dialect's classification table serves both paths.
struct DbDiagnostic
{
    QString sqlState; // "23505"; empty when the driver gives none
    int nativeCode = 0; // SQLite result code, MySQL errno, SQL Server error number; 0: none
    QString text; // the database's message
};

// Everything that differs between databases lives behind this interface: connecting,
// quoting, paging, upserts, error classification and introspection. The SQL builder and the
// API code above it never branch on the database.
// Something that ends a running statement at its timeout (see Dialect::watchExecution).
class ExecutionWatch
{
public:
    virtual ~ExecutionWatch() = default;
    // Stops watching; true when the statement was ended for running past its timeout (then it
    // failed, or its result is gone, even if the driver reported success).
    virtual bool disarm() = 0;
};

// Seconds a connection attempt may take where the DSN does not say (PostgreSQL's
// connect_timeout, MySQL's connect-timeout).
inline constexpr int kDefaultConnectTimeoutS = 10;

// `text` between `open` and `close` with every `close` in it doubled (and every backslash too
// where the database reads backslashes as escapes), so nothing in `text` can end it: quoted
// identifiers ("a""b", `a``b`, [a]]b]) and string literals ('it''s').
QString enclosed(QStringView text, QChar open, QChar close, bool doubleBackslashes = false);

// What a result column holds beyond what QSqlField::metaType() says, for a front door with typed
// columns (Arrow Flight SQL).
struct ResultFieldHint
{
    // An exact numeric with a declared precision and scale (PostgreSQL numeric(p,s), MySQL
    // DECIMAL): its values arrive as text with exactly the database's digits.
    bool exactNumeric = false;
    int precision = 0; // at least the declared precision: every value fits
    int scale = 0;
    // A timestamp that is an instant (PostgreSQL timestamptz, MySQL TIMESTAMP), not a wall clock.
    bool zonedTimestamp = false;
};

class Dialect
{
public:
    virtual ~Dialect() = default;

    // See ResultFieldHint; by default nothing beyond the field's type.
    virtual ResultFieldHint resultFieldHint(const QSqlField &) const { return {}; }

    // Something that ends the statement running on `db` when called from another thread, for
    // a caller that went away (a cancelled Flight call): PostgreSQL's cancel request, SQLite's
    // interrupt. Made before the statement starts, called at most while `db` stays open; null
    // where the database offers no such thing (the statement then runs to its timeout).
    virtual std::function<void()> statementInterrupter(const QSqlDatabase &) const { return {}; }

    virtual DialectId id() const = 0;
    QString name() const { return m_name; } // "sqlite", "postgres", "mysql": the --driver value
    QString qtDriver() const { return m_qtDriver; } // "QSQLITE", "QPSQL", "QMYSQL"

    // Applies a DSN (see docs/dsn.md) to a fresh QSqlDatabase. BadRequest when malformed.
    virtual Status applyDsn(QSqlDatabase &db, const QString &dsn) const = 0;
    // Session settings right after open: pragmas, statement timeout, time zone, encoding.
    virtual Status configureSession(QSqlDatabase &db, int statementTimeoutMs) const = 0;
    // Makes `schema` where the session's unqualified names resolve (PostgreSQL search_path,
    // MySQL's current database), for a service or tenant's backend with a schema of its own.
    // By default nothing: SQLite has no schemas and SQL Server's default schema belongs to the
    // login (validatedService() refuses per-tenant schemas there).
    virtual Status enterSchema(QSqlDatabase &db, const QString &schema) const;
    // Tells the session which tenant it serves (tenancy 'setting', API.md §11), for the
    // operator's row-level-security policies. Unavailable by default: only PostgreSQL has it.
    virtual Status setTenant(QSqlDatabase &db, const QString &tenant) const;

    // "name" with embedded quotes doubled (ANSI). Identifiers must already be checked against
    // the schema; quoting is the second line of defence, not the first.
    virtual QString quoteIdentifier(QStringView identifier) const;
    // " LIMIT n OFFSET m" (numbers are validated integers, written as literals).
    virtual QString limitClause(qint64 limit, qint64 offset) const;
    // The expression that reads a column through ReadAs::Text / ReadAs::Json (never Value).
    virtual QString readExpression(const QString &quotedColumn, ReadAs readAs) const;
    // " RETURNING a, b" when the database can return written rows; empty otherwise.
    virtual QString returningClause(const QString &quotedColumns) const;
    // Whether a statement of this kind may end in returningClause(). SQLite and PostgreSQL
    // return rows from all three; MariaDB 10.5+ from INSERT and DELETE only, MySQL from none.
    // Where it is false the SQL builder leaves RETURNING out and the statement reports no
    // rows: the API layer must then re-read the written rows by their key (after an INSERT,
    // the key given or LAST_INSERT_ID()) in the same transaction.
    virtual bool supportsReturning(StatementKind) const { return true; }
    // The tail of a SELECT that locks the selected rows until the transaction ends: the probe
    // that finds the rows an UPDATE/DELETE will write where RETURNING is unavailable.
    virtual QString lockRowsClause() const { return QStringLiteral(" FOR UPDATE"); }
    // Whether INSERT … VALUES (…), (…) RETURNING answers the rows in VALUES order, so a bulk
    // insert can be one statement and still answer the records as sent (PostgreSQL). SQLite's
    // documentation leaves the order open; T-SQL's OUTPUT too.
    virtual bool returnsInsertedRowsInOrder() const { return false; }
    // The key the database generated for the row `insert` (an executed INSERT) just wrote,
    // where the API reads written rows back instead of returning them. By default the Qt
    // driver's lastInsertId(); invalid when unknown.
    virtual QVariant lastInsertId(QSqlQuery &insert, const QSqlDatabase &db) const
    {
        Q_UNUSED(db)
        return insert.lastInsertId();
    }
    // The tail of an INSERT that turns it into an upsert on the primary key.
    virtual QString upsertClause(const Table &table, const QStringList &insertedColumns) const = 0;
    // LIKE with '\' as the escape character, for CONTAINS / STARTS WITH / ENDS WITH.
    virtual QString likeEscape() const { return QStringLiteral(" ESCAPE '\\'"); }
    // `text` with the characters LIKE treats specially escaped by '\' ('%', '_', '\'; T-SQL
    // also '['), so it matches literally.
    virtual QString escapeLike(const QString &text) const;
    // Appends "`column` is one of `values`" (values bindable for the column) to `sql`, its values
    // to `binds`: by default IN (?, ?, …), a placeholder per value. Where a long placeholder list
    // is costly or limited, a dialect binds it as one value instead (SQLite, PostgreSQL).
    virtual void appendInList(QString &sql, QVariantList &binds, const Column &column,
                              const QVariantList &values) const;

    // Hooks for databases whose statements are shaped differently (SQL Server). The defaults
    // keep the shape every other dialect uses.
    virtual ReturningPlacement returningPlacement() const { return ReturningPlacement::End; }
    // The clause returning `quotedColumns` from a statement of `kind`; by default
    // returningClause() of the joined list.
    virtual QString returningClauseFor(StatementKind kind, const QStringList &quotedColumns) const;
    // Whether limitClause() needs an ORDER BY before it (OFFSET … FETCH does); the SQL builder
    // then orders by the key, or by nothing in particular when there is none.
    virtual bool pagingNeedsOrderBy() const { return false; }
    // A whole upsert statement (SQL Server's MERGE) for `insertedColumns` of `table`, returning
    // `returning` (a returningClauseFor() result, possibly empty); empty when the dialect upserts
    // with INSERT … upsertClause().
    virtual QString upsertStatement(const Table &table, const QStringList &insertedColumns,
                                    const QString &returning) const
    {
        Q_UNUSED(table)
        Q_UNUSED(insertedColumns)
        Q_UNUSED(returning)
        return {};
    }

    // Arms what ends `query`'s next execution once it runs past `statementTimeoutMs`, for
    // connections where neither the driver nor the database can; nullptr when nothing is needed.
    virtual std::unique_ptr<ExecutionWatch> watchExecution(QSqlQuery &query,
                                                           int statementTimeoutMs) const
    {
        Q_UNUSED(query)
        Q_UNUSED(statementTimeoutMs)
        return nullptr;
    }

    // Whether an idle connection is known to be unusable (the server ended the session while
    // it sat in the pool), checked without a round trip before the pool lends it out. False
    // where the dialect cannot tell; reads then retry once on a fresh connection (Connection).
    virtual bool connectionBroken(const QSqlDatabase &db) const
    {
        Q_UNUSED(db)
        return false;
    }

    // Reads faster than through QSqlQuery on the open connection `db` (SQLite's own
    // statements); nullptr where QSqlQuery is the way.
    virtual std::unique_ptr<NativeReads> nativeReads(const QSqlDatabase &db) const;
    // Reads that may be many in flight on the open connection `db`, which is theirs from now on
    // (PostgreSQL's pipeline mode; see ReadPipelines); nullptr where the dialect has none.
    // mayPipelineReads(): whether it is worth opening a connection to ask.
    virtual bool mayPipelineReads() const { return false; }
    virtual std::unique_ptr<PipelinedReads> pipelinedReads(const QSqlDatabase &db,
                                                           int statementTimeoutMs) const;

    // A connect option that makes the connection itself read-only (SQLite opens the file
    // read-only), added before it opens; empty where readOnlySessionStatement() does it.
    virtual QString readOnlyConnectOption() const { return {}; }

    // Called once after each statement is prepared, before it first runs.
    virtual void statementPrepared(QSqlQuery &query, int statementTimeoutMs) const
    {
        Q_UNUSED(query)
        Q_UNUSED(statementTimeoutMs)
    }

    // Maps a driver error to an ErrorKind from native codes (SQLSTATE, SQLite extended result
    // codes) — never from message text. `db` gives access to the native handle when needed.
    virtual Error classify(const QSqlError &error, const QSqlDatabase &db) const = 0;
    // Classifies the failure of `query` (prepare or exec). By default classify() of its
    // lastError(); ODBC reads the diagnostic records, where the database's codes are.
    virtual Error classifyFailure(const QSqlQuery &query, const QSqlDatabase &db) const;
    // Classifies an error from the database's own codes; the database's message is reduced to
    // what may be shown to the caller. Used by classify() and by ODBC connections.
    virtual Error classifyDiagnostic(const DbDiagnostic &diagnostic) const = 0;

    // Reads tables, views, columns, keys, foreign keys, indexes and procedures.
    // `schemaName` selects the PostgreSQL schema (default "public") or the MySQL database
    // (default: the connection's); ignored by SQLite.
    virtual Result<Schema> introspect(QSqlDatabase &db, const QString &schemaName) const = 0;

    // --- Schema changes (DDL) -------------------------------------------------------------
    // DdlBuilder (db/ddlbuilder.h) writes CREATE/ALTER/DROP TABLE and asks the dialect only what
    // differs. The defaults are PostgreSQL's (db/dialectddl.cpp).

    // The database type of a portable column type (db/tabledefinition.h), e.g. "varchar(80)",
    // as ddlTypeNames() spells it.
    virtual QString columnType(const ColumnDefinition &column) const;
    virtual const DdlTypeNames &ddlTypeNames() const;
    // What makes an integer column auto-increment, written after its type and NOT NULL.
    // `inlineKey`: the column is the table's one-column primary key, declared by this clause
    // (which then ends in PRIMARY KEY). BadRequest where the database cannot do it.
    virtual Result<QString> autoIncrementClause(bool inlineKey) const;
    // A string literal for DDL, which cannot bind values: quotes doubled, and backslashes where
    // the database reads them as escapes.
    virtual QString stringLiteral(QStringView text) const;
    // A boolean default in DDL: TRUE / FALSE, or 1 / 0 where the database has no such literal.
    virtual QString booleanLiteral(bool value) const;
    // The ALTER TABLE specifications of one change ("ADD COLUMN …", "RENAME COLUMN a TO b");
    // `current` is the column before the change (null for add_column). Empty: the database cannot
    // make the change in place and runSchemaChange() rebuilds the table (SQLite).
    virtual QStringList alterSpecifications(const SchemaChange &change, const Column *current,
                                            const ColumnSql &sql) const;
    // The whole statements of one change of `table` where DDL is transactional: by default
    // "ALTER TABLE t " before each of `specifications` (non-empty alterSpecifications()). SQL
    // Server renames a column with a procedure (sp_rename), not ALTER TABLE.
    virtual QStringList alterStatements(const QString &table, const SchemaChange &change,
                                        const QStringList &specifications) const;
    // Whether DDL takes part in transactions. Where it does not (MySQL commits at every DDL
    // statement) DdlBuilder puts all changes of a request into one ALTER TABLE, applied whole.
    virtual bool transactionalDdl() const { return true; }
    // Runs the steps of one schema change: in one transaction where DDL is transactional.
    virtual Status runSchemaChange(QSqlDatabase &db, const QList<DdlStep> &steps) const;

    // --- Raw SQL (db/rawsql.h) -------------------------------------------------------------
    // The statement that makes a session refuse every write, DDL included: the guard of
    // read-only services and of raw SQL run for a caller who may only read. Empty: the
    // database has none (T-SQL); raw SQL there relies on its transaction being rolled back.
    virtual QString readOnlySessionStatement() const { return {}; }
    // How a caller's raw statement runs: prepared, with its '?' bound, or sent as it is.
    enum class RawExecution { Prepared, Direct };
    // Has the database confirm that `sql` is a single statement before it runs, where the Qt
    // driver would otherwise run a second one, and says how to run it. Default: prepared; the
    // driver prepares `sql` as one statement or refuses it (QMYSQL, QSQLITE). QPSQL prepares by
    // sending "PREPARE … AS <sql>" as simple-query text, which runs whatever follows a ';'.
    virtual Result<RawExecution> confirmOneStatement(QSqlDatabase &db, const QString &sql,
                                                     bool hasParameters) const;

    // --- Procedures and functions (db/procedurecall.h) ------------------------------------
    // The callable routines of `schemaName` with their parameters, overloads as separate
    // entries. Default: none (SQLite has no stored routines).
    virtual Result<QList<Procedure>> routines(QSqlDatabase &db, const QString &schemaName) const;
    // The statements that call `routine` of `schemaName` with `arguments` (one per parameter, in
    // declared order, CallArgument::given false when the caller left it out). Values are always
    // bound, never written into the SQL. PostgreSQL: SELECT * FROM f(a => ?) and CALL; MySQL:
    // SELECT f(?) and CALL through session variables; SQL Server would be EXEC p @a = ?.
    virtual Result<CallPlan> callPlan(const Procedure &routine, const QString &schemaName,
                                      const QList<CallArgument> &arguments) const;
    // `routine` quoted and qualified by `schemaName` ("s"."f"), or alone where that is empty.
    QString quotedRoutineName(const QString &schemaName, const QString &routine) const;

protected:
    Dialect(const QString &name, const QString &qtDriver)
        : m_name(name)
        , m_qtDriver(qtDriver)
    {
    }

    // Runs `statements` in order on `db` (session settings); the first failure, classified.
    Status runStatements(QSqlDatabase &db, const QStringList &statements) const;
    // `text` with each of `special` escaped by a backslash: escapeLike() of a dialect whose LIKE
    // treats `special` (the backslash among them) specially.
    static QString backslashEscaped(const QString &text, QStringView special);
    // The upsert of SQLite and PostgreSQL: " ON CONFLICT (key, …) DO UPDATE SET c<assign>c, …"
    // over the inserted columns that are not in the key, or DO NOTHING when there are none.
    // `assign` makes a column take its proposed value: " = EXCLUDED.", "=excluded.".
    QString onConflictClause(const Table &table, const QStringList &insertedColumns,
                             QStringView assign) const;

private:
    QString m_name;
    QString m_qtDriver;
};

} // namespace sluice
