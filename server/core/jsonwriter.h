#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QStringView>
#include <QUtf8StringView>

#include <concepts>
#include <optional>
#include <type_traits>

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

    // One member, "name":value, in one call, so a record is written a member a line. `name` is a
    // literal key that needs no escaping, as for key(QByteArrayView). Inline: each is exactly
    // key() followed by the value's own writer.
    void field(QByteArrayView name, QStringView text)
    {
        key(name);
        string(text);
    }
    void field(QByteArrayView name, QUtf8StringView utf8) // e.g. a C string literal
    {
        key(name);
        stringUtf8(QByteArrayView(utf8.data(), utf8.size()));
    }
    // bool writes true/false, other integers a number. A template, so that a pointer or a C
    // string never converts to bool here.
    template<std::integral Integer> void field(QByteArrayView name, Integer value)
    {
        static_assert(std::is_signed_v<Integer> || sizeof(Integer) < sizeof(qint64),
                      "an unsigned 64-bit value may not fit integer(qint64)");
        key(name);
        if constexpr (std::same_as<Integer, bool>)
            boolean(value);
        else
            integer(value);
    }
    void field(QByteArrayView name, double value)
    {
        key(name);
        number(value);
    }
    // The value, or null when there is none.
    template<typename T> void field(QByteArrayView name, const std::optional<T> &value)
    {
        if (value) {
            field(name, *value);
        } else {
            key(name);
            null();
        }
    }

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
