#include "db/mysql/mysqldialect.h"

#include "db/mysql/mysqldsn.h"
#include "db/serverdsn.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

// What Qt 6.4's QMYSQL hands back, checked against MariaDB 10.11 with Connector/C 3.3:
// - nativeErrorCode() is the server's (or the client library's, 2xxx) errno as a decimal
//   number, for a failed open, a plain exec() and a prepared statement alike; databaseText()
//   is the server's message ("Duplicate entry 'a@x' for key 'email'"), without the SQLSTATE.
// - prepare() makes a server-side prepared statement, so bound values never meet the SQL
//   string-literal rules (backslashes, quotes).

namespace sluice {

Status MysqlDialect::applyDsn(QSqlDatabase &db, const QString &text) const
{
    return applyServerDsn<MysqlDsn>(db, text, u"MYSQL_OPT_CONNECT_TIMEOUT"_s);
}

ResultFieldHint MysqlDialect::resultFieldHint(const QSqlField &field) const
{
    // QMYSQL gives the protocol's field type as typeID(), the display length as length() and
    // the decimals as precision(). A DECIMAL(p,s)'s display length is p, plus one for the point
    // when s > 0, plus one for the sign unless UNSIGNED (which the field does not tell): taking
    // the sign's place as a digit can only overstate p, so every value fits.
    constexpr int decimalType = 0; // MYSQL_TYPE_DECIMAL
    constexpr int newDecimalType = 246; // MYSQL_TYPE_NEWDECIMAL
    constexpr int timestampType = 7; // MYSQL_TYPE_TIMESTAMP: read in a +00:00 session
    ResultFieldHint hint;
    if ((field.typeID() == decimalType || field.typeID() == newDecimalType) && field.length() > 0
        && field.precision() >= 0) {
        hint.exactNumeric = true;
        hint.scale = field.precision();
        hint.precision = std::max(hint.scale, field.length() - (hint.scale > 0 ? 1 : 0));
    }
    hint.zonedTimestamp = field.typeID() == timestampType;
    return hint;
}

Status MysqlDialect::configureSession(QSqlDatabase &db, int statementTimeoutMs) const
{
    QSqlQuery query(db);
    if (!query.exec(u"SELECT VERSION()"_s) || !query.next())
        return classify(query.lastError(), db);
    const QString version = query.value(0).toString();
    const bool isMariaDb = version.contains(u"MariaDB"_s, Qt::CaseInsensitive);

    // The whole sql_mode is set, so the server's global one cannot change how we are
    // understood. STRICT_ALL_TABLES: a bad or too long value is an error, never silently
    // truncated. NO_BACKSLASH_ESCAPES stays off (the server default): likeEscape() writes the
    // backslash as '\\' and relies on it; bound values are not affected either way. No
    // ANSI_QUOTES: identifiers are quoted with backticks, which work in every mode.
    const int timeout = qMax(0, statementTimeoutMs);
    return runStatements(
        db,
        {
            u"SET NAMES utf8mb4"_s,
            u"SET time_zone = '+00:00'"_s,
            u"SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'"_s,
            // MariaDB: seconds (fractions allowed), all statements. MySQL: milliseconds, SELECT
            // only.
            isMariaDb ? u"SET SESSION max_statement_time = %1"_s.arg(timeout / 1000.0, 0, 'f', 3)
                      : u"SET SESSION max_execution_time = %1"_s.arg(timeout),
        });
}

Status MysqlDialect::enterSchema(QSqlDatabase &db, const QString &schema) const
{
    // USE takes no bound value; the name is quoted (backticks doubled).
    return runStatements(db, { u"USE "_s + quoteIdentifier(schema) });
}

QString MysqlDialect::quoteIdentifier(QStringView identifier) const
{
    return enclosed(identifier, u'`', u'`');
}

QString MysqlDialect::upsertClause(const Table &table, const QStringList &insertedColumns) const
{
    // VALUES(c) is understood by every MariaDB and MySQL (8.0.20 deprecates it with a warning;
    // its replacement, "AS new", is unknown to MariaDB). ON DUPLICATE KEY fires on any unique
    // key, not only the primary one.
    QStringList assignments;
    for (const QString &column : insertedColumns) {
        if (table.primaryKey.contains(column))
            continue;
        const QString quoted = quoteIdentifier(column);
        assignments << quoted + u" = VALUES("_s + quoted + u')';
    }
    if (assignments.isEmpty() && !table.primaryKey.isEmpty()) {
        // Nothing to update: assigning the key to itself keeps the row as it is (MySQL has no
        // DO NOTHING, and INSERT IGNORE would also swallow other errors).
        const QString key = quoteIdentifier(table.primaryKey.constFirst());
        assignments << key + u" = "_s + key;
    }
    return u" ON DUPLICATE KEY UPDATE "_s + assignments.join(u", "_s);
}

QString MysqlDialect::likeEscape() const
{
    // In a MySQL string literal a backslash escapes the next character (NO_BACKSLASH_ESCAPES is
    // off, see configureSession), so the one-character escape string is written '\\'.
    return u" ESCAPE '\\\\'"_s;
}

namespace {

ErrorKind kindForErrno(int code)
{
    switch (code) {
    case 1062: // ER_DUP_ENTRY
    case 1586: // ER_DUP_ENTRY_WITH_KEY_NAME
        return ErrorKind::Conflict;
    case 1048: // ER_BAD_NULL_ERROR: NULL into NOT NULL
    case 1364: // ER_NO_DEFAULT_FOR_FIELD: NOT NULL column left out
    case 1451: // ER_ROW_IS_REFERENCED_2: deleting a referenced row
    case 1452: // ER_NO_REFERENCED_ROW_2: a foreign key to nowhere
    case 3819: // MySQL: ER_CHECK_CONSTRAINT_VIOLATED
    case 4025: // MariaDB: ER_CONSTRAINT_FAILED (CHECK, also JSON_VALID on a JSON column)
    case 1264: // ER_WARN_DATA_OUT_OF_RANGE
    case 1265: // WARN_DATA_TRUNCATED
    case 1292: // ER_TRUNCATED_WRONG_VALUE: a bad date or number
    case 1366: // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
    case 1406: // ER_DATA_TOO_LONG
    case 3140: // MySQL: ER_INVALID_JSON_TEXT
    case 1054: // ER_BAD_FIELD_ERROR: unknown column
        return ErrorKind::BadRequest;
    // Schema changes and routine calls (_schema, _proc): the database refusing the request.
    case 1060: // ER_DUP_FIELDNAME
    case 1068: // ER_MULTIPLE_PRI_KEY
    case 1075: // ER_WRONG_AUTO_KEY
    case 1091: // ER_CANT_DROP_FIELD_OR_KEY
    case 1101: // ER_BLOB_CANT_HAVE_DEFAULT
    case 1170: // ER_BLOB_KEY_WITHOUT_LENGTH
    case 1005: // ER_CANT_CREATE_TABLE (a foreign key that cannot be made)
    case 1215: // ER_CANNOT_ADD_FOREIGN
    case 1822: // ER_FK_NO_INDEX_PARENT
    case 1824: // ER_FK_CANNOT_OPEN_PARENT
    case 1828: // ER_FK_COLUMN_CANNOT_DROP
    case 1829: // ER_FK_COLUMN_CANNOT_DROP_CHILD
    case 1832: // ER_FK_COLUMN_CANNOT_CHANGE
    case 1833: // ER_FK_COLUMN_CANNOT_CHANGE_CHILD
    case 3780: // MySQL: ER_FK_INCOMPATIBLE_COLUMNS
    case 1318: // ER_SP_WRONG_NO_OF_ARGS
        return ErrorKind::BadRequest;
    case 1050: // ER_TABLE_EXISTS_ERROR
        return ErrorKind::Conflict;
    case 1146: // ER_NO_SUCH_TABLE
    case 1305: // ER_SP_DOES_NOT_EXIST
        return ErrorKind::NotFound;
    case 1044: // ER_DBACCESS_DENIED_ERROR
    case 1142: // ER_TABLEACCESS_DENIED_ERROR
    case 1143: // ER_COLUMNACCESS_DENIED_ERROR
    case 1370: // ER_PROCACCESS_DENIED_ERROR
    case 1290: // ER_OPTION_PREVENTS_STATEMENT (--read-only)
    case 1792: // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION (read-only services)
        return ErrorKind::Forbidden;
    case 1969: // MariaDB: ER_STATEMENT_TIMEOUT (max_statement_time)
    case 3024: // MySQL: ER_QUERY_TIMEOUT (max_execution_time)
    case 1205: // ER_LOCK_WAIT_TIMEOUT
        return ErrorKind::Timeout;
    case 1040: // ER_CON_COUNT_ERROR: too many connections
    case 1045: // ER_ACCESS_DENIED_ERROR: wrong user or password, at connect
    case 1053: // ER_SERVER_SHUTDOWN
    case 1927: // MariaDB: ER_CONNECTION_KILLED
    case 2002: // CR_CONNECTION_ERROR (socket)
    case 2003: // CR_CONN_HOST_ERROR
    case 2005: // CR_UNKNOWN_HOST
    case 2006: // CR_SERVER_GONE_ERROR
    case 2013: // CR_SERVER_LOST
        return ErrorKind::Unavailable;
    default: return ErrorKind::Internal;
    }
}

} // namespace

Error MysqlDialect::classify(const QSqlError &error, const QSqlDatabase &db) const
{
    const QString code = error.nativeErrorCode();
    QString message = error.databaseText().trimmed();
    if (message.isEmpty())
        message = error.driverText().trimmed();
    // The server never quotes a password ("using password: YES"), but be certain.
    if (const QString password = db.password(); !password.isEmpty())
        message.replace(password, u"***"_s);

    bool isNumber = false;
    const int errnum = code.toInt(&isNumber);
    if (!isNumber || errnum == 0) {
        // No errno: Qt refused the call before the server was asked.
        const ErrorKind kind = error.type() == QSqlError::ConnectionError ? ErrorKind::Unavailable
                                                                          : ErrorKind::Internal;
        return Error { kind, message, code, {} };
    }
    return classifyDiagnostic({ QString(), errnum, message });
}

Error MysqlDialect::classifyDiagnostic(const DbDiagnostic &diagnostic) const
{
    const ErrorKind kind = kindForErrno(diagnostic.nativeCode);
    QString message = diagnostic.text.trimmed();
    if (kind == ErrorKind::Timeout && diagnostic.nativeCode != 1205)
        message = u"The statement ran past its timeout and was interrupted"_s;
    return Error { kind, message, QString::number(diagnostic.nativeCode), {} };
}

} // namespace sluice
