#include "auth/accessexplanation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString literal(const FilterValue &v)
{
    if (v.value.isNull())
        return u"NULL"_s;
    if (v.value.typeId() == QMetaType::QString)
        return u'\'' + v.value.toString().replace(u'\'', u"''"_s) + u'\'';
    if (v.value.typeId() == QMetaType::Bool)
        return v.value.toBool() ? u"true"_s : u"false"_s;
    return v.text.isEmpty() ? v.value.toString() : v.text;
}

QString operand(const FilterNode &child)
{
    const QString text = filterToText(child);
    return child.kind == FilterNode::Kind::Comparison ? text : u'(' + text + u')';
}

// Every verb by name, "*" spelled out, as the system API writes a rule's verbs.
QJsonArray verbArray(int mask)
{
    QJsonArray names;
    for (const int bit : { VerbGet, VerbPost, VerbPut, VerbPatch, VerbDelete }) {
        if (mask & bit)
            names.append(verbNames(bit));
    }
    return names;
}

QString kindOf(const Principal &p)
{
    switch (p.kind) {
    case Principal::Kind::Admin: return u"admin"_s;
    case Principal::Kind::ApiKey:
        if (!p.issuer.isEmpty())
            return u"token"_s;
        return p.keyId > 0 ? u"api_key"_s : u"role"_s;
    case Principal::Kind::Anonymous: break;
    }
    return u"anonymous"_s;
}

QString ruleLabel(const AccessExplanation &e)
{
    return u"rule %1 (%2)"_s.arg(e.rulePosition).arg(ruleSpec(*e.rule));
}

QString reasonOf(const AccessExplanation &e)
{
    const AccessRequest &r = e.request;
    const QString verb = verbNames(r.verb);
    switch (e.verdict.outcome) {
    case AccessOutcome::Allowed:
        if (!e.rule)
            return u"Admins pass every role rule"_s;
        return u"Allowed by %1: it covers service '%2', %3 and %4"_s.arg(ruleLabel(e), r.service,
                                                                         r.component, verb);
    case AccessOutcome::Unauthenticated: return u"No credentials: the request would be 401"_s;
    case AccessOutcome::ReadOnlyService:
        return u"Service '%1' is read-only: it refuses %2, admins included"_s.arg(r.service, verb);
    case AccessOutcome::NoRole: return u"This API key has no role"_s;
    case AccessOutcome::NoServiceRule:
        return u"Role '%1' has no rule for service '%2'"_s.arg(e.role, r.service);
    case AccessOutcome::NoComponentRule:
        return u"Role '%1' has a rule for service '%2' but none for %3; the nearest, %4, covers "
               "%5"_s.arg(e.role, r.service, r.component, ruleLabel(e), e.rule->component);
    case AccessOutcome::NoVerbRule:
        return u"Role '%1' has no rule allowing %2 on %3; the nearest, %4, allows only %5"_s.arg(
            e.role, verb, r.component, ruleLabel(e), verbNames(e.rule->verbs));
    }
    return {};
}

} // namespace

QString filterToText(const FilterNode &f)
{
    switch (f.kind) {
    case FilterNode::Kind::And:
    case FilterNode::Kind::Or: {
        QStringList parts;
        for (const auto &child : f.children)
            parts << operand(*child);
        return parts.join(f.kind == FilterNode::Kind::And ? u" AND "_s : u" OR "_s);
    }
    case FilterNode::Kind::Not:
        return f.children.isEmpty() ? QString() : u"NOT "_s + operand(*f.children.first());
    case FilterNode::Kind::Comparison: break;
    }
    const QString head = f.column + u' ' + filterOpName(f.op);
    switch (filterOperator(f.op).operands) {
    case FilterOperands::None: return head;
    case FilterOperands::Range:
        if (f.values.size() == 2)
            return head + u' ' + literal(f.values.at(0)) + u" AND "_s + literal(f.values.at(1));
        break;
    case FilterOperands::List: {
        QStringList items;
        for (const FilterValue &v : f.values)
            items << literal(v);
        return head + u" ("_s + items.join(u", "_s) + u')';
    }
    case FilterOperands::Value:
    case FilterOperands::Text: break;
    }
    return f.values.isEmpty() ? head : head + u' ' + literal(f.values.first());
}

QString ruleSpec(const AccessRule &rule)
{
    QString spec = rule.service + u':' + rule.component + u':' + verbNames(rule.verbs);
    if (!rule.filterText.isEmpty())
        spec += u':' + rule.filterText;
    return spec;
}

QString outcomeName(AccessOutcome outcome)
{
    switch (outcome) {
    case AccessOutcome::Allowed: return u"allowed"_s;
    case AccessOutcome::Unauthenticated: return u"unauthenticated"_s;
    case AccessOutcome::ReadOnlyService: return u"read_only_service"_s;
    case AccessOutcome::NoRole: return u"no_role"_s;
    case AccessOutcome::NoServiceRule: return u"no_service_rule"_s;
    case AccessOutcome::NoComponentRule: return u"no_component_rule"_s;
    case AccessOutcome::NoVerbRule: return u"no_verb_rule"_s;
    }
    return {};
}

AccessExplanation explainAccess(const Principal &principal, const AccessRequest &request)
{
    AccessExplanation e;
    e.kind = kindOf(principal);
    e.actor = principal.actor();
    e.keyId = principal.keyId;
    e.keyPrefix = principal.keyPrefix;
    e.keyLabel = principal.keyLabel;
    e.email = principal.email;
    e.issuer = principal.issuer;
    e.subject = principal.subject;
    e.tenant = principal.tenant;
    if (principal.role)
        e.role = principal.role->name;
    e.request = request;
    e.verdict = judgeAccess(principal, request);
    e.allowed = e.verdict.outcome == AccessOutcome::Allowed;
    e.status = e.allowed ? 200 : e.verdict.outcome == AccessOutcome::Unauthenticated ? 401 : 403;
    if (e.verdict.rule >= 0 && principal.role) {
        e.rule = principal.role->rules.at(e.verdict.rule);
        e.rulePosition = e.verdict.rule + 1;
        if (e.allowed) {
            const Result<FilterExpr> filter = rowFilterOf(*e.rule, principal);
            if (!filter) {
                e.allowed = false;
                e.status = 403;
                e.reason = filter.error().message;
            } else if (*filter) {
                e.rowFilter = filterToText(**filter);
            }
        }
    }
    if (e.reason.isEmpty())
        e.reason = reasonOf(e);
    return e;
}

void explainTenancy(AccessExplanation &e, Tenancy tenancy, const Status &routed)
{
    e.tenancy = tenancyName(tenancy);
    if (tenancy == Tenancy::None)
        return;
    // Only its 403s are about the tenant; a backend that is there but unreadable (503) or a
    // service gone meanwhile (404) is no part of the access decision.
    const bool refused = !routed && routed.error().kind == ErrorKind::Forbidden;
    e.tenantBackend = !e.tenant.isEmpty() && !refused;
    if (!refused || e.status == 401)
        return;
    e.tenantOutcome = e.tenant.isEmpty() ? u"no_tenant"_s : u"no_tenant_backend"_s;
    e.reason = routed.error().message + u". The role alone: "_s + e.reason;
    e.allowed = false;
    e.status = 403;
    e.rowFilter.clear();
}

QJsonObject explanationJson(const AccessExplanation &e)
{
    QJsonObject identity { { u"kind"_s, e.kind }, { u"actor"_s, e.actor } };
    if (e.keyId > 0)
        identity.insert(u"key_id"_s, e.keyId);
    if (!e.keyPrefix.isEmpty())
        identity.insert(u"key_prefix"_s, e.keyPrefix);
    if (!e.keyLabel.isEmpty())
        identity.insert(u"key_label"_s, e.keyLabel);
    if (!e.email.isEmpty())
        identity.insert(u"email"_s, e.email);
    if (!e.issuer.isEmpty()) {
        identity.insert(u"issuer"_s, e.issuer);
        identity.insert(u"subject"_s, e.subject);
    }
    QJsonValue rule = QJsonValue::Null;
    if (e.rule) {
        rule = QJsonObject { { u"position"_s, e.rulePosition },
                             { u"service"_s, e.rule->service },
                             { u"component"_s, e.rule->component },
                             { u"verbs"_s, verbArray(e.rule->verbs) },
                             { u"filter"_s,
                               e.rule->filterText.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(e.rule->filterText) } };
    }
    QJsonObject json {
        { u"identity"_s, identity },
        { u"role"_s, e.role.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.role) },
        { u"request"_s,
          QJsonObject { { u"service"_s, e.request.service },
                        { u"component"_s, e.request.component },
                        { u"verb"_s, verbNames(e.request.verb) },
                        { u"read_only"_s, e.request.serviceReadOnly } } },
        { u"allowed"_s, e.allowed },
        { u"status"_s, e.status },
        { u"tenant"_s, e.tenant.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.tenant) },
        { u"outcome"_s,
          e.tenantOutcome.isEmpty() ? outcomeName(e.verdict.outcome) : e.tenantOutcome },
        { u"rule"_s, rule },
        { u"row_filter"_s,
          e.rowFilter.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.rowFilter) },
        { u"reason"_s, e.reason },
    };
    if (!e.tenancy.isEmpty()) {
        json.insert(u"tenancy"_s, e.tenancy);
        json.insert(u"tenant_backend"_s,
                    e.tenantBackend ? QJsonValue(*e.tenantBackend) : QJsonValue(QJsonValue::Null));
    }
    return json;
}

QStringList explanationLines(const AccessExplanation &e)
{
    QString who;
    if (e.kind == u"api_key"_s)
        who = u"API key %1%2"_s.arg(
            e.keyPrefix, e.keyLabel.isEmpty() ? QString() : u" (label '%1')"_s.arg(e.keyLabel));
    else if (e.kind == u"admin"_s)
        who = u"admin %1"_s.arg(e.email);
    else if (e.kind == u"token"_s)
        who =
            u"token from %1, subject %2"_s.arg(e.issuer, e.subject.isEmpty() ? u"-"_s : e.subject);
    else if (e.kind == u"role"_s)
        who = u"role %1 without a key"_s.arg(e.role);
    else
        who = u"anonymous"_s;
    QStringList lines {
        u"identity:   "_s + who,
        u"role:       "_s + (e.role.isEmpty() ? u"-"_s : e.role),
    };
    if (!e.tenant.isEmpty() || e.tenantBackend) {
        QString tenant = e.tenant.isEmpty() ? u"none"_s : e.tenant;
        if (e.tenantBackend) {
            const QString backend = e.tenant.isEmpty() ? u"it needs one"_s
                : *e.tenantBackend                     ? u"this tenant has a backend"_s
                                                       : u"no backend for this tenant"_s;
            tenant += u" (service %1 is per tenant by %2: %3)"_s.arg(e.request.service, e.tenancy,
                                                                     backend);
        }
        lines << u"tenant:     "_s + tenant;
    }
    lines << u"request:    %1 %2 on service %3%4"_s.arg(
        verbNames(e.request.verb), e.request.component, e.request.service,
        e.request.serviceReadOnly ? u" (read-only)"_s : QString())
          << u"decision:   "_s + (e.allowed ? u"allowed"_s : u"denied (%1)"_s.arg(e.status));
    if (e.rule)
        lines << (e.allowed ? u"rule:       %1: %2"_s : u"nearest:    %1: %2"_s)
                     .arg(e.rulePosition)
                     .arg(ruleSpec(*e.rule));
    if (e.allowed)
        lines << u"row filter: "_s + (e.rowFilter.isEmpty() ? u"none (every row)"_s : e.rowFilter);
    lines << u"why:        "_s + e.reason;
    return lines;
}

} // namespace sluice
