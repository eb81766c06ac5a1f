#include "db/sqlite/sqlitedialect.h"

#include "core/jsonwriter.h"
#include "db/sqlite/sqlitecursor.h"
#include "db/sqlite/sqlitestatementtimeout.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

#include <sqlite3.h>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

std::function<void()> SqliteDialect::statementInterrupter(const QSqlDatabase &db) const
{
    sqlite3 *handle = sqliteHandle(db);
    if (!handle)
        return {};
    // sqlite3_interrupt() may be called from any thread while the connection is open.
    return [handle] {
        sqlite3_interrupt(handle);
    };
}

std::unique_ptr<NativeReads> SqliteDialect::nativeReads(const QSqlDatabase &db) const
{
    if (db.driverName() != qtDriver())
        return nullptr; // through ODBC: sqliteodbc's handle is not ours to use
    sqlite3 *handle = sqliteHandle(db);
    return handle ? std::make_unique<SqliteStatements>(handle) : nullptr;
}

Result<SqliteDialect::Dsn> SqliteDialect::parseDsn(const QString &text)
{
    const QString dsn = text.trimmed();
    Dsn result;
    QString query;
    if (dsn.startsWith(u"sqlite://"_s) || dsn.startsWith(u"file:"_s)) {
        // URL forms: "sqlite:///abs/path", "sqlite://relative/path", "file:///abs/path",
        // "file:path"; percent-encoded, with an optional "?mode=ro|rw|rwc".
        QString rest = dsn.mid(dsn.indexOf(u':') + 1);
        if (dsn.startsWith(u"sqlite://"_s) || rest.startsWith(u"//"_s))
            rest = rest.mid(2);
        const qsizetype q = rest.indexOf(u'?');
        if (q >= 0) {
            query = rest.mid(q + 1);
            rest.truncate(q);
        }
        result.path = QUrl::fromPercentEncoding(rest.toUtf8());
    } else {
        // A plain path is taken literally: no percent-decoding, '?' is part of the name.
        result.path = dsn;
    }
    if (result.path.isEmpty())
        return Error::badRequest(u"SQLite DSN: no database file given"_s);

    const QUrlQuery params(query);
    for (const auto &[key, value] : params.queryItems(QUrl::FullyDecoded)) {
        if (key != u"mode"_s)
            return Error::badRequest(
                u"SQLite DSN: unknown parameter \"%1\"; only \"mode\" is accepted"_s.arg(key));
        if (value == u"ro"_s)
            result.readOnly = true;
        else if (value == u"rwc"_s)
            result.create = true;
        else if (value != u"rw"_s)
            return Error::badRequest(u"SQLite DSN: mode must be ro, rw or rwc"_s);
    }
    return result;
}

Status SqliteDialect::applyDsn(QSqlDatabase &db, const QString &text) const
{
    const Result<Dsn> dsn = parseDsn(text);
    if (!dsn)
        return dsn.error();

    const bool inMemory = dsn->path == u":memory:"_s;
    const bool mayCreate = dsn->create || m_missingFile == MissingFile::Create;
    if (!inMemory && !mayCreate && !QFileInfo::exists(dsn->path)) {
        // QSQLITE would create an empty file and serve an empty API: refuse instead.
        return Error::unavailable(u"SQLite database file \"%1\" does not exist"_s.arg(dsn->path));
    }

    db.setDatabaseName(dsn->path);
    // The busy timeout makes a writer wait for a lock instead of failing at once with SQLITE_BUSY.
    QString options = u"QSQLITE_BUSY_TIMEOUT=5000"_s;
    if (dsn->readOnly)
        options += u";QSQLITE_OPEN_READONLY"_s;
    db.setConnectOptions(options);
    return {};
}

QStringList SqliteDialect::sessionPragmas()
{
    // LIKE is case-sensitive on PostgreSQL; the same filter must match the same rows here.
    return { u"PRAGMA foreign_keys = ON"_s, u"PRAGMA case_sensitive_like = ON"_s };
}

Status SqliteDialect::configureSession(QSqlDatabase &db, int statementTimeoutMs) const
{
    if (Status s = runStatements(db, sessionPragmas()); !s)
        return s;

    // Qt 6.4's QSQLITE already reports extended result codes in nativeErrorCode() (checked:
    // a UNIQUE violation gives "2067", not "19"); asking for them keeps that true for every code
    // path and SQLite version.
    if (sqlite3 *handle = sqliteHandle(db))
        sqlite3_extended_result_codes(handle, 1);

    return setSqliteStatementTimeout(db, statementTimeoutMs);
}

QString SqliteDialect::upsertClause(const Table &table, const QStringList &insertedColumns) const
{
    return onConflictClause(table, insertedColumns, u"=excluded.");
}

namespace {

// `values` as a JSON array json_each() reads back as the same SQLite values; nullopt when one
// has no such form (a blob, NULL, a date object).
std::optional<QString> jsonArrayOf(const QVariantList &values)
{
    QByteArray json;
    json.reserve(values.size() * 8 + 2);
    JsonWriter w(json);
    w.beginArray();
    for (const QVariant &value : values) {
        switch (value.typeId()) {
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt: w.integer(value.toLongLong()); break;
        case QMetaType::Bool: w.integer(value.toBool() ? 1 : 0); break; // SQLite's booleans
        case QMetaType::Double: w.number(value.toDouble()); break;
        case QMetaType::QString: w.string(value.toString()); break;
        default: return std::nullopt;
        }
    }
    w.endArray();
    return QString::fromUtf8(json);
}

} // namespace

void SqliteDialect::appendInList(QString &sql, QVariantList &binds, const Column &column,
                                 const QVariantList &values) const
{
    // QSQLITE hands SQLite every '?' as a named parameter (:0, :1, …), and SQLite's parser looks
    // each new name up among all before it: n placeholders cost n² (DELETE with 40,000 ids took
    // seconds). A long list is bound once as a JSON array that json_each() unpacks: linear, and
    // one cached statement whatever the length. IN (SELECT …) compares with the column's
    // affinity, as IN (…) does. Short lists keep the plain form.
    constexpr qsizetype LongList = 64;
    if (values.size() >= LongList) {
        if (auto array = jsonArrayOf(values)) {
            sql += quoteIdentifier(column.name) + u" IN (SELECT value FROM json_each(?))"_s;
            binds.append(*array);
            return;
        }
    }
    Dialect::appendInList(sql, binds, column, values);
}

Error SqliteDialect::classify(const QSqlError &error, const QSqlDatabase &) const
{
    // QSQLITE's nativeErrorCode() is the extended result code as a decimal number (see
    // configureSession). The kind comes from that code only; the text is SQLite's own message,
    // which names the column or constraint ("UNIQUE constraint failed: customers.email",
    // "NOT NULL constraint failed: books.title"). SQLite names neither for foreign keys.
    const QString code = error.nativeErrorCode();
    QString message = error.databaseText().trimmed();
    if (message.isEmpty())
        message = error.driverText().trimmed();

    bool isNumber = false;
    const int extended = code.toInt(&isNumber);
    if (!isNumber) {
        // No code at all: QSQLITE failed before SQLite answered, e.g. opening the file.
        const ErrorKind kind = error.type() == QSqlError::ConnectionError ? ErrorKind::Unavailable
                                                                          : ErrorKind::Internal;
        return Error { kind, message, code, {} };
    }

    return classifyDiagnostic({ QString(), extended, message });
}

namespace {

// sqliteodbc reports only SQLite's primary result code, and SQLITE_CONSTRAINT alone does not
// say which constraint failed. SQLite's own messages for these four are fixed strings
// ("UNIQUE constraint failed: t.c", …), so they stand in for the extended code there; the
// native driver always has the extended code and never gets here.
int extendedFromConstraintMessage(const QString &message)
{
    static const std::pair<const char16_t *, int> prefixes[] = {
        { u"UNIQUE constraint failed", SQLITE_CONSTRAINT_UNIQUE },
        { u"NOT NULL constraint failed", SQLITE_CONSTRAINT_NOTNULL },
        { u"FOREIGN KEY constraint failed", SQLITE_CONSTRAINT_FOREIGNKEY },
        { u"CHECK constraint failed", SQLITE_CONSTRAINT_CHECK },
    };
    for (const auto &[prefix, code] : prefixes) {
        if (message.startsWith(QStringView(prefix)))
            return code;
    }
    return SQLITE_CONSTRAINT;
}

} // namespace

Error SqliteDialect::classifyDiagnostic(const DbDiagnostic &diagnostic) const
{
    QString message = diagnostic.text.trimmed();
    const int extended = diagnostic.nativeCode == SQLITE_CONSTRAINT
        ? extendedFromConstraintMessage(message)
        : diagnostic.nativeCode;
    ErrorKind kind = ErrorKind::Internal;
    switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID: // an explicit rowid that is already taken
        kind = ErrorKind::Conflict;
        break;
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_DATATYPE: kind = ErrorKind::BadRequest; break;
    default:
        switch (extended & 0xff) {
        case SQLITE_MISMATCH: // e.g. text into an INTEGER PRIMARY KEY: a bad value
            kind = ErrorKind::BadRequest;
            break;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_CANTOPEN: kind = ErrorKind::Unavailable; break;
        case SQLITE_INTERRUPT: // our statement timeout (sqlitestatementtimeout.h)
            kind = ErrorKind::Timeout;
            break;
        case SQLITE_READONLY: kind = ErrorKind::Forbidden; break;
        default: break;
        }
    }
    if (kind == ErrorKind::Timeout)
        message = u"The statement ran past its timeout and was interrupted"_s;
    return Error { kind, message, QString::number(diagnostic.nativeCode), {} };
}

} // namespace sluice
