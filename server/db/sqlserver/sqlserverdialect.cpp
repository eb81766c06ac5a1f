#include "db/sqlserver/sqlserverdialect.h"

#include "db/odbc/odbcdsn.h"

#include <QSqlQuery>

#include <limits>

using namespace Qt::StringLiterals;

namespace sluice {

Status SqlServerDialect::applyDsn(QSqlDatabase &db, const QString &dsn) const
{
    return applyOdbcDsn(db, dsn);
}

Status SqlServerDialect::configureSession(QSqlDatabase &db, int statementTimeoutMs) const
{
    // The ANSI settings make SQL Server behave as the other databases do: a too long string or
    // an overflow is an error (ANSI_WARNINGS), NULL = NULL is unknown, "…" quotes identifiers.
    // XACT_ABORT rolls the whole transaction back on any runtime error, as PostgreSQL does, so a
    // failed statement never leaves half a write behind. NOCOUNT keeps "n rows affected" messages
    // out of the result stream, where they would hide OUTPUT rows from some drivers.
    // SQL Server has no server-side statement timeout: LOCK_TIMEOUT bounds lock waits (error
    // 1222, a Timeout); OdbcDialect sets the ODBC query timeout on every statement and cancels
    // one still running at its deadline (deadlinewatch.h).
    return runStatements(
        db,
        {
            u"SET ANSI_NULLS, ANSI_PADDING, ANSI_WARNINGS, ARITHABORT, CONCAT_NULL_YIELDS_NULL,"
            " QUOTED_IDENTIFIER ON"_s,
            u"SET NUMERIC_ROUNDABORT OFF"_s,
            u"SET XACT_ABORT ON"_s,
            u"SET NOCOUNT ON"_s,
            u"SET DATEFORMAT ymd"_s,
            u"SET LOCK_TIMEOUT %1"_s.arg(statementTimeoutMs > 0 ? statementTimeoutMs : -1),
        });
}

QString SqlServerDialect::quoteIdentifier(QStringView identifier) const
{
    return enclosed(identifier, u'[', u']');
}

QString SqlServerDialect::limitClause(qint64 limit, qint64 offset) const
{
    QString clause = u" OFFSET "_s + QString::number(offset) + u" ROWS"_s;
    // An offset without a limit ("all remaining rows") is OFFSET alone.
    if (limit != std::numeric_limits<qint64>::max())
        clause += u" FETCH NEXT "_s + QString::number(limit) + u" ROWS ONLY"_s;
    return clause;
}

QString SqlServerDialect::returningClauseFor(StatementKind kind,
                                             const QStringList &quotedColumns) const
{
    if (quotedColumns.isEmpty())
        return {};
    // INSERTED holds the rows as written (by INSERT, UPDATE or MERGE), DELETED the removed ones.
    const QString table = kind == StatementKind::Delete ? u"DELETED."_s : u"INSERTED."_s;
    QString clause = u" OUTPUT "_s;
    for (qsizetype i = 0; i < quotedColumns.size(); ++i)
        clause += (i ? u", "_s : QString()) + table + quotedColumns.at(i);
    return clause;
}

QString SqlServerDialect::upsertStatement(const Table &table, const QStringList &insertedColumns,
                                          const QString &returning) const
{
    // Without every key column there is nothing to match on: a plain INSERT, as ON CONFLICT
    // would do elsewhere.
    for (const QString &key : table.primaryKey) {
        if (!insertedColumns.contains(key))
            return {};
    }
    QStringList columns, placeholders, sourceColumns, matches, assignments;
    for (const QString &column : insertedColumns) {
        const QString quoted = quoteIdentifier(column);
        columns << quoted;
        placeholders << u"?"_s;
        sourceColumns << u"[source]."_s + quoted;
        if (table.primaryKey.contains(column))
            matches << u"[target]."_s + quoted + u" = [source]."_s + quoted;
        else
            assignments << quoted + u" = [source]."_s + quoted;
    }
    // HOLDLOCK (serializable on the target) makes the match and the insert one atomic step:
    // without it two concurrent upserts of a new key can both decide to insert.
    QString sql = u"MERGE INTO "_s + quoteIdentifier(table.name)
        + u" WITH (HOLDLOCK) AS [target] USING (VALUES ("_s + placeholders.join(u", "_s)
        + u")) AS [source] ("_s + columns.join(u", "_s) + u") ON "_s + matches.join(u" AND "_s);
    // Only key columns given: an existing row stays as it is (ON CONFLICT DO NOTHING).
    if (!assignments.isEmpty())
        sql += u" WHEN MATCHED THEN UPDATE SET "_s + assignments.join(u", "_s);
    sql += u" WHEN NOT MATCHED THEN INSERT ("_s + columns.join(u", "_s) + u") VALUES ("_s
        + sourceColumns.join(u", "_s) + u')';
    // MERGE must end with a semicolon; its OUTPUT goes last.
    return sql + returning + u';';
}

QString SqlServerDialect::escapeLike(const QString &text) const
{
    return backslashEscaped(text, u"\\%_["); // '[' opens a character class in T-SQL's LIKE
}

namespace {

ErrorKind kindForErrorNumber(int number)
{
    switch (number) {
    case 2627: // unique constraint (or primary key) violated
    case 2601: // duplicate key row in a unique index
        return ErrorKind::Conflict;
    case 515: // NULL into a NOT NULL column
    case 547: // FOREIGN KEY, CHECK or REFERENCE constraint conflict
    case 544: // explicit value for an IDENTITY column while IDENTITY_INSERT is off
    case 8152: // string or binary data would be truncated
    case 2628: // the same, naming the column (SQL Server 2019+)
    case 245: // conversion failed (varchar to int…)
    case 8114: // error converting data type
    case 8115: // arithmetic overflow converting to a type
    case 220: // arithmetic overflow for a data type
    case 241: // conversion failed converting date/time from a string
    case 242: // out-of-range date/time value
    case 295: // conversion failed converting a string to smalldatetime
    case 8134: // divide by zero
    case 206: // operand type clash
    case 207: // invalid column name
    case 13609: // JSON text is not properly formatted
        return ErrorKind::BadRequest;
    case 208: // invalid object name (no such table or view)
    case 2812: // could not find stored procedure
        return ErrorKind::NotFound;
    case 229: // permission denied on an object
    case 230: // permission denied on a column
    case 262: // permission denied in the database
    case 300: // permission denied (server level)
    case 3906: // the database is read-only
        return ErrorKind::Forbidden;
    case 1222: // lock request timeout (SET LOCK_TIMEOUT)
        return ErrorKind::Timeout;
    case 1205: // chosen as deadlock victim: retrying is right
    case 4060: // cannot open the database requested by the login
    case 18456: // login failed
    case 40613: // Azure SQL: database not currently available
    case 40501: // Azure SQL: service busy
    case 233: // no process is on the other end of the pipe
        return ErrorKind::Unavailable;
    default: return ErrorKind::Internal;
    }
}

ErrorKind kindForOdbcState(const QString &state)
{
    // Query / connection timeout expired; HY008, cancelled: only Sluice's statement watchdog
    // cancels statements (deadlinewatch.h).
    if (state == u"HYT00"_s || state == u"HYT01"_s || state == u"HY008"_s)
        return ErrorKind::Timeout;
    if (state.startsWith(u"08"_s)) // connection exception
        return ErrorKind::Unavailable;
    if (state == u"40001"_s) // serialization failure (deadlock)
        return ErrorKind::Unavailable;
    if (state.startsWith(u"22"_s) || state.startsWith(u"23"_s)) // data / integrity
        return ErrorKind::BadRequest;
    if (state == u"42S02"_s) // base table or view not found
        return ErrorKind::NotFound;
    if (state == u"42S22"_s) // column not found
        return ErrorKind::BadRequest;
    return ErrorKind::Internal;
}

} // namespace

Error SqlServerDialect::classifyDiagnostic(const DbDiagnostic &diagnostic) const
{
    ErrorKind kind = kindForErrorNumber(diagnostic.nativeCode);
    if (kind == ErrorKind::Internal)
        kind = kindForOdbcState(diagnostic.sqlState);
    QString message = diagnostic.text.trimmed();
    // "… Cannot insert duplicate key in object 'dbo.t'. The duplicate key value is (a@x)."
    // quotes the row's values, columns the caller may not read included: cut it off, as the
    // PostgreSQL dialect drops DETAIL.
    if (const qsizetype at = message.indexOf(u" The duplicate key value is"_s); at >= 0)
        message.truncate(at);
    if (kind == ErrorKind::Timeout && diagnostic.nativeCode != 1222)
        message = u"The statement ran past its timeout and was interrupted"_s;
    const QString code =
        diagnostic.nativeCode ? QString::number(diagnostic.nativeCode) : diagnostic.sqlState;
    return Error { kind, message, code, {} };
}

Error SqlServerDialect::classify(const QSqlError &error, const QSqlDatabase &) const
{
    // Reached through OdbcDialect, which reads the diagnostic records instead; this is what a
    // bare QSqlError allows. Newer QODBC joins the records' codes with ';', the first one is the
    // error, the rest informational ("The statement has been terminated.", 3621).
    QString message = error.databaseText().trimmed();
    if (message.isEmpty())
        message = error.driverText().trimmed();
    const int number = error.nativeErrorCode().section(u';', 0, 0).toInt();
    if (number == 0) {
        const ErrorKind kind = error.type() == QSqlError::ConnectionError ? ErrorKind::Unavailable
                                                                          : ErrorKind::Internal;
        return Error { kind, message, error.nativeErrorCode(), {} };
    }
    return classifyDiagnostic({ QString(), number, message });
}

} // namespace sluice
