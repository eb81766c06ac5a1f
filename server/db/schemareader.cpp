#include "db/schemareader.h"

#include "db/dialect.h"

#include <algorithm>

namespace sluice {

SchemaReader::SchemaReader(QSqlDatabase &db, const Dialect &dialect, const QString &boundName)
    : m_db(db)
    , m_dialect(dialect)
    , m_boundName(boundName)
    , m_query(db)
{
}

Status SchemaReader::run(const QString &sql)
{
    m_query.setForwardOnly(true);
    if (!m_query.prepare(sql))
        return m_dialect.classifyFailure(m_query, m_db);
    if (!m_boundName.isEmpty())
        m_query.addBindValue(m_boundName);
    if (!m_query.exec())
        return m_dialect.classifyFailure(m_query, m_db);
    return {};
}

Status SchemaReader::readTables(const QString &sql)
{
    if (Status s = run(sql); !s)
        return s;
    while (m_query.next())
        addTable(m_query.value(0).toString(), m_query.value(1).toBool());
    return {};
}

Status SchemaReader::readColumns(const QString &sql,
                                 const std::function<Column(const QSqlQuery &row)> &columnOf)
{
    if (Status s = run(sql); !s)
        return s;
    while (m_query.next()) {
        if (Table *t = table(m_query.value(0).toString()))
            t->columns.append(columnOf(m_query));
    }
    return {};
}

Status SchemaReader::readKeys(const QString &sql)
{
    if (Status s = run(sql); !s)
        return s;
    while (m_query.next()) {
        const bool primary = m_query.value(4).isNull();
        addKeyColumn(m_query.value(0).toString(), m_query.value(1).toString(),
                     m_query.value(2).toString(),
                     primary ? QString()
                             : qualifiedTableName(m_query.value(3).toString(), m_boundName,
                                                  m_query.value(4).toString()),
                     m_query.value(5).toString());
    }
    return {};
}

Status SchemaReader::readIndexes(const QString &sql)
{
    if (Status s = run(sql); !s)
        return s;
    while (m_query.next())
        addIndexColumn(m_query.value(0).toString(), m_query.value(1).toString(),
                       m_query.value(2).toBool(), m_query.value(3).toBool(), m_query.value(4));
    return {};
}

void SchemaReader::addTable(const QString &name, bool isView)
{
    Table table;
    table.name = name;
    table.isView = isView;
    m_byName.insert(name, m_schema.tables.size());
    m_schema.tables.append(table);
}

void SchemaReader::sortTables()
{
    std::sort(m_schema.tables.begin(), m_schema.tables.end(), [](const Table &a, const Table &b) {
        return a.isView != b.isView ? b.isView : a.name < b.name;
    });
    m_byName.clear();
    for (qsizetype i = 0; i < m_schema.tables.size(); ++i)
        m_byName.insert(m_schema.tables.at(i).name, i);
}

Table *SchemaReader::table(const QString &name)
{
    const auto it = m_byName.constFind(name);
    return it == m_byName.cend() ? nullptr : &m_schema.tables[*it];
}

void SchemaReader::addKeyColumn(const QString &tableName, const QString &constraint,
                                const QString &column, const QString &refTable,
                                const QString &refColumn)
{
    Table *t = table(tableName);
    if (!t)
        return;
    if (refTable.isEmpty())
        t->primaryKey.append(column);
    else
        t->addForeignKeyColumn(constraint, refTable, column, refColumn);
}

void SchemaReader::addIndexColumn(const QString &tableName, const QString &indexName, bool unique,
                                  bool primary, const QVariant &column)
{
    Table *t = table(tableName);
    if (!t)
        return;
    if (t->indexes.isEmpty() || t->indexes.constLast().name != indexName) {
        Index index;
        index.name = indexName;
        index.unique = unique;
        index.primary = primary;
        t->indexes.append(index);
    }
    // Unique only if every column's row says so (MySQL: a prefix of a column is not unique).
    t->indexes.last().unique = t->indexes.last().unique && unique;
    if (column.isNull())
        m_expressionIndexes.insert({ tableName, indexName });
    t->indexes.last().columns.append(column.toString());
}

Result<Schema> SchemaReader::finish(Result<QList<Procedure>> procedures)
{
    if (!procedures)
        return procedures.error();
    for (Table &t : m_schema.tables) {
        t.markPrimaryKeyColumns();
        t.indexes.removeIf([&](const Index &index) {
            return m_expressionIndexes.contains({ t.name, index.name });
        });
    }
    m_schema.procedures = std::move(*procedures);
    m_schema.buildIndex();
    return std::move(m_schema);
}

} // namespace sluice
