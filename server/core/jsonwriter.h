#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QStringView>

namespace sluice {

// Appends compact JSON straight into a byte buffer: no intermediate QJsonObject, keys in the
// order they are written (so rows keep their column order). The caller is responsible for
// well-formed nesting; commas are inserted automatically.
class JsonWriter
{
public:
    explicit JsonWriter(QByteArray &out)
        : m_out(out)
    {
    }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }

    void key(QStringView name);
    void key(QByteArrayView latin1Name); // for literal keys: must need no escaping
    void escapedKey(QByteArrayView quotedKey); // a key already escaped and quoted, e.g. "\"id\""

    void string(QStringView text);
    void stringUtf8(QByteArrayView utf8); // already UTF-8 bytes, escaped as needed
    void integer(qint64 value);
    void number(double value); // shortest round-trip; non-finite → null
    void rawNumber(QByteArrayView digits); // caller guarantees a valid JSON number
    void boolean(bool value);
    void null();
    void raw(QByteArrayView json); // caller guarantees a complete JSON value
    void value(const QJsonValue &value); // for small, already-built values

    // Resets comma state, e.g. after appending a newline between NDJSON records.
    void resetSeparator() { m_first = true; }

    static void appendEscaped(QByteArray &out, QStringView text);
    static void appendEscapedUtf8(QByteArray &out, QByteArrayView utf8);

private:
    void separate()
    {
        if (!m_first && !m_afterKey)
            m_out.append(',');
        m_first = false;
        m_afterKey = false;
    }
    void open(char bracket)
    {
        separate();
        m_out.append(bracket);
        m_first = true;
    }
    void close(char bracket)
    {
        m_out.append(bracket);
        m_first = false;
    }

    QByteArray &m_out;
    bool m_first = true;
    bool m_afterKey = false;
};

// True when `text` is a JSON number (as the grammar of RFC 8259 defines it).
bool isJsonNumber(QByteArrayView text);

} // namespace sluice
