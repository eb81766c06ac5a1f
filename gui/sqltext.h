#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace sluice {

// SQL text as the console reads it: tokens for the highlighter, and where in a statement a
// database's error message points. Dialect-neutral: enough to colour and to place a caret, never
// to decide what a statement does (the API and the database do that).

struct SqlToken
{
    enum class Kind { Word, Keyword, QuotedIdentifier, String, Number, Comment, Symbol };
    Kind kind = Kind::Symbol;
    qsizetype start = 0;
    qsizetype length = 0;
};

// What an unfinished line leaves open for the next one: the highlighter's block state.
enum class SqlOpen { Nothing = 0, Comment = 1, String = 2 };

// The tokens of `text` (one line or a whole statement), starting inside whatever `open` says the
// previous line left open; `open` is then what this text leaves open. Spaces are not tokens.
QList<SqlToken> sqlTokens(QStringView text, SqlOpen &open);

// Whether `word` is an SQL keyword (any case): SELECT, FROM, JOIN, …
bool isSqlKeyword(QStringView word);

// Where a database's error message places the error in `sql`: a 0-based character offset and
// 1-based line and column, each -1 when the message names no place that can be found.
struct SqlErrorPosition
{
    int offset = -1;
    int line = -1;
    int column = -1;

    bool known() const { return offset >= 0; }
};

// Reads SQLite's `near "X": syntax error` and `no such column: X`, PostgreSQL's `at or near "X"`,
// `at end of input`, `column "X" does not exist`, `LINE n:`, MariaDB's and MySQL's `near 'X' at
// line N` and `Unknown column 'X'`, and finds the token in the statement (outside strings and
// comments). Best effort: a token that occurs more than once is taken where it follows a word that
// is no keyword (a misspelt one, as in `WHER id`), else at its first occurrence.
SqlErrorPosition sqlErrorPosition(const QString &sql, const QString &message);

} // namespace sluice
