#pragma once

#include "gui/exactjson.h"

#include <QAbstractTableModel>
#include <QQmlEngine>

namespace sluice {

// Rows of a REST answer ({"resource":[{…},…]}) as a table for the data grid: one column per key
// of the answer, in the order the API wrote them; cells show exactly the API's text (a number's
// digits as written, never through a double), NULL apart from an empty string.
class ResultTableModel : public QAbstractTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by QueryBuilder")

public:
    enum Roles { IsNullRole = Qt::UserRole, IsNumberRole };

    explicit ResultTableModel(QObject *parent = nullptr);

    // `columns` in answer order; `rows` the answer's records.
    void reset(const QStringList &columns, const QList<ExactRecord> &rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE QString columnName(int column) const { return m_columns.value(column); }
    QStringList columns() const { return m_columns; }
    ExactValue cell(int row, const QString &column) const;
    void setCell(int row, const QString &column, const ExactValue &value);
    // Tells the views that a cell shows its stored value again (after a refused edit).
    void revertCell(int row, const QString &column);

private:
    QStringList m_columns;
    QList<ExactRecord> m_rows;
};

} // namespace sluice
