#pragma once

#include <QPointer>
#include <QQmlEngine>
#include <QQuickTextDocument>
#include <QSyntaxHighlighter>

namespace sluice {

// Colours SQL in a QML TextEdit or TextArea: keywords, strings, numbers, comments (-- and
// /* */, across lines) and quoted identifiers, in colours readable on the light and the dark
// theme. From QML: SqlHighlighter { textDocument: editor.textDocument; dark: Style.dark }.
class SqlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickTextDocument *textDocument READ textDocument WRITE setTextDocument NOTIFY
                   textDocumentChanged)
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)

public:
    explicit SqlHighlighter(QObject *parent = nullptr);

    QQuickTextDocument *textDocument() const { return m_textDocument; }
    void setTextDocument(QQuickTextDocument *document);
    bool dark() const { return m_dark; }
    void setDark(bool dark);

Q_SIGNALS:
    void textDocumentChanged();
    void darkChanged();

protected:
    void highlightBlock(const QString &text) override;

private:
    QPointer<QQuickTextDocument> m_textDocument;
    bool m_dark = false;
};

} // namespace sluice
