#include "core/jsonwriter.h"

#include "core/jsonsyntax.h"

#include <QJsonArray>
#include <QJsonObject>

#include <charconv>
#include <cmath>

namespace sluice {

namespace {

const char kHex[] = "0123456789abcdef";

inline void appendControlEscape(QByteArray &out, unsigned char c)
{
    switch (c) {
    case '"': out.append("\\\"", 2); return;
    case '\\': out.append("\\\\", 2); return;
    case '\n': out.append("\\n", 2); return;
    case '\r': out.append("\\r", 2); return;
    case '\t': out.append("\\t", 2); return;
    case '\b': out.append("\\b", 2); return;
    case '\f': out.append("\\f", 2); return;
    default: {
        const char esc[6] = { '\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf] };
        out.append(esc, 6);
    }
    }
}

inline bool needsEscape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

} // namespace

void JsonWriter::key(QStringView name)
{
    separate();
    appendEscaped(m_out, name);
    m_out.append(':');
    m_afterKey = true;
}

void JsonWriter::key(QByteArrayView latin1Name)
{
    separate();
    m_out.append('"').append(latin1Name.data(), latin1Name.size()).append("\":", 2);
    m_afterKey = true;
}

void JsonWriter::escapedKey(QByteArrayView quotedKey)
{
    separate();
    m_out.append(quotedKey.data(), quotedKey.size()).append(':');
    m_afterKey = true;
}

void JsonWriter::string(QStringView text)
{
    separate();
    appendEscaped(m_out, text);
}

void JsonWriter::stringUtf8(QByteArrayView utf8)
{
    separate();
    appendEscapedUtf8(m_out, utf8);
}

void JsonWriter::integer(qint64 value)
{
    separate();
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    m_out.append(buf, res.ptr - buf);
}

void JsonWriter::number(double value)
{
    separate();
    if (!std::isfinite(value)) {
        m_out.append("null", 4);
        return;
    }
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, value); // shortest round-trip form
    m_out.append(buf, res.ptr - buf);
}

void JsonWriter::rawNumber(QByteArrayView digits)
{
    separate();
    m_out.append(digits.data(), digits.size());
}

void JsonWriter::boolean(bool value)
{
    separate();
    if (value)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
}

void JsonWriter::null()
{
    separate();
    m_out.append("null", 4);
}

void JsonWriter::raw(QByteArrayView json)
{
    separate();
    m_out.append(json.data(), json.size());
}

void JsonWriter::value(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: null(); return;
    case QJsonValue::Bool: boolean(v.toBool()); return;
    case QJsonValue::Double: {
        // A whole number is held as a qint64 (beyond 2^53 too), other numbers as doubles.
        const double d = v.toDouble();
        if (const qint64 whole = v.toInteger(0); whole != 0 || d == 0)
            integer(whole);
        else
            number(d);
        return;
    }
    case QJsonValue::String:
        if (const auto digits = exactNumberText(v)) // a number from a body, kept exact
            rawNumber(digits->toLatin1());
        else
            string(v.toString());
        return;
    // Written member by member, so that numbers kept exact inside stay numbers.
    case QJsonValue::Array:
        beginArray();
        for (const QJsonValue &element : v.toArray())
            value(element);
        endArray();
        return;
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject object = v.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            key(it.key());
            value(it.value());
        }
        endObject();
        return;
    }
    }
}

void JsonWriter::appendEscaped(QByteArray &out, QStringView text)
{
    out.append('"');
    // Fast path: plain ASCII needing no escapes is copied character by character.
    const char16_t *p = text.utf16();
    const char16_t *end = p + text.size();
    while (p < end) {
        const char16_t c = *p;
        if (c < 0x80) {
            if (needsEscape(uchar(c)))
                appendControlEscape(out, uchar(c));
            else
                out.append(char(c));
            ++p;
            continue;
        }
        // Non-ASCII: hand the rest of the run to Qt's UTF-8 encoder.
        const char16_t *runEnd = p;
        while (runEnd < end && *runEnd >= 0x80)
            ++runEnd;
        out.append(QStringView(p, runEnd).toUtf8());
        p = runEnd;
    }
    out.append('"');
}

void JsonWriter::appendEscapedUtf8(QByteArray &out, QByteArrayView utf8)
{
    out.append('"');
    const char *p = utf8.data();
    const char *end = p + utf8.size();
    const char *run = p;
    for (; p < end; ++p) {
        const uchar c = uchar(*p);
        if (needsEscape(c)) {
            out.append(run, p - run);
            appendControlEscape(out, c);
            run = p + 1;
        }
    }
    out.append(run, end - run);
    out.append('"');
}

bool isJsonNumber(QByteArrayView s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    auto digit = [&](qsizetype k) {
        return k < n && s[k] >= '0' && s[k] <= '9';
    };
    if (i < n && s[i] == '-')
        ++i;
    if (!digit(i))
        return false;
    if (s[i] == '0')
        ++i;
    else
        while (digit(i))
            ++i;
    if (i < n && s[i] == '.') {
        ++i;
        if (!digit(i))
            return false;
        while (digit(i))
            ++i;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            ++i;
        if (!digit(i))
            return false;
        while (digit(i))
            ++i;
    }
    return i == n;
}

} // namespace sluice
