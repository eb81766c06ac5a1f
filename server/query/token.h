#pragma once

#include "core/error.h"
#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace sluice {

// One lexical token of a filter or of a fields/group/order parameter. The same lexer serves all
// of them so that identifiers follow one set of rules everywhere.
struct Token
{
    enum class Type {
        Word, // bare identifier or keyword: [A-Za-z_][A-Za-z0-9_$]*
        QuotedName, // "odd name" or `odd name`; text is the name without quotes
        String, // 'text' with '' for a quote; text is the unescaped value
        Number, // -?digits[.digits][e[+-]digits]; text is the digits as written
        Symbol, // ( ) , * = != <> < <= > >=
        End, // after the last token; position is the input length
    };

    Type type = Type::End;
    QString text;
    int position = 0; // 0-based offset of the token's first character
    int length = 0; // length of the token as written, quotes included

    bool isName() const { return type == Type::Word || type == Type::QuotedName; }
    bool isSymbol(QStringView symbol) const { return type == Type::Symbol && text == symbol; }
    // Keywords are case-insensitive and only ever bare words: "AND" in double quotes is a name.
    bool isKeyword(QLatin1StringView keyword) const
    {
        return type == Type::Word && text.compare(keyword, Qt::CaseInsensitive) == 0;
    }
};

// Splits `text` into tokens ending with one End token. `parameter` names the query parameter in
// error messages ("Invalid filter: unterminated string starting at position 8").
Result<QList<Token>> tokenize(const QString &text, QStringView parameter);

// How a token is named in an error message: 'name', '>=', 'O''Brien' (as written, shortened when
// long), or "the end".
QString describeToken(const Token &token, const QString &source);

// A BadRequest "Invalid <parameter>: <what> at position <n>" with n = position + 1, also put in
// the error's context as "position".
Error syntaxError(QStringView parameter, const QString &what, int position);

// The first `length` UTF-16 units of `text` plus "…" when it is longer, never splitting a
// surrogate pair: for quoting user input back in error messages.
QString shortened(const QString &text, qsizetype length);

// True for [A-Za-z_][A-Za-z0-9_$]*, the names that need no quotes.
bool isBareIdentifier(QStringView name);

} // namespace sluice
