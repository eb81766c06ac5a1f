#pragma once

#include <QAbstractListModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QQmlEngine>

namespace sluice {

// A list of JSON objects from the API (tables, columns, keys, …) for QML views: one role per key
// named at construction, so a delegate reads `required property string name`.
class JsonListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by the view-models")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit JsonListModel(const QStringList &keys, QObject *parent = nullptr);

    void reset(const QJsonArray &rows);
    int count() const { return int(m_rows.size()); }
    QJsonObject at(int row) const { return m_rows.at(row).toObject(); }
    Q_INVOKABLE QVariantMap get(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    QStringList m_keys;
    QJsonArray m_rows;
};

} // namespace sluice
