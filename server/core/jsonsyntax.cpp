#include "core/jsonsyntax.h"

#include "core/jsonwriter.h"

#include <QByteArray>
#include <QVarLengthArray>

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

class Scanner
{
public:
    explicit Scanner(QByteArrayView s)
        : m_s(s)
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
            if (c < 0x20)
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

    bool scalar()
    {
        if (peek() == '"')
            return string();
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
        return true;
    }

private:
    QByteArrayView m_s;
    qsizetype m_i = 0;
};

} // namespace

bool isStrictJson(QByteArrayView text)
{
    Scanner s(text);
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
        } else if (!s.scalar()) {
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

} // namespace sluice
