#include "db/schema.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString jsonTypeName(JsonType type)
{
    switch (type) {
    case JsonType::String: return u"string"_s;
    case JsonType::Integer: return u"integer"_s;
    case JsonType::Decimal: return u"number"_s;
    case JsonType::Float: return u"number"_s;
    case JsonType::Boolean: return u"boolean"_s;
    case JsonType::Date: return u"date"_s;
    case JsonType::DateTime: return u"date-time"_s;
    case JsonType::Time: return u"time"_s;
    case JsonType::Json: return u"json"_s;
    case JsonType::Binary: return u"binary"_s;
    case JsonType::Uuid: return u"uuid"_s;
    }
    return u"string"_s;
}

QString qualifiedTableName(const QString &schema, const QString &ownSchema, const QString &table)
{
    return schema == ownSchema ? table : schema + u'.' + table;
}

void Table::addForeignKeyColumn(const QString &constraint, const QString &refTable,
                                const QString &column, const QString &refColumn)
{
    if (foreignKeys.isEmpty() || foreignKeys.constLast().name != constraint) {
        ForeignKey key;
        key.name = constraint;
        key.refTable = refTable;
        foreignKeys.append(key);
    }
    foreignKeys.last().columns.append(column);
    foreignKeys.last().refColumns.append(refColumn);
}

void Table::markPrimaryKeyColumns()
{
    for (Column &c : columns)
        c.primaryKey = primaryKey.contains(c.name);
}

int Table::columnIndex(QStringView name) const
{
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name == name)
            return int(i);
    }
    return -1;
}

const Column *Table::column(QStringView name) const
{
    const int i = columnIndex(name);
    return i < 0 ? nullptr : &columns.at(i);
}

const Table *Schema::table(QStringView name) const
{
    const auto it = m_byName.constFind(name.toString());
    return it == m_byName.cend() ? nullptr : &tables.at(*it);
}

void Schema::buildIndex()
{
    m_byName.clear();
    for (qsizetype i = 0; i < tables.size(); ++i)
        m_byName.insert(tables.at(i).name, i);
}

} // namespace sluice
