#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace sluice {

// How a service serves tenants (API.md §11). None: one backend shared by every caller.
enum class Tenancy {
    None,
    Database, // a DSN per tenant (TenantBackend::dsn)
    Schema, // one DSN, a schema per tenant (PostgreSQL search_path, MySQL database, …)
    Setting, // one PostgreSQL database; every connection carries sluice.tenant for RLS policies
};

// "none", "database", "schema", "setting".
QString tenancyName(Tenancy tenancy);
// The tenancy named `name`, or BadRequest listing the names.
Result<Tenancy> tenancyFromName(const QString &name);

// A tenant's backend on a per-tenant service: `sluice db tenant SERVICE TENANT --dsn …|--schema …`.
struct TenantBackend
{
    QString tenant;
    QString dsn; // Database: the tenant's DSN (without its password)
    QString schema; // Schema: the tenant's schema (empty = the tenant's name)
    // The DSN's password from the secret store ("service/<name>/tenant/<tenant>/password"),
    // filled in at run time as for services. Never persisted, logged or returned.
    QString password;
    bool operator==(const TenantBackend &) const = default;
};

// True for [a-z0-9_-]{1,63}: tenant names go into schema names, secret-store keys and
// PostgreSQL settings, so they are kept to characters that need no quoting anywhere.
bool isValidTenantName(const QString &name);

// A database exposed as /api/v1/{name}. The DSN may hold a password: it is never logged or
// returned by the API.
struct ServiceConfig
{
    QString name; // URL segment: [A-Za-z0-9_-]{1,64}
    QString driver; // "sqlite", "postgres", "mysql" or "odbc"
    QString dsn; // SQLite: a file path; PostgreSQL: postgres://… URL or key=value list; MySQL:
                 // mysql://…; ODBC: a connection string (Driver={…};… or DSN=…)
    QString label; // human name
    QString schema; // PostgreSQL schema (empty = "public"), MySQL database (empty = the DSN's),
                    // SQL Server schema (empty = "dbo")
    bool readOnly = false;
    bool rawSql = false; // allows raw SQL (MCP sluice_raw_sql) for roles that have _sql
    bool enabled = true;
    Tenancy tenancy = Tenancy::None;
    // Database and Schema tenancy: the tenants this service has a backend for (read with the
    // service). Setting tenancy serves every tenant and lists none.
    QList<TenantBackend> tenantBackends;
    // Set only on the copy ServiceRegistry::forTenant() makes for one tenant (never stored):
    // the tenant whose backend this configuration opens. Its dsn, schema and password are
    // already that tenant's; for Setting tenancy every connection sets sluice.tenant to it.
    QString tenant;
    // The DSN's password, kept in the secret store (never in config.db): filled in at run time
    // and merged into the DSN when a connection opens. Never persisted, logged or returned.
    QString password;
    QDateTime createdAt; // set by ConfigStore (UTC); ignored on add/update
    QDateTime updatedAt; // set by ConfigStore (UTC); ignored on add/update
    bool operator==(const ServiceConfig &) const = default;
};

// True for [A-Za-z0-9_-]{1,64} other than the reserved "system" (any case: it is the URL
// segment of the system API).
bool isValidServiceName(const QString &name);

// The canonical driver name for `driver` ("postgresql" and "pgsql" become "postgres"), or an
// empty string when Sluice has no dialect for it.
QString canonicalDriver(const QString &driver);

// `service` with its driver made canonical, or BadRequest naming the bad field.
Result<ServiceConfig> validatedService(ServiceConfig service);

} // namespace sluice
