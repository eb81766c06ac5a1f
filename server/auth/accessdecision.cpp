#include "auth/accessdecision.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Fills {key.id}, {key.label}, {role.name} and {admin.email} in the filter's string values.
QString fillPlaceholders(QString text, const Principal &p)
{
    if (!text.contains(u'{'))
        return text;
    text.replace(u"{key.id}"_s, p.keyId ? QString::number(p.keyId) : QString());
    text.replace(u"{key.label}"_s, p.keyLabel);
    text.replace(u"{role.name}"_s, p.role ? p.role->name : QString());
    text.replace(u"{admin.email}"_s, p.email);
    return text;
}

std::shared_ptr<FilterNode> instantiate(const FilterNode &node, const Principal &p)
{
    auto copy = std::make_shared<FilterNode>(node);
    for (FilterValue &v : copy->values) {
        if (v.value.typeId() == QMetaType::QString) {
            v.value = fillPlaceholders(v.value.toString(), p);
            v.text = v.value.toString();
        }
    }
    for (auto &child : copy->children)
        child = instantiate(*child, p);
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

FilterExpr rowFilterOf(const AccessRule &rule, const Principal &principal)
{
    return rule.filter ? instantiate(*rule.filter, principal) : FilterExpr();
}

Result<AccessGrant> decideAccess(const Principal &principal, const AccessRequest &request)
{
    const AccessVerdict verdict = judgeAccess(principal, request);
    switch (verdict.outcome) {
    case AccessOutcome::Allowed:
        if (verdict.rule < 0)
            return AccessGrant {};
        return AccessGrant { rowFilterOf(principal.role->rules.at(verdict.rule), principal) };
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
