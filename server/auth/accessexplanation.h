#pragma once

#include "auth/accessdecision.h"

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
    // The caller: "admin", "api_key", "role" (a role acting without a key: the desktop's
    // "View as", `sluice mcp --role`) or "anonymous".
    QString kind;
    QString actor; // as the audit log names it
    qint64 keyId = 0;
    QString keyPrefix;
    QString keyLabel;
    QString email; // an admin's
    QString role; // the role's name; empty for admins and anonymous callers

    AccessRequest request;
    AccessVerdict verdict;
    bool allowed = false;
    int status = 200; // what the request path answers: 200, 401 or 403
    std::optional<AccessRule> rule; // the rule that matched, or the nearest one when denied
    int rulePosition = 0; // that rule's position in the role, counted from 1
    QString rowFilter; // the matched rule's filter with the caller's placeholders filled in
    QString reason; // one sentence
};

AccessExplanation explainAccess(const Principal &principal, const AccessRequest &request);

// A filter as filter text (string literals quoted, '' for a quote), e.g. "owner = 'ann''s'".
QString filterToText(const FilterNode &filter);
// A rule as `--access` writes it: "shop:_table/books:GET,POST[:stars >= 3]".
QString ruleSpec(const AccessRule &rule);
// The outcome as JSON names it: "allowed", "unauthenticated", "read_only_service", "no_role",
// "no_service_rule", "no_component_rule", "no_verb_rule".
QString outcomeName(AccessOutcome outcome);

// {identity:{kind, actor, key_id?, key_prefix?, key_label?, email?}, role, request:{service,
// component, verb, read_only}, allowed, status, outcome, rule:{position, service, component,
// verbs:[…], filter}|null, row_filter|null, reason} (docs/api.md, System API).
QJsonObject explanationJson(const AccessExplanation &explanation);
// The same for people, one "label  value" line each.
QStringList explanationLines(const AccessExplanation &explanation);

} // namespace sluice
