#include "db/sql/rawstatement.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// How one database reads SQL text, as far as telling statements apart needs.
struct Lexicon
{
    bool backslashEscapes = false; // in '…' (and MySQL's "…"): \' does not end the literal
    bool doubleQuotedBackslash = false; // the backslash rule applies to "…" too (MySQL)
    bool hashComments = false; // # to the end of the line (MySQL)
    bool dashCommentNeedsSpace = false; // MySQL: "--" starts a comment only before a blank
    bool nestedComments = false; // PostgreSQL, T-SQL: /* /* */ */
    bool executableComments = false; // MySQL: /*! … */ and /*M! … */ are code, not comments
    bool dollarQuotes = false; // PostgreSQL: $$…$$, $tag$…$tag$
    bool escapeStrings = false; // PostgreSQL: E'…' always takes backslash escapes
    bool backtickIdentifiers = false; // MySQL, SQLite
    bool bracketIdentifiers = false; // SQL Server, SQLite
};

// The lexicons a dialect's text may be read under. PostgreSQL's standard_conforming_strings and
// MySQL's NO_BACKSLASH_ESCAPES are server settings Sluice does not control, so their text is
// read both ways.
QList<Lexicon> lexiconsOf(DialectId dialect)
{
    switch (dialect) {
    case DialectId::PostgreSQL: {
        const Lexicon standard { .nestedComments = true,
                                 .dollarQuotes = true,
                                 .escapeStrings = true };
        Lexicon backslashes = standard;
        backslashes.backslashEscapes = true;
        return { standard, backslashes };
    }
    case DialectId::MySQL: {
        const Lexicon backslashes { .backslashEscapes = true,
                                    .doubleQuotedBackslash = true,
                                    .hashComments = true,
                                    .dashCommentNeedsSpace = true,
                                    .executableComments = true,
                                    .backtickIdentifiers = true };
        Lexicon noBackslashes = backslashes;
        noBackslashes.backslashEscapes = false;
        noBackslashes.doubleQuotedBackslash = false;
        return { backslashes, noBackslashes };
    }
    case DialectId::SQLite:
        return { Lexicon { .backtickIdentifiers = true, .bracketIdentifiers = true } };
    case DialectId::SqlServer:
        return { Lexicon { .nestedComments = true, .bracketIdentifiers = true } };
    }
    return {};
}

bool isBlank(QChar c)
{
    return c.isSpace() || c.unicode() < 0x20;
}
bool startsIdentifier(QChar c)
{
    return c.isLetter() || c == u'_' || c.unicode() >= 0x80;
}
bool continuesIdentifier(QChar c)
{
    return startsIdentifier(c) || c.isDigit() || c == u'$';
}

// What one reading of the text found.
struct Reading
{
    QString error; // empty: the text reads as (at most) one statement
    qsizetype end = -1; // where the statement ends: its ';', or the end of the text
    QList<qsizetype> placeholders; // positions of the statement's '?' parameters
    QStringList words; // the statement's bare words, upper case, in order
};

class Reader
{
public:
    Reader(QStringView text, const Lexicon &lexicon)
        : m_text(text)
        , m_lex(lexicon)
    {
    }

    Reading read()
    {
        Reading r;
        bool afterEnd = false; // past the first top-level ';'
        qsizetype i = 0;
        const qsizetype n = m_text.size();
        while (i < n && r.error.isEmpty()) {
            const QChar c = m_text[i];
            const QChar next = i + 1 < n ? m_text[i + 1] : QChar();
            if (isBlank(c)) {
                ++i;
            } else if (c == u'-' && next == u'-'
                       && (!m_lex.dashCommentNeedsSpace || i + 2 >= n || isBlank(m_text[i + 2]))) {
                i = lineEnd(i);
            } else if (c == u'#' && m_lex.hashComments) {
                i = lineEnd(i);
            } else if (c == u'/' && next == u'*') {
                if (m_lex.executableComments && i + 2 < n
                    && (m_text[i + 2] == u'!'
                        || (m_text[i + 2] == u'M' && i + 3 < n && m_text[i + 3] == u'!'))) {
                    // MySQL runs what is inside: read it as code. Its "*/" then reads as two
                    // operators, which is harmless here.
                    if (afterEnd)
                        return more(r, i);
                    i += m_text[i + 2] == u'!' ? 3 : 4;
                } else {
                    i = commentEnd(i, r.error);
                }
            } else if (c == u';') {
                if (!afterEnd)
                    r.end = i;
                afterEnd = true;
                ++i;
            } else if (afterEnd) {
                return more(r, i);
            } else if (c == u'\'') {
                i = quotedEnd(i, u'\'', m_lex.backslashEscapes, r.error);
            } else if (c == u'"') {
                i = quotedEnd(i, u'"', m_lex.doubleQuotedBackslash, r.error);
            } else if (c == u'`' && m_lex.backtickIdentifiers) {
                i = quotedEnd(i, u'`', false, r.error);
            } else if (c == u'[' && m_lex.bracketIdentifiers) {
                i = quotedEnd(i, u']', false, r.error);
            } else if (c == u'$' && m_lex.dollarQuotes && dollarTagLength(i) > 0) {
                i = dollarQuotedEnd(i, r.error);
            } else if (c == u'?') {
                r.placeholders << i;
                ++i;
            } else if (startsIdentifier(c)) {
                qsizetype j = i + 1;
                while (j < n && continuesIdentifier(m_text[j]))
                    ++j;
                const QStringView word = m_text.sliced(i, j - i);
                if (m_lex.escapeStrings && word.size() == 1
                    && word.compare(u"e"_s, Qt::CaseInsensitive) == 0 && j < n
                    && m_text[j] == u'\'') {
                    i = quotedEnd(j, u'\'', true, r.error); // E'…'
                } else {
                    r.words << word.toString().toUpper();
                    i = j;
                }
            } else if (c.isDigit()) {
                // A number: "1$a$" is 1 followed by a dollar quote, not one word.
                while (i < n && (m_text[i].isLetterOrNumber() || m_text[i] == u'_'))
                    ++i;
            } else {
                ++i; // an operator or punctuation
            }
        }
        if (r.end < 0)
            r.end = n;
        return r;
    }

private:
    Reading &more(Reading &r, qsizetype at)
    {
        r.error =
            u"Send one statement at a time: there is more after the ';' (at character %1)"_s.arg(
                at + 1);
        return r;
    }

    qsizetype lineEnd(qsizetype i) const
    {
        const qsizetype newline = m_text.indexOf(u'\n', i);
        return newline < 0 ? m_text.size() : newline + 1;
    }

    qsizetype commentEnd(qsizetype start, QString &error) const
    {
        int depth = 0;
        qsizetype i = start;
        const qsizetype n = m_text.size();
        while (i < n) {
            if (m_text[i] == u'/' && i + 1 < n && m_text[i + 1] == u'*'
                && (depth == 0 || m_lex.nestedComments)) {
                ++depth;
                i += 2;
            } else if (m_text[i] == u'*' && i + 1 < n && m_text[i + 1] == u'/') {
                i += 2;
                if (--depth == 0)
                    return i;
            } else {
                ++i;
            }
        }
        error = u"Unterminated comment starting at character %1"_s.arg(start + 1);
        return n;
    }

    // `start` is the opening quote; `close` ends the literal, doubled it stands for itself.
    qsizetype quotedEnd(qsizetype start, QChar close, bool backslash, QString &error) const
    {
        const qsizetype n = m_text.size();
        qsizetype i = start + 1;
        while (i < n) {
            const QChar c = m_text[i];
            if (backslash && c == u'\\') {
                i += 2;
            } else if (c == close) {
                if (i + 1 < n && m_text[i + 1] == close)
                    i += 2;
                else
                    return i + 1;
            } else {
                ++i;
            }
        }
        error = u"Unterminated %1 starting at character %2"_s.arg(
            close == u'\'' ? u"string literal"_s : u"quoted identifier"_s,
            QString::number(start + 1));
        return n;
    }

    // The length of the dollar-quote tag at `i` ("$$", "$body$"), or 0 ("$1", a lone '$').
    qsizetype dollarTagLength(qsizetype i) const
    {
        const qsizetype n = m_text.size();
        qsizetype j = i + 1;
        if (j < n && startsIdentifier(m_text[j])) {
            while (j < n && (startsIdentifier(m_text[j]) || m_text[j].isDigit()))
                ++j;
        }
        return j < n && m_text[j] == u'$' ? j - i + 1 : 0;
    }

    qsizetype dollarQuotedEnd(qsizetype start, QString &error) const
    {
        const QStringView tag = m_text.sliced(start, dollarTagLength(start));
        const qsizetype close = m_text.indexOf(tag, start + tag.size());
        if (close < 0) {
            error = u"Unterminated dollar-quoted string starting at character %1"_s.arg(start + 1);
            return m_text.size();
        }
        return close + tag.size();
    }

    QStringView m_text;
    Lexicon m_lex;
};

// Statements Sluice refuses, by first word, with the reason the caller reads.
QString refusal(const QString &keyword, const QStringList &words, DialectId dialect)
{
    static const QStringList ownTransaction = { u"BEGIN"_s,     u"START"_s,    u"COMMIT"_s,
                                                u"END"_s,       u"ROLLBACK"_s, u"ABORT"_s,
                                                u"SAVEPOINT"_s, u"RELEASE"_s,  u"SET"_s,
                                                u"RESET"_s,     u"XA"_s };
    if (ownTransaction.contains(keyword))
        return u"%1 is not allowed in raw SQL: each call runs in a transaction of its own, "
               "with the session settings Sluice chose"_s.arg(keyword);
    if (keyword == u"PREPARE"_s || keyword == u"EXECUTE"_s || keyword == u"EXEC"_s
        || keyword == u"DEALLOCATE"_s)
        return u"%1 is not allowed in raw SQL: send the statement itself, with '?' parameters "
               "(call procedures through _proc)"_s.arg(keyword);
    switch (dialect) {
    case DialectId::PostgreSQL:
        if (keyword == u"COPY"_s || keyword == u"DISCARD"_s)
            return u"%1 is not allowed in raw SQL"_s.arg(keyword);
        break;
    case DialectId::SQLite:
        if (keyword == u"PRAGMA"_s)
            return u"PRAGMA is not allowed in raw SQL; read settings through the pragma "
                   "functions, e.g. SELECT * FROM pragma_table_info('books')"_s;
        if (keyword == u"ATTACH"_s || keyword == u"DETACH"_s || keyword == u"VACUUM"_s)
            return u"%1 is not allowed in raw SQL: it reaches outside the service's database"_s.arg(
                keyword);
        break;
    case DialectId::MySQL:
        if (keyword == u"LOAD"_s || keyword == u"LOCK"_s || keyword == u"UNLOCK"_s
            || keyword == u"HANDLER"_s)
            return u"%1 is not allowed in raw SQL"_s.arg(keyword);
        for (const QString &word : words) {
            if (word == u"OUTFILE"_s || word == u"DUMPFILE"_s)
                return u"INTO %1 is not allowed in raw SQL: it writes files on the database "
                       "server"_s.arg(word);
        }
        break;
    case DialectId::SqlServer:
        if (keyword == u"BULK"_s || keyword == u"USE"_s)
            return u"%1 is not allowed in raw SQL"_s.arg(keyword);
        break;
    }
    return {};
}

} // namespace

Result<RawStatement> readRawStatement(QStringView text, DialectId dialect)
{
    QList<Reading> readings; // one per lexicon: never empty
    for (const Lexicon &lexicon : lexiconsOf(dialect))
        readings << Reader(text, lexicon).read();
    const Reading &first = readings.constFirst();
    for (const Reading &other : std::as_const(readings)) {
        const bool agree = other.error.isEmpty() == first.error.isEmpty()
            && (!first.error.isEmpty()
                || (other.end == first.end && other.placeholders == first.placeholders
                    && other.words == first.words));
        if (!agree)
            return Error::badRequest(
                u"The statement reads differently depending on the database's string settings "
                "(a backslash before a quote): write a quote inside a string as '' and avoid a "
                "backslash right before the closing quote"_s);
    }
    if (!first.error.isEmpty())
        return Error::badRequest(first.error);
    if (first.words.isEmpty())
        return Error::badRequest(u"No SQL statement to run"_s);
    RawStatement statement;
    statement.sql = text.first(first.end).trimmed().toString();
    statement.keyword = first.words.constFirst();
    statement.placeholders = int(first.placeholders.size());
    if (const QString why = refusal(statement.keyword, first.words, dialect); !why.isEmpty()) {
        Error e = Error::badRequest(why);
        e.context.insert(u"statement"_s, statement.keyword);
        return e;
    }
    return statement;
}

} // namespace sluice
