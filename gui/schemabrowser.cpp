#include "gui/schemabrowser.h"

#include "core/paths.h"
#include "gui/appcontroller.h"

#include <QJsonArray>
#include <QSet>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace sluice {

SchemaBrowser::SchemaBrowser(QObject *parent)
    : QObject(parent)
    , m_tables({ u"name"_s, u"type"_s, u"column_count"_s })
    , m_columns({ u"name"_s, u"db_type"_s, u"json_type"_s, u"nullable"_s, u"default"_s,
                  u"is_primary_key"_s, u"is_auto_increment"_s, u"references"_s, u"unique"_s })
    , m_foreignKeys({ u"name"_s, u"columns"_s, u"ref_table"_s, u"ref_columns"_s })
    , m_indexes({ u"name"_s, u"columns"_s, u"unique"_s, u"primary"_s })
    , m_uniques({ u"name"_s, u"columns"_s })
    , m_referencedBy({ u"table"_s, u"name"_s, u"columns"_s, u"ref_columns"_s })
{
}

void SchemaBrowser::setService(const QString &service)
{
    if (service == m_service)
        return;
    const bool first = m_service.isEmpty();
    m_service = service;
    Q_EMIT serviceChanged();
    if (first && !m_tenant.isEmpty()) {
        // A tenant named before the service (QML sets properties in no set order): the choice
        // for this service.
        QSettings().setValue(tenantSettingsKey(), m_tenant);
    } else if (m_tenancy != u"none"_s || !m_tenant.isEmpty()) {
        // Which tenant to read for is known once the service's tenancy is.
        m_tenancy = u"none"_s;
        m_tenants.clear();
        m_tenant.clear();
        Q_EMIT tenantChanged();
    }
    reload();
}

void SchemaBrowser::setTenant(const QString &tenant)
{
    if (tenant == m_tenant)
        return;
    m_tenant = tenant;
    if (!m_service.isEmpty()) {
        if (tenant.isEmpty())
            QSettings().remove(tenantSettingsKey());
        else
            QSettings().setValue(tenantSettingsKey(), tenant);
    }
    Q_EMIT tenantChanged();
    loadSchema();
}

QString SchemaBrowser::tenantSettingsKey() const
{
    AppController *app = AppController::instance();
    // Service names are [A-Za-z0-9_-]: safe in a settings key.
    const QString key = u"tenant/"_s + m_service;
    return app ? app->dataDirKey(key) : key;
}

void SchemaBrowser::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void SchemaBrowser::setTable(const QString &table)
{
    if (table == m_table)
        return;
    m_table = table;
    showTable();
}

QStringList SchemaBrowser::primaryKey() const
{
    QStringList key;
    for (const QJsonValue &v : m_info.value(m_table)[u"primary_key"_s].toArray())
        key << v.toString();
    return key;
}

QStringList SchemaBrowser::columnNames() const
{
    QStringList names;
    for (const QJsonValue &v : m_info.value(m_table)[u"columns"_s].toArray())
        names << v[u"name"_s].toString();
    return names;
}

void SchemaBrowser::reload()
{
    LocalApi *api = AppController::api();
    if (!api || m_service.isEmpty())
        return;
    setBusy(true);
    const quint64 serial = ++m_tenancySerial;
    // First whether the service serves each tenant separately, and which tenants it has a
    // backend for; then the schema, the chosen tenant's.
    api->call(HttpMethod::Get, u"/api/v1/system/service/"_s + pathSegment(m_service),
              QJsonValue::Undefined, this, [this, serial, api](const LocalReply &reply) {
                  if (serial != m_tenancySerial)
                      return;
                  // No such service: its schema's answer says so.
                  const QString tenancy =
                      reply.ok() ? reply.body[u"tenancy"_s].toString(u"none"_s) : u"none"_s;
                  if (tenancy != u"setting"_s) {
                      QStringList tenants;
                      for (const QJsonValue &backend : reply.body[u"tenants"_s].toArray())
                          tenants << backend[u"tenant"_s].toString();
                      takeTenancy(tenancy, tenants);
                      loadSchema();
                      return;
                  }
                  // One database for every tenant, told apart by its row-level-security policies:
                  // every tenant there is.
                  api->call(HttpMethod::Get, u"/api/v1/system/tenant"_s, QJsonValue::Undefined,
                            this, [this, serial, tenancy](const LocalReply &all) {
                                if (serial != m_tenancySerial)
                                    return;
                                QStringList tenants;
                                for (const QJsonValue &tenant : all.body[u"resource"_s].toArray())
                                    tenants << tenant[u"name"_s].toString();
                                takeTenancy(tenancy, tenants);
                                loadSchema();
                            });
              });
}

void SchemaBrowser::takeTenancy(const QString &tenancy, const QStringList &tenants)
{
    const QString name = tenancy.isEmpty() ? u"none"_s : tenancy;
    QStringList offered = name == u"none"_s ? QStringList() : tenants;
    offered.sort();
    // The tenant chosen for this service before (here or in an earlier session), while it is
    // still one of the service's.
    const QString remembered =
        m_tenant.isEmpty() ? QSettings().value(tenantSettingsKey()).toString() : m_tenant;
    const QString chosen = offered.contains(remembered) ? remembered : QString();
    if (name == m_tenancy && offered == m_tenants && chosen == m_tenant)
        return;
    m_tenancy = name;
    m_tenants = offered;
    m_tenant = chosen;
    Q_EMIT tenantChanged();
}

void SchemaBrowser::loadSchema()
{
    LocalApi *api = AppController::api();
    if (!api || m_service.isEmpty())
        return;
    const quint64 serial = ++m_schemaSerial;
    if (needsTenant()) {
        // Nothing to read before a tenant is chosen: the pages say so, rather than the API's
        // 403.
        setBusy(false);
        m_error.clear();
        showSchema(QJsonObject());
        return;
    }
    setBusy(true);
    const QString path = u"/api/v1/"_s + pathSegment(m_service) + u"/_schema"_s;
    api->callAs({ {}, m_tenant }, HttpMethod::Get, path, QJsonValue::Undefined, this,
                [this, serial](const LocalReply &reply) {
                    if (serial != m_schemaSerial)
                        return;
                    setBusy(false);
                    m_error = reply.ok() ? QString() : reply.errorMessage();
                    showSchema(reply.body);
                });
}

void SchemaBrowser::showSchema(const QJsonValue &schema)
{
    m_info.clear();
    QJsonArray listed;
    for (const QString &kind : { u"tables"_s, u"views"_s }) {
        for (const QJsonValue &v : schema[kind].toArray()) {
            const QJsonObject table = v.toObject();
            const QString name = table[u"name"_s].toString();
            m_info.insert(name, table);
            listed.append(
                QJsonObject { { u"name"_s, name },
                              { u"type"_s, kind == u"views"_s ? u"view"_s : u"table"_s },
                              { u"column_count"_s, table[u"columns"_s].toArray().size() } });
        }
    }
    m_tables.reset(listed);
    if (!m_info.contains(m_table))
        m_table = listed.isEmpty() ? QString() : listed.first()[u"name"_s].toString();
    showTable();
    Q_EMIT loaded();
}

void SchemaBrowser::showTable()
{
    const QJsonObject info = m_info.value(m_table);
    // Each column with the table it references, when a foreign key of one column names it.
    QHash<QString, QString> references;
    for (const QJsonValue &fk : info[u"foreign_keys"_s].toArray()) {
        const QJsonArray columns = fk[u"columns"_s].toArray();
        const QJsonArray refColumns = fk[u"ref_columns"_s].toArray();
        for (qsizetype i = 0; i < columns.size(); ++i)
            references.insert(columns.at(i).toString(),
                              fk[u"ref_table"_s].toString() + u'.' + refColumns.at(i).toString());
    }
    // Columns unique on their own: a unique index (or UNIQUE constraint) of that one column.
    QSet<QString> uniqueColumns;
    for (const QJsonValue &ix : info[u"indexes"_s].toArray()) {
        if (ix[u"unique"_s].toBool() && ix[u"columns"_s].toArray().size() == 1)
            uniqueColumns.insert(ix[u"columns"_s][0].toString());
    }
    QJsonArray columns;
    for (const QJsonValue &v : info[u"columns"_s].toArray()) {
        QJsonObject column = v.toObject();
        const QString name = column[u"name"_s].toString();
        column.insert(u"references"_s, references.value(name));
        column.insert(u"unique"_s, uniqueColumns.contains(name));
        columns.append(column);
    }
    m_columns.reset(columns);
    // Lists of columns as the page shows them: "a, b".
    const auto joined = [](const QJsonValue &names) {
        QStringList out;
        for (const QJsonValue &c : names.toArray())
            out << c.toString();
        return out.join(u", "_s);
    };
    QJsonArray keys;
    for (const QJsonValue &fk : info[u"foreign_keys"_s].toArray()) {
        QJsonObject key = fk.toObject();
        key.insert(u"columns"_s, joined(fk[u"columns"_s]));
        key.insert(u"ref_columns"_s, joined(fk[u"ref_columns"_s]));
        keys.append(key);
    }
    m_foreignKeys.reset(keys);
    QJsonArray indexes;
    for (const QJsonValue &ix : info[u"indexes"_s].toArray()) {
        QJsonObject index = ix.toObject();
        index.insert(u"columns"_s, joined(ix[u"columns"_s]));
        indexes.append(index);
    }
    m_indexes.reset(indexes);
    QJsonArray uniques;
    for (const QJsonValue &ix : indexes) {
        if (ix[u"unique"_s].toBool() && !ix[u"primary"_s].toBool())
            uniques.append(
                QJsonObject { { u"name"_s, ix[u"name"_s] }, { u"columns"_s, ix[u"columns"_s] } });
    }
    m_uniques.reset(uniques);
    // Incoming references, from every loaded table in the listing's order.
    QJsonArray referencedBy;
    for (int i = 0; i < m_tables.count(); ++i) {
        const QString other = m_tables.at(i)[u"name"_s].toString();
        for (const QJsonValue &fk : m_info.value(other)[u"foreign_keys"_s].toArray()) {
            if (fk[u"ref_table"_s].toString() != m_table)
                continue;
            referencedBy.append(QJsonObject { { u"table"_s, other },
                                              { u"name"_s, fk[u"name"_s] },
                                              { u"columns"_s, joined(fk[u"columns"_s]) },
                                              { u"ref_columns"_s, joined(fk[u"ref_columns"_s]) } });
        }
    }
    m_referencedBy.reset(referencedBy);
    Q_EMIT tableChanged();
}

} // namespace sluice
