#pragma once

#include "core/result.h"

#include <QVariant>

#include <memory>
#include <optional>

class QSqlQuery;

namespace sluice {

class Connection;
class JsonWriter;
class RowWriter;

// The rows of an executed SELECT, read forward once. A QSqlQuery behind it in general; on a
// QSQLITE connection SQLite's own statement (SqliteCursor), which writes rows as JSON straight
// from SQLite's UTF-8 instead of through a QVariant and UTF-16 per value.
class RowCursor
{
public:
    virtual ~RowCursor() = default;

    // Moves to the next row: false at the end, or when a row could not be read (finish() then
    // says why).
    virtual bool next() = 0;
    // The current row's value at `index`, exactly as QSqlQuery::value() gives it.
    virtual QVariant value(int index) const = 0;
    // The current row's "key":value pairs, exactly as RowWriter::writeFields() writes them.
    virtual void writeFields(JsonWriter &writer, const RowWriter &row) const = 0;
    void writeRow(JsonWriter &writer, const RowWriter &row) const;
    // Ends the read and releases what the statement holds (SQLite's read lock). An error when
    // reading a row failed part way, so a short page is never taken for the whole answer.
    virtual Status finish() = 0;
};

// Reads a dialect can do faster than through QSqlQuery, on its own statements of one open
// connection (Dialect::nativeReads; SQLite's, see sqlite/sqlitecursor.h).
class NativeReads
{
public:
    virtual ~NativeReads() = default;
    // Prepares (or reuses) `sql`, binds `binds`, and returns its rows; nothing when this path
    // does not apply to the statement or its values (the caller then goes through QSqlQuery).
    virtual std::optional<Result<std::unique_ptr<RowCursor>>>
    select(const QString &sql, const QVariantList &binds, Connection &connection) = 0;
    // Forgets the prepared statements (their plans may be stale).
    virtual void clear() = 0;
};

// A RowCursor over a QSqlQuery that a Connection executed (and keeps).
class QueryCursor final : public RowCursor
{
public:
    QueryCursor(QSqlQuery &query, Connection &connection)
        : m_query(query)
        , m_connection(connection)
    {
    }

    bool next() override;
    QVariant value(int index) const override;
    void writeFields(JsonWriter &writer, const RowWriter &row) const override;
    Status finish() override;

private:
    QSqlQuery &m_query;
    Connection &m_connection;
};

} // namespace sluice
