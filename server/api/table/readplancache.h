#pragma once

#include "db/sql/sqlbuilder.h"
#include "query/readspec.h"

#include <QHash>
#include <QString>

#include <memory>

namespace sluice {

// A list read as parsed and built: what GET _table/{t} would otherwise work out again from the
// same query string (the common case of a client polling or re-reading the same list).
struct ReadPlan
{
    ReadSpec spec;
    SelectPlan plan;
    qint64 limit = 0; // rows shown; spec.limit may be one more (the look-ahead for a cursor)
    bool pageable = false;
};

// One worker's read plans by request (service or tenant backend key, table, Accept format, query
// string). Only reads whose plan depends on nothing else are kept: no row filter of the caller's
// role, no cursor, no related tables. A plan is used only under the schema snapshot it was built
// with.
class ReadPlanCache
{
public:
    static QString keyOf(const QString &service, const QString &table, int format,
                         const QueryParams &query);

    const ReadPlan *find(const QString &key, const SchemaSnapshot &schema) const;
    void insert(const QString &key, const SchemaSnapshot &schema, ReadPlan plan);

private:
    struct Entry
    {
        std::weak_ptr<const Schema> schema;
        ReadPlan plan;
    };
    static constexpr qsizetype kMaxEntries = 512; // then start again: no eviction bookkeeping
    QHash<QString, Entry> m_entries;
};

} // namespace sluice
