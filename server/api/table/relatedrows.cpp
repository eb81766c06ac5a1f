#include "api/table/relatedrows.h"

#include "db/connection.h"
#include "db/rowcursor.h"
#include "db/rowwriter.h"
#include "db/sql/sqlbuilder.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// The foreign keys of `from` that point at `to`.
QList<const ForeignKey *> keysTo(const Table &from, const QString &to)
{
    QList<const ForeignKey *> out;
    for (const ForeignKey &fk : from.foreignKeys) {
        if (fk.refTable == to)
            out.append(&fk);
    }
    return out;
}

Error relatedError(const QString &message)
{
    return Error::badRequest(u"Invalid related: "_s + message);
}

} // namespace

Result<QList<Relation>> resolveRelations(ServiceRegistry &registry, const Call &call,
                                         const QString &service, const Table &table,
                                         const QStringList &names)
{
    QList<Relation> out;
    for (const QString &name : names) {
        if (std::any_of(out.cbegin(), out.cend(),
                        [&](const Relation &r) { return r.name == name; }))
            return relatedError(u"'%1' is named twice"_s.arg(name));
        auto access = authorizeTable(registry, call, service, name, VerbGet);
        if (!access)
            return access.error();
        const Table &other = *access->target.table;
        if (table.column(name))
            return relatedError(
                u"'%1' is also a column of '%2'; its rows would hide it"_s.arg(name, table.name));
        // Links in both directions, e.g. employees.manager_id → employees, are ambiguous too.
        const QList<const ForeignKey *> toOne = keysTo(table, other.name);
        const QList<const ForeignKey *> toMany = keysTo(other, table.name);
        if (toOne.size() + toMany.size() == 0)
            return relatedError(
                u"no foreign key links '%1' and '%2'"_s.arg(table.name, other.name));
        if (toOne.size() + toMany.size() > 1)
            return relatedError(
                u"'%1' and '%2' are linked by more than one foreign key; embedding would be "
                "ambiguous"_s.arg(table.name, other.name));
        const bool many = toOne.isEmpty();
        const ForeignKey &fk = many ? *toMany.first() : *toOne.first();
        if (fk.columns.size() != 1)
            return relatedError(
                u"'%1' and '%2' are linked by a composite foreign key, which related= does not "
                "follow"_s.arg(table.name, other.name));
        Relation relation;
        relation.name = name;
        relation.access = std::move(*access);
        relation.toMany = many;
        relation.localColumn = many ? fk.refColumns.first() : fk.columns.first();
        relation.remoteColumn = many ? fk.columns.first() : fk.refColumns.first();
        out.append(std::move(relation));
    }
    return out;
}

Result<RelatedRows> RelatedRows::fetch(Connection &connection, const Relation &relation,
                                       const QVariantList &linkValues, int perParent)
{
    RelatedRows out;
    out.m_toMany = relation.toMany;
    // Each distinct, non-null link value once.
    QVariantList values;
    QSet<QString> seen;
    for (const QVariant &v : linkValues) {
        if (v.isNull())
            continue;
        if (!seen.contains(v.toString())) {
            seen.insert(v.toString());
            values.append(v);
        }
    }
    if (values.isEmpty())
        return out;
    const Table &table = *relation.access.target.table;
    const SqlBuilder builder(*relation.access.target.service->dialect, table);
    auto sql = builder.selectMatching(relation.remoteColumn, values, relation.access.rowFilter,
                                      relation.toMany ? perParent : 0);
    if (!sql)
        return sql.error();
    auto cursor = connection.select(sql->sql, sql->binds);
    if (!cursor)
        return cursor.error();
    RowCursor &found = **cursor;
    const RowWriter rows(builder.allColumns());
    const int matchIndex = int(table.columns.size());
    while (found.next()) {
        QByteArray &json = out.m_rows[found.value(matchIndex).toString()];
        if (!json.isEmpty()) {
            if (!relation.toMany)
                continue; // the referenced column is unique: cannot happen, but never two objects
            json.append(',');
        }
        JsonWriter w(json);
        found.writeRow(w, rows);
    }
    if (Status s = found.finish(); !s)
        return s.error();
    return out;
}

QByteArray RelatedRows::jsonFor(const QVariant &linkValue) const
{
    const QByteArray rows = linkValue.isNull() ? QByteArray() : m_rows.value(linkValue.toString());
    if (m_toMany)
        return '[' + rows + ']';
    return rows.isEmpty() ? QByteArrayLiteral("null") : rows;
}

} // namespace sluice
