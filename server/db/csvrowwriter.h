#pragma once

#include "db/rowwriter.h"

#include "db/rowcursor.h"
#include <QByteArray>

namespace sluice {

// Writes rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or
// line break quoted with quotes doubled). Each value is what the JSON answer would hold, as text:
// strings unquoted, numbers with the same digits, booleans `true`/`false`, dates and timestamps
// in the same RFC 3339 form, embedded JSON as its JSON text, binary as base64. NULL is an empty
// field.
class CsvRowWriter
{
public:
    explicit CsvRowWriter(const QList<OutputColumn> &columns);

    void writeHeader(QByteArray &out) const;
    void writeRow(QByteArray &out, const RowCursor &rows) const;

private:
    RowWriter m_json;
    mutable QByteArray m_scratch; // one cell's JSON, reused (one writer per stream and thread)
};

// Appends `text` as one CSV field, quoted when it must be.
void appendCsvField(QByteArray &out, QByteArrayView text);

// The text of a JSON string literal ("…" with escapes), as UTF-8. The literal must be
// well-formed (JsonWriter output).
QByteArray unescapeJsonString(QByteArrayView literal);

} // namespace sluice
