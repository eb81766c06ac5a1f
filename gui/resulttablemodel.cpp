#include "gui/resulttablemodel.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString displayText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: return {};
    case QJsonValue::Bool: return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String: return v.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

} // namespace

ResultTableModel::ResultTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ResultTableModel::reset(const QStringList &columns, const QJsonArray &rows)
{
    beginResetModel();
    m_columns = columns;
    m_rows = rows;
    endResetModel();
}

int ResultTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResultTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant ResultTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    const QJsonValue value = m_rows.at(index.row())[m_columns.at(index.column())];
    switch (role) {
    case Qt::DisplayRole: return displayText(value);
    case Qt::UserRole: return value.isNull(); // "isNull": shown apart from an empty string
    default: return {};
    }
}

QVariant ResultTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return m_columns.value(section);
    return section + 1;
}

QHash<int, QByteArray> ResultTableModel::roleNames() const
{
    return { { Qt::DisplayRole, "display" }, { Qt::UserRole, "isNull" } };
}

void ResultTableModel::setCell(int row, const QString &column, const QJsonValue &value)
{
    const int c = int(m_columns.indexOf(column));
    if (row < 0 || row >= m_rows.size() || c < 0)
        return;
    QJsonObject object = m_rows.at(row).toObject();
    object.insert(column, value);
    m_rows.replace(row, object);
    Q_EMIT dataChanged(index(row, c), index(row, c));
}

} // namespace sluice
