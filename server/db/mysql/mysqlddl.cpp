// MysqlDialect's schema changes: MySQL types for the portable vocabulary, AUTO_INCREMENT,
// backslash-escaped string literals and MODIFY COLUMN. DDL commits implicitly in MySQL, so all
// changes of a request go into one ALTER TABLE, which MySQL and MariaDB apply whole or not at all.
#include "db/mysql/mysqldialect.h"
#include "db/sql/ddlbuilder.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString MysqlDialect::columnType(const ColumnDefinition &c) const
{
    switch (c.type) {
    // VARCHAR needs a length; 255 keeps the column indexable, unlike TEXT.
    case PortableType::String: return u"VARCHAR(%1)"_s.arg(c.maxLength > 0 ? c.maxLength : 255);
    case PortableType::Text: return u"LONGTEXT"_s;
    case PortableType::Integer: return u"INT"_s;
    case PortableType::BigInt: return u"BIGINT"_s;
    case PortableType::SmallInt: return u"SMALLINT"_s;
    case PortableType::Boolean: return u"BOOLEAN"_s;
    case PortableType::Decimal:
        // MySQL has no unbounded DECIMAL; (65,30) is its widest.
        if (c.precision < 0)
            return u"DECIMAL(65, 30)"_s;
        return u"DECIMAL(%1, %2)"_s.arg(c.precision).arg(qMax(0, c.scale));
    case PortableType::Float: return u"FLOAT"_s;
    case PortableType::Double: return u"DOUBLE"_s;
    case PortableType::Date: return u"DATE"_s;
    // Microseconds, as PostgreSQL keeps them.
    case PortableType::Time: return u"TIME(6)"_s;
    case PortableType::Timestamp: return u"DATETIME(6)"_s;
    // No time-zone-aware type: Sluice's sessions run in UTC (configureSession), so the values
    // stored are UTC. DATETIME avoids TIMESTAMP's 2038 limit.
    case PortableType::TimestampTz: return u"DATETIME(6)"_s;
    case PortableType::Uuid: return u"CHAR(36)"_s;
    case PortableType::Json: return u"JSON"_s;
    case PortableType::Binary:
        return c.maxLength > 0 ? u"VARBINARY(%1)"_s.arg(c.maxLength) : u"LONGBLOB"_s;
    }
    return u"LONGTEXT"_s;
}

Result<QString> MysqlDialect::autoIncrementClause(bool inlineKey) const
{
    return QString(u" AUTO_INCREMENT"_s + (inlineKey ? u" PRIMARY KEY"_s : QString()));
}

QString MysqlDialect::stringLiteral(QStringView text) const
{
    // Backslashes escape in MySQL string literals (NO_BACKSLASH_ESCAPES is off, see
    // configureSession): both they and quotes are doubled, so no input can end the literal.
    QString literal;
    literal.reserve(text.size() + 2);
    literal += u'\'';
    for (const QChar c : text) {
        if (c == u'\'' || c == u'\\')
            literal += c;
        literal += c;
    }
    literal += u'\'';
    return literal;
}

QStringList MysqlDialect::alterSpecifications(const SchemaChange &change, const Column *current,
                                              const ColumnSql &sql) const
{
    if (change.type == SchemaChange::Type::ModifyColumn)
        return { u"MODIFY COLUMN "_s + sql.clause }; // restates the column whole
    return Dialect::alterSpecifications(change, current, sql);
}

} // namespace sluice
