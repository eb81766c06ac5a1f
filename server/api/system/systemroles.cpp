// System API, roles: /api/v1/system/role[/{id or name}]. A rule arrives as docs/api.md, Roles,
// rules and the access decision writes it, {service, component, verbs, filters:[{name, operator,
// value}], filter_op} or with the filter as text ({…, "filter":"genre = 'poetry'"}); it is stored
// as text, checked by compileRule (the same parser the access decision uses) before anything is
// written.
#include "api/system/systemroutes.h"

#include "api/system/systemsupport.h"
#include "auth/accessrole.h"
#include "config/configservice.h"
#include "config/rolerepository.h"
#include "query/filteroperators.h"
#include "query/filtertext.h"
#include "query/token.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// The operators a structured filter may name: query/'s table, aliases included.
QString operatorChoices()
{
    QStringList names;
    for (const FilterOperator &op : filterOperators()) {
        names << QString(op.name);
        if (!op.alias.isEmpty())
            names << QString(op.alias);
    }
    return names.join(u", "_s);
}

// One value of a structured filter as a literal of the grammar: strings quoted with '' for a
// quote, numbers and booleans bare; for the pattern operators (`asText`) always a string.
Result<QString> literal(const QJsonValue &value, const QString &where, bool asText)
{
    switch (value.type()) {
    case QJsonValue::String: return quotedLiteral(value.toString());
    case QJsonValue::Double: {
        const double d = value.toDouble();
        const QString digits = d == std::floor(d) && std::fabs(d) < 9007199254740992.0
            ? QString::number(qint64(d))
            : QString::number(d, 'g', 17);
        return asText ? quotedLiteral(digits) : digits;
    }
    case QJsonValue::Bool: {
        const QString word = value.toBool() ? u"true"_s : u"false"_s;
        return asText ? quotedLiteral(word) : word;
    }
    default: break;
    }
    return Error::badRequest(
        u"%1: the value must be a string, a number or true/false (use the operator IS NULL "
        "for null)"_s.arg(where));
}

// {name, operator, value} as filter text, e.g. "price BETWEEN 1 AND 5": the operator and its
// operands from query/'s table, the text written by query/filtertext.
Result<QString> structuredCondition(const QJsonValue &item, const QString &where)
{
    if (!item.isObject())
        return Error::badRequest(where + u": a filter must be an object {name, operator, value}"_s);
    const QJsonObject condition = item.toObject();
    const QString name = condition.value(u"name"_s).toString();
    if (!isBareIdentifier(name))
        return Error::badRequest(
            u"%1: 'name' must be a column name (letters, digits, '_'), not '%2'"_s.arg(where,
                                                                                       name));
    const FilterOperator *op = findFilterOperator(condition.value(u"operator"_s).toString());
    if (!op)
        return Error::badRequest(u"%1: unknown operator '%2'; use one of %3"_s.arg(
            where, condition.value(u"operator"_s).toString(), operatorChoices()));
    const QJsonValue value = condition.value(u"value"_s);
    QStringList literals;
    switch (op->operands) {
    case FilterOperands::None:
        if (!value.isUndefined() && !value.isNull())
            return Error::badRequest(u"%1: %2 takes no value"_s.arg(where, QString(op->name)));
        break;
    case FilterOperands::List:
    case FilterOperands::Range: {
        const bool range = op->operands == FilterOperands::Range;
        const QJsonArray values = value.toArray();
        if (!value.isArray() || values.isEmpty() || (range && values.size() != 2))
            return Error::badRequest(range ? u"%1: BETWEEN needs a value [low, high]"_s.arg(where)
                                           : u"%1: IN needs a non-empty array value"_s.arg(where));
        for (const QJsonValue &v : values) {
            auto text = literal(v, where, false);
            if (!text)
                return text.error();
            literals << *text;
        }
        break;
    }
    case FilterOperands::Value:
    case FilterOperands::Text: {
        auto text = literal(value, where, op->operands == FilterOperands::Text);
        if (!text)
            return text.error();
        literals << *text;
        break;
    }
    }
    return conditionText(name, *op, literals);
}

Result<int> verbsOf(const QJsonValue &verbs, const QString &where)
{
    if (verbs.isDouble()) {
        const double mask = verbs.toDouble();
        if (mask != std::floor(mask) || mask < 1 || mask > int(AllVerbs))
            return Error::badRequest(u"%1: a verb mask is a number from 1 to 31"_s.arg(where));
        return int(mask);
    }
    if (verbs.isString())
        return parseVerbs(verbs.toString());
    if (verbs.isArray() && !verbs.toArray().isEmpty()) {
        QStringList names;
        for (const QJsonValue &v : verbs.toArray())
            names << v.toString(u"?"_s);
        return parseVerbs(names.join(u','));
    }
    return Error::badRequest(
        u"%1: 'verbs' must be a list such as [\"GET\",\"POST\"], \"*\" or a mask number"_s.arg(
            where));
}

QJsonValue jsonOf(const FilterValue &value)
{
    switch (value.value.typeId()) {
    case QMetaType::QString: return value.value.toString();
    case QMetaType::Bool: return value.value.toBool();
    case QMetaType::LongLong: return value.value.toLongLong();
    case QMetaType::Double: return value.value.toDouble();
    default: return QJsonValue::Null;
    }
}

// A parsed filter that is one condition, or conditions all joined by AND or all by OR, as the
// structured form; false for anything else (nesting, NOT), which only the text can say.
bool writeStructured(JsonWriter &w, const FilterExpr &filter)
{
    QList<const FilterNode *> conditions;
    QString joiner = u"AND"_s;
    if (filter->kind == FilterNode::Kind::Comparison) {
        conditions << filter.get();
    } else if (filter->kind == FilterNode::Kind::And || filter->kind == FilterNode::Kind::Or) {
        joiner = filter->kind == FilterNode::Kind::And ? u"AND"_s : u"OR"_s;
        for (const auto &child : filter->children) {
            if (child->kind != FilterNode::Kind::Comparison)
                return false;
            conditions << child.get();
        }
    } else {
        return false;
    }
    w.key("filters");
    w.beginArray();
    for (const FilterNode *c : conditions) {
        w.beginObject();
        w.field("name", c->column);
        w.field("operator", filterOpName(c->op));
        if (c->op == FilterOp::In || c->op == FilterOp::NotIn || c->op == FilterOp::Between
            || c->op == FilterOp::NotBetween) {
            QJsonArray values;
            for (const FilterValue &v : c->values)
                values.append(jsonOf(v));
            w.key("value");
            w.value(values);
        } else if (!c->values.isEmpty()) {
            w.key("value");
            w.value(jsonOf(c->values.first()));
        }
        w.endObject();
    }
    w.endArray();
    w.field("filter_op", joiner);
    return true;
}

// Whether two filter texts say the same, judged by their structured forms (so spelling,
// spacing and keyword case do not matter). Texts that have no structured form must match.
bool sameFilter(const QString &a, const QString &b)
{
    if (a.simplified() == b.simplified())
        return true;
    const auto structured = [](const QString &text) {
        QByteArray out;
        auto parsed = parseFilter(text);
        if (!parsed || !*parsed)
            return out;
        JsonWriter w(out);
        w.beginObject();
        if (!writeStructured(w, *parsed))
            return QByteArray();
        w.endObject();
        return out;
    };
    const QByteArray first = structured(a);
    return !first.isEmpty() && first == structured(b);
}

Result<RoleRule> ruleFromJson(const QJsonValue &item, int index)
{
    const QString where = u"Rule %1 of 'access'"_s.arg(index + 1);
    if (!item.isObject())
        return Error::badRequest(where + u" must be an object {service, component, verbs, …}"_s);
    const QJsonObject rule = item.toObject();
    auto verbs = verbsOf(rule.value(u"verbs"_s), where);
    if (!verbs) {
        Error e = verbs.error();
        if (!e.message.startsWith(where))
            e.message = where + u": "_s + e.message;
        return e;
    }
    const QString text = rule.value(u"filter"_s).toString();
    QString filter = text;
    const QJsonValue filters = rule.value(u"filters"_s);
    if (filters.isArray() && !filters.toArray().isEmpty()) {
        const QString joiner = rule.value(u"filter_op"_s).toString(u"AND"_s).toUpper();
        if (joiner != u"AND"_s && joiner != u"OR"_s)
            return Error::badRequest(where + u": 'filter_op' must be AND or OR"_s);
        QStringList conditions;
        const QJsonArray list = filters.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            auto text = structuredCondition(list.at(i), where + u", filter %1"_s.arg(i + 1));
            if (!text)
                return text.error();
            conditions << *text;
        }
        filter = conditions.join(u' ' + joiner + u' ');
        // A rule as a listing shows it carries both forms: fine while they agree.
        if (!text.trimmed().isEmpty()) {
            if (!sameFilter(text, filter))
                return Error::badRequest(
                    where + u": 'filter' and 'filters' say different things; send one of them"_s);
            filter = text;
        }
    } else if (!filters.isUndefined() && !filters.isNull() && !filters.isArray()) {
        return Error::badRequest(where + u": 'filters' must be an array"_s);
    }
    const QString service = rule.value(u"service"_s).toString();
    const QString component = rule.value(u"component"_s).toString();
    // The same check the access decision's loader applies: nothing unparsable is stored.
    auto compiled = compileRule(service, component, *verbs, filter);
    if (!compiled) {
        Error e = compiled.error();
        e.message = where + u": "_s + e.message;
        return e;
    }
    return RoleRule { compiled->service, compiled->component, compiled->verbs,
                      compiled->filterText };
}

// The role the body describes; `base` holds the values of fields it leaves out.
Result<RoleRecord> roleFromBody(const QJsonObject &body, RoleRecord base)
{
    BodyFields fields(body);
    base.name = fields.string(u"name"_s, base.name).trimmed();
    base.description = fields.string(u"description"_s, base.description);
    base.rateLimitPerMinute =
        int(fields.integer(u"rate_limit_per_minute"_s, base.rateLimitPerMinute, 0, 1'000'000));
    if (Status s = fields.status(); !s)
        return s.error();
    const QJsonValue access = body.value(u"access"_s);
    if (!access.isUndefined() && !access.isNull()) {
        if (!access.isArray())
            return Error::badRequest(u"Field 'access' must be an array of rules"_s);
        base.rules.clear();
        const QJsonArray rules = access.toArray();
        for (qsizetype i = 0; i < rules.size(); ++i) {
            auto rule = ruleFromJson(rules.at(i), int(i));
            if (!rule)
                return rule.error();
            base.rules.append(*rule);
        }
    }
    if (Status s = RoleRepository::validate(base); !s)
        return s.error();
    return base;
}

void writeRule(JsonWriter &w, const RoleRule &rule)
{
    w.beginObject();
    w.field("service", rule.service);
    w.field("component", rule.component);
    w.key("verbs");
    w.beginArray();
    for (int bit = VerbGet; bit <= VerbDelete; bit <<= 1) {
        if (rule.verbs & bit)
            w.string(verbNames(bit));
    }
    w.endArray();
    w.field("filter", rule.filter);
    if (rule.filter.isEmpty()) {
        w.key("filters");
        w.beginArray();
        w.endArray();
        w.field("filter_op", "AND");
    } else if (auto compiled = compileRule(rule.service, rule.component, rule.verbs, rule.filter);
               compiled && compiled->filter) {
        writeStructured(w, compiled->filter);
    }
    w.endObject();
}

void writeRole(JsonWriter &w, const RoleRecord &role)
{
    w.beginObject();
    w.field("id", role.id);
    w.field("name", role.name);
    w.field("description", role.description);
    w.field("rate_limit_per_minute", role.rateLimitPerMinute);
    w.key("access");
    w.beginArray();
    for (const RoleRule &rule : role.rules)
        writeRule(w, rule);
    w.endArray();
    w.field("created_at", rfc3339(role.createdAt));
    w.field("updated_at", rfc3339(role.updatedAt));
    w.endObject();
}

// A role by id, or by name when the path is not a known id.
Result<RoleRecord> findRole(RoleRepository &roles, const QString &idOrName)
{
    bool numeric = false;
    const qint64 id = idOrName.toLongLong(&numeric);
    if (numeric) {
        auto role = roles.get(id);
        if (role || role.error().kind != ErrorKind::NotFound)
            return role;
    }
    auto role = roles.findByName(idOrName);
    if (!role && role.error().kind == ErrorKind::NotFound)
        return Error::notFound(u"No role '%1'"_s.arg(idOrName));
    return role;
}

constexpr RecordKind<RoleRepository, RoleRecord> kRoles { findRole, writeRole };

QString describe(const RoleRecord &role)
{
    return u"role %1 (%2 rule%3)"_s.arg(role.name)
        .arg(role.rules.size())
        .arg(role.rules.size() == 1 ? u""_s : u"s"_s);
}

Status createRole(const RouteScope &scope, const Call &call, const RouteParams &, HttpReply &reply)
{
    auto body = jsonObjectBody(call.request);
    if (!body)
        return body.error();
    if (body->value(u"name"_s).toString().trimmed().isEmpty())
        return Error::badRequest(u"Field 'name' is required"_s);
    auto role = roleFromBody(*body, RoleRecord());
    if (!role)
        return role.error();
    auto created = writeValue(*scope.context.config, [&](const QSqlDatabase &db) {
        return RoleRepository(db).create(*role);
    });
    if (!created)
        return created.error();
    auditChange(scope, call, u"role.create"_s, 201, describe(*created));
    replyRecord(reply, 201, *created, writeRole);
    return {};
}

// PUT replaces the role (fields left out take their defaults, the name stays unless given);
// PATCH changes the fields given. Either way "access", when given, replaces every rule.
Status updateRole(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    auto body = jsonObjectBody(call.request);
    if (!body)
        return body.error();
    const bool replace = call.request.method == HttpMethod::Put;
    const auto change = [&](RoleRepository &roles, const RoleRecord &current) {
        RoleRecord base = current;
        if (replace) {
            base = RoleRecord();
            base.id = current.id;
            base.name = current.name;
        }
        auto role = roleFromBody(*body, base);
        if (!role)
            return role;
        return roles.update(*role);
    };
    auto updated = changeRecord(*scope.context.config, findRole, p.at(0), change);
    if (!updated)
        return updated.error();
    auditChange(scope, call, u"role.update"_s, 200, describe(*updated));
    replyRecord(reply, 200, *updated, writeRole);
    return {};
}

Status deleteRole(const RouteScope &scope, const Call &call, const RouteParams &p, HttpReply &reply)
{
    // Any role may go; the repository refuses (Conflict, naming how many) while keys use it.
    const auto anyRole = [](RoleRepository &, const RoleRecord &) {
        return Status();
    };
    auto removed = removeRecord(*scope.context.config, findRole, p.at(0), anyRole);
    if (!removed)
        return removed.error();
    auditChange(scope, call, u"role.delete"_s, 200, u"role "_s + removed->name);
    replySuccess(reply);
    return {};
}

} // namespace

void installSystemRoleRoutes(Router &router, const RouteScope &scope)
{
    installRecordRoutes(
        router, scope, u"/api/v1/system/role"_s,
        { listRecords<kRoles>, createRole, getRecord<kRoles>, updateRole, deleteRole });
}

} // namespace sluice
