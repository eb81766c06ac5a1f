#include "query/filtertext.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

bool isNumeric(const QString &type)
{
    return type == u"integer"_s || type == u"number"_s; // jsonTypeName()'s numeric names
}

// `text` as typed into a column of JSON type `type`: digits stay bare in a numeric column,
// true/false in a boolean one; anything else is a string.
QString typedLiteral(const QString &text, const QString &type)
{
    const QString trimmed = text.trimmed();
    if (isNumeric(type)) {
        bool ok = false;
        trimmed.toDouble(&ok);
        if (ok && !trimmed.isEmpty())
            return trimmed;
    }
    if (type == u"boolean"_s) {
        const QString lower = trimmed.toLower();
        if (lower == u"true"_s || lower == u"false"_s)
            return lower;
    }
    return quotedLiteral(text);
}

} // namespace

QString quotedLiteral(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\'', u"''"_s);
    return u'\'' + escaped + u'\'';
}

QString conditionText(const QString &column, const FilterOperator &op, const QStringList &literals)
{
    const QString head = column + u' ' + op.name;
    switch (op.operands) {
    case FilterOperands::None: return head;
    case FilterOperands::List: return head + u" ("_s + literals.join(u", "_s) + u')';
    case FilterOperands::Range: return head + u' ' + literals.join(u" AND "_s);
    case FilterOperands::Value:
    case FilterOperands::Text: break;
    }
    return head + u' ' + literals.value(0);
}

QString composeFilter(const QList<FilterCondition> &conditions,
                      const QHash<QString, QString> &jsonTypes)
{
    QStringList parts;
    for (const FilterCondition &c : conditions) {
        const auto type = jsonTypes.constFind(c.column);
        const FilterOperator *op = findFilterOperator(c.op);
        if (type == jsonTypes.cend() || !op)
            continue;
        QStringList literals;
        switch (op->operands) {
        case FilterOperands::None: break;
        case FilterOperands::Text: literals << quotedLiteral(c.value); break;
        case FilterOperands::Value: literals << typedLiteral(c.value, *type); break;
        case FilterOperands::List:
        case FilterOperands::Range:
            for (const QString &item : c.value.split(u','))
                literals << typedLiteral(item, *type);
            break;
        }
        parts << conditionText(c.column, *op, literals);
    }
    return parts.join(u" AND "_s);
}

} // namespace sluice
