#pragma once

#include "core/result.h"
#include "db/schema.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

namespace sluice {

class Dialect;

// What every backend's introspection does with its catalog's rows, written once: the rows of
// each query name their table (rows of tables it does not list are skipped), keys and indexes
// arrive one row per column in key order. The backend writes only its queries, and what it makes
// of a column's row.
class SchemaReader
{
public:
    // Catalog queries run on `db` with `boundName` (the schema or database read) bound to their
    // one '?', or to none where it is empty (SQLite); a failure is classified by `dialect`.
    SchemaReader(QSqlDatabase &db, const Dialect &dialect, const QString &boundName = {});

    // Runs one catalog query (forward only); its rows are then read from query().
    Status run(const QString &sql);
    QSqlQuery &query() { return m_query; }

    // Rows (name, is view): the tables and views, in the order they are answered.
    Status readTables(const QString &sql);
    // Rows whose first value names a listed table, in column order: each adds the column
    // `columnOf` makes of the row to that table.
    Status readColumns(const QString &sql,
                       const std::function<Column(const QSqlQuery &row)> &columnOf);
    // Rows (table, constraint, column, referenced schema, referenced table, referenced column),
    // one per key column in key order (addKeyColumn): of the primary key where the referenced
    // table is NULL. A referenced table outside the bound schema is named schema-qualified.
    Status readKeys(const QString &sql);
    // Rows (table, index, unique, primary, column), one per index column in index order
    // (addIndexColumn).
    Status readIndexes(const QString &sql);

    // Lists a table or view. After the last one, columns, keys and indexes may be added.
    void addTable(const QString &name, bool isView);
    // Sorts the tables as every backend answers them: tables, then views, each by name (code
    // point order, whatever the catalog's collation).
    void sortTables();

    // The listed table `name`, or nullptr: a row for a table that is not listed is skipped.
    Table *table(const QString &name);

    // One column of a key constraint, in key order: of the primary key when `refTable` is empty,
    // else of the foreign key `constraint` referencing `refColumn` of `refTable`.
    void addKeyColumn(const QString &tableName, const QString &constraint, const QString &column,
                      const QString &refTable = {}, const QString &refColumn = {});

    // One column of an index, in index order: a new index starts when the name changes; it is
    // unique only if every one of its rows says so. A null `column` (an expression) drops the
    // whole index, which then names no columns of its own.
    void addIndexColumn(const QString &tableName, const QString &indexName, bool unique,
                        bool primary, const QVariant &column);

    // The schema, with every table's primary-key columns marked and expression indexes left out,
    // and the backend's `procedures` (or their failure).
    Result<Schema> finish(Result<QList<Procedure>> procedures);

    QList<Table> &tables() { return m_schema.tables; }

private:
    QSqlDatabase &m_db;
    const Dialect &m_dialect;
    QString m_boundName;
    QSqlQuery m_query;
    Schema m_schema;
    QHash<QString, qsizetype> m_byName;
    QSet<QPair<QString, QString>> m_expressionIndexes; // (table, index)
};

} // namespace sluice
