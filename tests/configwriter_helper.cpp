// Writes to a ConfigStore in a tight loop until it is killed; tst_configstore SIGKILLs it
// mid-write and checks what survives. Each round adds one service and increments the
// "counter" setting, so a consistent store has counter == number of services.
//
//   configwriter_helper DATA_DIR atomic   both changes in one write transaction
//   configwriter_helper DATA_DIR split    two transactions (deliberately breakable: the test
//                                         uses it to prove its check can fail)
//
// After each round it prints "committed N" (N = services now stored) and flushes.

#include "config/configsql.h"
#include "config/configstore.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace sluice;

namespace {

const QString IncrementCounter = u"INSERT INTO settings (key, value) VALUES ('counter', '1')"
                                 " ON CONFLICT (key) DO UPDATE"
                                 " SET value = CAST(value AS INTEGER) + 1"_s;

int fail(const Error &error)
{
    std::fprintf(stderr, "configwriter_helper: %s\n", qPrintable(error.message));
    return 1;
}

ServiceConfig nextService(qint64 n)
{
    ServiceConfig service;
    service.name = u"svc_%1"_s.arg(n);
    service.driver = u"sqlite"_s;
    service.dsn = u"/srv/db/%1.sqlite"_s.arg(n);
    service.label = u"Service %1"_s.arg(n);
    return service;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3 || (args.at(2) != u"atomic" && args.at(2) != u"split")) {
        std::fprintf(stderr, "usage: configwriter_helper DATA_DIR atomic|split\n");
        return 2;
    }
    const bool atomic = args.at(2) == u"atomic";
    Result<std::unique_ptr<ConfigStore>> opened = ConfigStore::open(args.at(1));
    if (!opened)
        return fail(opened.error());
    ConfigStore &store = **opened;

    const Result<QList<ServiceConfig>> existing = store.services();
    if (!existing)
        return fail(existing.error());
    // Names continue after the largest stored number, so a restart never collides.
    qint64 next = 0;
    for (const ServiceConfig &service : *existing)
        next = std::max(next, service.name.mid(4).toLongLong());

    for (;;) {
        const ServiceConfig service = nextService(++next);
        Status status;
        if (atomic) {
            status = store.write([&service](const QSqlDatabase &db) -> Status {
                if (Status added =
                        execConfigSql(db,
                                      u"INSERT INTO services (name, driver, dsn, label, created_at,"
                                      " updated_at) VALUES (?, ?, ?, ?, '', '')"_s,
                                      { service.name, service.driver, service.dsn, service.label },
                                      u"inserting"_s);
                    !added) {
                    return added;
                }
                return execConfigSql(db, IncrementCounter, {}, u"counting"_s);
            });
        } else {
            status = store.addService(service);
            if (status) {
                status = store.write([](const QSqlDatabase &db) {
                    return execConfigSql(db, IncrementCounter, {}, u"counting"_s);
                });
            }
        }
        if (!status)
            return fail(status.error());
        std::printf("committed %lld\n", next);
        std::fflush(stdout);
    }
}
