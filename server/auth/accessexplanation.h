#pragma once

#include "auth/accessdecision.h"
#include "config/serviceconfig.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace sluice {

// Why the access decision allows or denies a request (`sluice auth explain`,
// GET /api/v1/system/explain, the desktop's "View as"): who asks, as which role, and the rule
// that decided — or, when denied, what was missing and the rule that came nearest. Built from
// judgeAccess(), the same walk over the rules decideAccess() makes.
struct AccessExplanation
{
    // The caller: "admin", "api_key", "token" (an identity provider's, API.md §12), "role" (a
    // role acting without a key: the desktop's "View as", `sluice mcp --role`) or "anonymous".
    QString kind;
    QString actor; // as the audit log names it
    qint64 keyId = 0;
    QString keyPrefix;
    QString keyLabel;
    QString email; // an admin's
    QString issuer; // a token's "iss" and "sub"
    QString subject;
    QString tenant; // the tenant the caller acts for (API.md §11); empty: none
    QString role; // the role's name; empty for admins and anonymous callers

    AccessRequest request;
    AccessVerdict verdict;
    bool allowed = false;
    int status = 200; // what the request path answers: 200, 401 or 403
    std::optional<AccessRule> rule; // the rule that matched, or the nearest one when denied
    int rulePosition = 0; // that rule's position in the role, counted from 1
    QString rowFilter; // the matched rule's filter with the caller's placeholders filled in
    QString reason; // one sentence

    // What the service's tenancy (API.md §11) makes of the caller, when explainTenancy() was
    // asked: the tenancy's name ("none", "database", "schema", "setting"); for a per-tenant
    // service whether the caller's tenant has a backend there; and, when the service refuses
    // the caller before any rule is asked, why: "no_tenant" or "no_tenant_backend".
    QString tenancy;
    std::optional<bool> tenantBackend;
    QString tenantOutcome;
};

AccessExplanation explainAccess(const Principal &principal, const AccessRequest &request);
// Adds what the service's `tenancy` makes of the request. `routed` is what the tenancy resolver
// (api/resolver.h, resolveService) answered for the caller; on the request path it runs before
// the access decision, so its 403 (no tenant, no backend for the tenant) denies whatever the
// role allows, and the reason says both.
void explainTenancy(AccessExplanation &explanation, Tenancy tenancy, const Status &routed);

// A filter as filter text (string literals quoted, '' for a quote), e.g. "owner = 'ann''s'".
QString filterToText(const FilterNode &filter);
// A rule as `--access` writes it: "shop:_table/books:GET,POST[:stars >= 3]".
QString ruleSpec(const AccessRule &rule);
// The outcome as JSON names it: "allowed", "unauthenticated", "read_only_service", "no_role",
// "no_service_rule", "no_component_rule", "no_verb_rule".
QString outcomeName(AccessOutcome outcome);

// {identity:{kind, actor, key_id?, key_prefix?, key_label?, email?, issuer?, subject?}, role,
// tenant, tenancy?, tenant_backend?, request:{service, component, verb, read_only}, allowed,
// status, outcome, rule:{position, service, component, verbs:[…], filter}|null,
// row_filter|null, reason} (docs/api.md, System API). `outcome` is the tenancy's when it
// refuses ("no_tenant", "no_tenant_backend"), else the role decision's.
QJsonObject explanationJson(const AccessExplanation &explanation);
// The same for people, one "label  value" line each.
QStringList explanationLines(const AccessExplanation &explanation);

} // namespace sluice
