#pragma once

#include "gui/jsonlistmodel.h"
#include "http/httprequest.h"

#include <QJsonObject>
#include <QObject>
#include <QQmlEngine>

#include <functional>

namespace sluice {

// One collection of the system API (`api-key`, `role`, `admin`, `audit`, …) for a page: its
// list (with a query such as "limit=50&action=data.write"), and create, update and delete
// through the same routes an HTTP client uses. Rows appear with the roles named in `keys`.
class SystemCollection : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(QString collection READ collection WRITE setCollection NOTIFY collectionChanged)
    Q_PROPERTY(QStringList keys READ keys WRITE setKeys NOTIFY collectionChanged)
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY collectionChanged)
    Q_PROPERTY(JsonListModel *items READ items NOTIFY itemsReplaced)
    Q_PROPERTY(int total READ total NOTIFY loaded)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit SystemCollection(QObject *parent = nullptr);
    ~SystemCollection() override;

    // From QML, the list loads once, when every property is set.
    void classBegin() override { m_building = true; }
    void componentComplete() override;

    QString collection() const { return m_collection; }
    void setCollection(const QString &collection);
    QStringList keys() const { return m_keys; }
    void setKeys(const QStringList &keys);
    QString query() const { return m_query; }
    void setQuery(const QString &query);
    JsonListModel *items() const { return m_items; }
    int total() const { return m_total; }
    bool busy() const { return m_pending > 0; }
    QString error() const { return m_error; }

    Q_INVOKABLE void reload();
    // POST to the collection; `created` carries the answer (a new key's one-time api_key).
    Q_INVOKABLE void create(const QVariantMap &body);
    // PUT the whole item, PATCH a part of it, DELETE it, or POST to one of its actions
    // ("revoke", "password").
    Q_INVOKABLE void replace(const QString &id, const QVariantMap &body);
    Q_INVOKABLE void patch(const QString &id, const QVariantMap &body);
    Q_INVOKABLE void remove(const QString &id);
    Q_INVOKABLE void act(const QString &id, const QString &action, const QVariantMap &body = {});

Q_SIGNALS:
    void collectionChanged();
    void itemsReplaced();
    void loaded();
    void busyChanged();
    void errorChanged();
    void created(const QVariantMap &item);
    void changed(const QString &id);

private:
    void send(HttpMethod method, const QString &path, const QJsonValue &body,
              const std::function<void(const QJsonValue &)> &done);
    QString itemPath(const QString &id) const;
    // After a change: this list and every other one of the same collection load again.
    void reloadEverywhere();
    void setError(const QString &error);

    QString m_collection;
    QStringList m_keys;
    QString m_query;
    JsonListModel *m_items; // a child; replaced when the keys change
    bool m_building = false;
    int m_total = 0;
    int m_pending = 0;
    QString m_error;
};

} // namespace sluice
