#include "gui/sqlhighlighter.h"

#include "gui/sqltext.h"

#include <QTextCharFormat>

using namespace Qt::StringLiterals;

namespace sluice {

SqlHighlighter::SqlHighlighter(QObject *parent)
    : QSyntaxHighlighter(parent)
{
}

void SqlHighlighter::setTextDocument(QQuickTextDocument *document)
{
    if (document == m_textDocument)
        return;
    m_textDocument = document;
    setDocument(document ? document->textDocument() : nullptr);
    Q_EMIT textDocumentChanged();
}

void SqlHighlighter::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    rehighlight();
    Q_EMIT darkChanged();
}

void SqlHighlighter::highlightBlock(const QString &text)
{
    // Each colour in two shades: dark on the light theme's white, light on the dark theme's black.
    const auto format = [this](const char *light, const char *dark, bool bold = false,
                               bool italic = false) {
        QTextCharFormat f;
        f.setForeground(QColor(QString::fromLatin1(m_dark ? dark : light)));
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        return f;
    };
    const QTextCharFormat keyword = format("#0033b3", "#6cb6ff", true);
    const QTextCharFormat string = format("#067d17", "#a5d6a7");
    const QTextCharFormat number = format("#1750eb", "#f0c674");
    const QTextCharFormat comment = format("#6e6e6e", "#9e9e9e", false, true);
    const QTextCharFormat quoted = format("#871094", "#e1a6f0");

    SqlOpen open = previousBlockState() < 0 ? SqlOpen::Nothing : SqlOpen(previousBlockState());
    for (const SqlToken &token : sqlTokens(text, open)) {
        switch (token.kind) {
        case SqlToken::Kind::Keyword:
            setFormat(int(token.start), int(token.length), keyword);
            break;
        case SqlToken::Kind::String: setFormat(int(token.start), int(token.length), string); break;
        case SqlToken::Kind::Number: setFormat(int(token.start), int(token.length), number); break;
        case SqlToken::Kind::Comment:
            setFormat(int(token.start), int(token.length), comment);
            break;
        case SqlToken::Kind::QuotedIdentifier:
            setFormat(int(token.start), int(token.length), quoted);
            break;
        case SqlToken::Kind::Word:
        case SqlToken::Kind::Symbol: break;
        }
    }
    setCurrentBlockState(int(open));
}

} // namespace sluice
