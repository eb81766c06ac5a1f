#pragma once

#include <QHash>
#include <QString>
#include <QVariantList>

namespace sluice {

// One condition of the query builder: `column op value`. `op` is one of filterOperators().
struct FilterCondition
{
    QString column;
    QString op;
    QString value; // as typed; IN takes a comma-separated list; unused by IS [NOT] NULL
};

// The operators the builder offers, in the API's filter grammar (docs/api.md, Tables).
const QStringList &filterOperators();

// The conditions joined with AND as filter text the API parses. A value is written as a number
// or true/false when its column's JSON type (`jsonTypes`: column → "integer", "number",
// "boolean", …) is one and the text reads as one; anything else is a quoted string, quotes
// doubled. Conditions on columns not in `jsonTypes` or with unknown operators are left out.
QString composeFilter(const QList<FilterCondition> &conditions,
                      const QHash<QString, QString> &jsonTypes);

} // namespace sluice
