#pragma once

#include "auth/principal.h"
#include "core/result.h"
#include "query/filter.h"

namespace sluice {

struct AccessRequest
{
    QString service;
    QString component; // "_table", "_table/books", "_schema", "_schema/books", "_proc/p", "_sql"
    int verb = VerbGet;
    bool serviceReadOnly = false;
};

struct AccessGrant
{
    FilterExpr rowFilter; // placeholders filled in; null when every row is allowed
};

// How the decision came out, and why: the one walk over the rules that decideAccess() and
// explainAccess() (auth/accessexplanation.h) share.
enum class AccessOutcome {
    Allowed, // an admin (rule -1), or `rule` matched service, component and verb
    Unauthenticated, // anonymous: 401
    ReadOnlyService, // a verb other than GET on a read-only service
    NoRole, // an API key without a role
    NoServiceRule, // no rule of the role names the service
    NoComponentRule, // rules for the service (`rule`: the first), none covering the component
    NoVerbRule, // rules for the service and component (`rule`: the first), none with the verb
};

struct AccessVerdict
{
    AccessOutcome outcome = AccessOutcome::Unauthenticated;
    int rule = -1; // index into the role's rules: the one that matched, or the nearest one
};

// The decision without its consequences: allocates nothing. The first rule (in position order)
// matching service, component and verb allows; when none does, the nearest rule is the first
// covering service and component (only the verb is missing), else the first covering the service.
AccessVerdict judgeAccess(const Principal &principal, const AccessRequest &request);

// The rule's row filter with the caller's placeholders filled in ({key.id}, {key.label},
// {role.name}, {admin.email}, {jwt.sub}, {jwt.<claim.path>}): what a request allowed by `rule` is
// narrowed by. Null for none. Placeholders fill filter values, never SQL text. A {jwt.*}
// placeholder the caller cannot fill (no token; the claim missing or not a string, number or
// bool) is 403 naming it, so the filter never silently matches everything or nothing.
Result<FilterExpr> rowFilterOf(const AccessRule &rule, const Principal &principal);

// THE access decision: REST, MCP and every later front door ask this one function (through
// judgeAccess(), which says why).
// - a read-only service refuses every non-GET verb, admins included (403);
// - admins may do everything else;
// - an API key's role allows a request when one of its rules matches service, component and
//   verb; the first such rule (in position order) decides and brings its row filter;
// - everything else is denied: 403 with context {role, service, component, verb}.
Result<AccessGrant> decideAccess(const Principal &principal, const AccessRequest &request);

// Both filters must hold. The role's filter stays a separate operand, so nothing in the caller's
// filter ("… OR 1=1") can widen it. Either may be null.
FilterExpr restrictFilter(const FilterExpr &roleFilter, const FilterExpr &callerFilter);

} // namespace sluice
