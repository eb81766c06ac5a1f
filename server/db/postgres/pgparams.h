#pragma once

#include <QByteArrayList>
#include <QVariantList>

#include <optional>
#include <span>
#include <vector>

#include <postgres_ext.h>

namespace sluice {

// Bound values as libpq takes them (PQexecPrepared, PQsendQueryPrepared, PQexecParams): all in
// text format, types left to the statement (0), as QPSQL leaves them: it prepares without types
// and sends each value as an SQL literal in EXECUTE, which the server reads into the type the
// statement gives the parameter. The pointers stay valid as long as this object (copies share
// the text).
struct PgParams
{
    QByteArrayList texts; // the values' text, owned here
    std::vector<const char *> values; // nullptr: NULL
    std::vector<int> lengths;
    std::vector<int> formats; // 0: text
    std::vector<Oid> types; // 0: as the statement infers it

    int count() const { return int(values.size()); }
};

// `binds` in the text that means to the server what QPSQL's literal of each means: strings,
// integers, doubles (NaN and ±Infinity included), bool, QByteArray (bytea's hex form), QDate,
// QTime, QDateTime (UTC, milliseconds), QUuid and NULLs (a null QVariant, null QString, …).
// nullopt for any other value (the caller then binds through QPSQL): a type handled nowhere
// here, a string holding U+0000, a date outside years 1 to 9999.
//
// Where QPSQL's literal carries a type of its own (an integer, a double, TRUE/FALSE, TIMESTAMP
// WITH TIME ZONE …), the server converts it to the parameter's type, where text goes through the
// type's input function; the two agree only for some parameter types. `paramTypes` (one per
// value, PQparamtype of the prepared statement) makes those values nullopt where they would not
// agree; without it the caller vouches for the types. `utcSession`: the session's TimeZone is
// UTC (QDateTime into timestamp without time zone).
std::optional<PgParams> toPgParams(const QVariantList &binds, std::span<const Oid> paramTypes = {},
                                   bool utcSession = true);

} // namespace sluice
