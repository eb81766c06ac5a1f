#include "db/sql/writestatement.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Per primary-key column: the value `columns`/`values` give it, or an invalid QVariant.
QVariantList keyValuesIn(const Table &table, const QStringList &columns, const QVariantList &values)
{
    QVariantList out;
    out.reserve(table.primaryKey.size());
    for (const QString &key : table.primaryKey) {
        const qsizetype at = columns.indexOf(key);
        out.append(at >= 0 ? values.at(at) : QVariant());
    }
    return out;
}

} // namespace

WriteStatement::WriteStatement(const SqlBuilder &builder, StatementKind kind, BoundSql sql)
    : m_builder(&builder)
    , m_kind(kind)
    , m_sql(std::move(sql))
    , m_returnsRows(builder.dialect().supportsReturning(kind))
{
}

Result<WriteStatement> WriteStatement::insert(const SqlBuilder &builder, const QStringList &columns,
                                              const QVariantList &values, bool upsert)
{
    auto sql = builder.insert(columns, values, upsert);
    if (!sql)
        return sql.error();
    WriteStatement out(builder, StatementKind::Insert, std::move(*sql));
    if (!out.m_returnsRows)
        out.m_keyValues = keyValuesIn(builder.table(), columns, values);
    return out;
}

Result<WriteStatement> WriteStatement::insertMany(const SqlBuilder &builder,
                                                  const QStringList &columns,
                                                  const QVariantList &values, int rows)
{
    Q_ASSERT(builder.dialect().supportsReturning(StatementKind::Insert));
    auto sql = builder.insert(columns, values, false, rows);
    if (!sql)
        return sql.error();
    return WriteStatement(builder, StatementKind::Insert, std::move(*sql));
}

template<typename Probe>
Result<WriteStatement> WriteStatement::probing(const SqlBuilder &builder, StatementKind kind,
                                               Result<BoundSql> sql, Probe probe)
{
    if (!sql)
        return sql.error();
    WriteStatement out(builder, kind, std::move(*sql));
    if (!out.m_returnsRows) {
        Result<BoundSql> select = probe();
        if (!select)
            return select.error();
        out.m_probe = std::move(*select);
    }
    return out;
}

Result<WriteStatement> WriteStatement::update(const SqlBuilder &builder, const QStringList &columns,
                                              const QVariantList &values, const RowSelection &rows)
{
    auto out = probing(builder, StatementKind::Update, builder.update(columns, values, rows),
                       [&] { return builder.probe(rows); });
    if (out && !out->m_returnsRows)
        out->m_keyValues = keyValuesIn(builder.table(), columns, values);
    return out;
}

Result<WriteStatement> WriteStatement::updateByKey(const SqlBuilder &builder,
                                                   const QStringList &columns,
                                                   const QVariantList &values, const QVariant &key,
                                                   const FilterExpr &rowFilter)
{
    auto out = probing(builder, StatementKind::Update,
                       builder.updateByKey(columns, values, key, rowFilter),
                       [&] { return builder.probeByKey(key, rowFilter); });
    if (out && !out->m_returnsRows)
        out->m_keyValues = keyValuesIn(builder.table(), columns, values);
    return out;
}

Result<WriteStatement> WriteStatement::remove(const SqlBuilder &builder, const RowSelection &rows)
{
    return probing(builder, StatementKind::Delete, builder.remove(rows),
                   [&] { return builder.probe(rows); });
}

Result<qint64> WriteStatement::writeRows(Connection &connection, const BoundSql &sql,
                                         const RowWriter &rows, JsonWriter *w, int keyIndex,
                                         QVariantList *keys) const
{
    auto query = connection.execute(sql.sql, sql.binds);
    if (!query)
        return query.error();
    qint64 n = 0;
    while ((*query)->next()) {
        if (w)
            rows.writeRow(*w, **query);
        if (keys && keyIndex >= 0)
            keys->append((*query)->value(keyIndex));
        ++n;
    }
    (*query)->finish();
    return n;
}

Result<QList<QVariantList>> WriteStatement::probeKeys(Connection &connection) const
{
    auto query = connection.execute(m_probe->sql, m_probe->binds);
    if (!query)
        return query.error();
    const qsizetype width = m_builder->table().primaryKey.size();
    QList<QVariantList> keys;
    while ((*query)->next()) {
        QVariantList key;
        key.reserve(width);
        for (qsizetype i = 0; i < width; ++i)
            key.append((*query)->value(int(i)));
        keys.append(std::move(key));
    }
    (*query)->finish();
    return keys;
}

Result<qint64> WriteStatement::run(Connection &connection, const RowWriter &rows, JsonWriter *w,
                                   int keyIndex, QVariantList *keys) const
{
    if (m_returnsRows)
        return writeRows(connection, m_sql, rows, w, keyIndex, keys);

    const Table &table = m_builder->table();
    if (m_kind == StatementKind::Delete) {
        // The probe selects exactly the columns a DELETE answers with, and locks those rows.
        auto n = writeRows(connection, *m_probe, rows, w, keyIndex, keys);
        if (!n)
            return n;
        if (auto done = connection.execute(m_sql.sql, m_sql.binds); !done)
            return done.error();
        return n;
    }

    QList<QVariantList> written;
    if (m_kind == StatementKind::Update) {
        auto probed = probeKeys(connection);
        if (!probed)
            return probed.error();
        written = std::move(*probed);
    }
    auto done = connection.execute(m_sql.sql, m_sql.binds);
    if (!done)
        return done.error();
    QSqlQuery &statement = **done;
    const QVariant generatedId = m_kind == StatementKind::Insert
        ? connection.dialect().lastInsertId(statement, connection.database())
        : QVariant();
    const qint64 affected = statement.numRowsAffected();
    statement.finish();

    if (table.primaryKey.isEmpty()) {
        // Nothing identifies the rows, so they cannot be read back: count them only. For an
        // UPDATE the probe's count is the rows matched (MySQL's affected rows count only the
        // ones whose values changed).
        return m_kind == StatementKind::Update ? qint64(written.size()) : affected;
    }
    if (m_kind == StatementKind::Insert) {
        QVariantList key = m_keyValues;
        for (qsizetype i = 0; i < key.size(); ++i) {
            if (!key.at(i).isValid() && table.column(table.primaryKey.at(i))->autoIncrement)
                key[i] = generatedId;
        }
        // A key the database computed some other way (a default expression) is unknown here:
        // the row is stored and counted, but cannot be read back.
        for (const QVariant &part : std::as_const(key)) {
            if (!part.isValid() || part.isNull())
                return qint64(1);
        }
        written.append(std::move(key));
    } else {
        // An UPDATE that sets key columns moves its rows to the new key values.
        for (QVariantList &key : written) {
            for (qsizetype i = 0; i < key.size(); ++i) {
                if (m_keyValues.at(i).isValid())
                    key[i] = m_keyValues.at(i);
            }
        }
    }
    if (written.isEmpty())
        return qint64(0);
    auto reread = m_builder->selectByKeys(written);
    if (!reread)
        return reread.error();
    return writeRows(connection, *reread, rows, w, keyIndex, keys);
}

} // namespace sluice
