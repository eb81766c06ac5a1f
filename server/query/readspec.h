#pragma once

#include "core/result.h"
#include "query/filter.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <utility>

namespace sluice {

// Query parameters as decoded key/value pairs, in request order ('+' already means space).
using QueryParams = QList<std::pair<QString, QString>>;

// The value of the first parameter named `key`, or a null QString.
QString queryValue(const QueryParams &params, QStringView key);
bool hasQueryParam(const QueryParams &params, QStringView key);

struct SelectItem
{
    enum class Kind { Column, Aggregate };
    Kind kind = Kind::Column;
    QString column; // column name; "*" only for COUNT(*)
    QString function; // Aggregate: COUNT, SUM, AVG, MIN or MAX (upper case)
    QString alias; // AS name; for aggregates without AS: e.g. "count", "sum_price"
};

struct OrderItem
{
    QString column;
    bool descending = false;
};

// Row limits of reads (settings limits.default_limit, limits.max_limit), also what the OpenAPI
// document and the MCP tools say of them.
struct ReadLimits
{
    qint64 defaultLimit = 25;
    qint64 maxLimit = 1000;

    // Raw SQL (POST _sql) returns this many rows unless asked for another number.
    qint64 rawSqlDefault() const { return std::min<qint64>(100, maxLimit); }

    // The JSON Schema of a `limit` argument, for table reads and for raw SQL: what the OpenAPI
    // document and the MCP tools state.
    QJsonObject readLimitSchema() const;
    QJsonObject rawSqlLimitSchema() const;
};

// Everything a GET _table/{t} asks for, syntactically checked but not yet checked against the
// schema (the SQL builder does that, naming any unknown column).
struct ReadSpec
{
    QList<SelectItem> fields; // empty: every column in table order
    QStringList group;
    QList<OrderItem> order;
    qint64 limit = 25; // always set: the default when absent
    qint64 offset = 0;
    bool includeCount = false; // include_count=true or count=true
    QStringList ids; // ids=1,2,3 as raw strings (primary key values)
    FilterExpr filter; // null when absent
    QString cursor; // cursor=<token> as given: the API decodes it into `after`
    QStringList related; // related=a,b: tables to embed over foreign keys

    // Keyset pagination: the previous page's last values of the keyset order columns (see
    // SqlBuilder::keysetOrder); the read continues after them. Set by the API, never parsed.
    QVariantList after;
    // Columns selected after the answer's own, for the API's use (the links related= follows).
    // Set by the API, never parsed.
    QStringList extraColumns;

    bool hasAggregates() const;
};

// Parses fields, group, order, limit, offset, include_count/count, ids, filter, cursor and
// related. cursor excludes offset, group and aggregates; related excludes group and aggregates;
// group needs fields, grouped fields are group columns or aggregates, grouped order names what
// the rows hold; include_count excludes `streaming`; each parameter is given at most once.
// BadRequest names the parameter, e.g. "Invalid limit: 'abc' is not an integer",
// "Invalid limit: 5000 is above the maximum of 1000", "Invalid order: 'name sideways'".
// `streaming` lifts the maximum limit (NDJSON/CSV exports stream every matching row).
Result<ReadSpec> parseReadSpec(const QueryParams &params, const ReadLimits &limits,
                               bool streaming = false);

// A read of one row by its key (GET _table/{t}/{id}) takes related=; BadRequest naming any list
// parameter given with it (fields=* aside), which it would otherwise ignore.
Status checkReadByKeyParams(const QueryParams &params);

// Splits "a, b ,c" into {"a","b","c"}; empty items are an error naming `parameter`.
Result<QStringList> splitList(const QString &value, const QString &parameter);

} // namespace sluice
