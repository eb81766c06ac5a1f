#include "db/dialect.h"

#include "db/rowcursor.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString Dialect::quoteIdentifier(QStringView identifier) const
{
    QString quoted;
    quoted.reserve(identifier.size() + 2);
    quoted += u'"';
    for (const QChar c : identifier) {
        if (c == u'"')
            quoted += u'"';
        quoted += c;
    }
    quoted += u'"';
    return quoted;
}

QString Dialect::limitClause(qint64 limit, qint64 offset) const
{
    // Both parts always: one statement shape whatever the page.
    return u" LIMIT "_s + QString::number(limit) + u" OFFSET "_s + QString::number(offset);
}

QString Dialect::readExpression(const QString &quotedColumn, ReadAs readAs) const
{
    // Only PostgreSQL marks columns to be read otherwise; this is the ANSI spelling.
    Q_UNUSED(readAs);
    return u"CAST("_s + quotedColumn + u" AS VARCHAR(4000))"_s;
}

QString Dialect::escapeLike(const QString &text) const
{
    QString out;
    out.reserve(text.size() + 4);
    for (const QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            out.append(u'\\');
        out.append(c);
    }
    return out;
}

void Dialect::appendInList(QString &sql, QVariantList &binds, const Column &column,
                           const QVariantList &values) const
{
    sql.reserve(sql.size() + column.name.size() + 8 + 3 * values.size());
    sql += quoteIdentifier(column.name) + u" IN ("_s;
    for (qsizetype i = 0; i < values.size(); ++i)
        sql += i ? u", ?"_s : u"?"_s;
    sql += u')';
    binds += values;
}

QString Dialect::returningClauseFor(StatementKind, const QStringList &quotedColumns) const
{
    return returningClause(quotedColumns.join(u", "_s));
}

std::unique_ptr<NativeReads> Dialect::nativeReads(const QSqlDatabase &) const
{
    return nullptr;
}

Error Dialect::classifyFailure(const QSqlQuery &query, const QSqlDatabase &db) const
{
    return classify(query.lastError(), db);
}

QString Dialect::returningClause(const QString &quotedColumns) const
{
    // Both SQLite (3.35+) and PostgreSQL support RETURNING; a dialect without it overrides.
    if (quotedColumns.isEmpty())
        return {};
    return u" RETURNING "_s + quotedColumns;
}

} // namespace sluice
