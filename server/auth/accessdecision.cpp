#include "auth/accessdecision.h"

#include <QJsonArray>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// The text a {jwt.<path>} placeholder stands for: the claim at the dotted path when it is a
// string, number or bool; null when the caller has no token or the claim is missing or of
// another type.
std::optional<QString> claimText(const Principal &p, const QString &path)
{
    if (p.issuer.isEmpty())
        return std::nullopt;
    QJsonValue v = p.claims;
    for (const QString &part : path.split(u'.')) {
        if (!v.isObject())
            return std::nullopt;
        v = v.toObject().value(part);
    }
    if (v.isUndefined() && path == u"sub"_s && !p.subject.isEmpty())
        return p.subject;
    switch (v.type()) {
    case QJsonValue::String: return v.toString();
    case QJsonValue::Bool: return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    default: return std::nullopt;
    }
}

// Fills {key.id}, {key.label}, {role.name}, {admin.email} and {jwt.<claim>} in the filter's
// string values. A {jwt.*} placeholder the caller cannot fill sets `unfilled`.
QString fillPlaceholders(QString text, const Principal &p, QString *unfilled)
{
    if (!text.contains(u'{'))
        return text;
    text.replace(u"{key.id}"_s, p.keyId ? QString::number(p.keyId) : QString());
    text.replace(u"{key.label}"_s, p.keyLabel);
    text.replace(u"{role.name}"_s, p.role ? p.role->name : QString());
    text.replace(u"{admin.email}"_s, p.email);
    // One pass from left to right, so a claim's value is never read as a placeholder itself.
    static const QLatin1StringView open("{jwt.");
    qsizetype from = 0;
    while ((from = text.indexOf(open, from)) >= 0) {
        const qsizetype end = text.indexOf(u'}', from);
        if (end < 0)
            break;
        const QString path = text.mid(from + open.size(), end - from - open.size());
        const std::optional<QString> value = claimText(p, path);
        if (!value) {
            if (unfilled->isEmpty())
                *unfilled = text.mid(from, end - from + 1);
            from = end + 1;
            continue;
        }
        text.replace(from, end - from + 1, *value);
        from += value->size();
    }
    return text;
}

std::shared_ptr<FilterNode> instantiate(const FilterNode &node, const Principal &p,
                                        QString *unfilled)
{
    auto copy = std::make_shared<FilterNode>(node);
    for (FilterValue &v : copy->values) {
        if (v.value.typeId() == QMetaType::QString) {
            v.value = fillPlaceholders(v.value.toString(), p, unfilled);
            v.text = v.value.toString();
        }
    }
    for (auto &child : copy->children)
        child = instantiate(*child, p, unfilled);
    return copy;
}

Error denial(const Principal &principal, const AccessRequest &request, const QString &message)
{
    QJsonObject context { { u"service"_s, request.service },
                          { u"component"_s, request.component },
                          { u"verb"_s, verbNames(request.verb) } };
    if (principal.role)
        context.insert(u"role"_s, principal.role->name);
    else if (principal.isAdmin())
        context.insert(u"role"_s, u"admin"_s);
    return Error::forbidden(message, context);
}

} // namespace

AccessVerdict judgeAccess(const Principal &principal, const AccessRequest &request)
{
    if (principal.kind == Principal::Kind::Anonymous)
        return { AccessOutcome::Unauthenticated };
    if (request.serviceReadOnly && request.verb != VerbGet)
        return { AccessOutcome::ReadOnlyService };
    if (principal.isAdmin())
        return { AccessOutcome::Allowed };
    if (!principal.role)
        return { AccessOutcome::NoRole };

    AccessVerdict nearest { AccessOutcome::NoServiceRule };
    const QList<AccessRule> &rules = principal.role->rules;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const AccessRule &rule = rules.at(i);
        const bool verb = rule.verbs & request.verb;
        // Once a rule lacks only the verb, later rules matter only when they match outright.
        if (!verb && nearest.outcome == AccessOutcome::NoVerbRule)
            continue;
        if (!rule.matchesService(request.service))
            continue;
        if (!rule.matchesComponent(request.component)) {
            if (nearest.outcome == AccessOutcome::NoServiceRule)
                nearest = { AccessOutcome::NoComponentRule, int(i) };
            continue;
        }
        if (verb)
            return { AccessOutcome::Allowed, int(i) };
        nearest = { AccessOutcome::NoVerbRule, int(i) };
    }
    return nearest;
}

Result<FilterExpr> rowFilterOf(const AccessRule &rule, const Principal &principal)
{
    if (!rule.filter)
        return FilterExpr();
    QString unfilled;
    FilterExpr filter = instantiate(*rule.filter, principal, &unfilled);
    if (!unfilled.isEmpty()) {
        return Error::forbidden(
            principal.issuer.isEmpty()
                ? u"The row filter's placeholder %1 needs an identity provider's token"_s.arg(
                    unfilled)
                : u"The token has no string, number or boolean claim for the row filter's "
                  "placeholder %1"_s.arg(unfilled));
    }
    return filter;
}

Result<AccessGrant> decideAccess(const Principal &principal, const AccessRequest &request)
{
    const AccessVerdict verdict = judgeAccess(principal, request);
    switch (verdict.outcome) {
    case AccessOutcome::Allowed:
        if (verdict.rule < 0)
            return AccessGrant {};
        {
            Result<FilterExpr> filter =
                rowFilterOf(principal.role->rules.at(verdict.rule), principal);
            if (!filter)
                return denial(principal, request, filter.error().message);
            return AccessGrant { *filter };
        }
    case AccessOutcome::Unauthenticated:
        return Error::unauthorized(
            u"Credentials required: send X-API-Key or Authorization: Bearer <token>"_s);
    case AccessOutcome::ReadOnlyService:
        return denial(principal, request, u"Service '%1' is read-only"_s.arg(request.service));
    case AccessOutcome::NoRole: return denial(principal, request, u"This API key has no role"_s);
    case AccessOutcome::NoServiceRule:
    case AccessOutcome::NoComponentRule:
    case AccessOutcome::NoVerbRule: break;
    }
    return denial(
        principal, request,
        u"Role '%1' may not %2 %3 on service '%4'"_s.arg(
            principal.role->name, verbNames(request.verb), request.component, request.service));
}

FilterExpr restrictFilter(const FilterExpr &roleFilter, const FilterExpr &callerFilter)
{
    if (!roleFilter)
        return callerFilter;
    if (!callerFilter)
        return roleFilter;
    auto both = std::make_shared<FilterNode>();
    both->kind = FilterNode::Kind::And;
    both->children = { std::const_pointer_cast<FilterNode>(roleFilter),
                       std::const_pointer_cast<FilterNode>(callerFilter) };
    return both;
}

} // namespace sluice
