#include "db/backends.h"

#include "db/dsnsecret.h"
#include "db/mysql/mysqldialect.h"
#include "db/mysql/mysqldsn.h"
#include "db/odbc/odbcdialect.h"
#include "db/odbc/odbcdsn.h"
#include "db/postgres/postgresdialect.h"
#include "db/postgres/postgresdsn.h"
#include "db/sqlite/sqlitedialect.h"

using namespace Qt::StringLiterals;

namespace sluice {

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
    if (QSqlDatabase::isDriverAvailable(qtDriverFor(u"odbc")))
        names << u"odbc"_s;
    return names;
}

QString qtDriverFor(QStringView driver)
{
    if (isOdbcDriver(driver))
        return u"QODBC"_s; // every database behind ODBC goes through Qt's one ODBC driver
    const Dialect *dialect = dialectForDriver(driver);
    return dialect ? dialect->qtDriver() : QString();
}

Status applyDriverDsn(QStringView driver, QSqlDatabase &db, const QString &dsn)
{
    if (isOdbcDriver(driver))
        return applyOdbcDsn(db, dsn);
    const Dialect *dialect = dialectForDriver(driver);
    if (!dialect)
        return Error::badRequest(u"unknown driver \"%1\""_s.arg(driver.toString()));
    return dialect->applyDsn(db, dsn);
}

Result<const Dialect *> openedDialect(QStringView driver, const QSqlDatabase &db)
{
    if (isOdbcDriver(driver))
        return detectOdbcDialect(db);
    if (const Dialect *dialect = dialectForDriver(driver))
        return dialect;
    return Error::badRequest(u"unknown driver \"%1\""_s.arg(driver.toString()));
}

QStringList secretsInAppliedDsn(QStringView driver, const QSqlDatabase &db)
{
    QStringList secrets;
    if (!isOdbcDriver(driver))
        return secrets; // the others keep the password apart (QSqlDatabase::password())
    if (const auto parsed = OdbcConnectionString::parse(db.databaseName())) {
        const QStringList keys = OdbcConnectionString::passwordKeys();
        for (const auto &attribute : parsed->attributes) {
            if (keys.contains(attribute.key, Qt::CaseInsensitive))
                secrets << attribute.value;
        }
    }
    return secrets;
}

// dsnsecret.h: each driver's codec.

Result<SplitDsn> splitDsnPassword(const QString &driver, const QString &dsn)
{
    if (isOdbcDriver(driver))
        return splitOdbcPassword(dsn);
    const Dialect *dialect = dialectForDriver(driver);
    if (!dialect)
        return Error::badRequest(u"unknown driver \"%1\""_s.arg(driver));
    switch (dialect->id()) {
    case DialectId::SQLite: {
        if (const Result<SqliteDialect::Dsn> parsed = SqliteDialect::parseDsn(dsn); !parsed)
            return parsed.error();
        return SplitDsn { dsn, QString(), false };
    }
    case DialectId::PostgreSQL: return splitPostgresPassword(dsn);
    case DialectId::MySQL: return splitMysqlPassword(dsn);
    case DialectId::SqlServer: break; // reached through ODBC only
    }
    return dsnPasswordCodecError(dialect->name());
}

Result<QString> mergeDsnPassword(const QString &driver, const QString &dsnWithoutPassword,
                                 const QString &password)
{
    if (isOdbcDriver(driver))
        return mergeOdbcPassword(dsnWithoutPassword, password);
    const Dialect *dialect = dialectForDriver(driver);
    if (!dialect)
        return Error::badRequest(u"unknown driver \"%1\""_s.arg(driver));
    switch (dialect->id()) {
    case DialectId::SQLite: {
        if (!password.isEmpty())
            return Error::badRequest(u"a SQLite DSN takes no password"_s);
        if (const Result<SqliteDialect::Dsn> parsed = SqliteDialect::parseDsn(dsnWithoutPassword);
            !parsed) {
            return parsed.error();
        }
        return dsnWithoutPassword;
    }
    case DialectId::PostgreSQL: return mergePostgresPassword(dsnWithoutPassword, password);
    case DialectId::MySQL: return mergeMysqlPassword(dsnWithoutPassword, password);
    case DialectId::SqlServer: break; // reached through ODBC only
    }
    return dsnPasswordCodecError(dialect->name());
}

Status readDsnKeywords(QStringView driver, const QString &dsn,
                       const std::function<void(const QString &key, const QString &value)> &visit)
{
    const Dialect *dialect = dialectForDriver(driver);
    if (!dialect || dialect->id() != DialectId::PostgreSQL)
        return Error::badRequest(u"%1 DSNs have no keyword form"_s.arg(driver));
    return readPostgresKeywords(dsn, [&visit](const PostgresKeyword &pair) {
        visit(pair.key, pair.value);
        return Status();
    });
}

} // namespace sluice
