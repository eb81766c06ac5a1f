#pragma once

#include "core/result.h"
#include "db/connection.h"
#include "db/rowwriter.h"
#include "db/sql/sqlbuilder.h"

#include <QList>
#include <QVariant>

#include <optional>

namespace sluice {

// One INSERT, UPDATE or DELETE and how to answer with the rows it wrote, on every database.
// Where the dialect returns written rows (RETURNING) the statement carries the clause and its
// rows are the answer. Where it cannot (MySQL/MariaDB), the rows are found by primary key in the
// same transaction: an UPDATE/DELETE first runs a locking probe for the keys it will touch, an
// INSERT takes its key from the values given or the generated id, and the written rows are then
// read back (a DELETE answers with the probe's rows, which are the deleted keys).
//
// run() must be called inside a transaction when `needsTransaction()`.
class WriteStatement
{
public:
    // The builder must outlive the statement.
    static Result<WriteStatement> insert(const SqlBuilder &builder, const QStringList &columns,
                                         const QVariantList &values, bool upsert);
    // `rows` records with the same `columns` in one statement, `values` row after row. Only
    // where the dialect returns the inserted rows, in VALUES order
    // (Dialect::returnsInsertedRowsInOrder).
    static Result<WriteStatement> insertMany(const SqlBuilder &builder, const QStringList &columns,
                                             const QVariantList &values, int rows);
    static Result<WriteStatement> update(const SqlBuilder &builder, const QStringList &columns,
                                         const QVariantList &values, const RowSelection &rows);
    static Result<WriteStatement> updateByKey(const SqlBuilder &builder, const QStringList &columns,
                                              const QVariantList &values, const QVariant &key,
                                              const FilterExpr &rowFilter);
    static Result<WriteStatement> remove(const SqlBuilder &builder, const RowSelection &rows);

    // True when the rows are found by a second statement: the write and its reads must then
    // see the same data.
    bool needsTransaction() const { return !m_returnsRows; }

    // Runs the statement and writes each written row with `rows` (all columns for INSERT and
    // UPDATE, SqlBuilder::deletedColumns() for DELETE) to `w` when given; appends each row's
    // value at `keyIndex` (when >= 0) to `keys`. Returns the number of rows written.
    Result<qint64> run(Connection &connection, const RowWriter &rows, JsonWriter *w, int keyIndex,
                       QVariantList *keys) const;

private:
    WriteStatement(const SqlBuilder &builder, StatementKind kind, BoundSql sql);
    // An UPDATE or DELETE of `sql`; where the dialect cannot return the rows it writes, with the
    // SELECT that finds them before the write, `probe()`.
    template<typename Probe>
    static Result<WriteStatement> probing(const SqlBuilder &builder, StatementKind kind,
                                          Result<BoundSql> sql, Probe probe);

    Result<qint64> writeRows(Connection &connection, const BoundSql &sql, const RowWriter &rows,
                             JsonWriter *w, int keyIndex, QVariantList *keys) const;
    Result<QList<QVariantList>> probeKeys(Connection &connection) const;

    const SqlBuilder *m_builder;
    StatementKind m_kind;
    BoundSql m_sql;
    bool m_returnsRows;
    std::optional<BoundSql> m_probe; // UPDATE/DELETE without RETURNING
    // INSERT without RETURNING: per primary-key column, the value given (invalid where the
    // database generates it). UPDATE: per primary-key column, the new value when the statement
    // sets it (invalid otherwise).
    QVariantList m_keyValues;
};

} // namespace sluice
