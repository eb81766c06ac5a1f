#pragma once

#include <QLatin1StringView>
#include <QStringList>
#include <QStringView>

#include <span>

namespace sluice {

enum class FilterOp {
    Eq,
    NotEq,
    Gt,
    Ge,
    Lt,
    Le,
    In,
    NotIn,
    Like,
    NotLike,
    Between,
    NotBetween,
    IsNull,
    IsNotNull,
    Contains,
    StartsWith,
    EndsWith, // literal match: % and _ in the argument are escaped
};

// What follows an operator in filter text.
enum class FilterOperands {
    None, // IS NULL
    Value, // one literal: a string, a number or true/false
    Text, // one string literal (the pattern operators)
    Range, // low AND high
    List, // ( value, value, … )
};

// One operator of the filter grammar (docs/api.md, Tables), listed once: the parser reads its
// spellings, filterOpName() its name, composeFilter() and the desktop's query builder its
// operands.
struct FilterOperator
{
    FilterOp op;
    QLatin1StringView name; // its spelling in filter text, words separated by one space
    FilterOperands operands;
    QLatin1StringView alias = {}; // another spelling the parser accepts ("<>" for "!=")
};

// Every operator once, in FilterOp's order (so filterOperator() is an index): the order the
// desktop offers them in and the parser names them in ("expected IN, LIKE or BETWEEN").
std::span<const FilterOperator> filterOperators();

const FilterOperator &filterOperator(FilterOp op);

// The operator spelled `name` (or its alias), case-insensitive, any run of blanks as one space;
// null when there is none.
const FilterOperator *findFilterOperator(QStringView name);

// The names (not the aliases), in table order.
QStringList filterOperatorNames();

QString filterOpName(FilterOp op);

} // namespace sluice
