#include "gui/exactjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>

#include <functional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// A recursive-descent reader over the UTF-8 text. Nesting is bounded: the API writes records one
// level deep, JSON columns a few more.
class Reader
{
public:
    explicit Reader(QByteArrayView json)
        : m_json(json)
    {
    }

    Result<ExactRecord> record()
    {
        ExactRecord out;
        const Status read = walkObject([&](const QString &key) -> Result<bool> {
            auto value = this->value(0);
            if (!value)
                return value.error();
            if (!out.values.contains(key))
                out.keys.append(key);
            out.values.insert(key, *value);
            return true;
        });
        if (!read)
            return read.error();
        return out;
    }

    // The records of the array `member` of the top-level object; none when it has no such
    // member.
    Result<QList<ExactRecord>> recordsOf(QStringView member)
    {
        QList<ExactRecord> found;
        const Status read = walkObject([&](const QString &key) -> Result<bool> {
            skipSpace();
            if (key == member) {
                auto records = this->records();
                if (!records)
                    return records.error();
                found = std::move(*records);
                return false; // the rest is not needed
            }
            if (auto skipped = value(0); !skipped)
                return skipped.error();
            return true;
        });
        if (!read)
            return read.error();
        return found;
    }

private:
    static constexpr int MaxDepth = 64;

    // Walks the members of the object at the cursor: `visit(key)` reads (or skips) the member's
    // value and answers whether to go on; the walk stops early, just after that value, when it
    // answers false.
    Status walkObject(const std::function<Result<bool>(const QString &key)> &visit)
    {
        skipSpace();
        if (!take('{'))
            return error(u"an object"_s);
        skipSpace();
        if (take('}'))
            return {};
        do {
            skipSpace();
            auto key = string();
            if (!key)
                return key.error();
            skipSpace();
            if (!take(':'))
                return error(u"':'"_s);
            auto goOn = visit(*key);
            if (!goOn)
                return goOn.error();
            if (!*goOn)
                return {};
            skipSpace();
        } while (take(','));
        if (!take('}'))
            return error(u"',' or '}'"_s);
        return {};
    }

    Result<QList<ExactRecord>> records()
    {
        QList<ExactRecord> out;
        if (!take('['))
            return error(u"an array"_s);
        skipSpace();
        if (take(']'))
            return out;
        do {
            auto one = record();
            if (!one)
                return one.error();
            out.append(std::move(*one));
            skipSpace();
        } while (take(','));
        if (!take(']'))
            return error(u"',' or ']'"_s);
        return out;
    }

    Result<ExactValue> value(int depth)
    {
        skipSpace();
        if (m_at >= m_json.size())
            return error(u"a value"_s);
        const char c = m_json[m_at];
        if (c == '"') {
            auto text = string();
            if (!text)
                return text.error();
            return ExactValue { ExactValue::Kind::String, *text };
        }
        if (c == '{' || c == '[')
            return composite(depth);
        if (word("null"))
            return ExactValue { ExactValue::Kind::Null, {} };
        if (word("true"))
            return ExactValue { ExactValue::Kind::Bool, u"true"_s };
        if (word("false"))
            return ExactValue { ExactValue::Kind::Bool, u"false"_s };
        const qsizetype start = m_at;
        while (m_at < m_json.size() && QByteArrayView("+-.0123456789eE").contains(m_json[m_at]))
            ++m_at;
        if (m_at == start)
            return error(u"a value"_s);
        return ExactValue { ExactValue::Kind::Number,
                            QString::fromLatin1(m_json.sliced(start, m_at - start)) };
    }

    // An array or object inside a record: skipped over and kept as its JSON text.
    Result<ExactValue> composite(int depth)
    {
        if (depth >= MaxDepth)
            return error(u"less nesting"_s);
        const qsizetype start = m_at;
        const auto inner = [&](const QString &) -> Result<bool> {
            if (auto value = this->value(depth + 1); !value)
                return value.error();
            return true;
        };
        if (m_json[m_at] == '{') {
            if (const Status read = walkObject(inner); !read)
                return read.error();
        } else {
            ++m_at; // '['
            skipSpace();
            if (!take(']')) {
                do {
                    if (auto item = inner({}); !item)
                        return item.error();
                    skipSpace();
                } while (take(','));
                if (!take(']'))
                    return error(u"',' or ']'"_s);
            }
        }
        return ExactValue { ExactValue::Kind::Composite,
                            QString::fromUtf8(m_json.sliced(start, m_at - start)) };
    }

    // A JSON string, decoded: QJsonDocument decodes the escapes (\uXXXX pairs included).
    Result<QString> string()
    {
        if (!take('"'))
            return Result<QString>(error(u"a string"_s));
        const qsizetype start = m_at - 1;
        bool escaped = false;
        while (m_at < m_json.size()) {
            const char c = m_json[m_at++];
            if (c == '\\') {
                escaped = true;
                ++m_at;
            } else if (c == '"') {
                const QByteArrayView quoted = m_json.sliced(start, m_at - start);
                if (!escaped)
                    return QString::fromUtf8(quoted.sliced(1, quoted.size() - 2));
                const QJsonDocument wrapped =
                    QJsonDocument::fromJson("[" + quoted.toByteArray() + "]");
                if (!wrapped.isArray())
                    return Result<QString>(error(u"a valid string"_s));
                return wrapped.array().first().toString();
            }
        }
        return Result<QString>(error(u"the end of a string"_s));
    }

    void skipSpace()
    {
        while (m_at < m_json.size()
               && (m_json[m_at] == ' ' || m_json[m_at] == '\n' || m_json[m_at] == '\r'
                   || m_json[m_at] == '\t'))
            ++m_at;
    }
    bool take(char c)
    {
        if (m_at < m_json.size() && m_json[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    bool word(QByteArrayView w)
    {
        if (m_json.sliced(m_at).startsWith(w)) {
            m_at += w.size();
            return true;
        }
        return false;
    }
    Error error(const QString &expected) const
    {
        return Error::badRequest(
            u"not the JSON expected: %1 expected at byte %2"_s.arg(expected).arg(m_at + 1));
    }

    QByteArrayView m_json;
    qsizetype m_at = 0;
};

} // namespace

QString ExactValue::json() const
{
    switch (kind) {
    case Kind::Null: return u"null"_s;
    case Kind::Bool:
    case Kind::Number:
    case Kind::Composite: return text;
    case Kind::String: {
        const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(array.sliced(1, array.size() - 2));
    }
    }
    return u"null"_s;
}

Result<QList<ExactRecord>> exactRecords(QByteArrayView json, QStringView member)
{
    return Reader(json).recordsOf(member);
}

Result<ExactRecord> exactRecord(QByteArrayView json)
{
    return Reader(json).record();
}

QString typedJson(const QString &text, const QString &jsonType)
{
    // Empty text is an empty string in a text column; a number or a boolean cannot be empty.
    if (text.isEmpty())
        return jsonType == u"string"_s ? u"\"\""_s : u"null"_s;
    // JSON's number grammar: what the API reads as a number, digits kept.
    static const QRegularExpression number(
        u"\\A-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?\\z"_s);
    const QString trimmed = text.trimmed();
    if ((jsonType == u"integer"_s || jsonType == u"number"_s) && number.match(trimmed).hasMatch())
        return trimmed;
    if (jsonType == u"boolean"_s && (trimmed == u"true"_s || trimmed == u"false"_s))
        return trimmed;
    return ExactValue { ExactValue::Kind::String, text }.json();
}

} // namespace sluice
