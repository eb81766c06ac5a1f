#include "gui/jsonlistmodel.h"

#include <QJsonObject>

namespace sluice {

JsonListModel::JsonListModel(const QStringList &keys, QObject *parent)
    : QAbstractListModel(parent)
    , m_keys(keys)
{
}

void JsonListModel::reset(const QJsonArray &rows)
{
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = rows;
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

QVariantMap JsonListModel::get(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return at(row).toVariantMap();
}

int JsonListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant JsonListModel::data(const QModelIndex &index, int role) const
{
    const int key = role - Qt::UserRole - 1;
    if (!index.isValid() || index.row() >= m_rows.size() || key < 0 || key >= m_keys.size())
        return {};
    return m_rows.at(index.row())[m_keys.at(key)].toVariant();
}

QHash<int, QByteArray> JsonListModel::roleNames() const
{
    QHash<int, QByteArray> roles;
    for (int i = 0; i < m_keys.size(); ++i)
        roles.insert(Qt::UserRole + 1 + i, m_keys.at(i).toUtf8());
    return roles;
}

} // namespace sluice
