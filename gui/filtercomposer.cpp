#include "gui/filtercomposer.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

bool isNumeric(const QString &type)
{
    return type == u"integer"_s || type == u"number"_s; // jsonTypeName()'s numeric names
}

QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\'', u"''"_s);
    return u'\'' + escaped + u'\'';
}

QString literal(const QString &text, const QString &type)
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
    return quoted(text);
}

} // namespace

const QStringList &filterOperators()
{
    static const QStringList operators = { u"="_s,          u"!="_s,          u">"_s,
                                           u">="_s,         u"<"_s,           u"<="_s,
                                           u"CONTAINS"_s,   u"STARTS WITH"_s, u"ENDS WITH"_s,
                                           u"LIKE"_s,       u"IN"_s,          u"IS NULL"_s,
                                           u"IS NOT NULL"_s };
    return operators;
}

QString composeFilter(const QList<FilterCondition> &conditions,
                      const QHash<QString, QString> &jsonTypes)
{
    QStringList parts;
    for (const FilterCondition &c : conditions) {
        const auto type = jsonTypes.constFind(c.column);
        if (type == jsonTypes.cend() || !filterOperators().contains(c.op))
            continue;
        if (c.op == u"IS NULL"_s || c.op == u"IS NOT NULL"_s) {
            parts << c.column + u' ' + c.op;
        } else if (c.op == u"IN"_s) {
            QStringList items;
            for (const QString &item : c.value.split(u','))
                items << literal(item, *type);
            parts << c.column + u" IN ("_s + items.join(u", "_s) + u')';
        } else {
            parts << c.column + u' ' + c.op + u' ' + literal(c.value, *type);
        }
    }
    return parts.join(u" AND "_s);
}

} // namespace sluice
