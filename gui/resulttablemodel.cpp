#include "gui/resulttablemodel.h"

using namespace Qt::StringLiterals;

namespace sluice {

ResultTableModel::ResultTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ResultTableModel::reset(const QStringList &columns, const QList<ExactRecord> &rows)
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
    const ExactValue value = m_rows.at(index.row()).value(m_columns.at(index.column()));
    switch (role) {
    case Qt::DisplayRole: return value.text;
    case IsNullRole: return value.isNull();
    case IsNumberRole: return value.isNumber();
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
    return { { Qt::DisplayRole, "display" },
             { IsNullRole, "isNull" },
             { IsNumberRole, "isNumber" } };
}

ExactValue ResultTableModel::cell(int row, const QString &column) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_rows.at(row).value(column);
}

void ResultTableModel::setCell(int row, const QString &column, const ExactValue &value)
{
    const int c = int(m_columns.indexOf(column));
    if (row < 0 || row >= m_rows.size() || c < 0)
        return;
    ExactRecord &record = m_rows[row];
    if (!record.values.contains(column))
        record.keys.append(column);
    record.values.insert(column, value);
    Q_EMIT dataChanged(index(row, c), index(row, c));
}

void ResultTableModel::revertCell(int row, const QString &column)
{
    const int c = int(m_columns.indexOf(column));
    if (row >= 0 && row < m_rows.size() && c >= 0)
        Q_EMIT dataChanged(index(row, c), index(row, c));
}

} // namespace sluice
