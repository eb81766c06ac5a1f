#include "db/schema.h"

#include "core/nametable.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// The JSON Schema-like type names of _schema and the OpenAPI document.
constexpr std::array JsonTypeNames = {
    EnumName { JsonType::String, u"string" },      EnumName { JsonType::Integer, u"integer" },
    EnumName { JsonType::Decimal, u"number" },     EnumName { JsonType::Float, u"number" },
    EnumName { JsonType::Boolean, u"boolean" },    EnumName { JsonType::Date, u"date" },
    EnumName { JsonType::DateTime, u"date-time" }, EnumName { JsonType::Time, u"time" },
    EnumName { JsonType::Json, u"json" },          EnumName { JsonType::Binary, u"binary" },
    EnumName { JsonType::Uuid, u"uuid" },
};
static_assert(listsEnumInOrder(JsonTypeNames) && JsonTypeNames.back().value == JsonType::Uuid,
              "one name per JsonType, in the enum's order");

} // namespace

QString jsonTypeName(JsonType type)
{
    return nameOf(JsonTypeNames, type, u"string");
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
