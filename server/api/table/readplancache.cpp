#include "api/table/readplancache.h"

namespace sluice {

QString ReadPlanCache::keyOf(const QString &service, const QString &table, int format,
                             const QueryParams &query)
{
    QString key;
    key.reserve(128);
    key += service;
    key += QChar(0x1e);
    key += table;
    key += QChar(0x1e);
    key += QString::number(format);
    // Lengths first, so no name or value can pass for a separator.
    for (const auto &[name, value] : query) {
        key += QChar(0x1e);
        key += QString::number(name.size());
        key += u':';
        key += name;
        key += QString::number(value.size());
        key += u':';
        key += value;
    }
    return key;
}

const ReadPlan *ReadPlanCache::find(const QString &key, const SchemaSnapshot &schema) const
{
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend() || it->schema.lock() != schema)
        return nullptr;
    return &it->plan;
}

void ReadPlanCache::insert(const QString &key, const SchemaSnapshot &schema, ReadPlan plan)
{
    if (m_entries.size() >= kMaxEntries)
        m_entries.clear();
    m_entries.insert(key, Entry { schema, std::move(plan) });
}

} // namespace sluice
