#include "api/accesstarget.h"

#include "auth/accessrole.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString tableComponent(const QString &table)
{
    return u"_table/"_s + table;
}

QString schemaComponent(const QString &table)
{
    return u"_schema/"_s + table;
}

QString procComponent(const QString &procedure)
{
    return u"_proc/"_s + procedure;
}

Result<AccessTarget> accessTargetOf(const QString &method, const QString &target)
{
    const QString verbName = method.trimmed().toUpper();
    const int verb = verbBit(verbName == u"HEAD"_s ? u"GET"_s : verbName);
    if (!verb)
        return Error::badRequest(
            u"Invalid method '%1': use GET, POST, PUT, PATCH or DELETE"_s.arg(method));
    QString path;
    QueryParams query;
    if (!splitTarget(target.toUtf8(), &path, &query))
        return Error::badRequest(u"Invalid path '%1': it must start with /"_s.arg(target));
    const QStringList s = path.split(u'/', Qt::SkipEmptyParts);
    const auto noRoute = [&] {
        return Error::badRequest(
            u"No route of the service API decides %1 %2; explain covers "
            "/api/v1/{service}/_table, _schema, _proc and _sql"_s.arg(verbName, path));
    };
    if (s.size() < 4 || s.at(0) != u"api"_s || s.at(1) != u"v1"_s || s.at(2) == u"system"_s)
        return noRoute();
    const QString &service = s.at(2);
    const QString &area = s.at(3);
    const qsizetype rest = s.size() - 4; // segments after the area
    const bool get = verb == VerbGet;
    // The shapes of installTableReadRoutes, installTableWriteRoutes, installSchemaRoutes,
    // installSchemaWriteRoutes, installProcRoutes and installSqlRoutes.
    if (area == u"_table"_s) {
        if (rest == 0 && get)
            return AccessTarget { service, u"_table"_s, verb,
                                  u"the listing shows the tables the role may read; it is 403 "
                                  "only when the role reaches none of them and not _table"_s };
        if (rest == 1 || (rest == 2 && verb != VerbPost))
            return AccessTarget { service, tableComponent(s.at(4)), verb, {} };
    } else if (area == u"_schema"_s) {
        if (rest == 0 && get)
            return AccessTarget { service, u"_schema"_s, verb,
                                  u"the schema shows the tables the role may read; it is 403 "
                                  "only when the role reaches none of them and not _schema"_s };
        if (rest == 0 && verb == VerbPost)
            return AccessTarget { service, u"_schema"_s, verb,
                                  u"creating a table is decided for _schema/<name> with the "
                                  "name from the body; this is the area as a whole"_s };
        if (rest == 1 && (get || verb == VerbPut || verb == VerbDelete))
            return AccessTarget { service, schemaComponent(s.at(4)), verb, {} };
    } else if (area == u"_proc"_s) {
        if (rest == 0 && get)
            return AccessTarget { service, u"_proc"_s, verb,
                                  u"the listing shows the routines the role may read or call"_s };
        if (rest == 1 && verb == VerbPost)
            return AccessTarget { service, procComponent(s.at(4)), verb, {} };
    } else if (area == u"_sql"_s && rest == 0) {
        if (verb == VerbPost)
            return AccessTarget { service, u"_sql"_s, verb,
                                  u"without POST on _sql, GET on _sql still runs statements "
                                  "read-only"_s };
        if (get)
            return AccessTarget { service, u"_sql"_s, verb,
                                  u"statements are sent with POST; GET on _sql allows running "
                                  "them read-only"_s };
    }
    return noRoute();
}

} // namespace sluice
