#include "db/sql/sqlbuilder.h"

#include "db/valuecoercion.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

const char *comparisonSql(FilterOp op)
{
    switch (op) {
    case FilterOp::Eq: return " = ";
    case FilterOp::NotEq: return " <> ";
    case FilterOp::Gt: return " > ";
    case FilterOp::Ge: return " >= ";
    case FilterOp::Lt: return " < ";
    case FilterOp::Le: return " <= ";
    case FilterOp::Like: return " LIKE ";
    case FilterOp::NotLike: return " NOT LIKE ";
    default: return nullptr;
    }
}

QString aggregateAlias(const SelectItem &item)
{
    if (!item.alias.isEmpty())
        return item.alias;
    if (item.column == u"*"_s)
        return item.function.toLower();
    return item.function.toLower() + u'_' + item.column;
}

} // namespace

Result<const Column *> SqlBuilder::checkedColumn(const QString &name,
                                                 const QString &parameter) const
{
    if (const Column *c = m_table.column(name))
        return c;
    Error e = Error::badRequest(
        u"Invalid %1: unknown column '%2' in table '%3'"_s.arg(parameter, name, m_table.name));
    e.context.insert(u"column"_s, name);
    return e;
}

Result<const Column *> SqlBuilder::singleKey() const
{
    if (m_table.primaryKey.isEmpty())
        return Error::badRequest(
            u"Table '%1' has no primary key, so rows cannot be addressed by id"_s.arg(
                m_table.name));
    if (m_table.primaryKey.size() > 1)
        return Error::badRequest(
            u"Table '%1' has a composite primary key (%2); address rows with filter"_s.arg(
                m_table.name, m_table.primaryKey.join(u", "_s)));
    return m_table.column(m_table.primaryKey.first());
}

OutputColumn OutputColumn::of(const Column &column)
{
    OutputColumn out;
    out.name = column.name;
    out.type = column.jsonType;
    // SQLite columns without a declared type (e.g. computed view columns) hold anything.
    out.dynamic = column.dbType.isEmpty();
    out.zoned = column.jsonType == JsonType::DateTime && column.zoned;
    out.utcWallClock = column.utcWallClock;
    out.scale = column.jsonType == JsonType::Decimal ? column.scale : -1;
    return out;
}

QList<OutputColumn> SqlBuilder::allColumns() const
{
    QList<OutputColumn> out;
    out.reserve(m_table.columns.size());
    for (const Column &c : m_table.columns)
        out.append(OutputColumn::of(c));
    return out;
}

QList<OutputColumn> SqlBuilder::keyColumns() const
{
    QList<OutputColumn> out;
    for (const QString &k : m_table.primaryKey)
        out.append(OutputColumn::of(*m_table.column(k)));
    return out;
}

QList<OutputColumn> SqlBuilder::deletedColumns() const
{
    return m_table.primaryKey.isEmpty() ? allColumns() : keyColumns();
}

QString SqlBuilder::returning(StatementKind kind, const QList<OutputColumn> &columns) const
{
    // Without RETURNING (MySQL; MariaDB for UPDATE) the API re-reads the rows by key.
    if (!m_dialect.supportsReturning(kind))
        return {};
    // Each item as the select list reads it (readColumn), so RETURNING/OUTPUT rows match.
    QStringList items;
    for (const OutputColumn &c : columns)
        items.append(readColumn(c.name));
    return m_dialect.returningClauseFor(kind, items);
}

Status SqlBuilder::appendFilter(QString &sql, QVariantList &binds, const FilterNode &node) const
{
    if (node.kind == FilterNode::Kind::Not) {
        sql += u"NOT ("_s;
        if (Status s = appendFilter(sql, binds, *node.children.first()); !s)
            return s;
        sql += u')';
        return {};
    }
    if (node.kind != FilterNode::Kind::Comparison) {
        const QString glue = node.kind == FilterNode::Kind::And ? u" AND "_s : u" OR "_s;
        sql += u'(';
        for (qsizetype i = 0; i < node.children.size(); ++i) {
            if (i)
                sql += glue;
            if (Status s = appendFilter(sql, binds, *node.children.at(i)); !s)
                return s;
        }
        sql += u')';
        return {};
    }

    const Column *column = m_table.column(node.column);
    if (!column) {
        Error e =
            Error::badRequest(u"Invalid filter: unknown column '%1' in table '%2' at position %3"_s
                                  .arg(node.column, m_table.name)
                                  .arg(node.columnPosition + 1));
        e.context.insert(u"column"_s, node.column);
        e.context.insert(u"position"_s, node.columnPosition + 1);
        return e;
    }
    // Literal values are bound as written; numbers for exact columns keep their digits.
    auto bindValue = [&](const FilterValue &v) {
        if (column->jsonType == JsonType::Decimal && !v.text.isEmpty()
            && v.value.typeId() != QMetaType::QString)
            binds.append(v.text);
        else
            binds.append(v.value);
    };
    const QString col = quoted(column->name);
    switch (node.op) {
    case FilterOp::IsNull: sql += col + u" IS NULL"_s; return {};
    case FilterOp::IsNotNull: sql += col + u" IS NOT NULL"_s; return {};
    case FilterOp::In:
    case FilterOp::NotIn: {
        sql += col + (node.op == FilterOp::In ? u" IN ("_s : u" NOT IN ("_s);
        for (qsizetype i = 0; i < node.values.size(); ++i) {
            sql += i ? u", ?"_s : u"?"_s;
            bindValue(node.values.at(i));
        }
        sql += u')';
        return {};
    }
    case FilterOp::Between:
    case FilterOp::NotBetween:
        sql += col
            + (node.op == FilterOp::Between ? u" BETWEEN ? AND ?"_s : u" NOT BETWEEN ? AND ?"_s);
        bindValue(node.values.at(0));
        bindValue(node.values.at(1));
        return {};
    case FilterOp::Contains:
    case FilterOp::StartsWith:
    case FilterOp::EndsWith: {
        const QString arg = m_dialect.escapeLike(node.values.at(0).value.toString());
        sql += col + u" LIKE ?"_s + m_dialect.likeEscape();
        const QString pattern = node.op == FilterOp::Contains ? QString(u'%' + arg + u'%')
            : node.op == FilterOp::StartsWith                 ? QString(arg + u'%')
                                                              : QString(u'%' + arg);
        binds.append(pattern);
        return {};
    }
    default: break;
    }
    sql += col + QLatin1StringView(comparisonSql(node.op)) + u'?';
    bindValue(node.values.at(0));
    return {};
}

Status SqlBuilder::appendWhere(QString &sql, QVariantList &binds, const RowSelection &rows) const
{
    if (rows.isEmpty())
        return {};
    sql += u" WHERE "_s;
    if (rows.filter) {
        if (Status s = appendFilter(sql, binds, *rows.filter); !s)
            return s;
    }
    if (!rows.ids.isEmpty()) {
        auto key = singleKey();
        if (!key)
            return key.error();
        if (rows.filter)
            sql += u" AND "_s;
        QVariantList values;
        values.reserve(rows.ids.size());
        for (const QString &id : rows.ids) {
            auto value = bindableFromText(**key, id);
            if (!value) {
                Error e = value.error();
                e.message = u"Invalid ids: "_s + e.message;
                return e;
            }
            values.append(std::move(*value));
        }
        m_dialect.appendInList(sql, binds, **key, values);
    }
    return {};
}

Result<SelectPlan> SqlBuilder::select(const ReadSpec &spec, bool paged) const
{
    SelectPlan plan;
    QString &sql = plan.sql.sql;
    sql.reserve(256);
    sql += u"SELECT "_s;

    const bool aggregates = spec.hasAggregates();
    QStringList aliases;
    QStringList selected; // per result column: the table column it is, unaliased; else empty
    if (spec.fields.isEmpty()) {
        plan.columns = allColumns();
        for (qsizetype i = 0; i < plan.columns.size(); ++i) {
            sql += (i ? u", "_s : QString()) + readColumn(plan.columns.at(i).name);
            selected.append(m_table.columns.at(i).readAs == ReadAs::Value
                                ? m_table.columns.at(i).name
                                : QString());
        }
    } else {
        for (qsizetype i = 0; i < spec.fields.size(); ++i) {
            const SelectItem &item = spec.fields.at(i);
            if (i)
                sql += u", "_s;
            if (item.kind == SelectItem::Kind::Column) {
                auto column = checkedColumn(item.column, u"fields"_s);
                if (!column)
                    return column.error();
                if (aggregates && !spec.group.contains(item.column))
                    return Error::badRequest(
                        u"Invalid fields: column '%1' must be listed in group or used inside an aggregate"_s
                            .arg(item.column));
                sql += item.alias.isEmpty() ? readColumn(item.column) : readExpression(**column);
                const QString name = item.alias.isEmpty() ? item.column : item.alias;
                if (!item.alias.isEmpty()) {
                    sql += u" AS "_s + quoted(item.alias);
                    aliases.append(item.alias);
                }
                OutputColumn output = OutputColumn::of(**column);
                output.name = name;
                plan.columns.append(output);
                selected.append(item.alias.isEmpty() && (*column)->readAs == ReadAs::Value
                                    ? item.column
                                    : QString());
                continue;
            }
            QString argument = u"*"_s;
            if (item.column != u"*"_s) {
                auto column = checkedColumn(item.column, u"fields"_s);
                if (!column)
                    return column.error();
                argument = quoted(item.column);
            } else if (item.function != u"COUNT"_s) {
                return Error::badRequest(
                    u"Invalid fields: %1(*) is not allowed; only COUNT(*)"_s.arg(item.function));
            }
            const QString alias = aggregateAlias(item);
            sql += item.function + u'(' + argument + u") AS "_s + quoted(alias);
            aliases.append(alias);
            OutputColumn output;
            output.name = alias;
            output.type = item.function == u"COUNT"_s ? JsonType::Integer : JsonType::String;
            output.dynamic = item.function != u"COUNT"_s;
            plan.columns.append(output);
            selected.append(QString());
        }
    }
    // Columns the API reads from each row besides the answer's (keyset values, related links):
    // the result column already holding it, else one more selected after the answer's.
    auto resultIndex = [&](const QString &name) {
        qsizetype at = selected.indexOf(name);
        if (at < 0) {
            at = selected.size();
            selected.append(name);
            sql += u", "_s + quoted(name);
        }
        return int(at);
    };
    auto keyset = keysetOrder(spec);
    if (keyset) {
        plan.keyset = *keyset;
        for (const OrderItem &o : plan.keyset)
            plan.keysetIndexes.append(resultIndex(o.column));
    } else if (!spec.after.isEmpty()) {
        return keyset.error();
    }
    for (const QString &name : spec.extraColumns) {
        if (auto column = checkedColumn(name, u"related"_s); !column)
            return column.error();
        plan.extraIndexes.append(resultIndex(name));
    }
    sql += u" FROM "_s + quoted(m_table.name);
    const qsizetype beforeWhere = sql.size();
    if (Status s = appendWhere(sql, plan.sql.binds, { spec.filter, spec.ids }); !s)
        return s.error();
    if (!spec.after.isEmpty()) {
        sql += sql.size() == beforeWhere ? u" WHERE "_s : u" AND "_s;
        if (Status s = appendKeysetCondition(sql, plan.sql.binds, plan.keyset, spec.after); !s)
            return s.error();
    }

    if (!spec.group.isEmpty()) {
        sql += u" GROUP BY "_s;
        for (qsizetype i = 0; i < spec.group.size(); ++i) {
            if (auto column = checkedColumn(spec.group.at(i), u"group"_s); !column)
                return column.error();
            sql += (i ? u", "_s : QString()) + quoted(spec.group.at(i));
        }
    }
    // The primary key breaks ties: paging (offset or cursor) is deterministic everywhere.
    const QList<OrderItem> order =
        aggregates || !spec.group.isEmpty() ? spec.order : withKeyTieBreak(spec.order);
    const bool pagedSql = (paged && spec.limit >= 0) || spec.offset > 0;
    if (!order.isEmpty()) {
        sql += u" ORDER BY "_s;
        for (qsizetype i = 0; i < order.size(); ++i) {
            const OrderItem &o = order.at(i);
            if (!aliases.contains(o.column)) {
                if (auto column = checkedColumn(o.column, u"order"_s); !column)
                    return column.error();
            }
            sql += (i ? u", "_s : QString()) + quoted(o.column);
            if (i < spec.order.size()) // appended key columns keep the default, ascending
                sql += o.descending ? u" DESC"_s : u" ASC"_s;
        }
    } else if (pagedSql && m_dialect.pagingNeedsOrderBy()) {
        // OFFSET … FETCH cannot stand alone; no order was asked for and there is no key.
        sql += u" ORDER BY (SELECT NULL)"_s;
    }
    if (paged && spec.limit >= 0)
        sql += m_dialect.limitClause(spec.limit, spec.offset);
    else if (spec.offset > 0) // an offset without a limit: "all remaining rows"
        sql += m_dialect.limitClause(std::numeric_limits<qint64>::max(), spec.offset);
    return plan;
}

Result<QList<OrderItem>> SqlBuilder::keysetOrder(const ReadSpec &spec) const
{
    if (spec.hasAggregates() || !spec.group.isEmpty())
        return Error::badRequest(u"Invalid cursor: grouped or aggregated reads have no cursor"_s);
    if (m_table.primaryKey.isEmpty())
        return Error::badRequest(
            u"Invalid cursor: '%1' has no primary key to page by"_s.arg(m_table.name));
    for (const OrderItem &o : spec.order) {
        const Column *column = m_table.column(o.column);
        if (!column) // an alias or an unknown column: select() names the error
            return Error::badRequest(
                u"Invalid cursor: cannot page by '%1', which is not a column"_s.arg(o.column));
        if (column->nullable && !column->primaryKey)
            return Error::badRequest(
                u"Invalid cursor: cannot page by '%1', which may be NULL; order by columns that "
                "cannot be NULL"_s.arg(o.column));
    }
    return withKeyTieBreak(spec.order);
}

QList<OrderItem> SqlBuilder::withKeyTieBreak(QList<OrderItem> order) const
{
    for (const QString &key : m_table.primaryKey) {
        const bool present = std::any_of(order.cbegin(), order.cend(),
                                         [&](const OrderItem &o) { return o.column == key; });
        if (!present)
            order.append({ key, false });
    }
    return order;
}

// (a > ?) OR (a = ? AND b > ?) OR … with < for descending columns: rows strictly after the
// previous page's last row in the keyset order.
Status SqlBuilder::appendKeysetCondition(QString &sql, QVariantList &binds,
                                         const QList<OrderItem> &keyset,
                                         const QVariantList &after) const
{
    if (after.size() != keyset.size())
        return Error::badRequest(u"Invalid cursor: it does not belong to this read"_s);
    sql += u'(';
    for (qsizetype i = 0; i < keyset.size(); ++i) {
        sql += i ? u" OR ("_s : u"("_s;
        for (qsizetype j = 0; j < i; ++j) {
            sql += quoted(keyset.at(j).column) + u" = ? AND "_s;
            binds.append(after.at(j));
        }
        sql +=
            quoted(keyset.at(i).column) + (keyset.at(i).descending ? u" < ?"_s : u" > ?"_s) + u')';
        binds.append(after.at(i));
    }
    sql += u')';
    return {};
}

Result<BoundSql> SqlBuilder::selectMatching(const QString &matchColumn, const QVariantList &values,
                                            const FilterExpr &rowFilter, int perValue) const
{
    auto match = checkedColumn(matchColumn, u"related"_s);
    if (!match)
        return match.error();
    const QString columns = selectList(allColumns());
    QString outerColumns; // the inner query's result columns, by name
    for (const Column &c : m_table.columns)
        outerColumns += (outerColumns.isEmpty() ? QString() : u", "_s) + quoted(c.name);
    const QString matchName = quoted(matchColumn);
    QString where = u" WHERE "_s;
    BoundSql out;
    m_dialect.appendInList(where, out.binds, **match, values);
    if (rowFilter) {
        where += u" AND "_s;
        if (Status s = appendFilter(where, out.binds, *rowFilter); !s)
            return s.error();
    }
    QString order = u" ORDER BY "_s + matchName;
    for (const QString &key : m_table.primaryKey)
        order += u", "_s + quoted(key);
    if (perValue <= 0) {
        out.sql = u"SELECT "_s + columns + u", "_s + matchName + u" FROM "_s + quoted(m_table.name)
            + where + order;
        return out;
    }
    // The inner query numbers each value's rows; the outer one keeps the first `perValue`.
    QString within = m_table.primaryKey.isEmpty() ? matchName : QString();
    for (qsizetype i = 0; i < m_table.primaryKey.size(); ++i)
        within += (i ? u", "_s : QString()) + quoted(m_table.primaryKey.at(i));
    const QString rank = quoted(u"sluice_rank"_s);
    out.sql = u"SELECT "_s + outerColumns + u", "_s + matchName + u" FROM (SELECT "_s + columns
        + u", ROW_NUMBER() OVER (PARTITION BY "_s + matchName + u" ORDER BY "_s + within
        + u") AS "_s + rank + u" FROM "_s + quoted(m_table.name) + where + u") "_s
        + quoted(u"sluice_related"_s) + u" WHERE "_s + rank + u" <= "_s + QString::number(perValue)
        + order;
    return out;
}

Result<BoundSql> SqlBuilder::count(const ReadSpec &spec) const
{
    BoundSql out;
    if (spec.group.isEmpty()) {
        out.sql = u"SELECT COUNT(*) FROM "_s + quoted(m_table.name);
        if (Status s = appendWhere(out.sql, out.binds, { spec.filter, spec.ids }); !s)
            return s.error();
        return out;
    }
    // Grouped reads count groups, not rows.
    ReadSpec groups = spec;
    groups.fields.clear();
    for (const QString &g : spec.group)
        groups.fields.append({ SelectItem::Kind::Column, g, {}, {} });
    groups.order.clear();
    groups.offset = 0; // the total is the same on every page
    auto inner = select(groups, false);
    if (!inner)
        return inner.error();
    out.sql = u"SELECT COUNT(*) FROM ("_s + inner->sql.sql + u") AS sluice_groups"_s;
    out.binds = inner->sql.binds;
    return out;
}

Result<BoundSql> SqlBuilder::countKeysMatching(const QVariantList &keys,
                                               const FilterExpr &rowFilter) const
{
    auto key = singleKey();
    if (!key)
        return key.error();
    BoundSql out;
    out.sql = u"SELECT COUNT(*) FROM "_s + quoted(m_table.name) + u" WHERE "_s;
    m_dialect.appendInList(out.sql, out.binds, **key, keys);
    if (rowFilter) {
        out.sql += u" AND "_s;
        if (Status s = appendFilter(out.sql, out.binds, *rowFilter); !s)
            return s.error();
    }
    return out;
}

Result<BoundSql> SqlBuilder::countUpsertTargets(const QStringList &columns,
                                                const QVariantList &values,
                                                const FilterExpr &rowFilter) const
{
    QList<QStringList> keys;
    if (!m_table.primaryKey.isEmpty())
        keys.append(m_table.primaryKey);
    for (const Index &index : m_table.indexes) {
        if (index.unique && !index.primary && !index.columns.isEmpty())
            keys.append(index.columns);
    }
    BoundSql out;
    QVariantList conflictBinds;
    QStringList conditions;
    for (const QStringList &key : keys) {
        QStringList terms;
        QVariantList binds;
        for (const QString &column : key) {
            const qsizetype at = columns.indexOf(column);
            if (at < 0 || values.at(at).isNull())
                break; // NULL never conflicts, and a missing column takes its default
            terms << quoted(column) + u" = ?"_s;
            binds << values.at(at);
        }
        if (terms.size() != key.size())
            continue;
        conditions << u'(' + terms.join(u" AND "_s) + u')';
        conflictBinds += binds;
    }
    if (conditions.isEmpty())
        return out;
    // One round trip: every target, and those that pass the filter (its values bind first).
    out.sql = u"SELECT COUNT(*), COUNT(CASE WHEN "_s;
    if (Status s = appendFilter(out.sql, out.binds, *rowFilter); !s)
        return s.error();
    out.sql += u" THEN 1 END) FROM "_s + quoted(m_table.name) + u" WHERE ("_s
        + conditions.join(u" OR "_s) + u')';
    out.binds += conflictBinds;
    return out;
}

QString SqlBuilder::readExpression(const Column &column) const
{
    const QString name = quoted(column.name);
    return column.readAs == ReadAs::Value ? name : m_dialect.readExpression(name, column.readAs);
}

QString SqlBuilder::readColumn(const QString &name) const
{
    const Column *column = m_table.column(name);
    if (!column || column->readAs == ReadAs::Value)
        return quoted(name);
    return readExpression(*column) + u" AS "_s + quoted(name);
}

QString SqlBuilder::selectList(const QList<OutputColumn> &columns) const
{
    QString out;
    for (qsizetype i = 0; i < columns.size(); ++i)
        out += (i ? u", "_s : QString()) + readColumn(columns.at(i).name);
    return out;
}

// " WHERE key = ? [AND (rowFilter)]" for the one-column primary key.
Status SqlBuilder::appendKeyCondition(QString &sql, QVariantList &binds, const QVariant &key,
                                      const FilterExpr &rowFilter) const
{
    auto keyColumn = singleKey();
    if (!keyColumn)
        return keyColumn.error();
    sql += u" WHERE "_s + quoted((*keyColumn)->name) + u" = ?"_s;
    binds.append(key);
    if (rowFilter) {
        sql += u" AND "_s;
        if (Status s = appendFilter(sql, binds, *rowFilter); !s)
            return s;
    }
    return {};
}

Result<BoundSql> SqlBuilder::selectByKey(const QString &id, const FilterExpr &rowFilter) const
{
    auto key = singleKey();
    if (!key)
        return key.error();
    auto value = bindableFromText(**key, id);
    if (!value)
        return value.error();
    BoundSql out;
    out.sql = u"SELECT "_s + selectList(allColumns()) + u" FROM "_s + quoted(m_table.name);
    if (Status s = appendKeyCondition(out.sql, out.binds, *value, rowFilter); !s)
        return s.error();
    return out;
}

Result<BoundSql> SqlBuilder::probe(const RowSelection &rows) const
{
    BoundSql out;
    out.sql = u"SELECT "_s + selectList(deletedColumns()) + u" FROM "_s + quoted(m_table.name);
    if (Status s = appendWhere(out.sql, out.binds, rows); !s)
        return s.error();
    out.sql += m_dialect.lockRowsClause();
    return out;
}

Result<BoundSql> SqlBuilder::probeByKey(const QVariant &key, const FilterExpr &rowFilter) const
{
    BoundSql out;
    out.sql = u"SELECT "_s + selectList(keyColumns()) + u" FROM "_s + quoted(m_table.name);
    if (Status s = appendKeyCondition(out.sql, out.binds, key, rowFilter); !s)
        return s.error();
    out.sql += m_dialect.lockRowsClause();
    return out;
}

Result<BoundSql> SqlBuilder::selectByKeys(const QList<QVariantList> &keys) const
{
    const QStringList &keyNames = m_table.primaryKey;
    if (keyNames.isEmpty())
        return Error::badRequest(
            u"Table '%1' has no primary key, so written rows cannot be read back"_s.arg(
                m_table.name));
    BoundSql out;
    out.sql =
        u"SELECT "_s + selectList(allColumns()) + u" FROM "_s + quoted(m_table.name) + u" WHERE "_s;
    if (keys.isEmpty()) {
        out.sql += u"1 = 0"_s;
        return out;
    }
    if (const Column *key = m_table.column(keyNames.first()); key && keyNames.size() == 1) {
        QVariantList values;
        values.reserve(keys.size());
        for (const QVariantList &row : keys)
            values.append(row.value(0));
        m_dialect.appendInList(out.sql, out.binds, *key, values);
    } else {
        for (qsizetype row = 0; row < keys.size(); ++row) {
            out.sql += row ? u" OR ("_s : u"("_s;
            for (qsizetype i = 0; i < keyNames.size(); ++i)
                out.sql += (i ? u" AND "_s : QString()) + quoted(keyNames.at(i)) + u" = ?"_s;
            out.sql += u')';
            out.binds += keys.at(row);
        }
    }
    // The order of the keys given is not kept; the primary key order is the stable answer.
    out.sql += u" ORDER BY "_s;
    for (qsizetype i = 0; i < keyNames.size(); ++i)
        out.sql += (i ? u", "_s : QString()) + quoted(keyNames.at(i));
    return out;
}

Result<BoundSql> SqlBuilder::insert(const QStringList &columns, const QVariantList &values,
                                    bool upsert, int rows) const
{
    Q_ASSERT(rows == 1 || (!upsert && !columns.isEmpty()));
    if (upsert && m_table.primaryKey.isEmpty())
        return Error::badRequest(
            u"Invalid upsert: table '%1' has no primary key"_s.arg(m_table.name));
    const QString output = returning(StatementKind::Insert, allColumns());
    BoundSql out;
    out.binds = values;
    if (upsert) {
        if (QString merge = m_dialect.upsertStatement(m_table, columns, output); !merge.isEmpty()) {
            out.sql = std::move(merge);
            return out;
        }
    }
    const bool outputFirst =
        m_dialect.returningPlacement() == ReturningPlacement::BeforeValuesOrWhere;
    out.sql = u"INSERT INTO "_s + quoted(m_table.name);
    if (columns.isEmpty()) {
        if (outputFirst)
            out.sql += output;
        out.sql += u" DEFAULT VALUES"_s;
    } else {
        out.sql += u" ("_s;
        for (qsizetype i = 0; i < columns.size(); ++i)
            out.sql += (i ? u", "_s : QString()) + quoted(columns.at(i));
        out.sql += u')';
        if (outputFirst)
            out.sql += output;
        out.sql += u" VALUES "_s;
        for (int row = 0; row < rows; ++row) {
            out.sql += row ? u", ("_s : u"("_s;
            for (qsizetype i = 0; i < columns.size(); ++i)
                out.sql += i ? u", ?"_s : u"?"_s;
            out.sql += u')';
        }
    }
    if (upsert)
        out.sql += m_dialect.upsertClause(m_table, columns);
    if (!outputFirst)
        out.sql += output;
    return out;
}

template<typename AppendCondition>
Result<BoundSql> SqlBuilder::withCondition(Result<BoundSql> out, const QString &output,
                                           AppendCondition appendCondition) const
{
    if (!out)
        return out;
    const bool outputFirst =
        m_dialect.returningPlacement() == ReturningPlacement::BeforeValuesOrWhere;
    if (outputFirst)
        out->sql += output;
    if (Status s = appendCondition(out->sql, out->binds); !s)
        return s.error();
    if (!outputFirst)
        out->sql += output;
    return out;
}

Result<BoundSql> SqlBuilder::updateHead(const QStringList &columns,
                                        const QVariantList &values) const
{
    if (columns.isEmpty())
        return Error::badRequest(u"The request body names no column to update"_s);
    BoundSql out;
    out.sql = u"UPDATE "_s + quoted(m_table.name) + u" SET "_s;
    for (qsizetype i = 0; i < columns.size(); ++i)
        out.sql += (i ? u", "_s : QString()) + quoted(columns.at(i)) + u" = ?"_s;
    out.binds = values;
    return out;
}

Result<BoundSql> SqlBuilder::update(const QStringList &columns, const QVariantList &values,
                                    const RowSelection &rows) const
{
    return withCondition(
        updateHead(columns, values), returning(StatementKind::Update, allColumns()),
        [&](QString &sql, QVariantList &binds) { return appendWhere(sql, binds, rows); });
}

Result<BoundSql> SqlBuilder::updateByKey(const QStringList &columns, const QVariantList &values,
                                         const QVariant &key, const FilterExpr &rowFilter) const
{
    return withCondition(updateHead(columns, values),
                         returning(StatementKind::Update, allColumns()),
                         [&](QString &sql, QVariantList &binds) {
                             return appendKeyCondition(sql, binds, key, rowFilter);
                         });
}

Result<BoundSql> SqlBuilder::remove(const RowSelection &rows) const
{
    BoundSql out;
    out.sql = u"DELETE FROM "_s + quoted(m_table.name);
    // Deleted rows are identified by their key; a table without one reports whole rows.
    return withCondition(
        std::move(out), returning(StatementKind::Delete, deletedColumns()),
        [&](QString &sql, QVariantList &binds) { return appendWhere(sql, binds, rows); });
}

} // namespace sluice
