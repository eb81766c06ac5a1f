#include "gui/sqltext.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Where the quoted text that starts before `from` ends (the closing `quote`; a doubled one is
// part of the text), or -1 when this text does not close it.
qsizetype closingQuote(QStringView text, qsizetype from, QChar quote)
{
    for (qsizetype i = from; i < text.size(); ++i) {
        if (text[i] != quote)
            continue;
        if (i + 1 < text.size() && text[i + 1] == quote) {
            ++i;
            continue;
        }
        return i;
    }
    return -1;
}

bool isWordStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isWordPart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

} // namespace

bool isSqlKeyword(QStringView word)
{
    static const QSet<QString> keywords = [] {
        const QStringList list =
            QStringLiteral(
                "ACTION ADD AFTER ALL ALTER ANALYZE AND ANY AS ASC ATTACH AUTOINCREMENT "
                "AUTO_INCREMENT "
                "BEFORE BEGIN BETWEEN BIGINT BLOB BOOLEAN BY CALL CASCADE CASE CAST CHAR CHECK "
                "COLLATE "
                "COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT_DATE CURRENT_TIME "
                "CURRENT_TIMESTAMP DATABASE DATE DECIMAL DECLARE DEFAULT DELETE DESC DESCRIBE "
                "DISTINCT "
                "DO DOUBLE DROP EACH ELSE END ESCAPE EXCEPT EXECUTE EXISTS EXPLAIN FALSE FETCH "
                "FILTER "
                "FIRST FLOAT FOR FOREIGN FROM FULL FUNCTION GLOB GRANT GROUP HAVING IF IGNORE "
                "ILIKE IN "
                "INDEX INNER INSERT INT INTEGER INTERSECT INTERVAL INTO IS JOIN KEY LAST LATERAL "
                "LEFT "
                "LIKE LIMIT MERGE NATURAL NEXT NO NOT NOTHING NULL NULLS NUMERIC OF OFFSET ON ONLY "
                "OR "
                "ORDER OUTER OVER PARTITION PRAGMA PRECISION PREPARE PRIMARY PROCEDURE REAL "
                "RECURSIVE "
                "REFERENCES REGEXP REPLACE RESTRICT RETURNING RETURNS REVOKE RIGHT ROLLBACK ROW "
                "ROWS "
                "SCHEMA SELECT SET SHOW SIMILAR SMALLINT SOME TABLE TEMP TEMPORARY TEXT THEN TIME "
                "TIMESTAMP TO TOP TRANSACTION TRIGGER TRUE TRUNCATE UNION UNIQUE UPDATE USING "
                "VACUUM "
                "VALUES VARCHAR VIEW WHEN WHERE WINDOW WITH")
                .split(u' ');
        return QSet<QString>(list.cbegin(), list.cend());
    }();
    return keywords.contains(word.toString().toUpper());
}

QList<SqlToken> sqlTokens(QStringView text, SqlOpen &open)
{
    QList<SqlToken> tokens;
    const qsizetype n = text.size();
    qsizetype i = 0;
    // What the previous line left open goes on here.
    if (open != SqlOpen::Nothing) {
        const bool comment = open == SqlOpen::Comment;
        qsizetype end = comment ? text.indexOf(u"*/") : closingQuote(text, 0, u'\'');
        if (end < 0) {
            tokens.append({ comment ? SqlToken::Kind::Comment : SqlToken::Kind::String, 0, n });
            return tokens;
        }
        end += comment ? 2 : 1;
        tokens.append({ comment ? SqlToken::Kind::Comment : SqlToken::Kind::String, 0, end });
        open = SqlOpen::Nothing;
        i = end;
    }
    while (i < n) {
        const QChar c = text[i];
        const QChar next = i + 1 < n ? text[i + 1] : QChar();
        const qsizetype start = i;
        if (c.isSpace()) {
            ++i;
        } else if (c == u'-' && next == u'-') {
            const qsizetype newline = text.indexOf(u'\n', start);
            i = newline < 0 ? n : newline;
            tokens.append({ SqlToken::Kind::Comment, start, i - start });
        } else if (c == u'/' && next == u'*') {
            const qsizetype end = text.indexOf(u"*/", start + 2);
            if (end < 0)
                open = SqlOpen::Comment;
            i = end < 0 ? n : end + 2;
            tokens.append({ SqlToken::Kind::Comment, start, i - start });
        } else if (c == u'\'') {
            const qsizetype end = closingQuote(text, start + 1, c);
            if (end < 0)
                open = SqlOpen::String;
            i = end < 0 ? n : end + 1;
            tokens.append({ SqlToken::Kind::String, start, i - start });
        } else if (c == u'"' || c == u'`') {
            // A quoted identifier ends with its line when unclosed: it never spans lines.
            const qsizetype end = closingQuote(text, start + 1, c);
            i = end < 0 ? n : end + 1;
            tokens.append({ SqlToken::Kind::QuotedIdentifier, start, i - start });
        } else if (c.isDigit() || (c == u'.' && next.isDigit())) {
            if (c == u'0' && (next == u'x' || next == u'X')) {
                i += 2;
                while (i < n
                       && (text[i].isDigit() || QStringView(u"abcdefABCDEF").contains(text[i])))
                    ++i;
            } else {
                while (i < n && (text[i].isDigit() || text[i] == u'.'))
                    ++i;
                if (i < n && (text[i] == u'e' || text[i] == u'E')) {
                    qsizetype j = i + 1;
                    if (j < n && (text[j] == u'+' || text[j] == u'-'))
                        ++j;
                    if (j < n && text[j].isDigit()) {
                        i = j;
                        while (i < n && text[i].isDigit())
                            ++i;
                    }
                }
            }
            tokens.append({ SqlToken::Kind::Number, start, i - start });
        } else if (isWordStart(c)) {
            while (i < n && isWordPart(text[i]))
                ++i;
            const QStringView word = text.mid(start, i - start);
            tokens.append({ isSqlKeyword(word) ? SqlToken::Kind::Keyword : SqlToken::Kind::Word,
                            start, i - start });
        } else {
            tokens.append({ SqlToken::Kind::Symbol, start, 1 });
            ++i;
        }
    }
    return tokens;
}

namespace {

SqlErrorPosition positionAt(const QString &sql, qsizetype offset)
{
    SqlErrorPosition position;
    if (offset < 0 || offset > sql.size())
        return position;
    position.offset = int(offset);
    const QStringView before = QStringView(sql).left(offset);
    position.line = int(before.count(u'\n')) + 1;
    position.column = int(offset - (before.lastIndexOf(u'\n') + 1)) + 1;
    return position;
}

// The offset at which line `line` (1-based) starts; 0 for an unknown line.
qsizetype lineStart(const QString &sql, int line)
{
    qsizetype at = 0;
    for (int l = 1; l < line; ++l) {
        const qsizetype newline = sql.indexOf(u'\n', at);
        if (newline < 0)
            return 0;
        at = newline + 1;
    }
    return at;
}

// The end of the statement: after its last character that is not a space or ';'.
qsizetype endOfStatement(const QString &sql)
{
    qsizetype end = sql.size();
    while (end > 0 && (sql[end - 1].isSpace() || sql[end - 1] == u';'))
        --end;
    return end;
}

// `token` as a name or symbol in `sql` from `from` on, outside strings and comments: where it
// follows a word that is no keyword when `afterStrayWord` and there is such a place, else the
// first. A quoted identifier matches its name.
qsizetype findToken(const QString &sql, const QString &token, qsizetype from, bool afterStrayWord)
{
    SqlOpen open = SqlOpen::Nothing;
    const QList<SqlToken> tokens = sqlTokens(sql, open);
    QList<qsizetype> hits;
    QList<qsizetype> strayHits;
    for (Qt::CaseSensitivity cs : { Qt::CaseSensitive, Qt::CaseInsensitive }) {
        for (qsizetype t = 0; t < tokens.size(); ++t) {
            const SqlToken &k = tokens.at(t);
            if (k.start < from || k.kind == SqlToken::Kind::Comment
                || k.kind == SqlToken::Kind::String)
                continue;
            QStringView text = QStringView(sql).mid(k.start, k.length);
            if (k.kind == SqlToken::Kind::QuotedIdentifier && text.size() >= 2)
                text = text.mid(1, text.size() - 2);
            bool match = text.compare(token, cs) == 0;
            // A token the tokenizer splits ("<>", "t.x"): its text starting here.
            if (!match && token.size() > k.length && k.kind != SqlToken::Kind::QuotedIdentifier)
                match = QStringView(sql).mid(k.start).startsWith(token, cs);
            if (!match)
                continue;
            hits << k.start;
            if (t > 0 && tokens.at(t - 1).kind == SqlToken::Kind::Word)
                strayHits << k.start;
        }
        if (!hits.isEmpty())
            break;
    }
    if (afterStrayWord && !strayHits.isEmpty())
        return strayHits.first();
    return hits.isEmpty() ? -1 : hits.first();
}

} // namespace

SqlErrorPosition sqlErrorPosition(const QString &sql, const QString &message)
{
    // Where the input ended too early: the end of the statement.
    static const QRegularExpression atEnd(
        uR"re(incomplete input|at end of input|near '' at line \d+)re"_s);
    if (atEnd.match(message).hasMatch())
        return positionAt(sql, endOfStatement(sql));

    // MariaDB and MySQL: `near '<the rest of the statement, cut short>' at line N`.
    static const QRegularExpression mysqlNear(uR"re(near '(.*)' at line (\d+))re"_s,
                                              QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = mysqlNear.match(message); m.hasMatch()) {
        return positionAt(sql, sql.indexOf(m.captured(1), lineStart(sql, m.captured(2).toInt())));
    }

    // SQLite's `near "X": syntax error`, PostgreSQL's `syntax error at or near "X"` (with
    // `LINE n:` when the message carries the statement).
    static const QRegularExpression near(uR"re((?:at or )?near "(.*?)"(?::|\s|$))re"_s);
    static const QRegularExpression pgLine(uR"re(LINE (\d+):)re"_s);
    if (const auto m = near.match(message); m.hasMatch()) {
        const auto line = pgLine.match(message);
        const qsizetype from = line.hasMatch() ? lineStart(sql, line.captured(1).toInt()) : 0;
        return positionAt(sql, findToken(sql, m.captured(1), from, true));
    }

    // SQLite's `unrecognized token: "'abc"` (an unclosed string, a stray character): as written.
    static const QRegularExpression unrecognized(uR"re(unrecognized token: "(.+)")re"_s);
    if (const auto m = unrecognized.match(message); m.hasMatch())
        return positionAt(sql, sql.indexOf(m.captured(1)));

    // A name the database does not know: where the statement names it first.
    static const QList<QRegularExpression> unknownNames = {
        QRegularExpression(uR"re(no such (?:column|table|function): (\S+))re"_s),
        QRegularExpression(uR"re((?:column|relation|table) "([^"]+)" does not exist)re"_s),
        QRegularExpression(uR"re(function (\w+)\(.*\) does not exist)re"_s),
        QRegularExpression(uR"re(Unknown column '([^']+)')re"_s),
        QRegularExpression(uR"re(Table '([^']+)' doesn't exist)re"_s),
        QRegularExpression(uR"re(FUNCTION (\S+) does not exist)re"_s),
    };
    for (const QRegularExpression &pattern : unknownNames) {
        const auto m = pattern.match(message);
        if (!m.hasMatch())
            continue;
        QString name = m.captured(1);
        // Qualified ("t.x", "db.t"): the statement may or may not qualify it; look for the
        // whole name first, then its last part.
        qsizetype at = findToken(sql, name, 0, false);
        if (at < 0 && name.contains(u'.'))
            at = findToken(sql, name.section(u'.', -1), 0, false);
        return positionAt(sql, at);
    }
    return {};
}

} // namespace sluice
