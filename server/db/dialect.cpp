#include "db/dialect.h"

#include "db/pipelinedreads.h"
#include "db/rowcursor.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString enclosed(QStringView text, QChar open, QChar close, bool doubleBackslashes)
{
    QString out;
    out.reserve(text.size() + 2);
    out += open;
    for (const QChar c : text) {
        if (c == close || (doubleBackslashes && c == u'\\'))
            out += c;
        out += c;
    }
    out += close;
    return out;
}

QString Dialect::quoteIdentifier(QStringView identifier) const
{
    return enclosed(identifier, u'"', u'"');
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

QString Dialect::backslashEscaped(const QString &text, QStringView special)
{
    QString out;
    out.reserve(text.size() + 4);
    for (const QChar c : text) {
        if (special.contains(c))
            out.append(u'\\');
        out.append(c);
    }
    return out;
}

QString Dialect::escapeLike(const QString &text) const
{
    return backslashEscaped(text, u"\\%_");
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

std::unique_ptr<PipelinedReads> Dialect::pipelinedReads(const QSqlDatabase &, int) const
{
    return nullptr;
}

std::unique_ptr<NativeReads> Dialect::nativeReads(const QSqlDatabase &) const
{
    return nullptr;
}

Status Dialect::enterSchema(QSqlDatabase &, const QString &) const
{
    return {};
}

Status Dialect::setTenant(QSqlDatabase &, const QString &) const
{
    return Error::unavailable(u"%1 cannot tell a session its tenant (tenancy 'setting' needs "
                              "PostgreSQL)"_s.arg(name()));
}

QString Dialect::quotedRoutineName(const QString &schemaName, const QString &routine) const
{
    return (schemaName.isEmpty() ? QString() : quoteIdentifier(schemaName) + u'.')
        + quoteIdentifier(routine);
}

Status Dialect::runStatements(QSqlDatabase &db, const QStringList &statements) const
{
    QSqlQuery query(db);
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return classifyFailure(query, db);
    }
    return {};
}

QString Dialect::onConflictClause(const Table &table, const QStringList &insertedColumns,
                                  QStringView assign) const
{
    QStringList keys;
    for (const QString &key : table.primaryKey)
        keys << quoteIdentifier(key);

    QStringList assignments;
    for (const QString &column : insertedColumns) {
        if (table.primaryKey.contains(column))
            continue;
        const QString quoted = quoteIdentifier(column);
        assignments << quoted + assign + quoted;
    }

    QString clause = u" ON CONFLICT ("_s + keys.join(u", "_s) + u')';
    if (assignments.isEmpty())
        return clause + u" DO NOTHING"_s;
    return clause + u" DO UPDATE SET "_s + assignments.join(u", "_s);
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
