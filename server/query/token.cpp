#include "query/token.h"

#include "core/textvalue.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Longest token text quoted back in an error message: enough to recognise it, never an echo of
// a whole abusive input.
constexpr qsizetype MaxDescribedLength = 40;

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isWordStart(QChar c)
{
    return isAsciiLetter(c) || c == u'_';
}

bool isWordPart(QChar c)
{
    return isAsciiLetter(c) || isDigit(c) || c == u'_' || c == u'$';
}

// 'x', or U+0007 for what would not print; a surrogate pair stays whole.
QString describeChar(const QString &text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
        return u'\'' + text.mid(i, 2) + u'\'';
    if (!c.isPrint() || c.isSurrogate())
        return u"U+"_s + QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0');
    return u'\'' + c + u'\'';
}

qsizetype skipDigits(const QString &text, qsizetype i)
{
    while (i < text.size() && isDigit(text.at(i)))
        ++i;
    return i;
}

} // namespace

Error syntaxError(QStringView parameter, const QString &what, int position)
{
    const int oneBased = position + 1;
    Error error = Error::badRequest(u"Invalid "_s + parameter + u": "_s + what + u" at position "_s
                                    + QString::number(oneBased));
    error.context.insert(u"position"_s, oneBased);
    return error;
}

QString shortened(const QString &text, qsizetype length)
{
    if (text.size() <= length)
        return text;
    if (length > 0 && text.at(length - 1).isHighSurrogate())
        --length;
    return text.left(length) + u"…"_s;
}

bool isBareIdentifier(QStringView name)
{
    if (name.isEmpty() || !isWordStart(name.front()))
        return false;
    for (QChar c : name) {
        if (!isWordPart(c))
            return false;
    }
    return true;
}

QString describeToken(const Token &token, const QString &source)
{
    if (token.type == Token::Type::End)
        return u"the end"_s;
    QString written = source.mid(token.position, token.length);
    written = shortened(written, MaxDescribedLength);
    // A string literal is already in single quotes as written.
    if (token.type == Token::Type::String)
        return written;
    return u'\'' + written + u'\'';
}

Result<QList<Token>> tokenize(const QString &text, QStringView parameter)
{
    QList<Token> tokens;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        Token token;
        token.position = int(start);

        if (isWordStart(c)) {
            ++i;
            while (i < n && isWordPart(text.at(i)))
                ++i;
            token.type = Token::Type::Word;
            token.text = text.mid(start, i - start);
        } else if (c == u'\'' || c == u'"' || c == u'`') {
            // Quoted: the quote character doubled stands for itself. One pass, no re-scanning.
            const QChar quote = c;
            QString value;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = text.at(i);
                if (d == quote) {
                    if (i + 1 < n && text.at(i + 1) == quote) {
                        value.append(quote);
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                value.append(d);
                ++i;
            }
            if (quote == u'\'') {
                if (!closed)
                    return syntaxError(parameter, u"unterminated string starting"_s, int(start));
                if (hasNul(value)) {
                    Error e = syntaxError(
                        parameter, u"NUL character (U+0000) in the value "_s + quotedWithNul(value),
                        int(start));
                    e.context.insert(u"value"_s, shownWithNul(value));
                    return e;
                }
                token.type = Token::Type::String;
            } else {
                if (!closed)
                    return syntaxError(parameter, u"unterminated quoted name starting"_s,
                                       int(start));
                if (value.isEmpty())
                    return syntaxError(parameter, u"empty quoted name"_s, int(start));
                token.type = Token::Type::QuotedName;
            }
            token.text = value;
        } else if (isDigit(c) || (c == u'-' && i + 1 < n && isDigit(text.at(i + 1)))) {
            if (c == u'-')
                ++i;
            i = skipDigits(text, i);
            bool valid = true;
            if (i < n && text.at(i) == u'.') {
                const qsizetype fraction = i + 1;
                i = skipDigits(text, fraction);
                valid = i > fraction;
            }
            if (valid && i < n && (text.at(i) == u'e' || text.at(i) == u'E')) {
                qsizetype exponent = i + 1;
                if (exponent < n && (text.at(exponent) == u'+' || text.at(exponent) == u'-'))
                    ++exponent;
                i = skipDigits(text, exponent);
                valid = i > exponent;
            }
            // "12abc" or "1.2.3" is one bad number, not a number followed by something else.
            while (i < n && (isWordPart(text.at(i)) || text.at(i) == u'.')) {
                valid = false;
                ++i;
            }
            if (!valid) {
                Token bad { Token::Type::Number, {}, int(start), int(i - start) };
                return syntaxError(parameter, u"invalid number "_s + describeToken(bad, text),
                                   int(start));
            }
            token.type = Token::Type::Number;
            token.text = text.mid(start, i - start);
        } else {
            static const QString twoCharSymbols[] = { u"!="_s, u"<>"_s, u"<="_s, u">="_s };
            token.type = Token::Type::Symbol;
            for (const QString &symbol : twoCharSymbols) {
                if (QStringView(text).sliced(i).startsWith(symbol)) {
                    token.text = symbol;
                    break;
                }
            }
            if (token.text.isEmpty()) {
                if (c == u'(' || c == u')' || c == u',' || c == u'*' || c == u'=' || c == u'<'
                    || c == u'>') {
                    token.text = QString(c);
                } else {
                    return syntaxError(
                        parameter, u"unexpected character "_s + describeChar(text, i), int(start));
                }
            }
            i += token.text.size();
        }
        token.length = int(i - start);
        tokens.append(std::move(token));
    }
    tokens.append(Token { Token::Type::End, {}, int(n), 0 });
    return tokens;
}

} // namespace sluice
