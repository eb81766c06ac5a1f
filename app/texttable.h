#pragma once

#include <QList>
#include <QStringList>

namespace sluice {

// A plain-text table for list commands: a header row and columns padded to their widest cell,
// two spaces apart. Control characters in cells (an audit detail may quote what a client sent)
// are printed as '?' so no cell can move the cursor or recolour the terminal.
class TextTable
{
public:
    explicit TextTable(QStringList headers);

    void addRow(QStringList cells);
    bool isEmpty() const { return m_rows.isEmpty(); }
    // Prints the header and every row on stdout.
    void print() const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

} // namespace sluice
