#include "db/sqlite/sqlitecursor.h"

#include "core/jsonwriter.h"
#include "core/requesttimings.h"
#include "db/connection.h"
#include "db/rowwriter.h"

#include <QSqlError>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qsizetype kMaxCachedStatements = 256;

// The error QSQLITE reports for a failed step: SQLite's message, the (extended) result code as
// the native code.
QSqlError stepError(sqlite3_stmt *statement, int result)
{
    return QSqlError(u"Unable to fetch row"_s,
                     QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(statement))),
                     QSqlError::StatementError, QString::number(result));
}

// Binds as QSQLITE does (qsql_sqlite.cpp, QSQLiteResult::exec), for the types it binds natively;
// false for any other (QSQLITE would bind its text form), which this path leaves to QSQLITE.
bool bindLikeQsqlite(sqlite3_stmt *statement, const QVariantList &binds)
{
    if (sqlite3_bind_parameter_count(statement) != binds.size())
        return false;
    for (qsizetype i = 0; i < binds.size(); ++i) {
        const QVariant &value = binds.at(i);
        const int slot = int(i) + 1;
        int result = SQLITE_OK;
        switch (value.typeId()) {
        case QMetaType::QString: {
            const QString *text = static_cast<const QString *>(value.constData());
            result = text->isNull()
                ? sqlite3_bind_null(statement, slot)
                : sqlite3_bind_text16(statement, slot, text->utf16(),
                                      int(text->size() * sizeof(QChar)), SQLITE_TRANSIENT);
            break;
        }
        case QMetaType::QByteArray: {
            const QByteArray *bytes = static_cast<const QByteArray *>(value.constData());
            result = bytes->isNull() ? sqlite3_bind_null(statement, slot)
                                     : sqlite3_bind_blob(statement, slot, bytes->constData(),
                                                         int(bytes->size()), SQLITE_TRANSIENT);
            break;
        }
        case QMetaType::Int:
        case QMetaType::Bool: result = sqlite3_bind_int(statement, slot, value.toInt()); break;
        case QMetaType::UInt:
        case QMetaType::LongLong:
            result = sqlite3_bind_int64(statement, slot, value.toLongLong());
            break;
        case QMetaType::Double:
            result = sqlite3_bind_double(statement, slot, value.toDouble());
            break;
        default:
            if (!value.isNull())
                return false;
            result = sqlite3_bind_null(statement, slot);
        }
        if (result != SQLITE_OK)
            return false;
    }
    return true;
}

} // namespace

SqliteCursor::SqliteCursor(sqlite3_stmt *statement, Connection &connection, bool hasRow)
    : m_statement(statement)
    , m_connection(connection)
    , m_pendingRow(hasRow)
    , m_lastStep(hasRow ? SQLITE_ROW : SQLITE_DONE)
{
}

SqliteCursor::~SqliteCursor()
{
    if (m_lastStep != SQLITE_DONE)
        sqlite3_reset(m_statement);
}

bool SqliteCursor::next()
{
    if (m_pendingRow) {
        m_pendingRow = false;
        return true;
    }
    if (m_lastStep != SQLITE_ROW)
        return false;
    m_lastStep = sqlite3_step(m_statement);
    return m_lastStep == SQLITE_ROW;
}

QVariant SqliteCursor::value(int index) const
{
    // QSQLITE's values (QSQLiteResultPrivate::fetchNext in Qt 6.4), under the HighPrecision
    // policy every Connection sets.
    switch (sqlite3_column_type(m_statement, index)) {
    case SQLITE_INTEGER: return qlonglong(sqlite3_column_int64(m_statement, index));
    case SQLITE_FLOAT: return sqlite3_column_double(m_statement, index);
    case SQLITE_BLOB: {
        const char *data = static_cast<const char *>(sqlite3_column_blob(m_statement, index));
        return QByteArray(data, sqlite3_column_bytes(m_statement, index));
    }
    case SQLITE_NULL: return QVariant(QMetaType::fromType<QString>());
    default: {
        const void *text = sqlite3_column_text16(m_statement, index);
        return QString(static_cast<const QChar *>(text),
                       sqlite3_column_bytes16(m_statement, index) / qsizetype(sizeof(QChar)));
    }
    }
}

void SqliteCursor::writeFields(JsonWriter &writer, const RowWriter &row) const
{
    const QList<OutputColumn> &columns = row.columns();
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const OutputColumn &column = columns.at(i);
        const int index = int(i);
        writer.escapedKey(row.escapedKey(i));
        switch (sqlite3_column_type(m_statement, index)) {
        case SQLITE_NULL: writer.null(); continue;
        case SQLITE_INTEGER:
            if (column.dynamic || column.type == JsonType::Integer) {
                writer.integer(sqlite3_column_int64(m_statement, index));
                continue;
            }
            break;
        case SQLITE_TEXT:
            if (!column.dynamic && column.type == JsonType::String) {
                const auto *text =
                    reinterpret_cast<const char *>(sqlite3_column_text(m_statement, index));
                const QByteArrayView utf8(text, sqlite3_column_bytes(m_statement, index));
                // Text that is not UTF-8 goes the long way, as SQLite's UTF-16 reading of it.
                if (utf8.isValidUtf8()) {
                    writer.stringUtf8(utf8);
                    continue;
                }
            }
            break;
        }
        row.writeValue(writer, column, value(index));
    }
}

Status SqliteCursor::finish()
{
    const int last = m_lastStep;
    if (last == SQLITE_ROW || last == SQLITE_DONE) {
        sqlite3_reset(m_statement);
        m_lastStep = SQLITE_DONE;
        return {};
    }
    const QSqlError error = stepError(m_statement, last);
    sqlite3_reset(m_statement);
    m_lastStep = SQLITE_DONE;
    return m_connection.failed(error);
}

SqliteStatements::SqliteStatements(sqlite3 *handle)
    : m_handle(handle)
{
}

SqliteStatements::~SqliteStatements()
{
    clear();
}

void SqliteStatements::clear()
{
    for (sqlite3_stmt *statement : std::as_const(m_statements))
        sqlite3_finalize(statement);
    m_statements.clear();
}

sqlite3_stmt *SqliteStatements::prepared(const QString &sql)
{
    if (sqlite3_stmt *statement = m_statements.value(sql))
        return statement;
    if (m_statements.size() >= kMaxCachedStatements)
        clear();
    sqlite3_stmt *statement = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    const char *tail = nullptr;
    if (sqlite3_prepare_v3(m_handle, utf8.constData(), int(utf8.size()) + 1,
                           SQLITE_PREPARE_PERSISTENT, &statement, &tail)
            != SQLITE_OK
        || !statement) {
        sqlite3_finalize(statement);
        return nullptr;
    }
    if (tail && *tail) { // more than one statement: not a read this path runs
        sqlite3_finalize(statement);
        return nullptr;
    }
    m_statements.insert(sql, statement);
    return statement;
}

std::optional<Result<std::unique_ptr<RowCursor>>>
SqliteStatements::select(const QString &sql, const QVariantList &binds, Connection &connection)
{
    const TimedSpan span(&RequestTimings::dbNs);
    sqlite3_stmt *statement = prepared(sql);
    if (!statement || !sqlite3_stmt_readonly(statement))
        return std::nullopt;
    sqlite3_reset(statement); // every parameter is bound anew below
    if (!bindLikeQsqlite(statement, binds))
        return std::nullopt;
    const int first = sqlite3_step(statement);
    if (first != SQLITE_ROW && first != SQLITE_DONE) {
        const QSqlError error = stepError(statement, first);
        sqlite3_reset(statement);
        return Result<std::unique_ptr<RowCursor>>(connection.failed(error));
    }
    return Result<std::unique_ptr<RowCursor>>(
        std::make_unique<SqliteCursor>(statement, connection, first == SQLITE_ROW));
}

} // namespace sluice
