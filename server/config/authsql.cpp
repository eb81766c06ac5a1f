#include "config/authsql.h"

#include "config/configsql.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// The integer a statement's first row starts with; Internal naming `expected` when it has none.
Result<qint64> firstInteger(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                            const QString &what, const QString &expected)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status ran = execConfigSql(query, sql, values, what); !ran)
        return ran.error();
    if (!query.next())
        return Error::internal(u"config.db: %1 returned no %2"_s.arg(what, expected));
    const qint64 value = query.value(0).toLongLong();
    query.finish();
    return value;
}

} // namespace

QString authTimeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QVariant authTimeValue(const QDateTime &time)
{
    if (!time.isValid())
        return QVariant(); // bound as NULL
    return authTimeText(time);
}

QString authNowText()
{
    return authTimeText(QDateTime::currentDateTimeUtc());
}

Error conflictError(const QString &message)
{
    return Error::conflict(message);
}

Result<qint64> insertReturningId(const QSqlDatabase &db, const QString &sql,
                                 const QVariantList &values, const QString &what)
{
    return firstInteger(db, sql, values, what, u"id"_s);
}

Status ensureUnused(const QSqlDatabase &db, const QString &countSql, const QVariantList &values,
                    const QString &what, const QString &conflictMessage)
{
    const Result<qint64> taken = scalarInt(db, countSql, values, what);
    if (!taken)
        return taken.error();
    if (*taken > 0)
        return Error::conflict(conflictMessage);
    return {};
}

Result<qint64> scalarInt(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                         const QString &what)
{
    return firstInteger(db, sql, values, what, u"row"_s);
}

} // namespace sluice
