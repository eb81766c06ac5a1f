#pragma once

#include "gui/jsonlistmodel.h"

#include <QJsonObject>
#include <QObject>
#include <QQmlEngine>

namespace sluice {

// One service's schema for the schema browser and the query builder: its tables and views,
// and the columns, keys and references of the selected one. Read from GET _schema as the
// desktop's owner. A per-tenant service (API.md §11) has a schema per tenant: the browser reads
// the chosen tenant's (and the pages that share it send every request for that tenant); with
// none chosen it reads nothing, and `needsTenant` says a tenant is to be picked.
class SchemaBrowser : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString service READ service WRITE setService NOTIFY serviceChanged)
    Q_PROPERTY(QString table READ table WRITE setTable NOTIFY tableChanged)
    Q_PROPERTY(JsonListModel *tables READ tables CONSTANT)
    Q_PROPERTY(JsonListModel *columns READ columns CONSTANT)
    Q_PROPERTY(JsonListModel *foreignKeys READ foreignKeys CONSTANT)
    // The table's indexes: {name, columns ("a, b"), unique, primary}.
    Q_PROPERTY(JsonListModel *indexes READ indexes CONSTANT)
    // The table's unique constraints and unique indexes but the primary key: {name, columns}.
    Q_PROPERTY(JsonListModel *uniques READ uniques CONSTANT)
    // The foreign keys of other tables that reference this one:
    // {table, name, columns, ref_columns} (columns of `table`, ref_columns of this one).
    Q_PROPERTY(JsonListModel *referencedBy READ referencedBy CONSTANT)
    Q_PROPERTY(QStringList primaryKey READ primaryKey NOTIFY tableChanged)
    Q_PROPERTY(QStringList columnNames READ columnNames NOTIFY tableChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString error READ error NOTIFY loaded)
    // The service's tenancy: "none" (shared), "database", "schema" or "setting".
    Q_PROPERTY(QString tenancy READ tenancy NOTIFY tenantChanged)
    Q_PROPERTY(bool perTenant READ perTenant NOTIFY tenantChanged)
    // The tenants to choose from: those with a backend on the service, or, for "setting"
    // (one database for all), every tenant there is.
    Q_PROPERTY(QStringList tenants READ tenants NOTIFY tenantChanged)
    // The tenant the service is read for; remembered per service (and data directory) when
    // chosen. Empty: none.
    Q_PROPERTY(QString tenant READ tenant WRITE setTenant NOTIFY tenantChanged)
    // A per-tenant service with no tenant chosen: nothing is read until one is.
    Q_PROPERTY(bool needsTenant READ needsTenant NOTIFY tenantChanged)

public:
    explicit SchemaBrowser(QObject *parent = nullptr);

    QString service() const { return m_service; }
    void setService(const QString &service);
    QString table() const { return m_table; }
    void setTable(const QString &table);
    JsonListModel *tables() { return &m_tables; }
    JsonListModel *columns() { return &m_columns; }
    JsonListModel *foreignKeys() { return &m_foreignKeys; }
    JsonListModel *indexes() { return &m_indexes; }
    JsonListModel *uniques() { return &m_uniques; }
    JsonListModel *referencedBy() { return &m_referencedBy; }
    QStringList primaryKey() const;
    QStringList columnNames() const;
    bool busy() const { return m_busy; }
    QString error() const { return m_error; }
    QString tenancy() const { return m_tenancy; }
    bool perTenant() const { return m_tenancy != u"none"; }
    QStringList tenants() const { return m_tenants; }
    QString tenant() const { return m_tenant; }
    void setTenant(const QString &tenant);
    bool needsTenant() const { return perTenant() && m_tenant.isEmpty(); }

    // The _schema description of `table` ({name, type, columns, primary_key, …}), or empty.
    QJsonObject tableInfo(const QString &table) const { return m_info.value(table); }

    // Reads the service's tenancy and tenants again, then its schema (the chosen tenant's).
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void serviceChanged();
    void tableChanged();
    void busyChanged();
    void loaded();
    void tenantChanged();

private:
    void setBusy(bool busy);
    // Takes the tenants the service offers; keeps the chosen tenant only if it is one of them.
    void takeTenancy(const QString &tenancy, const QStringList &tenants);
    void loadSchema();
    void showSchema(const QJsonValue &schema);
    void showTable();
    QString tenantSettingsKey() const;

    QString m_service;
    QString m_table;
    QHash<QString, QJsonObject> m_info;
    JsonListModel m_tables;
    JsonListModel m_columns;
    JsonListModel m_foreignKeys;
    JsonListModel m_indexes;
    JsonListModel m_uniques;
    JsonListModel m_referencedBy;
    bool m_busy = false;
    QString m_error;
    QString m_tenancy = QStringLiteral("none");
    QStringList m_tenants;
    QString m_tenant;
    // Only the latest answers count: of the service's tenancy, and of its schema.
    quint64 m_tenancySerial = 0;
    quint64 m_schemaSerial = 0;
};

} // namespace sluice
