#include "db/csvrowwriter.h"

#include <QString>

namespace sluice {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 0;
}

char16_t hex4(QByteArrayView text, qsizetype at)
{
    char16_t unit = 0;
    for (qsizetype i = 0; i < 4 && at + i < text.size(); ++i)
        unit = char16_t(unit * 16 + hexValue(text.at(at + i)));
    return unit;
}

} // namespace

void appendCsvField(QByteArray &out, QByteArrayView text)
{
    bool quote = false;
    for (const char c : text) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(text);
        return;
    }
    out.append('"');
    for (const char c : text) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

QByteArray unescapeJsonString(QByteArrayView literal)
{
    QByteArray out;
    out.reserve(literal.size());
    // Between the quotes. \u escapes may pair into surrogates, so they go through UTF-16.
    for (qsizetype i = 1; i + 1 < literal.size(); ++i) {
        const char c = literal.at(i);
        if (c != '\\') {
            out.append(c);
            continue;
        }
        const char e = literal.at(++i);
        switch (e) {
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u': {
            char16_t units[2] = { hex4(literal, i + 1), 0 };
            i += 4;
            qsizetype count = 1;
            if (QChar::isHighSurrogate(units[0]) && i + 6 < literal.size()
                && literal.at(i + 1) == '\\' && literal.at(i + 2) == 'u') {
                units[1] = hex4(literal, i + 3);
                i += 6;
                count = 2;
            }
            out.append(QString::fromUtf16(units, count).toUtf8());
            break;
        }
        default: out.append(e); // " \ /
        }
    }
    return out;
}

CsvRowWriter::CsvRowWriter(const QList<OutputColumn> &columns)
    : m_json(columns)
{
}

void CsvRowWriter::writeHeader(QByteArray &out) const
{
    const QList<OutputColumn> &columns = m_json.columns();
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i)
            out.append(',');
        appendCsvField(out, columns.at(i).name.toUtf8());
    }
    out.append("\r\n");
}

void CsvRowWriter::writeRow(QByteArray &out, const RowCursor &rows) const
{
    const QList<OutputColumn> &columns = m_json.columns();
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i)
            out.append(',');
        const QVariant value = rows.value(int(i));
        if (value.isNull())
            continue;
        // The JSON form decides how every type is written; strings lose their JSON quoting.
        m_scratch.clear();
        JsonWriter cell(m_scratch);
        m_json.writeValue(cell, columns.at(i), value);
        if (m_scratch.startsWith('"'))
            appendCsvField(out, unescapeJsonString(m_scratch));
        else
            appendCsvField(out, m_scratch);
    }
    out.append("\r\n");
}

} // namespace sluice
