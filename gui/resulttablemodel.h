#pragma once

#include "gui/exactjson.h"

#include <QAbstractTableModel>
#include <QQmlEngine>
#include <QSet>

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
    // ColumnNameRole: a cell's column by name. A view reuses its cell items for another table; a
    // role follows the model's reset where a call to columnName() in a binding would not.
    enum Roles {
        IsNullRole = Qt::UserRole,
        IsNumberRole,
        ColumnTypeRole,
        IsLinkRole,
        ColumnNameRole
    };
    Q_ENUM(Roles) // ResultTableModel.IsNullRole in QML

    explicit ResultTableModel(QObject *parent = nullptr);

    // `columns` in answer order; `rows` the answer's records; `types` each column's _schema
    // json_type ("integer", "boolean", "date", …; none: text), `links` the columns that hold a
    // foreign key (a cell of one opens the row it references).
    void reset(const QStringList &columns, const QList<ExactRecord> &rows,
               const QHash<QString, QString> &types = {}, const QSet<QString> &links = {});

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE QString columnName(int column) const { return m_columns.value(column); }
    // The column's json_type ("" when unknown: shown and edited as text).
    Q_INVOKABLE QString columnType(int column) const
    {
        return m_types.value(m_columns.value(column));
    }
    // The longest text in the column on this page, its name included, in characters (at most
    // 80): what the grid sizes a column to.
    Q_INVOKABLE int widestText(int column) const;
    // The cells at `rows` × `columns` (model indexes; no columns: all of them, in order) as text
    // to copy: "csv" (a header line, then RFC 4180 rows; NULL an empty field), "tsv" (what
    // spreadsheets paste: tab-separated, a header line, tabs and line breaks in a value as
    // spaces) or "json" (an object per row with the API's digits; one row: the object alone).
    Q_INVOKABLE QString text(const QList<int> &rows, const QList<int> &columns,
                             const QString &format) const;
    QStringList columns() const { return m_columns; }
    ExactValue cell(int row, const QString &column) const;
    void setCell(int row, const QString &column, const ExactValue &value);
    // Tells the views that a cell shows its stored value again (after a refused edit).
    void revertCell(int row, const QString &column);

private:
    QStringList m_columns;
    QList<ExactRecord> m_rows;
    QHash<QString, QString> m_types;
    QSet<QString> m_links;
};

} // namespace sluice
