#pragma once

#include "db/rowcursor.h"

#include <QHash>
#include <QString>
#include <QVariantList>

#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace sluice {

// A read on a QSQLITE connection through SQLite's C API, beside QSQLITE: QSQLITE turns every
// text value into UTF-16 (SQLite allocating, under a mutex, for each) and a QVariant, and the
// JSON writer turns it back into UTF-8. Here a string or integer column goes from SQLite's row
// to the JSON text directly; every other value takes the QVariant QSQLITE would have made, so
// both paths write the same bytes (tst_sqlitecursor compares them value by value).
class SqliteCursor final : public RowCursor
{
public:
    SqliteCursor(sqlite3_stmt *statement, Connection &connection, bool hasRow);
    // Resets the statement if finish() was not called, so no read lock outlives the cursor.
    ~SqliteCursor() override;
    SqliteCursor(const SqliteCursor &) = delete;
    SqliteCursor &operator=(const SqliteCursor &) = delete;

    bool next() override;
    QVariant value(int index) const override;
    void writeFields(JsonWriter &writer, const RowWriter &row) const override;
    Status finish() override;

private:
    sqlite3_stmt *m_statement;
    Connection &m_connection;
    bool m_pendingRow; // the first row, stepped by SqliteStatements::select()
    int m_lastStep;
};

// A connection's prepared SQLite statements, by SQL text, for SqliteCursor.
class SqliteStatements final : public NativeReads
{
public:
    explicit SqliteStatements(sqlite3 *handle);
    ~SqliteStatements() override;
    SqliteStatements(const SqliteStatements &) = delete;
    SqliteStatements &operator=(const SqliteStatements &) = delete;

    // Prepares (or reuses) `sql`, binds `binds`, steps to the first row. Nothing when this path
    // does not apply (a value QSQLITE binds in a way of its own, a statement SQLite refuses):
    // the caller then goes through QSqlQuery, which also words the refusal.
    std::optional<Result<std::unique_ptr<RowCursor>>>
    select(const QString &sql, const QVariantList &binds, Connection &connection) override;

    void clear() override;

private:
    sqlite3_stmt *prepared(const QString &sql);

    sqlite3 *m_handle;
    QHash<QString, sqlite3_stmt *> m_statements;
};

} // namespace sluice
