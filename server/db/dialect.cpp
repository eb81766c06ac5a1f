#include "db/dialect.h"

#include "db/mysqldialect.h"
#include "db/postgresdialect.h"
#include "db/sqlitedialect.h"

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

const Dialect *dialectForDriver(QStringView driver)
{
    // Stateless singletons: dialects carry no per-connection state, so every thread shares them.
    static const SqliteDialect sqlite;
    static const PostgresDialect postgres;
    static const MysqlDialect mysql;

    const QString name = driver.trimmed().toString().toLower();
    if (name == u"sqlite"_s || name == u"sqlite3"_s)
        return &sqlite;
    if (name == u"postgres"_s || name == u"postgresql"_s || name == u"pgsql"_s)
        return &postgres;
    if (name == u"mysql"_s || name == u"mariadb"_s)
        return &mysql;
    return nullptr;
}

bool isOdbcDriver(QStringView driver)
{
    return driver.trimmed().compare(u"odbc"_s, Qt::CaseInsensitive) == 0;
}

QStringList availableDrivers()
{
    QStringList names;
    for (QStringView driver : { u"sqlite", u"postgres", u"mysql" }) {
        const Dialect *dialect = dialectForDriver(driver);
        if (QSqlDatabase::isDriverAvailable(dialect->qtDriver()))
            names << dialect->name();
    }
    // Every database behind ODBC goes through Qt's one ODBC driver.
    if (QSqlDatabase::isDriverAvailable(u"QODBC"_s))
        names << u"odbc"_s;
    return names;
}

} // namespace sluice
