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

Result<AccessGrant> decideAccess(const Principal &principal, const AccessRequest &request)
{
    if (principal.kind == Principal::Kind::Anonymous)
        return Error::unauthorized(
            u"Credentials required: send X-API-Key or Authorization: Bearer <token>"_s);
    if (request.serviceReadOnly && request.verb != VerbGet)
        return denial(principal, request, u"Service '%1' is read-only"_s.arg(request.service));
    if (principal.isAdmin())
        return AccessGrant {};
    if (!principal.role)
        return denial(principal, request, u"This API key has no role"_s);

    for (const AccessRule &rule : principal.role->rules) {
        if (!(rule.verbs & request.verb) || !rule.matchesService(request.service)
            || !rule.matchesComponent(request.component))
            continue;
        AccessGrant grant;
        if (rule.filter)
            grant.rowFilter = instantiate(*rule.filter, principal);
        return grant;
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
