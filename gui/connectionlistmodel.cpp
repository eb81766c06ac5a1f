#include "gui/connectionlistmodel.h"

#include "core/paths.h"
#include "demo/demodatabase.h"
#include "gui/appcontroller.h"
#include "gui/dsnform.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

const QString kServices = u"/api/v1/system/service"_s;

QString servicePath(const QString &name)
{
    return kServices + u'/' + pathSegment(name);
}

QJsonObject connectionBody(const QString &driver, const QVariantMap &fields,
                           const QString &password)
{
    QJsonObject body { { u"driver"_s, driver }, { u"dsn"_s, composeDsn(driver, fields) } };
    if (!password.isEmpty())
        body.insert(u"password"_s, password);
    return body;
}

} // namespace

ConnectionListModel::ConnectionListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    reload();
}

int ConnectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

namespace {

// The tenants a per-tenant service has a backend for, by name.
QStringList tenantsOf(const QJsonObject &service)
{
    QStringList tenants;
    for (const QJsonValue &backend : service.value(u"tenants"_s).toArray())
        tenants << backend[u"tenant"_s].toString();
    tenants.sort();
    return tenants;
}

} // namespace

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    switch (role) {
    case NameRole: return row.value(u"name"_s).toString();
    case LabelRole: return row.value(u"label"_s).toString();
    case DriverRole: return row.value(u"driver"_s).toString();
    case DsnRole: return row.value(u"dsn"_s).toString();
    case EnabledRole: return row.value(u"enabled"_s).toBool();
    case ReadOnlyRole: return row.value(u"read_only"_s).toBool();
    case RawSqlRole: return row.value(u"raw_sql"_s).toBool();
    case SchemaErrorRole: return row.value(u"schema_error"_s).toString();
    case TenancyRole: return row.value(u"tenancy"_s).toString(u"none"_s);
    case TenantsRole: return tenantsOf(row);
    case TenancyTextRole: {
        const QString tenancy = row.value(u"tenancy"_s).toString(u"none"_s);
        if (tenancy == u"none"_s)
            return QString();
        if (tenancy == u"setting"_s)
            return tr("Per tenant (setting): every tenant, told apart by row-level security");
        const QStringList tenants = tenantsOf(row);
        return tenants.isEmpty() ? tr("Per tenant (%1): no tenant has a backend yet").arg(tenancy)
                                 : tr("Per tenant (%1): %2").arg(tenancy, tenants.join(u", "_s));
    }
    default: return {};
    }
}

QHash<int, QByteArray> ConnectionListModel::roleNames() const
{
    return { { NameRole, "name" },
             { LabelRole, "label" },
             { DriverRole, "driver" },
             { DsnRole, "dsn" },
             { EnabledRole, "enabled" },
             { ReadOnlyRole, "readOnly" },
             { RawSqlRole, "rawSql" },
             { SchemaErrorRole, "schemaError" },
             { TenancyRole, "tenancy" },
             { TenantsRole, "tenants" },
             { TenancyTextRole, "tenancyText" } };
}

QVariantMap ConnectionListModel::get(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_rows.at(row).toVariantMap();
}

void ConnectionListModel::send(HttpMethod method, const QString &path, const QJsonValue &body,
                               const std::function<void(const LocalReply &)> &onAnswer)
{
    LocalApi *local = AppController::api();
    if (!local)
        return;
    if (m_pending++ == 0)
        Q_EMIT busyChanged();
    local->call(method, path, body, this, [this, onAnswer](const LocalReply &reply) {
        if (--m_pending == 0)
            Q_EMIT busyChanged();
        onAnswer(reply);
    });
}

void ConnectionListModel::change(HttpMethod method, const QString &path, const QJsonValue &body,
                                 const std::function<void()> &onDone)
{
    send(method, path, body, [this, onDone](const LocalReply &reply) {
        if (!reply.ok()) {
            Q_EMIT failed(reply.errorMessage());
            return;
        }
        reload();
        onDone();
    });
}

void ConnectionListModel::reload()
{
    send(HttpMethod::Get, kServices, QJsonValue::Undefined, [this](const LocalReply &reply) {
        if (!reply.ok()) {
            Q_EMIT failed(reply.errorMessage());
            return;
        }
        beginResetModel();
        m_rows.clear();
        for (const QJsonValue &v : reply.body[u"resource"_s].toArray())
            m_rows.append(v.toObject());
        endResetModel();
        Q_EMIT countChanged();
    });
}

void ConnectionListModel::testNew(const QString &driver, const QVariantMap &fields,
                                  const QString &password)
{
    send(HttpMethod::Post, u"/api/v1/system/connection/test"_s,
         connectionBody(driver, fields, password), [this](const LocalReply &reply) {
             Q_EMIT tested(QString(), reply.ok(),
                           reply.ok() ? tr("Connected") : reply.errorMessage());
         });
}

void ConnectionListModel::add(const QString &name, const QString &driver, const QVariantMap &fields,
                              const QString &password, const QString &label, bool readOnly,
                              bool rawSql)
{
    QJsonObject body = connectionBody(driver, fields, password);
    body.insert(u"name"_s, name);
    body.insert(u"label"_s, label);
    body.insert(u"read_only"_s, readOnly);
    body.insert(u"raw_sql"_s, rawSql);
    change(HttpMethod::Post, kServices, body, [this, name] { Q_EMIT added(name); });
}

void ConnectionListModel::addDemo()
{
    const ServiceConfig demo = demoServiceConfig(AppController::instance()->dataDir());
    if (const Status created = ensureDemoDatabase(demo.dsn); !created) {
        Q_EMIT failed(created.error().message);
        return;
    }
    add(demo.name, demo.driver, { { u"file"_s, demo.dsn } }, QString(), demo.label, false,
        demo.rawSql);
}

void ConnectionListModel::update(const QString &name, const QString &driver,
                                 const QVariantMap &fields, const QString &password,
                                 const QString &label, bool readOnly, bool rawSql)
{
    // The test names the service, so the API tries its saved password when none is typed.
    QJsonObject probe = connectionBody(driver, fields, password);
    probe.insert(u"service"_s, name);
    send(HttpMethod::Post, u"/api/v1/system/connection/test"_s, probe,
         [=, this](const LocalReply &tested) {
             if (!tested.ok()) {
                 Q_EMIT this->tested(name, false, tested.errorMessage());
                 return;
             }
             QJsonObject body = connectionBody(driver, fields, password);
             body.insert(u"label"_s, label);
             body.insert(u"read_only"_s, readOnly);
             body.insert(u"raw_sql"_s, rawSql);
             change(HttpMethod::Patch, servicePath(name), body,
                    [this, name] { Q_EMIT edited(name); });
         });
}

QVariantMap ConnectionListModel::fieldsOf(const QString &driver, const QString &dsn) const
{
    // A listed DSN shows a stored password as a mask ("app:***@"), never the password itself:
    // the form keeps the stored one unless the user types a new one.
    QVariantMap fields = dsnFields(driver, dsn);
    fields.remove(u"password"_s);
    return fields;
}

QVariantMap ConnectionListModel::readPasted(const QString &text) const
{
    return pastedConnection(text);
}

void ConnectionListModel::edit(const QString &name, const QString &label, bool readOnly,
                               const QString &password)
{
    QJsonObject body { { u"label"_s, label }, { u"read_only"_s, readOnly } };
    if (!password.isEmpty())
        body.insert(u"password"_s, password);
    change(HttpMethod::Patch, servicePath(name), body, [this, name] { Q_EMIT edited(name); });
}

void ConnectionListModel::test(const QString &name)
{
    send(HttpMethod::Get, servicePath(name) + u"/test"_s, QJsonValue::Undefined,
         [this, name](const LocalReply &reply) {
             Q_EMIT tested(name, reply.ok(), reply.ok() ? tr("Connected") : reply.errorMessage());
         });
}

void ConnectionListModel::setEnabled(const QString &name, bool enabled)
{
    change(HttpMethod::Patch, servicePath(name), QJsonObject { { u"enabled"_s, enabled } }, [] {});
}

void ConnectionListModel::remove(const QString &name)
{
    change(HttpMethod::Delete, servicePath(name), QJsonValue::Undefined,
           [this, name] { Q_EMIT removed(name); });
}

} // namespace sluice
