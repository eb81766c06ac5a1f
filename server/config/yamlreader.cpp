#include "config/yamlreader.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

struct Level
{
    int indent;
    QString path;
};

struct OpenMapping // a "key:" line whose nested keys must follow
{
    int indent;
    QString path;
    int line;
};

struct OpenList // a "key:" line followed by "- key: value" items
{
    QString path;
    int line = 0; // of the key
    int keyIndent = 0; // of the key that holds the list
    int dashIndent = 0; // of every item's "-"
    int itemIndent = -1; // of the current item's keys
    QJsonArray items;
    QJsonObject item;
    QHash<QString, int> itemLines; // the current item's keys → their lines
};

const QRegularExpression &keyPattern()
{
    static const QRegularExpression pattern(u"\\A([A-Za-z0-9_.-]+) *:(?: |\\z)"_s);
    return pattern;
}

bool isListItem(const QString &content)
{
    return content == u"-" || content.startsWith(u"- ");
}

class Reader
{
public:
    explicit Reader(const QString &sourceName)
        : m_source(sourceName)
    {
    }

    Result<QList<YamlScalar>> read(const QString &text);

private:
    Error error(int line, const QString &message) const
    {
        Error e = Error::badRequest(u"%1:%2: %3"_s.arg(m_source).arg(line).arg(message));
        e.context = QJsonObject { { u"file"_s, m_source }, { u"line"_s, line } };
        return e;
    }
    std::optional<Error> readLine(int number, const QString &line);
    // A line while a list is open; nullopt in `handled` when the line ends the list.
    std::optional<Error> readListLine(int number, int indent, const QString &content,
                                      bool &handled);
    std::optional<Error> readItemEntry(int number, const QString &entry);
    void closeList();
    Result<QString> readValue(int number, const QString &rest) const;
    std::optional<Error> claim(const QString &path, int number);

    QString m_source;
    QList<Level> m_levels { { 0, QString() } };
    std::optional<OpenMapping> m_open;
    std::optional<OpenList> m_list;
    QHash<QString, int> m_seen; // path → first line
    QList<YamlScalar> m_scalars;
    bool m_hadContent = false;
};

Result<QList<YamlScalar>> Reader::read(const QString &text)
{
    QStringList lines = text.split(u'\n');
    if (!lines.isEmpty() && lines.first().startsWith(QChar(0xfeff)))
        lines.first().remove(0, 1);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (std::optional<Error> failed = readLine(int(i + 1), line))
            return *failed;
    }
    closeList();
    if (m_open)
        return error(m_open->line, u"'%1' has no value"_s.arg(m_open->path));
    return m_scalars;
}

std::optional<Error> Reader::readLine(int number, const QString &line)
{
    qsizetype indent = 0;
    while (indent < line.size() && line.at(indent) == u' ')
        ++indent;
    const QString content = line.mid(indent).trimmed();
    if (content.isEmpty() || content.startsWith(u'#'))
        return {};
    if (line.at(indent) == u'\t')
        return error(number, u"tabs are not allowed for indentation; use spaces"_s);

    if (m_list) {
        bool handled = false;
        if (std::optional<Error> failed = readListLine(number, int(indent), content, handled))
            return failed;
        if (handled)
            return {};
    } else if (m_open && isListItem(content) && indent >= m_open->indent) {
        // The open key's value is a list; its dash may sit at the key's own indentation.
        m_list.emplace();
        m_list->path = m_open->path;
        m_list->line = m_open->line;
        m_list->keyIndent = m_open->indent;
        m_list->dashIndent = int(indent);
        m_open.reset();
        m_hadContent = true;
        bool handled = false;
        return readListLine(number, int(indent), content, handled);
    }

    if (content == u"---" || content.startsWith(u"--- ")) {
        if (!m_hadContent && indent == 0)
            return {};
        return error(number, u"multiple documents are not supported"_s);
    }
    if (content == u"...")
        return error(number, u"document end markers are not supported"_s);
    if (content.startsWith(u'%'))
        return error(number, u"directives are not supported"_s);
    if (isListItem(content))
        return error(number, u"a list must be the value of a key ('key:' and then '- …' lines)"_s);
    if (content.startsWith(u'[') || content.startsWith(u'{'))
        return error(number, u"flow collections ([…], {…}) are not supported"_s);
    if (content.startsWith(u'"') || content.startsWith(u'\''))
        return error(number, u"quoted keys are not supported"_s);
    if (content.startsWith(u'?'))
        return error(number, u"complex keys are not supported"_s);

    const QRegularExpressionMatch match = keyPattern().match(content);
    if (!match.hasMatch()) {
        return error(number, u"expected 'key: value' (multi-line values are not supported)"_s);
    }
    const QString key = match.captured(1);
    if (key.contains(u'.')) {
        return error(number,
                     u"dotted keys like '%1' are not supported; nest them instead"_s.arg(key));
    }
    m_hadContent = true;

    if (m_open) {
        if (indent <= m_open->indent)
            return error(m_open->line, u"'%1' has no value"_s.arg(m_open->path));
        m_levels.append({ int(indent), m_open->path });
        m_open.reset();
    } else {
        while (m_levels.size() > 1 && indent < m_levels.constLast().indent)
            m_levels.removeLast();
        if (indent != m_levels.constLast().indent)
            return error(number, u"indentation does not match any enclosing key"_s);
    }

    const QString &parent = m_levels.constLast().path;
    const QString path = parent.isEmpty() ? key : parent + u'.' + key;
    if (std::optional<Error> duplicate = claim(path, number))
        return duplicate;

    const QString rest = content.mid(match.capturedLength()).trimmed();
    if (rest.isEmpty() || rest.startsWith(u'#')) {
        m_open = OpenMapping { int(indent), path, number };
        return {};
    }
    Result<QString> value = readValue(number, rest);
    if (!value)
        return value.error();
    m_scalars.append({ path, std::move(value).value(), number });
    return {};
}

std::optional<Error> Reader::readListLine(int number, int indent, const QString &content,
                                          bool &handled)
{
    OpenList &list = *m_list;
    handled = true;
    if (isListItem(content) && indent == list.dashIndent) {
        if (!list.item.isEmpty())
            list.items.append(list.item);
        list.item = {};
        list.itemLines.clear();
        const QString entry = content.mid(1);
        const qsizetype spaces = entry.size() - entry.trimmed().size();
        list.itemIndent = indent + 1 + int(spaces);
        return readItemEntry(number, entry.trimmed());
    }
    if (!isListItem(content) && indent == list.itemIndent)
        return readItemEntry(number, content);
    if (indent <= list.keyIndent && !(isListItem(content) && indent == list.dashIndent)) {
        closeList();
        handled = false;
        return {};
    }
    return error(number, u"indentation does not match the list item above"_s);
}

std::optional<Error> Reader::readItemEntry(int number, const QString &entry)
{
    OpenList &list = *m_list;
    const QRegularExpressionMatch match = keyPattern().match(entry);
    if (entry.isEmpty() || isListItem(entry) || !match.hasMatch())
        return error(number,
                     u"only lists of mappings are supported: each item "
                     "'- key: value', its other keys below it"_s);
    const QString key = match.captured(1);
    if (key.contains(u'.'))
        return error(number, u"dotted keys like '%1' are not supported"_s.arg(key));
    if (const auto first = list.itemLines.constFind(key); first != list.itemLines.cend())
        return error(
            number,
            u"duplicate key '%1' in this list item (first at line %2)"_s.arg(key).arg(*first));
    const QString rest = entry.mid(match.capturedLength()).trimmed();
    if (rest.isEmpty() || rest.startsWith(u'#'))
        return error(number,
                     u"'%1' has no value (list items hold only 'key: value' lines)"_s.arg(key));
    Result<QString> value = readValue(number, rest);
    if (!value)
        return value.error();
    list.item.insert(key, *value);
    list.itemLines.insert(key, number);
    return {};
}

void Reader::closeList()
{
    if (!m_list)
        return;
    if (!m_list->item.isEmpty())
        m_list->items.append(m_list->item);
    const QString json =
        QString::fromUtf8(QJsonDocument(m_list->items).toJson(QJsonDocument::Compact));
    m_scalars.append({ m_list->path, json, m_list->line, true });
    m_list.reset();
}

std::optional<Error> Reader::claim(const QString &path, int number)
{
    const auto found = m_seen.constFind(path);
    if (found != m_seen.constEnd())
        return error(number, u"duplicate key '%1' (first at line %2)"_s.arg(path).arg(*found));
    m_seen.insert(path, number);
    return {};
}

Result<QString> Reader::readValue(int number, const QString &rest) const
{
    const QChar first = rest.front();
    if (first == u'"' || first == u'\'') {
        QString value;
        qsizetype i = 1;
        bool closed = false;
        for (; i < rest.size(); ++i) {
            const QChar c = rest.at(i);
            if (first == u'\'' && c == u'\'') {
                if (i + 1 < rest.size() && rest.at(i + 1) == u'\'') { // '' is a quote
                    value += c;
                    ++i;
                    continue;
                }
                closed = true;
                break;
            }
            if (first == u'"' && c == u'"') {
                closed = true;
                break;
            }
            if (first == u'"' && c == u'\\') {
                if (++i == rest.size())
                    break;
                switch (rest.at(i).unicode()) {
                case u'"': value += u'"'; break;
                case u'\\': value += u'\\'; break;
                case u'/': value += u'/'; break;
                case u'n': value += u'\n'; break;
                case u't': value += u'\t'; break;
                default:
                    return error(number,
                                 u"unsupported escape '\\%1' in a quoted string"_s.arg(rest.at(i)));
                }
                continue;
            }
            value += c;
        }
        if (!closed)
            return error(number,
                         u"unterminated quoted string (multi-line strings are not supported)"_s);
        const QString after = rest.mid(i + 1).trimmed();
        if (!after.isEmpty() && !after.startsWith(u'#'))
            return error(number, u"unexpected text after the closing quote"_s);
        return value;
    }
    if (first == u'[' || rest == u"-" || rest.startsWith(u"- "))
        return error(number,
                     u"a list cannot start on its key's line; put each item on a "
                     "'- ' line below the key"_s);
    if (first == u'{')
        return error(number, u"inline mappings are not supported"_s);
    if (first == u'&' || first == u'*' || first == u'!')
        return error(number, u"anchors, aliases and tags are not supported"_s);
    if (first == u'|' || first == u'>')
        return error(number, u"multi-line strings are not supported"_s);
    if (first == u'@' || first == u'`')
        return error(number, u"a plain value may not start with '%1'; quote it"_s.arg(first));

    // A plain scalar ends at " #" (a comment).
    QString value = rest;
    static const QRegularExpression comment(u"\\s#"_s);
    if (const QRegularExpressionMatch m = comment.match(value); m.hasMatch())
        value.truncate(m.capturedStart());
    value = value.trimmed();
    if (value.contains(u": "_s) || value.endsWith(u':'))
        return error(number, u"a mapping cannot start on the same line as its key"_s);
    if (value == u"~" || value.compare(u"null"_s, Qt::CaseInsensitive) == 0)
        return error(number, u"null is not supported; remove the line to use the default"_s);
    return value;
}

} // namespace

Result<QList<YamlScalar>> readYamlSubset(const QString &text, const QString &sourceName)
{
    return Reader(sourceName).read(text);
}

} // namespace sluice
