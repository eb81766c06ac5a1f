#include "gui/resulttablemodel.h"

using namespace Qt::StringLiterals;

namespace sluice {

ResultTableModel::ResultTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ResultTableModel::reset(const QStringList &columns, const QList<ExactRecord> &rows,
                             const QHash<QString, QString> &types, const QSet<QString> &links)
{
    beginResetModel();
    m_columns = columns;
    m_rows = rows;
    m_types = types;
    m_links = links;
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
    const QString &column = m_columns.at(index.column());
    const ExactValue value = m_rows.at(index.row()).value(column);
    switch (role) {
    case Qt::DisplayRole: return value.text;
    case IsNullRole: return value.isNull();
    case IsNumberRole: return value.isNumber();
    case ColumnTypeRole: return m_types.value(column);
    case IsLinkRole: return !value.isNull() && m_links.contains(column);
    case ColumnNameRole: return column;
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
    return { { Qt::DisplayRole, "display" }, { IsNullRole, "isNull" },
             { IsNumberRole, "isNumber" },   { ColumnTypeRole, "columnType" },
             { IsLinkRole, "isLink" },       { ColumnNameRole, "columnName" } };
}

int ResultTableModel::widestText(int column) const
{
    constexpr qsizetype most = 80;
    const QString name = m_columns.value(column);
    qsizetype widest = name.size();
    for (const ExactRecord &record : m_rows) {
        if (widest >= most)
            break;
        const ExactValue value = record.value(name);
        widest = std::max(widest, value.isNull() ? qsizetype(4) : value.text.size());
    }
    return int(std::min(widest, most));
}

QString ResultTableModel::text(const QList<int> &rows, const QList<int> &columns,
                               const QString &format) const
{
    QStringList names;
    if (columns.isEmpty()) {
        names = m_columns;
    } else {
        for (int c : columns) {
            if (c >= 0 && c < m_columns.size())
                names << m_columns.at(c);
        }
    }
    const auto value = [this](int row, const QString &column) {
        return row >= 0 && row < m_rows.size() ? m_rows.at(row).value(column) : ExactValue();
    };
    QStringList lines;
    if (format == u"json"_s) {
        // The rows as the API wrote them, digits and all.
        for (int row : rows) {
            QStringList members;
            for (const QString &c : names) {
                members << ExactValue { ExactValue::Kind::String, c }.json() + u':'
                        + value(row, c).json();
            }
            lines << u'{' + members.join(u',') + u'}';
        }
        return rows.size() == 1 ? lines.value(0) : u'[' + lines.join(u',') + u']';
    }
    const bool tabs = format == u"tsv"_s;
    // RFC 4180: a field with a comma, quote or line break in quotes, quotes doubled. A
    // spreadsheet's tab-separated paste has no quoting: tabs and line breaks become spaces.
    const auto field = [tabs](QString text) -> QString {
        if (tabs) {
            for (QChar &c : text) {
                if (c == u'\t' || c == u'\n' || c == u'\r')
                    c = u' ';
            }
            return text;
        }
        if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')
            && !text.contains(u'\r'))
            return text;
        return u'"' + text.replace(u'"', u"\"\""_s) + u'"';
    };
    const QChar separator = tabs ? u'\t' : u',';
    QStringList header;
    for (const QString &c : names)
        header << field(c);
    lines << header.join(separator);
    for (int row : rows) {
        QStringList cells;
        for (const QString &c : names)
            cells << field(value(row, c).text);
        lines << cells.join(separator);
    }
    return lines.join(u"\r\n"_s) + u"\r\n"_s;
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
