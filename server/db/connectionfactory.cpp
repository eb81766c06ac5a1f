#include "db/connectionfactory.h"

#include "config/serviceconfig.h"
#include "db/backends.h"
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

// The read-only guard each dialect has at the database. SQL Server has none: Sluice refuses
// writes to a read-only service itself; at the database, connect as a login without write
// permissions (docs/dsn.md).
Status applyReadOnly(const Dialect &dialect, QSqlDatabase &db, bool beforeOpen)
{
    if (const QString option = dialect.readOnlyConnectOption(); !option.isEmpty()) {
        if (beforeOpen && !db.connectOptions().contains(option))
            db.setConnectOptions(db.connectOptions() + u';' + option);
        return {};
    }
    const QString statement = dialect.readOnlySessionStatement();
    if (beforeOpen || statement.isEmpty())
        return {};
    QSqlQuery query(db);
    if (!query.exec(statement))
        return dialect.classifyFailure(query, db);
    return {};
}

} // namespace

Result<OpenedDatabase> openService(const ServiceConfig &service, const QString &connectionName,
                                   int statementTimeoutMs)
{
    // ODBC's dialect is known only once connected; until then the connection string is all.
    const bool odbc = isOdbcDriver(service.driver);
    const Dialect *dialect = dialectForDriver(service.driver);
    if (!dialect && !odbc)
        return Error::badRequest(
            u"Service \"%1\": unknown driver \"%2\""_s.arg(service.name, service.driver));
    const QString qtDriver = qtDriverFor(service.driver);
    if (!QSqlDatabase::isDriverAvailable(qtDriver)) {
        return Error::unavailable(u"The Qt SQL driver %1 is not installed"_s.arg(qtDriver));
    }

    // Any failure below unregisters the connection again. The QSqlDatabase copy must be gone
    // before removeDatabase(), hence the scope.
    Error failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(qtDriver, connectionName);
        const auto fail = [&](Error error) {
            failure =
                withoutSecret(withoutSecret(std::move(error), db.password()), service.password);
            // (ODBC: the password sits inside the connection string)
            for (const QString &secret : secretsInAppliedDsn(service.driver, db))
                failure = withoutSecret(failure, secret);
            db.close();
        };
        // The password lives apart from the DSN (secret store); it joins it only here.
        Result<QString> dsn = service.password.isEmpty()
            ? Result<QString>(service.dsn)
            : mergeDsnPassword(service.driver, service.dsn, service.password);
        if (!dsn) {
            fail(dsn.error());
        } else if (Status s = applyDriverDsn(service.driver, db, *dsn); !s) {
            fail(s.error());
        } else if (Status s =
                       service.readOnly && !odbc ? applyReadOnly(*dialect, db, true) : Status();
                   !s) {
            fail(s.error());
        } else if (!db.open()) {
            Error error = odbc ? Error::unavailable(db.lastError().databaseText())
                               : dialect->classify(db.lastError(), db);
            if (error.message.trimmed().isEmpty())
                error.message = db.lastError().text();
            // Whatever the code, a connection that did not open is unavailable. One line (libpq
            // adds "\n\tIs the server running…"), and no service name: every place that shows
            // the message names the service already (the CLI, the desktop, the URL, the log).
            error.kind = ErrorKind::Unavailable;
            error.message = u"cannot connect: "_s + error.message.simplified();
            fail(error);
        } else if (Result<const Dialect *> found = openedDialect(service.driver, db); !found) {
            fail(found.error());
        } else if (Status s = (dialect = *found)->configureSession(db, statementTimeoutMs); !s) {
            fail(s.error());
        } else if (Status s = service.readOnly ? applyReadOnly(*dialect, db, false) : Status();
                   !s) {
            fail(s.error());
        } else if (Status s = service.schema.isEmpty() ? Status()
                                                       : dialect->enterSchema(db, service.schema);
                   !s) {
            fail(s.error());
        } else if (Status s = service.tenancy == Tenancy::Setting && !service.tenant.isEmpty()
                       ? dialect->setTenant(db, service.tenant)
                       : Status();
                   !s) {
            fail(s.error());
        } else {
            return OpenedDatabase { db, dialect };
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    return failure;
}

Result<QSqlDatabase> openDatabase(const ServiceConfig &service, const QString &connectionName,
                                  int statementTimeoutMs)
{
    Result<OpenedDatabase> opened = openService(service, connectionName, statementTimeoutMs);
    if (!opened)
        return opened.error();
    return opened->db;
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
        Result<OpenedDatabase> opened = openService(service, name, 10000);
        if (!opened)
            return opened.error();
        QSqlQuery query(opened->db);
        if (!query.exec(u"SELECT 1"_s) || !query.next() || query.value(0).toInt() != 1)
            status = withoutSecret(opened->dialect->classifyFailure(query, opened->db),
                                   opened->db.password());
    }
    closeDatabase(name);
    return status;
}

} // namespace sluice
