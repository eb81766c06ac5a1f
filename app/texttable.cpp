#include "texttable.h"

#include "commands.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString printable(const QString &cell)
{
    QString out = cell;
    for (QChar &c : out) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u < 0xa0))
            c = u'?';
    }
    return out;
}

} // namespace

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
{
}

void TextTable::addRow(QStringList cells)
{
    cells.resize(m_headers.size());
    for (QString &cell : cells)
        cell = printable(cell);
    m_rows.append(std::move(cells));
}

void TextTable::print() const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths.append(header.size());
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    const auto line = [&widths](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i + 1 < cells.size())
                text += cells.at(i).leftJustified(widths.at(i)) + u"  "_s;
            else
                text += cells.at(i);
        }
        return text;
    };
    say(line(m_headers));
    for (const QStringList &row : m_rows)
        say(line(row));
}

} // namespace sluice
