#pragma once

#include "core/result.h"
#include "db/schema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <memory>

namespace sluice {

struct ServiceConfig;

enum class DialectId { SQLite, PostgreSQL, MySQL };

// The statements that can carry a RETURNING clause.
enum class StatementKind { Insert, Update, Delete };

// Everything that differs between databases lives behind this interface: connecting,
// quoting, paging, upserts, error classification and introspection. The SQL builder and the
// API code above it never branch on the database.
class Dialect
{
public:
    virtual ~Dialect() = default;

    virtual DialectId id() const = 0;
    virtual QString name() const = 0; // "sqlite", "postgres", "mysql": the --driver value
    virtual QString qtDriver() const = 0; // "QSQLITE", "QPSQL", "QMYSQL"

    // Applies a DSN (see docs/dsn.md) to a fresh QSqlDatabase. BadRequest when malformed.
    virtual Status applyDsn(QSqlDatabase &db, const QString &dsn) const = 0;
    // Session settings right after open: pragmas, statement timeout, time zone, encoding.
    virtual Status configureSession(QSqlDatabase &db, int statementTimeoutMs) const = 0;

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
    // The tail of an INSERT that turns it into an upsert on the primary key.
    virtual QString upsertClause(const Table &table, const QStringList &insertedColumns) const = 0;
    // LIKE with '\' as the escape character, for CONTAINS / STARTS WITH / ENDS WITH.
    virtual QString likeEscape() const { return QStringLiteral(" ESCAPE '\\'"); }

    // Maps a driver error to an ErrorKind from native codes (SQLSTATE, SQLite extended result
    // codes) — never from message text. `db` gives access to the native handle when needed.
    virtual Error classify(const QSqlError &error, const QSqlDatabase &db) const = 0;

    // Reads tables, views, columns, keys, foreign keys, indexes and procedures.
    // `schemaName` selects the PostgreSQL schema (default "public") or the MySQL database
    // (default: the connection's); ignored by SQLite.
    virtual Result<Schema> introspect(QSqlDatabase &db, const QString &schemaName) const = 0;
};

// The dialect for a --driver name ("sqlite", "postgres"/"postgresql"/"pgsql",
// "mysql"/"mariadb"), or nullptr.
const Dialect *dialectForDriver(QStringView driver);

} // namespace sluice
