#pragma once

#include "config/authrecords.h"
#include "core/result.h"
#include "query/filter.h"

#include <QList>
#include <QString>

namespace sluice {

// Verb bits (RoleVerb: GET=1 POST=2 PUT=4 PATCH=8 DELETE=16) come from config/authrecords.h.

// "GET" → VerbGet …; 0 for anything else.
int verbBit(QStringView verb);
// "GET,POST" or "*" → mask; BadRequest naming the bad verb.
Result<int> parseVerbs(const QString &text);
QString verbNames(int mask); // "GET,POST" or "*"

// One rule of a role: which service(s), which component(s), which verbs, and the row filter
// that narrows the rows it covers.
struct AccessRule
{
    QString service; // "*", exact name or "prefix*"
    QString component; // "*", "_table", "_table/*", "_table/<t>", "_schema[/<t>]", "_proc[/<p>]",
                       // "_sql" ("*" covers all but _sql: raw SQL is granted by name only)
    int verbs = 0;
    QString filterText; // as written; empty = every row
    FilterExpr filter; // parsed once; may hold {key.*}/{role.*}/{admin.*} placeholders in strings

    bool matchesService(QStringView service) const;
    bool matchesComponent(QStringView component) const;
};

struct AccessRole
{
    qint64 id = 0;
    QString name;
    QList<AccessRule> rules; // in position order: the first matching rule decides
    int rateLimitPerMinute = 0;
};

// Parses --access 'SERVICE:COMPONENT:VERBS[:FILTER]' (docs/api.md, Roles, rules and the access
// decision). The filter may itself contain
// ':' — everything after the third separator belongs to it.
Result<AccessRule> parseAccessSpec(const QString &spec);
// Checks a rule (patterns, verbs) and parses its filter. BadRequest names the problem.
Result<AccessRule> compileRule(const QString &service, const QString &component, int verbs,
                               const QString &filterText);

} // namespace sluice
