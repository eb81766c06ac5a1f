#include "db/connectionfactory.h"

#include "config/serviceconfig.h"
#include "db/dialect.h"
#include "db/dsnsecret.h"

#include <QAtomicInteger>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Error withoutSecret(Error error, const QString &password)
{
    if (!password.isEmpty())
        error.message.replace(password, u"***"_s);
    return error;
}

// The read-only guard each dialect has at the database.
Status applyReadOnly(const Dialect &dialect, QSqlDatabase &db, bool beforeOpen)
{
    switch (dialect.id()) {
    case DialectId::SQLite:
        if (beforeOpen && !db.connectOptions().contains(u"QSQLITE_OPEN_READONLY"_s))
            db.setConnectOptions(db.connectOptions() + u";QSQLITE_OPEN_READONLY"_s);
        return {};
    case DialectId::PostgreSQL:
        if (!beforeOpen) {
            QSqlQuery query(db);
            if (!query.exec(u"SET default_transaction_read_only = on"_s))
                return dialect.classify(query.lastError(), db);
        }
        return {};
    case DialectId::MySQL:
        if (!beforeOpen) {
            QSqlQuery query(db);
            if (!query.exec(u"SET SESSION TRANSACTION READ ONLY"_s))
                return dialect.classify(query.lastError(), db);
        }
        return {};
    }
    return {};
}

} // namespace

Result<QSqlDatabase> openDatabase(const ServiceConfig &service, const QString &connectionName,
                                  int statementTimeoutMs)
{
    const Dialect *dialect = dialectForDriver(service.driver);
    if (!dialect)
        return Error::badRequest(
            u"Service \"%1\": unknown driver \"%2\""_s.arg(service.name, service.driver));
    if (!QSqlDatabase::isDriverAvailable(dialect->qtDriver())) {
        return Error { ErrorKind::Unavailable,
                       u"The Qt SQL driver %1 is not installed"_s.arg(dialect->qtDriver()),
                       {},
                       {} };
    }

    // Any failure below unregisters the connection again. The QSqlDatabase copy must be gone
    // before removeDatabase(), hence the scope.
    Error failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect->qtDriver(), connectionName);
        const auto fail = [&](Error error) {
            failure =
                withoutSecret(withoutSecret(std::move(error), db.password()), service.password);
            db.close();
        };
        // The password lives apart from the DSN (secret store); it joins it only here.
        Result<QString> dsn = service.password.isEmpty()
            ? Result<QString>(service.dsn)
            : mergeDsnPassword(service.driver, service.dsn, service.password);
        if (!dsn) {
            fail(dsn.error());
        } else if (Status s = dialect->applyDsn(db, *dsn); !s) {
            fail(s.error());
        } else if (Status s = service.readOnly ? applyReadOnly(*dialect, db, true) : Status(); !s) {
            fail(s.error());
        } else if (!db.open()) {
            Error error = dialect->classify(db.lastError(), db);
            // Whatever the code, a connection that did not open is unavailable.
            error.kind = ErrorKind::Unavailable;
            error.message =
                u"Service \"%1\": cannot connect: %2"_s.arg(service.name, error.message);
            fail(error);
        } else if (Status s = dialect->configureSession(db, statementTimeoutMs); !s) {
            fail(s.error());
        } else if (Status s = service.readOnly ? applyReadOnly(*dialect, db, false) : Status();
                   !s) {
            fail(s.error());
        } else {
            return db;
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    return failure;
}

void closeDatabase(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (!db.isValid())
            return;
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

Status testConnection(const ServiceConfig &service)
{
    static QAtomicInteger<quint64> counter;
    const QString name =
        u"sluice-test-%1-%2"_s.arg(service.name).arg(counter.fetchAndAddRelaxed(1));
    Status status;
    {
        Result<QSqlDatabase> db = openDatabase(service, name, 10000);
        if (!db)
            return db.error();
        const Dialect *dialect = dialectForDriver(service.driver);
        QSqlQuery query(*db);
        if (!query.exec(u"SELECT 1"_s) || !query.next() || query.value(0).toInt() != 1)
            status = withoutSecret(dialect->classify(query.lastError(), *db), db->password());
    }
    closeDatabase(name);
    return status;
}

} // namespace sluice
