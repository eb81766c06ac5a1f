#pragma once

#include "query/filteroperators.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace sluice {

// Filter text written from structured conditions, for the front ends that let a user pick an
// operator instead of typing the grammar (the desktop's query builder; a role's structured
// filters). What they write, parseFilter() reads back to the same columns, operators and values.

// A string literal of the grammar: in single quotes, a quote doubled ("it's" → 'it''s').
QString quotedLiteral(const QString &text);

// `column op operands` in the grammar, the literals already written: "x IS NULL",
// "price >= 3", "id IN (1, 2)", "price BETWEEN 1 AND 5" (a Range's literals joined by AND, so a
// count other than two is the parser's to report).
QString conditionText(const QString &column, const FilterOperator &op, const QStringList &literals);

// One condition as a user enters it: `op` is an operator's name (filterOperators()), `value` as
// typed; a List or Range operator takes its values comma-separated, IS [NOT] NULL none.
struct FilterCondition
{
    QString column;
    QString op;
    QString value;
};

// The conditions joined with AND. A value is written as a number or true/false when its
// column's JSON type (`jsonTypes`: column → "integer", "number", "boolean", …) is one and the text
// reads as one, and as a quoted string otherwise (always for the pattern operators). Conditions on
// columns not in `jsonTypes` or with unknown operators are left out.
QString composeFilter(const QList<FilterCondition> &conditions,
                      const QHash<QString, QString> &jsonTypes);

} // namespace sluice
