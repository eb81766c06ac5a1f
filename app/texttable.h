#pragma once

#include "commands.h"

#include <QJsonArray>
#include <QJsonObject>
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

// What every `list` command prints. With --json: an array of toJson(item), empty or not.
// Otherwise `emptyHint` (how to create the first one) when there are no items, else a TextTable
// of `headers` with one toRow(item) per item.
template<typename Items, typename ToJson, typename ToRow>
void printList(const Items &items, bool json, const QString &emptyHint, QStringList headers,
               ToJson toJson, ToRow toRow)
{
    if (json) {
        QJsonArray list;
        for (const auto &item : items)
            list.append(toJson(item));
        sayJson(list);
        return;
    }
    if (items.isEmpty()) {
        say(emptyHint);
        return;
    }
    TextTable table(std::move(headers));
    for (const auto &item : items)
        table.addRow(toRow(item));
    table.print();
}

} // namespace sluice
