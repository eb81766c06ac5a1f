#include "query/readspec.h"

#include "query/token.h"

#include <QSet>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Longest parameter value quoted back in an error message.
constexpr qsizetype MaxQuotedLength = 40;

QString quoted(const QString &value)
{
    return u'\'' + shortened(value, MaxQuotedLength) + u'\'';
}

Error invalid(QStringView parameter, const QString &what)
{
    return Error::badRequest(u"Invalid "_s + parameter + u": "_s + what);
}

// Walks the tokens of one comma-separated list parameter (fields, group, order). Items are
// parsed straight from the token stream, so a comma inside "odd, name" never splits an item.
class ListCursor
{
public:
    ListCursor(const QString &source, QList<Token> tokens, QString parameter)
        : m_source(source)
        , m_tokens(std::move(tokens))
        , m_parameter(std::move(parameter))
    {
    }

    const Token &at() const { return m_tokens.at(m_index); }
    const Token &previous() const { return m_tokens.at(m_index - 1); }
    const Token &take() { return m_tokens.at(m_index++); }
    bool atEnd() const { return at().type == Token::Type::End; }
    bool blank() const { return m_tokens.size() == 1; }

    QString describe(const Token &token) const { return describeToken(token, m_source); }

    Error error(const QString &what, int position) const
    {
        return syntaxError(m_parameter, what, position);
    }

    // Same wording as the filter parser: the position is that of the last token quoted.
    Error expected(const QString &what, const Token &after) const
    {
        const Token &found = at();
        if (found.type == Token::Type::End)
            return error(u"expected "_s + what + u" after "_s + describe(after), after.position);
        return error(u"expected "_s + what + u" after "_s + describe(after) + u", found "_s
                         + describe(found),
                     found.position);
    }

    // Called before each item: an item that is empty (",a", "a,,b", "a,") is an error naming
    // the comma next to it.
    std::optional<Error> checkItemStart() const
    {
        if (at().isSymbol(u","))
            return error(u"empty item"_s, at().position);
        if (atEnd())
            return error(u"empty item"_s, previous().position);
        return std::nullopt;
    }

    // Called after each item: true when the list goes on, false at its end.
    Result<bool> finishItem(const QString &expectedWhat)
    {
        if (atEnd())
            return false;
        if (at().isSymbol(u",")) {
            take();
            return true;
        }
        return expected(expectedWhat, previous());
    }

    // The name an item starts with; "unexpected …" when it starts with anything else.
    Result<QString> takeLeadingName()
    {
        if (!at().isName())
            return error(u"unexpected "_s + describe(at()), at().position);
        return take().text;
    }

    Result<Token> takeName(const Token &after)
    {
        if (!at().isName())
            return expected(u"a column name"_s, after);
        return take();
    }

private:
    const QString &m_source;
    const QList<Token> m_tokens;
    const QString m_parameter;
    qsizetype m_index = 0;
};

Result<ListCursor> listCursor(const QString &value, const QString &parameter)
{
    auto tokens = tokenize(value, parameter);
    if (!tokens)
        return tokens.error();
    return ListCursor(value, std::move(tokens).value(), parameter);
}

bool isAggregateFunction(const QString &upper)
{
    return upper == "COUNT"_L1 || upper == "SUM"_L1 || upper == "AVG"_L1 || upper == "MIN"_L1
        || upper == "MAX"_L1;
}

// One item of fields: *, name, FUNC(name|*), each but * with an optional AS alias.
Result<SelectItem> parseSelectItem(ListCursor &cursor, bool &star)
{
    SelectItem item;
    const Token &first = cursor.take();
    if (first.isSymbol(u"*")) {
        star = true;
        return item;
    }
    if (first.type == Token::Type::Word && cursor.at().isSymbol(u"(")) {
        item.kind = SelectItem::Kind::Aggregate;
        item.function = first.text.toUpper();
        if (!isAggregateFunction(item.function))
            return cursor.error(u"unknown aggregate function "_s + cursor.describe(first)
                                    + u" (use COUNT, SUM, AVG, MIN or MAX)"_s,
                                first.position);
        const Token &open = cursor.take();
        if (cursor.at().isSymbol(u"*")) {
            const Token &starToken = cursor.take();
            if (item.function != "COUNT"_L1)
                return cursor.error(u"'*' is only allowed in COUNT(*), found "_s
                                        + cursor.describe(first) + u" with '*'"_s,
                                    starToken.position);
            item.column = u"*"_s;
        } else {
            auto column = cursor.takeName(open);
            if (!column)
                return column.error();
            item.column = column->text;
        }
        if (!cursor.at().isSymbol(u")"))
            return cursor.expected(u"')'"_s, cursor.previous());
        cursor.take();
        item.alias = item.function.toLower();
        if (item.column != "*"_L1)
            item.alias += u'_' + item.column;
    } else {
        if (!first.isName())
            return cursor.error(u"unexpected "_s + cursor.describe(first), first.position);
        item.column = first.text;
    }
    if (cursor.at().isKeyword("AS"_L1)) {
        const Token &as = cursor.take();
        if (!cursor.at().isName())
            return cursor.expected(u"a name"_s, as);
        item.alias = cursor.take().text;
    }
    return item;
}

// Parses a list parameter item by item: `parseItem(cursor)` reads one item at the cursor;
// `following` names what may come after an item, for the error when something else does. A blank
// value is a list of no items.
template<typename ParseItem>
Status parseList(const QString &value, const QString &parameter, const QString &following,
                 ParseItem &&parseItem)
{
    auto cursor = listCursor(value, parameter);
    if (!cursor)
        return cursor.error();
    if (cursor->blank())
        return {};
    for (;;) {
        if (auto empty = cursor->checkItemStart())
            return *empty;
        if (Status s = parseItem(*cursor); !s)
            return s;
        auto more = cursor->finishItem(following);
        if (!more)
            return more.error();
        if (!*more)
            return {};
    }
}

Result<QList<SelectItem>> parseFields(const QString &value)
{
    QList<SelectItem> fields;
    QSet<QString> names;
    bool star = false;
    int items = 0;
    Status s = parseList(value, u"fields"_s, u"',' or AS"_s, [&](ListCursor &cursor) -> Status {
        const int position = cursor.at().position;
        auto item = parseSelectItem(cursor, star);
        if (!item)
            return item.error();
        ++items;
        if (star && items > 1)
            return cursor.error(u"'*' cannot be combined with other fields"_s, position);
        if (!star) {
            // Two fields with one name would be two equal keys in every JSON row.
            const QString name = item->alias.isEmpty() ? item->column : item->alias;
            if (names.contains(name))
                return cursor.error(u"duplicate name "_s + quoted(name)
                                        + u" (give one of them an alias with AS)"_s,
                                    position);
            names.insert(name);
            fields.append(std::move(item).value());
        }
        return {};
    });
    if (!s)
        return s.error();
    return fields; // "*" alone leaves the list empty: every column
}

Result<QStringList> parseGroup(const QString &value)
{
    QStringList group;
    Status s = parseList(value, u"group"_s, u"','"_s, [&group](ListCursor &cursor) -> Status {
        auto name = cursor.takeLeadingName();
        if (!name)
            return name.error();
        group.append(*name);
        return {};
    });
    if (!s)
        return s.error();
    return group;
}

Result<QList<OrderItem>> parseOrder(const QString &value)
{
    QList<OrderItem> order;
    Status s =
        parseList(value, u"order"_s, u"ASC, DESC or ','"_s, [&order](ListCursor &cursor) -> Status {
            auto name = cursor.takeLeadingName();
            if (!name)
                return name.error();
            OrderItem item;
            item.column = *name;
            if (cursor.at().isKeyword("DESC"_L1)) {
                item.descending = true;
                cursor.take();
            } else if (cursor.at().isKeyword("ASC"_L1)) {
                cursor.take();
            }
            order.append(item);
            return {};
        });
    if (!s)
        return s.error();
    return order;
}

// An integer parameter within [minimum, maximum]; maximum < 0 means no upper bound.
Result<qint64> parseInteger(const QString &value, QStringView parameter, qint64 minimum,
                            qint64 maximum)
{
    bool ok = false;
    const qint64 number = value.trimmed().toLongLong(&ok);
    if (!ok)
        return invalid(parameter, quoted(value) + u" is not an integer"_s);
    if (number < minimum)
        return invalid(parameter,
                       QString::number(number) + u" is below the minimum of "_s
                           + QString::number(minimum));
    if (maximum >= 0 && number > maximum)
        return invalid(parameter,
                       QString::number(number) + u" is above the maximum of "_s
                           + QString::number(maximum));
    return number;
}

Result<bool> parseBool(const QString &value, QStringView parameter)
{
    const QString v = value.trimmed();
    if (v.compare("true"_L1, Qt::CaseInsensitive) == 0 || v == "1"_L1)
        return true;
    if (v.compare("false"_L1, Qt::CaseInsensitive) == 0 || v == "0"_L1)
        return false;
    return invalid(parameter, quoted(value) + u" is not true, false, 1 or 0"_s);
}

// A parameter counts as given only when its value is not blank: "?limit=&fields=" from a
// half-filled form means the defaults.
QString givenValue(const QueryParams &params, QStringView key)
{
    const QString value = queryValue(params, key);
    return value.trimmed().isEmpty() ? QString() : value;
}

} // namespace

QString queryValue(const QueryParams &params, QStringView key)
{
    for (const auto &[name, value] : params) {
        if (name == key)
            return value.isNull() ? u""_s : value;
    }
    return QString();
}

bool hasQueryParam(const QueryParams &params, QStringView key)
{
    for (const auto &param : params) {
        if (param.first == key)
            return true;
    }
    return false;
}

bool ReadSpec::hasAggregates() const
{
    for (const SelectItem &item : fields) {
        if (item.kind == SelectItem::Kind::Aggregate)
            return true;
    }
    return false;
}

Result<QStringList> splitList(const QString &value, const QString &parameter)
{
    QStringList items;
    if (value.trimmed().isEmpty())
        return items;
    qsizetype start = 0;
    for (;;) {
        qsizetype comma = value.indexOf(u',', start);
        const qsizetype end = comma < 0 ? value.size() : comma;
        const QString item = value.sliced(start, end - start).trimmed();
        if (item.isEmpty()) {
            // Name the comma next to the empty item: the one after it, or before it at the end.
            const qsizetype at = comma >= 0 ? comma : start - 1;
            return syntaxError(parameter, u"empty item"_s, int(at));
        }
        items.append(item);
        if (comma < 0)
            break;
        start = comma + 1;
    }
    return items;
}

namespace {

// The parameters of a list read. Other names are left alone: clients add their own (cache
// busters such as "_=123").
constexpr QStringView kReadParameters[] = { u"fields", u"group",         u"order",  u"limit",
                                            u"offset", u"include_count", u"count",  u"ids",
                                            u"filter", u"cursor",        u"related" };

// A parameter given twice would leave one of its values unused.
Status checkGivenOnce(const QueryParams &params)
{
    for (QStringView key : kReadParameters) {
        int given = 0;
        for (const auto &param : params) {
            if (param.first == key && ++given == 2)
                return invalid(key, u"given more than once"_s);
        }
    }
    return {};
}

// Grouped and aggregated reads answer one row per group: a plain column must be a group column,
// and the order can only name what the rows hold (group columns and the fields' names).
Status checkGrouping(const ReadSpec &spec)
{
    if (!spec.group.isEmpty() && spec.fields.isEmpty())
        return Error::badRequest(u"group parameter requires an explicit fields list"_s);
    if (spec.group.isEmpty() && !spec.hasAggregates())
        return {};
    QStringList names = spec.group;
    for (const SelectItem &item : spec.fields) {
        if (item.kind == SelectItem::Kind::Column && !spec.group.contains(item.column))
            return invalid(u"fields",
                           u"column "_s + quoted(item.column)
                               + u" must be listed in group or used inside an aggregate"_s);
        names << (item.alias.isEmpty() ? item.column : item.alias);
    }
    for (const OrderItem &item : spec.order) {
        if (!names.contains(item.column))
            return invalid(u"order",
                           quoted(item.column)
                               + u" is neither a group column nor a field of the grouped rows"_s);
    }
    return {};
}

// Sets `*target` to `parse(value)` when the parameter `key` is given; parse's error if it fails.
template<typename T, typename Parse>
Status parseGiven(const QueryParams &params, QStringView key, T *target, Parse &&parse)
{
    const QString value = givenValue(params, key);
    if (value.isNull())
        return {};
    auto parsed = parse(value);
    if (!parsed)
        return parsed.error();
    *target = std::move(parsed).value();
    return {};
}

} // namespace

Status checkReadByKeyParams(const QueryParams &params)
{
    for (QStringView key : kReadParameters) {
        if (key == u"related")
            continue;
        const QString value = givenValue(params, key);
        if (value.isNull() || (key == u"fields" && value.trimmed() == u"*"_s))
            continue;
        return invalid(key,
                       u"a read by id returns the whole row; use GET _table/{table}?ids=… "
                       "with "_s
                           + key + u" instead"_s);
    }
    return {};
}

Result<ReadSpec> parseReadSpec(const QueryParams &params, const ReadLimits &limits, bool streaming)
{
    if (Status s = checkGivenOnce(params); !s)
        return s.error();
    ReadSpec spec;

    // Each parsed when given, in this order: the first error is the answer.
    Status parsed = parseGiven(params, u"fields", &spec.fields, parseFields);
    if (parsed)
        parsed = parseGiven(params, u"group", &spec.group, parseGroup);
    if (parsed)
        parsed = parseGiven(params, u"order", &spec.order, parseOrder);
    spec.limit = streaming ? -1 : limits.defaultLimit;
    if (parsed)
        parsed = parseGiven(params, u"limit", &spec.limit, [&](const QString &value) {
            return parseInteger(value, u"limit", 1, streaming ? -1 : limits.maxLimit);
        });
    if (parsed)
        parsed = parseGiven(params, u"offset", &spec.offset, [](const QString &value) {
            return parseInteger(value, u"offset", 0, -1);
        });
    if (!parsed)
        return parsed.error();

    std::optional<bool> counted; // include_count and its alias count must agree
    for (QStringView key : { u"include_count", u"count" }) {
        if (const QString value = givenValue(params, key); !value.isNull()) {
            auto flag = parseBool(value, key);
            if (!flag)
                return flag.error();
            if (counted && *counted != *flag)
                return invalid(key, u"disagrees with include_count; give one of them"_s);
            counted = *flag;
        }
    }
    spec.includeCount = counted.value_or(false);
    if (spec.includeCount && streaming)
        return invalid(
            u"include_count",
            u"NDJSON and CSV exports have no meta to carry a total; ask the JSON list for it"_s);

    parsed = parseGiven(params, u"ids", &spec.ids,
                        [](const QString &value) { return splitList(value, u"ids"_s); });
    if (parsed)
        parsed = parseGiven(params, u"filter", &spec.filter, parseFilter);
    if (!parsed)
        return parsed.error();

    if (const QString value = givenValue(params, u"cursor"); !value.isNull()) {
        if (value.isEmpty())
            return Error::badRequest(u"Invalid cursor: empty"_s);
        if (hasQueryParam(params, u"offset"))
            return Error::badRequest(
                u"Invalid cursor: cursor and offset cannot be combined; the cursor says where the "
                "page starts"_s);
        if (spec.hasAggregates() || !spec.group.isEmpty())
            return Error::badRequest(
                u"Invalid cursor: grouped or aggregated reads have no cursor"_s);
        spec.cursor = value;
    }
    if (const QString value = givenValue(params, u"related"); !value.isNull()) {
        auto related = splitList(value, u"related"_s);
        if (!related)
            return related.error();
        if (spec.hasAggregates() || !spec.group.isEmpty())
            return Error::badRequest(
                u"Invalid related: grouped or aggregated rows have no related rows"_s);
        if (streaming)
            return Error::badRequest(
                u"Invalid related: related rows are not embedded in NDJSON or CSV exports"_s);
        spec.related = std::move(related).value();
    }
    if (Status s = checkGrouping(spec); !s)
        return s.error();
    return spec;
}

namespace {

QJsonObject limitSchema(qint64 defaultRows, qint64 maxRows)
{
    return { { u"type"_s, u"integer"_s },
             { u"minimum"_s, 1 },
             { u"maximum"_s, maxRows },
             { u"default"_s, defaultRows } };
}

} // namespace

QJsonObject ReadLimits::readLimitSchema() const
{
    return limitSchema(defaultLimit, maxLimit);
}

QJsonObject ReadLimits::rawSqlLimitSchema() const
{
    return limitSchema(rawSqlDefault(), maxLimit);
}

} // namespace sluice
