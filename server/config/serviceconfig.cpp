#include "config/serviceconfig.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {
const QList<std::pair<Tenancy, QString>> TenancyNames = {
    { Tenancy::None, u"none"_s },
    { Tenancy::Database, u"database"_s },
    { Tenancy::Schema, u"schema"_s },
    { Tenancy::Setting, u"setting"_s },
};
} // namespace

QString tenancyName(Tenancy tenancy)
{
    for (const auto &[value, name] : TenancyNames) {
        if (value == tenancy)
            return name;
    }
    return u"none"_s;
}

Result<Tenancy> tenancyFromName(const QString &name)
{
    const QString wanted = name.trimmed().toLower();
    if (wanted.isEmpty())
        return Tenancy::None;
    for (const auto &[value, known] : TenancyNames) {
        if (known == wanted)
            return value;
    }
    return Error::badRequest(
        u"unknown tenancy '%1' (use none, database, schema or setting)"_s.arg(name));
}

bool isValidTenantName(const QString &name)
{
    static const QRegularExpression pattern(u"\\A[a-z0-9_-]{1,63}\\z"_s);
    return pattern.match(name).hasMatch();
}

bool isValidServiceName(const QString &name)
{
    static const QRegularExpression pattern(u"\\A[A-Za-z0-9_-]{1,64}\\z"_s);
    return pattern.match(name).hasMatch() && name.compare(u"system"_s, Qt::CaseInsensitive) != 0;
}

QString canonicalDriver(const QString &driver)
{
    const QString lower = driver.trimmed().toLower();
    if (lower == u"sqlite")
        return u"sqlite"_s;
    if (lower == u"postgres" || lower == u"postgresql" || lower == u"pgsql")
        return u"postgres"_s;
    if (lower == u"mysql" || lower == u"mariadb")
        return u"mysql"_s;
    if (lower == u"odbc")
        return u"odbc"_s;
    return {};
}

Result<ServiceConfig> validatedService(ServiceConfig service)
{
    if (service.name.compare(u"system"_s, Qt::CaseInsensitive) == 0)
        return Error::badRequest(u"service name '%1' is reserved"_s.arg(service.name));
    if (!isValidServiceName(service.name)) {
        return Error::badRequest(
            u"invalid service name '%1': use 1 to 64 letters, digits, '_' or '-'"_s.arg(
                service.name));
    }
    const QString driver = canonicalDriver(service.driver);
    if (driver.isEmpty()) {
        return Error::badRequest(
            u"unknown driver '%1' for service '%2' (supported: sqlite, postgres, mysql, odbc)"_s
                .arg(service.driver, service.name));
    }
    service.driver = driver;
    if (service.dsn.trimmed().isEmpty())
        return Error::badRequest(u"service '%1' needs a DSN"_s.arg(service.name));
    if (service.tenancy == Tenancy::Setting && driver != u"postgres") {
        return Error::badRequest(
            u"service '%1': tenancy 'setting' needs PostgreSQL (its row-level security reads "
            "the sluice.tenant setting); use 'database' or 'schema' for %2"_s.arg(service.name,
                                                                                  driver));
    }
    if (service.tenancy == Tenancy::Schema && driver != u"postgres" && driver != u"mysql") {
        return Error::badRequest(
            u"service '%1': tenancy 'schema' needs PostgreSQL or MySQL/MariaDB; use 'database' "
            "(a database or file per tenant) for %2"_s.arg(service.name, driver));
    }
    return service;
}

} // namespace sluice
