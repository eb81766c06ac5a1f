#pragma once

#include "core/jsonwriter.h"
#include "db/sql/sqlbuilder.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace sluice {

// Writes the current row of `query` as a JSON object, keys in column order, each value in the
// JSON form its column type calls for (docs/api.md, Conventions, §9). Keys are escaped once, up
// front.
class RowWriter
{
public:
    explicit RowWriter(const QList<OutputColumn> &columns);

    void writeRow(JsonWriter &writer, const QSqlQuery &query) const;
    // The row's "key":value pairs without the braces, for a caller that adds keys of its own.
    void writeFields(JsonWriter &writer, const QSqlQuery &query) const;
    void writeValue(JsonWriter &writer, const OutputColumn &column, const QVariant &value) const;

    const QList<OutputColumn> &columns() const { return m_columns; }
    // Column `index`'s key, quoted and escaped for JsonWriter::escapedKey().
    const QByteArray &escapedKey(qsizetype index) const { return m_keys.at(index); }

private:
    QList<OutputColumn> m_columns;
    QList<QByteArray> m_keys; // "\"name\"" already escaped
};

// The columns of a result no schema describes (a routine's, raw SQL's): each value is written by
// its own type. Repeated names get a suffix ("count", "count_2"), so every key of a row is
// unique.
QList<OutputColumn> untypedColumns(const QSqlRecord &record);

} // namespace sluice
