#include "db/odbc/odbcdialect.h"

#include "db/deadlinewatch.h"
#include "db/mysql/mysqldialect.h"
#include "db/odbc/odbcdsn.h"
#include "db/postgres/postgresdialect.h"
#include "db/sqlite/sqlitedialect.h"
#include "db/sqlserver/sqlserverdialect.h"

#include <QSqlDriver>
#include <QSqlResult>
#include <QVarLengthArray>

#include <sql.h>
#include <sqlext.h>

using namespace Qt::StringLiterals;

// What Qt 6.4's QODBC and the Debian ODBC drivers hand back (checked with psqlODBC 13.02 against
// PostgreSQL 15 and sqliteodbc 0.9998; see tst_dialect_odbc):
// - QSqlError::nativeErrorCode() is the native code of the *last* diagnostic record and the
//   SQLSTATE is not kept at all; psqlODBC's native code is its own (1), the SQLSTATE is the
//   server's. Hence the diagnostic records are read here, from the statement or connection
//   handle, before anything else touches it.
// - sqliteodbc: SQLSTATE "S1000" (HY000) for every error, the native code is SQLite's *primary*
//   result code, the text "[SQLite]UNIQUE constraint failed: t.c (19)".
// - psqlODBC: text "ERROR: …\nDETAIL: …;\nError while executing the query".
// - driver()->handle() and result()->handle() are QVariants of type "void*" holding the HDBC /
//   HSTMT.

namespace sluice {

namespace {

SQLHANDLE handleOf(const QVariant &handle)
{
    if (!handle.isValid() || qstrcmp(handle.typeName(), "void*") != 0)
        return nullptr;
    return *static_cast<const SQLHANDLE *>(handle.constData());
}

QString fromSqlWChar(const SQLWCHAR *text, qsizetype length)
{
    static_assert(sizeof(SQLWCHAR) == sizeof(char16_t), "unixODBC's SQLWCHAR is UTF-16");
    return QString::fromUtf16(reinterpret_cast<const char16_t *>(text), length);
}

QList<DbDiagnostic> readDiagnostics(SQLSMALLINT handleType, SQLHANDLE handle)
{
    QList<DbDiagnostic> records;
    if (!handle)
        return records;
    QVarLengthArray<SQLWCHAR, 1024> message(1024);
    for (SQLSMALLINT i = 1; i < 32; ++i) {
        SQLWCHAR state[SQL_SQLSTATE_SIZE + 1] = {};
        SQLINTEGER native = 0;
        SQLSMALLINT length = 0;
        SQLRETURN r = SQLGetDiagRecW(handleType, handle, i, state, &native, message.data(),
                                     SQLSMALLINT(message.size()), &length);
        if (r == SQL_SUCCESS_WITH_INFO && length >= message.size()) {
            message.resize(length + 1);
            r = SQLGetDiagRecW(handleType, handle, i, state, &native, message.data(),
                               SQLSMALLINT(message.size()), &length);
        }
        if (!SQL_SUCCEEDED(r))
            break;
        records.append({ fromSqlWChar(state, SQL_SQLSTATE_SIZE), int(native),
                         fromSqlWChar(message.data(), qMin<qsizetype>(length, message.size())) });
    }
    return records;
}

// "[unixODBC][FreeTDS][SQL Server]Violation of …" → "Violation of …"; psqlODBC's
// ";\nError while executing the query" and sqliteodbc's " (19)" dropped.
QString databaseMessage(const DbDiagnostic &record)
{
    QString text = record.text.trimmed();
    while (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            break;
        text = text.mid(close + 1);
    }
    if (const qsizetype tail = text.indexOf(u";\n"_s); tail >= 0)
        text.truncate(tail);
    const QString code = u" ("_s + QString::number(record.nativeCode) + u')';
    if (text.endsWith(code))
        text.chop(code.size());
    return text.trimmed();
}

} // namespace

Status OdbcDialect::applyDsn(QSqlDatabase &db, const QString &dsn) const
{
    return applyOdbcDsn(db, dsn);
}

Status OdbcDialect::configureSession(QSqlDatabase &db, int statementTimeoutMs) const
{
    if (m_flavour.id() != DialectId::SQLite)
        return m_flavour.configureSession(db, statementTimeoutMs);
    // The native SQLite session setup without what needs the sqlite3 handle (extended result
    // codes, the progress-handler timeout: watchExecution() stands in for it).
    return runStatements(db, SqliteDialect::sessionPragmas());
}

void OdbcDialect::statementPrepared(QSqlQuery &query, int statementTimeoutMs) const
{
    if (statementTimeoutMs <= 0 || !query.result())
        return;
    if (SQLHANDLE statement = handleOf(query.result()->handle())) {
        const SQLULEN seconds = SQLULEN((statementTimeoutMs + 999) / 1000);
        // A driver without query timeouts answers SQL_ERROR (or SUCCESS_WITH_INFO with another
        // value); the session's own timeout, where the flavour sets one, still applies.
        SQLSetStmtAttr(statement, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(seconds), 0);
    }
}

std::unique_ptr<ExecutionWatch> OdbcDialect::watchExecution(QSqlQuery &query,
                                                            int statementTimeoutMs) const
{
    // PostgreSQL and MySQL/MariaDB end statements themselves (the flavours' session settings).
    if (statementTimeoutMs <= 0 || !query.result()
        || (m_flavour.id() != DialectId::SQLite && m_flavour.id() != DialectId::SqlServer))
        return nullptr;
    SQLHANDLE statement = handleOf(query.result()->handle());
    if (!statement)
        return nullptr;
    return std::make_unique<DeadlineWatch>([statement] { SQLCancel(statement); },
                                           statementTimeoutMs);
}

bool OdbcDialect::supportsReturning(StatementKind kind) const
{
    if (m_flavour.id() == DialectId::SQLite)
        return false; // sqliteodbc executes RETURNING but reports no result columns
    return m_flavour.supportsReturning(kind);
}

QVariant OdbcDialect::lastInsertId(QSqlQuery &insert, const QSqlDatabase &db) const
{
    QString sql;
    switch (m_flavour.id()) {
    case DialectId::SQLite: sql = u"SELECT last_insert_rowid()"_s; break;
    case DialectId::MySQL: sql = u"SELECT LAST_INSERT_ID()"_s; break;
    default: return insert.lastInsertId();
    }
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    const QVariant id = query.value(0);
    // 0: nothing was generated (MySQL), or no insert happened on this connection (SQLite).
    return id.toLongLong() == 0 ? QVariant() : id;
}

Result<Schema> OdbcDialect::introspect(QSqlDatabase &db, const QString &schemaName) const
{
    Result<Schema> schema = m_flavour.introspect(db, schemaName);
    if (schema) {
        for (Table &table : schema->tables) {
            for (Column &column : table.columns)
                column.utcWallClock = column.utcWallClock || column.zoned;
        }
    }
    return schema;
}

Error OdbcDialect::classifyDiagnostic(const DbDiagnostic &diagnostic) const
{
    return m_flavour.classifyDiagnostic(
        { diagnostic.sqlState, diagnostic.nativeCode, databaseMessage(diagnostic) });
}

Error OdbcDialect::classifyRecords(const QList<DbDiagnostic> &records) const
{
    Error first;
    for (qsizetype i = 0; i < records.size(); ++i) {
        Error error = classifyDiagnostic(records.at(i));
        if (error.kind != ErrorKind::Internal)
            return error;
        if (i == 0)
            first = error;
    }
    return first;
}

namespace {

Error classifyQtError(const QSqlError &error, const QSqlDatabase &db)
{
    QString message = error.databaseText().trimmed();
    if (message.isEmpty())
        message = error.driverText().trimmed();
    if (const QString password = db.password(); !password.isEmpty())
        message.replace(password, u"***"_s);
    const ErrorKind kind =
        error.type() == QSqlError::ConnectionError ? ErrorKind::Unavailable : ErrorKind::Internal;
    return Error { kind, message, error.nativeErrorCode(), {} };
}

} // namespace

Error OdbcDialect::classify(const QSqlError &error, const QSqlDatabase &db) const
{
    if (error.type() == QSqlError::NoError)
        return classifyQtError(error, db);
    const QList<DbDiagnostic> records =
        readDiagnostics(SQL_HANDLE_DBC, db.driver() ? handleOf(db.driver()->handle()) : nullptr);
    if (records.isEmpty())
        return classifyQtError(error, db);
    return classifyRecords(records);
}

Error OdbcDialect::classifyFailure(const QSqlQuery &query, const QSqlDatabase &db) const
{
    const QList<DbDiagnostic> records = readDiagnostics(
        SQL_HANDLE_STMT, query.result() ? handleOf(query.result()->handle()) : nullptr);
    if (records.isEmpty())
        return classifyQtError(query.lastError(), db);
    return classifyRecords(records);
}

QString odbcDbmsName(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver() || db.driverName() != u"QODBC"_s)
        return {};
    SQLHANDLE connection = handleOf(db.driver()->handle());
    if (!connection)
        return {};
    SQLWCHAR name[256] = {};
    SQLSMALLINT bytes = 0;
    if (!SQL_SUCCEEDED(
            SQLGetInfoW(connection, SQL_DBMS_NAME, name, SQLSMALLINT(sizeof name), &bytes)))
        return {};
    return fromSqlWChar(name, qMin<qsizetype>(bytes / qsizetype(sizeof(SQLWCHAR)), 255)).trimmed();
}

const OdbcDialect *odbcDialectForDbms(const QString &dbmsName)
{
    static const PostgresDialect postgres;
    static const SqliteDialect sqlite;
    static const MysqlDialect mysql;
    static const SqlServerDialect sqlServer;
    static const OdbcDialect overPostgres(postgres);
    static const OdbcDialect overSqlite(sqlite);
    static const OdbcDialect overMysql(mysql);
    static const OdbcDialect overSqlServer(sqlServer);

    const QString name = dbmsName.trimmed().toLower();
    if (name == u"postgresql"_s)
        return &overPostgres;
    if (name == u"sqlite"_s || name == u"sqlite3"_s)
        return &overSqlite;
    if (name == u"mysql"_s || name == u"mariadb"_s)
        return &overMysql;
    // Microsoft's drivers and FreeTDS both name it so; FreeTDS says "SQL Server" for Sybase.
    if (name == u"microsoft sql server"_s)
        return &overSqlServer;
    return nullptr;
}

Result<const Dialect *> detectOdbcDialect(const QSqlDatabase &db)
{
    const QString dbms = odbcDbmsName(db);
    if (const OdbcDialect *dialect = odbcDialectForDbms(dbms))
        return static_cast<const Dialect *>(dialect);
    return Error::unavailable(
        u"ODBC: the driver reaches \"%1\", a database Sluice has no SQL dialect for "
        "(supported over ODBC: PostgreSQL, SQLite, MySQL/MariaDB, Microsoft SQL "
        "Server)"_s.arg(dbms.isEmpty() ? u"an unnamed DBMS"_s : dbms));
}

} // namespace sluice
