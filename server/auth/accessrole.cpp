#include "auth/accessrole.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace sluice {

int verbBit(QStringView verb)
{
    if (verb == u"GET")
        return VerbGet;
    if (verb == u"POST")
        return VerbPost;
    if (verb == u"PUT")
        return VerbPut;
    if (verb == u"PATCH")
        return VerbPatch;
    if (verb == u"DELETE")
        return VerbDelete;
    return 0;
}

Result<int> parseVerbs(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == u"*"_s)
        return int(AllVerbs);
    int mask = 0;
    for (const QString &part : trimmed.split(u',')) {
        const int bit = verbBit(part.trimmed().toUpper());
        if (!bit)
            return Error::badRequest(
                u"Invalid verb '%1': use GET, POST, PUT, PATCH, DELETE or *"_s.arg(part.trimmed()));
        mask |= bit;
    }
    return mask;
}

QString verbNames(int mask)
{
    if ((mask & AllVerbs) == AllVerbs)
        return u"*"_s;
    QStringList names;
    for (const auto &[bit, name] :
         { std::pair { VerbGet, u"GET"_s }, std::pair { VerbPost, u"POST"_s },
           std::pair { VerbPut, u"PUT"_s }, std::pair { VerbPatch, u"PATCH"_s },
           std::pair { VerbDelete, u"DELETE"_s } }) {
        if (mask & bit)
            names << name;
    }
    return names.join(u',');
}

bool AccessRule::matchesService(QStringView name) const
{
    if (service == u"*"_s)
        return true;
    if (service.endsWith(u'*'))
        return name.startsWith(QStringView(service).chopped(1));
    return name == service;
}

bool AccessRule::matchesComponent(QStringView requested) const
{
    if (component == requested)
        return true;
    // Raw SQL passes by every row filter and table rule, so only a rule naming _sql grants it.
    if (component == u"*"_s)
        return requested != u"_sql"_s;
    // "_table/*" covers every table and the listing itself (docs/api.md, Roles, rules and the
    // access decision).
    if (component.endsWith(u"/*"_s)) {
        const QStringView base = QStringView(component).chopped(2);
        return requested == base
            || (requested.startsWith(base) && requested.sliced(base.size()).startsWith(u'/'));
    }
    // A bare area ("_table", "_schema", "_proc") covers everything inside it.
    if (!component.contains(u'/'))
        return requested.startsWith(component)
            && requested.sliced(component.size()).startsWith(u'/');
    return false;
}

Result<AccessRule> compileRule(const QString &service, const QString &component, int verbs,
                               const QString &filterText)
{
    static const QRegularExpression servicePattern(u"^(\\*|[A-Za-z0-9_-]{1,64}\\*?)$"_s);
    static const QRegularExpression componentPattern(
        u"^(\\*|_table(/(\\*|[^/]+))?|_schema(/(\\*|[^/]+))?|_proc(/(\\*|[^/]+))?|_sql)$"_s);
    if (!servicePattern.match(service).hasMatch())
        return Error::badRequest(
            u"Invalid service pattern '%1': use *, a service name or a prefix ending in *"_s.arg(
                service));
    if (!componentPattern.match(component).hasMatch())
        return Error::badRequest(u"Invalid component '%1': use *, _table, _table/*, _table/NAME, "
                                 "_schema[/NAME], _proc[/NAME] or _sql"_s.arg(component));
    if (verbs <= 0 || verbs > AllVerbs)
        return Error::badRequest(
            u"Invalid verbs: a rule needs at least one of GET, POST, PUT, PATCH, DELETE"_s);
    AccessRule rule { service, component, verbs, filterText.trimmed(), nullptr };
    if (!rule.filterText.isEmpty() && component == u"_sql"_s)
        return Error::badRequest(u"A _sql rule cannot have a row filter: raw SQL is not limited "
                                 "to rows; give such callers _table rules instead"_s);
    if (!rule.filterText.isEmpty()) {
        auto parsed = parseFilter(rule.filterText);
        if (!parsed) {
            Error e = parsed.error();
            e.message = u"Invalid row filter of rule %1:%2: "_s.arg(service, component) + e.message;
            return e;
        }
        rule.filter = *parsed;
    }
    return rule;
}

Result<AccessRule> parseAccessSpec(const QString &spec)
{
    const QStringList parts = spec.split(u':');
    if (parts.size() < 3)
        return Error::badRequest(
            u"Invalid access '%1': expected SERVICE:COMPONENT:VERBS[:FILTER]"_s.arg(spec));
    auto verbs = parseVerbs(parts.at(2));
    if (!verbs)
        return verbs.error();
    const QString filter = parts.size() > 3 ? parts.mid(3).join(u':') : QString();
    return compileRule(parts.at(0).trimmed(), parts.at(1).trimmed(), *verbs, filter);
}

} // namespace sluice
