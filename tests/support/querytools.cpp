#include "querytools.h"

#include <QtGlobal>

namespace sluice::test {

Column column(const QString &name, const QString &dbType, JsonType type, bool primaryKey)
{
    Column c;
    c.name = name;
    c.dbType = dbType;
    c.jsonType = type;
    c.primaryKey = primaryKey;
    c.nullable = !primaryKey;
    return c;
}

QueryParams params(const QString &query)
{
    QueryParams result;
    if (query.isEmpty())
        return result;
    for (const QString &pair : query.split(u'&')) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq < 0)
            result.append({ pair, QString() });
        else
            result.append({ pair.left(eq), pair.mid(eq + 1) });
    }
    return result;
}

FilterExpr filter(const QString &text)
{
    auto parsed = parseFilter(text);
    if (!parsed) {
        qWarning("bad filter in test: %s", qPrintable(parsed.error().message));
        return {};
    }
    return *parsed;
}

} // namespace sluice::test
