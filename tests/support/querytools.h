#pragma once

#include "core/result.h"
#include "db/schema.h"
#include "query/filter.h"
#include "query/readspec.h"

#include <QString>

namespace sluice::test {

// Small builders for tests of the query parser, the SQL builder and the dialects.

// A column as introspection would report it: nullable unless part of the primary key.
Column column(const QString &name, const QString &dbType, JsonType type, bool primaryKey = false);

// "fields=a,b&limit=5" as decoded pairs, without percent-decoding; only the first '=' of a pair
// separates key and value, so filters like "a = 1" survive. A pair without '=' has an empty value.
QueryParams params(const QString &query);

// The parsed filter `text`; empty for an empty text, and empty with a qWarning when it does not
// parse (a mistake in the test).
FilterExpr filter(const QString &text);

// The error's message for a failure message, safe to build whether the result holds a value or
// an error (QVERIFY2 evaluates its message before the check).
template<typename T> QString errorOf(const Result<T> &r)
{
    return r ? QString() : r.error().message;
}

} // namespace sluice::test
