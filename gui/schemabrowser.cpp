#include "gui/schemabrowser.h"

#include "core/paths.h"
#include "gui/appcontroller.h"

#include <QJsonArray>
#include <QSet>

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
    m_service = service;
    Q_EMIT serviceChanged();
    reload();
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
    m_busy = true;
    Q_EMIT busyChanged();
    const QString path = u"/api/v1/"_s + pathSegment(m_service) + u"/_schema"_s;
    api->call(HttpMethod::Get, path, QJsonValue::Undefined, this, [this](const LocalReply &reply) {
        m_busy = false;
        Q_EMIT busyChanged();
        m_info.clear();
        m_error = reply.ok() ? QString() : reply.errorMessage();
        QJsonArray listed;
        for (const QString &kind : { u"tables"_s, u"views"_s }) {
            for (const QJsonValue &v : reply.body[kind].toArray()) {
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
    });
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
