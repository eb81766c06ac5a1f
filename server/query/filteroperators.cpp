#include "query/filteroperators.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

using enum FilterOperands;

constexpr FilterOperator Operators[] = {
    { FilterOp::Eq, "="_L1, Value },
    { FilterOp::NotEq, "!="_L1, Value, "<>"_L1 },
    { FilterOp::Gt, ">"_L1, Value },
    { FilterOp::Ge, ">="_L1, Value },
    { FilterOp::Lt, "<"_L1, Value },
    { FilterOp::Le, "<="_L1, Value },
    { FilterOp::In, "IN"_L1, List },
    { FilterOp::NotIn, "NOT IN"_L1, List },
    { FilterOp::Like, "LIKE"_L1, Text },
    { FilterOp::NotLike, "NOT LIKE"_L1, Text },
    { FilterOp::Between, "BETWEEN"_L1, Range },
    { FilterOp::NotBetween, "NOT BETWEEN"_L1, Range },
    { FilterOp::IsNull, "IS NULL"_L1, None },
    { FilterOp::IsNotNull, "IS NOT NULL"_L1, None },
    { FilterOp::Contains, "CONTAINS"_L1, Text },
    { FilterOp::StartsWith, "STARTS WITH"_L1, Text },
    { FilterOp::EndsWith, "ENDS WITH"_L1, Text },
};

constexpr bool inEnumOrder()
{
    for (std::size_t i = 0; i < std::size(Operators); ++i) {
        if (std::size_t(Operators[i].op) != i)
            return false;
    }
    return std::size(Operators) == std::size_t(FilterOp::EndsWith) + 1;
}
static_assert(inEnumOrder(), "filterOperator() indexes the table by FilterOp");

} // namespace

std::span<const FilterOperator> filterOperators()
{
    return Operators;
}

const FilterOperator &filterOperator(FilterOp op)
{
    return Operators[std::size_t(op)];
}

const FilterOperator *findFilterOperator(QStringView name)
{
    const QString spelled = name.toString().simplified();
    for (const FilterOperator &candidate : Operators) {
        if (spelled.compare(candidate.name, Qt::CaseInsensitive) == 0
            || (!candidate.alias.isEmpty()
                && spelled.compare(candidate.alias, Qt::CaseInsensitive) == 0))
            return &candidate;
    }
    return nullptr;
}

QStringList filterOperatorNames()
{
    QStringList names;
    for (const FilterOperator &candidate : Operators)
        names << QString(candidate.name);
    return names;
}

QString filterOpName(FilterOp op)
{
    return filterOperator(op).name;
}

} // namespace sluice
