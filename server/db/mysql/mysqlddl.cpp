// MysqlDialect's schema changes: MySQL types for the portable vocabulary, AUTO_INCREMENT,
// backslash-escaped string literals and MODIFY COLUMN. DDL commits implicitly in MySQL, so all
// changes of a request go into one ALTER TABLE, which MySQL and MariaDB apply whole or not at all.
#include "db/mysql/mysqldialect.h"
#include "db/sql/ddlbuilder.h"

using namespace Qt::StringLiterals;

namespace sluice {

const DdlTypeNames &MysqlDialect::ddlTypeNames() const
{
    // VARCHAR needs a length; 255 keeps the column indexable, unlike TEXT. MySQL has no unbounded
    // DECIMAL; (65,30) is its widest. TIME and DATETIME keep microseconds, as PostgreSQL does.
    // TimestampTz has no time-zone-aware type: Sluice's sessions run in UTC (configureSession), so
    // the values stored are UTC; DATETIME avoids TIMESTAMP's 2038 limit.
    static const DdlTypeNames names {
        .plain = { u"VARCHAR(255)", u"LONGTEXT", u"INT", u"BIGINT", u"SMALLINT", u"BOOLEAN",
                   u"DECIMAL(65, 30)", u"FLOAT", u"DOUBLE", u"DATE", u"TIME(6)", u"DATETIME(6)",
                   u"DATETIME(6)", u"CHAR(36)", u"JSON", u"LONGBLOB" },
        .sizedString = u"VARCHAR(%1)",
        .sizedBinary = u"VARBINARY(%1)",
        .decimal = u"DECIMAL(%1, %2)",
        .decimalWithoutScale = u"DECIMAL(%1, 0)",
    };
    return names;
}

Result<QString> MysqlDialect::autoIncrementClause(bool inlineKey) const
{
    return QString(u" AUTO_INCREMENT"_s + (inlineKey ? u" PRIMARY KEY"_s : QString()));
}

QString MysqlDialect::stringLiteral(QStringView text) const
{
    // Backslashes escape in MySQL string literals (NO_BACKSLASH_ESCAPES is off, see
    // configureSession): both they and quotes are doubled, so no input can end the literal.
    return enclosed(text, u'\'', u'\'', true);
}

QStringList MysqlDialect::alterSpecifications(const SchemaChange &change, const Column *current,
                                              const ColumnSql &sql) const
{
    if (change.type == SchemaChange::Type::ModifyColumn)
        return { u"MODIFY COLUMN "_s + sql.clause }; // restates the column whole
    return Dialect::alterSpecifications(change, current, sql);
}

} // namespace sluice
