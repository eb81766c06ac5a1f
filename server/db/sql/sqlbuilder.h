#pragma once

#include "core/result.h"
#include "db/dialect.h"
#include "db/schema.h"
#include "query/readspec.h"

#include <QString>
#include <QVariantList>

namespace sluice {

struct BoundSql
{
    QString sql;
    QVariantList binds; // positional, in placeholder order
};

// A column of a result set and how to write its values.
struct OutputColumn
{
    QString name;
    JsonType type = JsonType::String;
    bool dynamic = false; // aggregate or untyped column: write by the value's runtime type
    bool zoned = false; // a timestamp with time zone: written in UTC with 'Z'
    bool utcWallClock = false; // see Column::utcWallClock
    int scale = -1; // see Column::scale: digits a database handing over a double should show

    static OutputColumn of(const Column &column);
};

struct SelectPlan
{
    BoundSql sql;
    QList<OutputColumn> columns;
    // Keyset pagination (empty when the read cannot be paged by keyset): the order, and for each
    // of its columns the index of the result column holding its value. Columns the answer does
    // not show are selected after `columns`.
    QList<OrderItem> keyset;
    QList<int> keysetIndexes;
    QList<int> extraIndexes; // per ReadSpec::extraColumns, likewise
};

// Which rows a PATCH / DELETE / GET touches: a filter, a list of primary keys, or both.
struct RowSelection
{
    FilterExpr filter;
    QStringList ids; // primary key values as written in the URL or body
    bool isEmpty() const { return !filter && ids.isEmpty(); }
};

// Builds parameterised SQL for one table. Every identifier is checked against the introspected
// table and quoted by the dialect; every value is bound. Errors are BadRequest naming the
// unknown column, the bad parameter and, for filters, the position.
class SqlBuilder
{
public:
    SqlBuilder(const Dialect &dialect, const Table &table)
        : m_dialect(dialect)
        , m_table(table)
    {
    }

    // The SELECT for a read. Rows come in the requested order with the primary-key columns it
    // lacks appended (a total, stable order); with spec.after, only rows after those values.
    Result<SelectPlan> select(const ReadSpec &spec, bool paged = true) const;
    // The order a keyset (cursor) page follows, ending in the primary key; or BadRequest saying
    // why this read cannot be paged by keyset: aggregates or groups, no primary key, or an order
    // column that may hold NULL (databases sort NULLs differently).
    Result<QList<OrderItem>> keysetOrder(const ReadSpec &spec) const;
    Result<BoundSql> count(const ReadSpec &spec) const;
    // The rows of this table whose `matchColumn` is one of `values` (and that pass `rowFilter`),
    // all columns followed by `matchColumn` again, ordered by it and the primary key. With
    // `perValue` > 0, at most that many rows per value (ROW_NUMBER() over each value's rows).
    Result<BoundSql> selectMatching(const QString &matchColumn, const QVariantList &values,
                                    const FilterExpr &rowFilter, int perValue) const;
    // SELECT of all columns WHERE pk = ? [AND (rowFilter)].
    Result<BoundSql> selectByKey(const QString &id, const FilterExpr &rowFilter = {}) const;
    // SELECT COUNT(*) of the rows whose key is in `keys` AND (rowFilter): after a write, equal to
    // keys.size() exactly when every written row is one the caller's role may write.
    Result<BoundSql> countKeysMatching(const QVariantList &keys, const FilterExpr &rowFilter) const;
    // Two counts of the stored rows an upsert of `columns` = `values` could update (those with
    // the same primary key or the same values in any unique index: MySQL's ON DUPLICATE KEY
    // fires on every unique key): all of them, and those that pass `rowFilter` (not null). An
    // empty sql when the record carries no complete key, so it can only be inserted.
    Result<BoundSql> countUpsertTargets(const QStringList &columns, const QVariantList &values,
                                        const FilterExpr &rowFilter) const;

    // `rows` > 1: one INSERT … VALUES (…), (…) of that many rows, `values` row after row (no
    // upsert).
    Result<BoundSql> insert(const QStringList &columns, const QVariantList &values, bool upsert,
                            int rows = 1) const;
    Result<BoundSql> update(const QStringList &columns, const QVariantList &values,
                            const RowSelection &rows) const;
    Result<BoundSql> updateByKey(const QStringList &columns, const QVariantList &values,
                                 const QVariant &key, const FilterExpr &rowFilter = {}) const;
    Result<BoundSql> remove(const RowSelection &rows) const; // RETURNING the primary key
    QList<OutputColumn> deletedColumns() const;

    // Where the dialect cannot return written rows (Dialect::supportsReturning), the API finds
    // them itself, inside the write's transaction:
    // - probe*(): SELECT the deletedColumns() of the rows an UPDATE/DELETE with the same
    //   selection will touch, locking them; run before the write.
    // - selectByKeys(): SELECT all columns of the rows with these primary keys (one list of
    //   values per row, in primaryKey order); run after the write to answer with stored rows.
    Result<BoundSql> probe(const RowSelection &rows) const;
    Result<BoundSql> probeByKey(const QVariant &key, const FilterExpr &rowFilter) const;
    Result<BoundSql> selectByKeys(const QList<QVariantList> &keys) const;

    QList<OutputColumn> allColumns() const;
    QList<OutputColumn> keyColumns() const;

    // The one-column primary key, or BadRequest explaining why by-id access is impossible.
    Result<const Column *> singleKey() const;

    const Dialect &dialect() const { return m_dialect; }
    const Table &table() const { return m_table; }

    QString quoted(const QString &identifier) const
    {
        return m_dialect.quoteIdentifier(identifier);
    }

private:
    Result<const Column *> checkedColumn(const QString &name, const QString &parameter) const;
    Status appendWhere(QString &sql, QVariantList &binds, const RowSelection &rows) const;
    // `order` with the primary-key columns it lacks appended, ascending.
    QList<OrderItem> withKeyTieBreak(QList<OrderItem> order) const;
    Status appendKeysetCondition(QString &sql, QVariantList &binds, const QList<OrderItem> &keyset,
                                 const QVariantList &after) const;
    Status appendFilter(QString &sql, QVariantList &binds, const FilterNode &node) const;
    QString returning(StatementKind kind, const QList<OutputColumn> &columns) const;
    // A column as selected: itself, or read through the dialect (Column::readAs) — as an
    // expression, or as a select-list item named like the column.
    QString readExpression(const Column &column) const;
    QString readColumn(const QString &name) const;
    QString selectList(const QList<OutputColumn> &columns) const;
    Status appendKeyCondition(QString &sql, QVariantList &binds, const QVariant &key,
                              const FilterExpr &rowFilter) const;
    // "UPDATE t SET a = ?, …" with `values` bound; BadRequest when no column is given.
    Result<BoundSql> updateHead(const QStringList &columns, const QVariantList &values) const;
    // `out` (UPDATE … SET or DELETE FROM) with its condition, `appendCondition(sql, binds)`, and
    // `output` returning the written rows: T-SQL's OUTPUT goes before the WHERE, RETURNING after.
    template<typename AppendCondition>
    Result<BoundSql> withCondition(Result<BoundSql> out, const QString &output,
                                   AppendCondition appendCondition) const;

    const Dialect &m_dialect;
    const Table &m_table;
};

} // namespace sluice
