#include "config/configsql.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

const QString ConfigFile = u"config.db"_s;

} // namespace

Error configSqlError(const QSqlError &error, const QString &what)
{
    return sqliteFileError(error, ConfigFile, what);
}

Status execConfigSql(QSqlQuery &query, const QString &sql, const QVariantList &values,
                     const QString &what)
{
    return execStoreSql(query, sql, values, ConfigFile, what);
}

Status execConfigSql(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                     const QString &what)
{
    QSqlQuery query(db);
    return execConfigSql(query, sql, values, what);
}

} // namespace sluice
