#pragma once

#include "core/result.h"
#include "query/filteroperators.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <memory>

namespace sluice {

// The abstract syntax of a DreamFactory-style filter expression, e.g.
//   (age >= 21 AND name LIKE 'A%') OR status IN ('new','open') OR NOT deleted IS NULL
// The parser knows nothing of schemas or SQL; the SQL builder checks every column against the
// table and binds every value.
struct FilterValue
{
    // A literal from the filter text: QString for '…', qint64 or double for numbers (the
    // original digits are kept in `text`), bool for true/false, null QVariant for NULL.
    QVariant value;
    QString text; // the literal exactly as written (numbers keep their digits)
    int position = 0; // 0-based character offset in the filter, for error messages
};

struct FilterNode
{
    enum class Kind { Comparison, And, Or, Not };
    Kind kind = Kind::Comparison;

    // Comparison
    QString column;
    int columnPosition = 0; // 0-based offset of the column name, for error messages
    FilterOp op = FilterOp::Eq;
    QList<FilterValue> values; // 1 for binary ops, 2 for BETWEEN, n for IN, 0 for IS [NOT] NULL

    // And / Or: two or more children. Not: exactly one.
    QList<std::shared_ptr<FilterNode>> children;
};

using FilterExpr = std::shared_ptr<const FilterNode>;

// Parses a filter. An empty or all-blank filter yields a null FilterExpr.
// Errors are ErrorKind::BadRequest with a message starting "Invalid filter: " that names the
// bad token and its 1-based position, e.g. "Invalid filter: unexpected ')' at position 14".
Result<FilterExpr> parseFilter(const QString &text);

} // namespace sluice
