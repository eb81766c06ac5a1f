#include "runtime/storemigration.h"

#include "audit/auditlog.h"
#include "config/authsql.h"
#include "config/configsql.h"
#include "secrets/servicesecrets.h"

#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

const QString JwtSecretKey = u"auth/jwt_secret"_s;

// Tables whose id a PostgreSQL identity column hands out: its counter must pass the copied ids.
const QStringList IdentityTables = { u"admins"_s, u"roles"_s, u"api_keys"_s };

// Describes what `target` holds, e.g. "2 services, 1 admin"; empty when it holds nothing.
Result<QString> contentsOf(const QSqlDatabase &db)
{
    QStringList held;
    for (const QString &table : stateTables()) {
        const Result<qint64> count =
            scalarInt(db, u"SELECT count(*) FROM "_s + table, {}, u"counting %1"_s.arg(table));
        if (!count)
            return count.error();
        if (*count > 0)
            held.append(u"%1 rows in %2"_s.arg(*count).arg(table));
    }
    return held.join(u", "_s);
}

// Copies every row of `table` from `from` into `to`, naming the columns the source has.
Result<qint64> copyTable(const QSqlDatabase &from, const QSqlDatabase &to, const QString &table)
{
    QSqlQuery rows(from);
    rows.setForwardOnly(true);
    if (Status read =
            execConfigSql(rows, u"SELECT * FROM "_s + table, {}, u"reading %1"_s.arg(table));
        !read) {
        return read.error();
    }
    const QSqlRecord record = rows.record();
    QStringList columns;
    QStringList marks;
    for (int i = 0; i < record.count(); ++i) {
        columns.append(record.fieldName(i));
        marks.append(u"?"_s);
    }
    const QString insert =
        u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(table, columns.join(u", "_s), marks.join(u", "_s));
    qint64 copied = 0;
    while (rows.next()) {
        QVariantList values;
        for (int i = 0; i < record.count(); ++i) {
            // NULL stays NULL (execConfigSql turns a null QString into '').
            const QVariant value = rows.value(i);
            values.append(value.isNull() ? QVariant() : value);
        }
        if (Status written = execConfigSql(to, insert, values, u"copying %1"_s.arg(table));
            !written) {
            return written.error();
        }
        ++copied;
    }
    return copied;
}

// The secrets the copied rows refer to: each service's and tenant backend's DSN password.
Result<QStringList> referencedSecrets(ConfigStore &source)
{
    QStringList keys { JwtSecretKey };
    Result<QList<ServiceConfig>> services = source.services();
    if (!services)
        return services.error();
    for (const ServiceConfig &service : std::as_const(*services)) {
        keys.append(servicePasswordKey(service.name));
        for (const TenantBackend &backend : service.tenantBackends)
            keys.append(tenantPasswordKey(service.name, backend.tenant));
    }
    return keys;
}

Result<qint64> copyAudit(AuditLog &from, AuditLog &to)
{
    // The trail is append-only: copied once, never twice (a --force run leaves it as it is).
    AuditQuery probe;
    probe.limit = 1;
    const Result<AuditPage> there = to.query(probe);
    if (!there)
        return there.error();
    if (there->total > 0)
        return qint64(0);
    // Pages come newest first; the copy is appended oldest first, so ids keep the order.
    QList<AuditEntry> all;
    AuditQuery page;
    page.limit = AuditQuery::MaxLimit;
    for (;;) {
        Result<AuditPage> read = from.query(page);
        if (!read)
            return read.error();
        all.append(read->entries);
        if (read->entries.size() < page.limit)
            break;
        page.offset += page.limit;
    }
    for (qsizetype i = all.size() - 1; i >= 0; --i) {
        AuditEntry entry = all.at(i);
        entry.id = 0;
        to.append(std::move(entry));
    }
    to.flush();
    return qint64(all.size());
}

} // namespace

const QStringList &stateTables()
{
    static const QStringList tables = {
        u"services"_s, u"settings"_s,   u"tenants"_s,  u"service_tenants"_s, u"admins"_s,
        u"roles"_s,    u"role_rules"_s, u"api_keys"_s, u"revoked_tokens"_s,
    };
    return tables;
}

Result<StoreMigrationReport> copyStateStore(ConfigStore &source, SecretStore &sourceSecrets,
                                            ConfigStore &target, SecretStore &targetSecrets,
                                            bool force, AuditLog *sourceAudit,
                                            AuditLog *targetAudit)
{
    if (source.schemaVersion() > target.schemaVersion())
        return Error::badRequest(u"the target store is at schema version %1, the source at %2"_s
                                     .arg(target.schemaVersion())
                                     .arg(source.schemaVersion()));
    StoreMigrationReport report;
    const Status copied = target.write([&](const QSqlDatabase &to) -> Status {
        const Result<QString> held = contentsOf(to);
        if (!held)
            return held.error();
        if (!held->isEmpty() && !force)
            return Error::conflict(u"the target store is not empty (%1); add --force to replace"
                                   " its configuration"_s.arg(*held));
        for (qsizetype i = stateTables().size() - 1; i >= 0; --i) {
            if (Status emptied = execConfigSql(to, u"DELETE FROM "_s + stateTables().at(i), {},
                                               u"emptying %1"_s.arg(stateTables().at(i)));
                !emptied) {
                return emptied;
            }
        }
        return source.read([&](const QSqlDatabase &from) -> Status {
            for (const QString &table : stateTables()) {
                const Result<qint64> rows = copyTable(from, to, table);
                if (!rows)
                    return rows.error();
                report.rows.append({ table, *rows });
            }
            if (!isPostgresStore(to))
                return {};
            for (const QString &table : IdentityTables) {
                const QString next = u"SELECT setval(pg_get_serial_sequence('%1', 'id'),"
                                     " coalesce(max(id), 0) + 1, false) FROM %1"_s.arg(table);
                if (Status moved = execConfigSql(to, next, {}, u"moving %1's ids on"_s.arg(table));
                    !moved) {
                    return moved;
                }
            }
            return {};
        });
    });
    if (!copied)
        return copied.error();

    const Result<QStringList> keys = referencedSecrets(source);
    if (!keys)
        return keys.error();
    for (const QString &key : *keys) {
        const Result<QString> value = sourceSecrets.read(key);
        if (!value && value.error().kind == ErrorKind::NotFound)
            continue;
        if (!value)
            return value.error();
        if (Status written = targetSecrets.write(key, *value); !written)
            return written.error();
        ++report.secrets;
    }

    if (sourceAudit && targetAudit) {
        const Result<qint64> entries = copyAudit(*sourceAudit, *targetAudit);
        if (!entries)
            return entries.error();
        report.auditEntries = *entries;
    }
    return report;
}

} // namespace sluice
