#include "core/jsonsyntax.h"

#include "core/jsonwriter.h"

#include <QByteArray>
#include <QVarLengthArray>

#include <charconv>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

enum class Token { String, Number };

class Scanner
{
public:
    // `lenientStrings` lets raw control characters through in strings, as QJsonDocument does.
    explicit Scanner(QByteArrayView s, bool lenientStrings = false)
        : m_s(s)
        , m_lenientStrings(lenientStrings)
    {
    }

    void skipSpace()
    {
        while (m_i < m_s.size() && isSpace(m_s[m_i]))
            ++m_i;
    }
    bool atEnd() const { return m_i >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_i]; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_i;
        return true;
    }

    bool string()
    {
        if (!take('"'))
            return false;
        while (!atEnd()) {
            const uchar c = uchar(m_s[m_i++]);
            if (c == '"')
                return true;
            if (c < 0x20 && !m_lenientStrings)
                return false; // control characters must be escaped
            if (c != '\\')
                continue;
            if (atEnd())
                return false;
            const char e = m_s[m_i++];
            if (e == 'u') {
                for (int k = 0; k < 4; ++k) {
                    if (atEnd() || !isHex(m_s[m_i++]))
                        return false;
                }
            } else if (!QByteArrayView("\"\\/bfnrt").contains(e)) {
                return false;
            }
        }
        return false;
    }

    // A value other than an object or array; `visit(token, begin, end)` sees strings (quotes
    // included) and numbers, and may stop the walk by answering false.
    template<typename Visit> bool scalar(Visit &visit)
    {
        const qsizetype begin = m_i;
        if (peek() == '"')
            return string() && visit(Token::String, begin, m_i);
        for (const char *word : { "true", "false", "null" }) {
            const QByteArrayView w(word);
            if (m_s.sliced(m_i).startsWith(w)) {
                m_i += w.size();
                return true;
            }
        }
        qsizetype end = m_i;
        while (end < m_s.size() && QByteArrayView("+-.0123456789eE").contains(m_s[end]))
            ++end;
        if (end == m_i || !isJsonNumber(m_s.sliced(m_i, end - m_i)))
            return false;
        m_i = end;
        return visit(Token::Number, begin, end);
    }

private:
    QByteArrayView m_s;
    qsizetype m_i = 0;
    bool m_lenientStrings = false;
};

// Walks one JSON value; `visit` sees the scalar values (not the keys) as Scanner::scalar says.
template<typename Visit> bool walkJson(Scanner &s, Visit &&visit)
{
    QVarLengthArray<char, 32> open; // the containers we are inside: '{' or '['
    s.skipSpace();
    while (true) {
        // A value.
        s.skipSpace();
        if (s.take('{')) {
            s.skipSpace();
            if (!s.take('}')) {
                open.append('{');
                if (!s.string())
                    return false;
                s.skipSpace();
                if (!s.take(':'))
                    return false;
                continue; // the member's value
            }
        } else if (s.take('[')) {
            s.skipSpace();
            if (!s.take(']')) {
                open.append('[');
                continue; // the first element
            }
        } else if (!s.scalar(visit)) {
            return false;
        }
        // After a value: close containers or move to the next member/element.
        while (true) {
            s.skipSpace();
            if (open.isEmpty())
                return s.atEnd();
            const char container = open.back();
            if (s.take(container == '{' ? '}' : ']')) {
                open.removeLast();
                continue;
            }
            if (!s.take(','))
                return false;
            if (container == '{') {
                s.skipSpace();
                if (!s.string())
                    return false;
                s.skipSpace();
                if (!s.take(':'))
                    return false;
            }
            break;
        }
    }
}

// A decimal's value: its sign, its significant digits (no leading or trailing zeros) and the
// power of ten of the first of them. False for an exponent beyond reason.
struct DecimalValue
{
    bool negative = false;
    QVarLengthArray<char, 40> digits;
    qint64 exponent = 0;

    bool operator==(const DecimalValue &other) const
    {
        return negative == other.negative && exponent == other.exponent && digits == other.digits;
    }
};

bool decimalValue(QByteArrayView number, DecimalValue &out)
{
    qsizetype i = 0;
    const qsizetype n = number.size();
    if (i < n && number[i] == '-') {
        out.negative = true;
        ++i;
    }
    qint64 beforePoint = -1; // digits before the point, once it is seen
    qint64 leadingZeros = 0;
    qint64 mantissa = 0;
    for (; i < n && number[i] != 'e' && number[i] != 'E'; ++i) {
        if (number[i] == '.') {
            beforePoint = mantissa;
            continue;
        }
        ++mantissa;
        if (out.digits.isEmpty() && number[i] == '0')
            ++leadingZeros;
        else
            out.digits.append(number[i]);
    }
    if (beforePoint < 0)
        beforePoint = mantissa;
    qint64 exponent = 0;
    if (i < n) {
        const char *begin = number.data() + i + 1;
        if (*begin == '+')
            ++begin;
        const char *end = number.data() + n;
        if (end - begin > 9 || std::from_chars(begin, end, exponent).ptr != end)
            return false;
    }
    while (!out.digits.isEmpty() && out.digits.back() == '0')
        out.digits.removeLast();
    if (out.digits.isEmpty()) { // zero, whatever its sign
        out.negative = false;
        return true;
    }
    out.exponent = beforePoint - leadingZeros - 1 + exponent;
    return true;
}

// Whether QJsonDocument would hold the JSON number `number` as another value. It keeps a whole
// number that fits a qint64; anything else becomes a double, which reads back as a qint64 when
// it is whole (the double's own integer) and otherwise as its shortest text.
bool losesDigits(QByteArrayView number)
{
    const char *begin = number.data();
    const char *end = begin + number.size();
    qint64 whole = 0;
    if (const auto read = std::from_chars(begin, end, whole);
        read.ec == std::errc() && read.ptr == end)
        return false;
    double d = 0;
    if (const auto read = std::from_chars(begin, end, d);
        read.ec != std::errc() || read.ptr != end || !std::isfinite(d))
        return true; // beyond a double's range: QJsonDocument would refuse 1e400 outright
    char held[32];
    const bool heldWhole =
        d == std::floor(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0;
    const char *heldEnd = heldWhole ? std::to_chars(held, held + sizeof held, qint64(d)).ptr
                                    : std::to_chars(held, held + sizeof held, d).ptr;
    DecimalValue sent, kept;
    return !decimalValue(number, sent) || !decimalValue(QByteArrayView(held, heldEnd - held), kept)
        || !(sent == kept);
}

// Whether the string token `quoted` (quotes included) begins with U+FDD0, as UTF-8 or escaped.
bool startsWithMarker(QByteArrayView quoted)
{
    const QByteArrayView text = quoted.sliced(1);
    return text.startsWith("\xEF\xB7\x90")
        || (text.size() >= 6 && text.startsWith("\\u")
            && qstrnicmp(text.data() + 2, 4, "fdd0", 4) == 0);
}

} // namespace

bool isStrictJson(QByteArrayView text)
{
    Scanner s(text);
    return walkJson(s, [](Token, qsizetype, qsizetype) { return true; });
}

Result<QByteArray> markExactNumbers(const QByteArray &body)
{
    QVarLengthArray<std::pair<qsizetype, qsizetype>, 8> numbers; // [begin, end) of each
    qsizetype reserved = -1; // where a string value begins with the marker
    Scanner s(body, true);
    const bool json = walkJson(s, [&](Token token, qsizetype begin, qsizetype end) {
        const QByteArrayView text(body.constData() + begin, end - begin);
        if (token == Token::Number) {
            if (losesDigits(text))
                numbers.append({ begin, end });
            return true;
        }
        if (!startsWithMarker(text))
            return true;
        reserved = begin;
        return false;
    });
    if (reserved >= 0) {
        return Error::badRequest(
            u"Invalid body: the string at offset %1 begins with U+FDD0, a noncharacter this API "
            "reserves to mark numbers; send it escaped differently or without it"_s.arg(reserved),
            { { u"offset"_s, reserved } });
    }
    if (!json || numbers.isEmpty())
        return body;
    QByteArray out;
    out.reserve(body.size() + numbers.size() * 5);
    qsizetype copied = 0;
    for (const auto &[begin, end] : numbers) {
        out.append(body.constData() + copied, begin - copied);
        out.append("\"\xEF\xB7\x90"); // the marker, U+FDD0, as UTF-8
        out.append(body.constData() + begin, end - begin);
        out.append('"');
        copied = end;
    }
    out.append(body.constData() + copied, body.size() - copied);
    return out;
}

std::optional<QString> exactNumberText(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    if (text.size() < 2 || text.front() != QChar(ExactNumberMarker))
        return std::nullopt;
    QString digits = text.sliced(1);
    if (!isJsonNumber(digits.toLatin1()))
        return std::nullopt;
    return digits;
}

} // namespace sluice
