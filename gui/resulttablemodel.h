#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QQmlEngine>

namespace sluice {

// Rows of a REST answer ({"resource":[{…},…]}) as a table for the data grid: one column per key
// of the answer, in the order the API wrote them; cells as display text, NULL as empty.
class ResultTableModel : public QAbstractTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by QueryBuilder")

public:
    explicit ResultTableModel(QObject *parent = nullptr);

    // `columns` in answer order; `rows` the answer's objects.
    void reset(const QStringList &columns, const QJsonArray &rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE QString columnName(int column) const { return m_columns.value(column); }
    QStringList columns() const { return m_columns; }
    QJsonObject row(int row) const { return m_rows.at(row).toObject(); }
    void setCell(int row, const QString &column, const QJsonValue &value);

private:
    QStringList m_columns;
    QJsonArray m_rows;
};

} // namespace sluice
