#pragma once

#include "db/schema.h"

#include <QHash>
#include <QSet>
#include <QVariant>

namespace sluice {

// What every backend's introspection does with its catalog's rows, written once: the rows of
// each query name their table (rows of tables it does not list are skipped), keys and indexes
// arrive one row per column in key order. The backend writes only its queries.
class SchemaReader
{
public:
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

    // The schema, with every table's primary-key columns marked and expression indexes left out.
    Schema finish(QList<Procedure> procedures);

    QList<Table> &tables() { return m_schema.tables; }

private:
    Schema m_schema;
    QHash<QString, qsizetype> m_byName;
    QSet<QPair<QString, QString>> m_expressionIndexes; // (table, index)
};

} // namespace sluice
