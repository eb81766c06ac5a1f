#include "config/tenantrepository.h"

#include "config/authsql.h"
#include "config/configsql.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qsizetype MaxLabelLength = 200;

Error tenantNotFound(const QString &name)
{
    return Error::notFound(u"tenant '%1' does not exist"_s.arg(name));
}

Status checkTenantName(const QString &name)
{
    if (!isValidTenantName(name)) {
        return Error::badRequest(
            u"invalid tenant name '%1': use 1 to 63 lower-case letters, digits, '_' or '-'"_s.arg(
                name));
    }
    return {};
}

TenantRecord tenantFromRow(const QSqlQuery &query)
{
    TenantRecord tenant;
    readColumns(query, tenant.name, tenant.label, tenant.createdAt);
    return tenant;
}

TenantBackend backendFromRow(const QSqlQuery &query)
{
    TenantBackend backend;
    readColumns(query, backend.tenant, backend.dsn, backend.schema);
    return backend;
}

} // namespace

Result<TenantRecord> TenantRepository::create(const QString &name, const QString &label)
{
    if (Status valid = checkTenantName(name); !valid)
        return valid.error();
    if (label.size() > MaxLabelLength)
        return Error::badRequest(
            u"A tenant label is limited to %1 characters"_s.arg(MaxLabelLength));
    if (Status unused =
            ensureUnused(m_db, u"SELECT count(*) FROM tenants WHERE name = ?"_s, { name },
                         u"adding a tenant"_s, u"tenant '%1' already exists"_s.arg(name));
        !unused) {
        return unused.error();
    }
    if (Status added =
            execConfigSql(m_db, u"INSERT INTO tenants (name, label, created_at) VALUES (?, ?, ?)"_s,
                          { name, label, authNowText() }, u"adding tenant '%1'"_s.arg(name));
        !added) {
        return added.error();
    }
    return get(name);
}

Result<QList<TenantRecord>> TenantRepository::list()
{
    return selectConfigRows(m_db, u"SELECT name, label, created_at FROM tenants ORDER BY name"_s,
                            {}, u"listing tenants"_s, tenantFromRow);
}

Result<TenantRecord> TenantRepository::get(const QString &name)
{
    return firstRow(
        selectConfigRows(m_db, u"SELECT name, label, created_at FROM tenants WHERE name = ?"_s,
                         { name }, u"reading tenant '%1'"_s.arg(name), tenantFromRow),
        [&name] { return tenantNotFound(name); });
}

Result<TenantRepository::Removed> TenantRepository::remove(const QString &name)
{
    Removed removed;
    const Result<qint64> backends =
        scalarInt(m_db, u"SELECT count(*) FROM service_tenants WHERE tenant = ?"_s, { name },
                  u"counting tenant '%1''s backends"_s.arg(name));
    const Result<qint64> keys = scalarInt(m_db, u"SELECT count(*) FROM api_keys WHERE tenant = ?"_s,
                                          { name }, u"counting tenant '%1''s keys"_s.arg(name));
    if (!backends)
        return backends.error();
    if (!keys)
        return keys.error();
    // The foreign keys cascade; the counts are for the caller's report.
    if (Status gone = changeOneRow(m_db, u"DELETE FROM tenants WHERE name = ?"_s, { name },
                                   u"removing tenant '%1'"_s.arg(name),
                                   [&name] { return tenantNotFound(name); });
        !gone) {
        return gone.error();
    }
    removed.backends = int(*backends);
    removed.keys = int(*keys);
    return removed;
}

Status TenantRepository::setBackend(const QString &service, const TenantBackend &backend)
{
    const Result<QList<QString>> tenancy =
        selectConfigRows(m_db, u"SELECT tenancy FROM services WHERE name = ?"_s, { service },
                         u"reading service '%1'"_s.arg(service),
                         [](const QSqlQuery &query) { return query.value(0).toString(); });
    if (!tenancy)
        return tenancy.error();
    if (tenancy->isEmpty())
        return Error::notFound(u"service '%1' does not exist"_s.arg(service));
    const QString mode = tenancy->constFirst();
    if (mode == u"none" || mode == u"setting") {
        return Error::badRequest(
            mode == u"none"
                ? u"service '%1' is shared by every tenant; add it with --tenancy database or "
                  "schema to give tenants backends of their own"_s.arg(service)
                : u"service '%1' serves every tenant from one database (tenancy 'setting'); "
                  "it has no per-tenant backends"_s.arg(service));
    }
    if (mode == u"database" && !backend.schema.trimmed().isEmpty())
        return Error::badRequest(
            u"service '%1' gives each tenant its own database: give tenant '%2' a DSN, not a "
            "schema"_s.arg(service, backend.tenant));
    if (mode == u"database" && backend.dsn.trimmed().isEmpty())
        return Error::badRequest(
            u"service '%1' gives each tenant its own database: tenant '%2' needs a DSN"_s.arg(
                service, backend.tenant));
    if (mode == u"schema" && !backend.dsn.trimmed().isEmpty())
        return Error::badRequest(
            u"service '%1' gives each tenant a schema of one database: give tenant '%2' a "
            "schema, not a DSN"_s.arg(service, backend.tenant));
    if (const Result<TenantRecord> known = get(backend.tenant); !known)
        return known.error();
    return execConfigSql(
        m_db,
        u"INSERT INTO service_tenants (service, tenant, dsn, schema_name) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (service, tenant) DO UPDATE SET dsn = excluded.dsn,"
        " schema_name = excluded.schema_name"_s,
        { service, backend.tenant, backend.dsn, backend.schema },
        u"setting tenant '%1''s backend of service '%2'"_s.arg(backend.tenant, service));
}

Status TenantRepository::removeBackend(const QString &service, const QString &tenant)
{
    return changeOneRow(
        m_db, u"DELETE FROM service_tenants WHERE service = ? AND tenant = ?"_s,
        { service, tenant },
        u"removing tenant '%1''s backend of service '%2'"_s.arg(tenant, service), [&] {
            return Error::notFound(
                u"service '%1' has no backend for tenant '%2'"_s.arg(service, tenant));
        });
}

Result<QList<TenantBackend>> TenantRepository::backends(const QString &service)
{
    return selectConfigRows(
        m_db,
        u"SELECT tenant, dsn, schema_name FROM service_tenants WHERE service = ? ORDER BY tenant"_s,
        { service }, u"reading service '%1''s tenants"_s.arg(service), backendFromRow);
}

} // namespace sluice
