#include "testdatabase.h"

#include "mariadbserver.h"
#include "pgserver.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice::test {

bool TestDatabase::run(const QString &sql) const
{
    QSqlQuery query(fixture());
    if (query.exec(sql))
        return true;
    qWarning().noquote() << "fixture SQL failed:" << sql << query.lastError().text();
    return false;
}

void TestDatabase::close() const
{
    QSqlDatabase::database(connectionName, false).close();
    QSqlDatabase::removeDatabase(connectionName);
}

std::optional<TestDatabase> createTestDatabase(Backend backend, const QString &name,
                                               const QString &sqliteDir,
                                               const QString &connectionName)
{
    TestDatabase made;
    made.connectionName = connectionName;
    QSqlDatabase db;
    switch (backend) {
    case Backend::PostgreSQL:
    case Backend::OdbcPostgreSQL: {
        PgServer *pg = PgServer::shared();
        if (!pg || !pg->createDatabase(name)) {
            qWarning("PostgreSQL could not be started or the database not created");
            return std::nullopt;
        }
        if (backend == Backend::OdbcPostgreSQL) {
            made.driver = u"odbc"_s;
            made.dsn = u"Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=%1;Database=%2;"
                       "Uid=%3;Pwd=%4"_s.arg(QString::number(pg->port()), name, pg->user(),
                                             pg->password());
        } else {
            made.driver = u"postgres"_s;
            made.dsn = u"postgres://%1:%2@127.0.0.1:%3/%4"_s.arg(pg->user(), pg->password(),
                                                                 QString::number(pg->port()), name);
        }
        db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
        db.setPort(pg->port());
        db.setUserName(pg->user());
        db.setPassword(pg->password());
        break;
    }
    case Backend::MariaDB: {
        MariaDbServer *maria = MariaDbServer::shared();
        if (!maria || !maria->createDatabase(name)) {
            qWarning("MariaDB could not be started or the database not created");
            return std::nullopt;
        }
        made.driver = u"mysql"_s;
        made.dsn = u"mysql://%1:%2@127.0.0.1:%3/%4"_s.arg(maria->user(), maria->password(),
                                                          QString::number(maria->port()), name);
        db = QSqlDatabase::addDatabase(u"QMYSQL"_s, connectionName);
        db.setPort(maria->port());
        db.setUserName(maria->user());
        db.setPassword(maria->password());
        break;
    }
    case Backend::SQLite:
        made.driver = u"sqlite"_s;
        made.dsn = QDir(sqliteDir).filePath(name + u".sqlite"_s);
        db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(made.dsn);
        break;
    }
    if (db.driverName() != u"QSQLITE"_s) {
        db.setHostName(u"127.0.0.1"_s);
        db.setDatabaseName(name);
    }
    if (!db.open()) {
        qWarning().noquote() << "fixture connection failed:" << db.lastError().text();
        return std::nullopt;
    }
    if (db.driverName() == u"QMYSQL"_s && !made.run(u"SET NAMES utf8mb4, time_zone = '+00:00'"_s))
        return std::nullopt;
    return made;
}

} // namespace sluice::test
