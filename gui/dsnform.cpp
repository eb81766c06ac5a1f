#include "gui/dsnform.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString field(const QVariantMap &fields, const QString &name)
{
    return fields.value(name).toString().trimmed();
}

// postgres://user@host:port/database, each part percent-encoded by QUrl.
QString serverUrl(const QString &scheme, const QVariantMap &fields)
{
    QUrl url;
    url.setScheme(scheme);
    url.setHost(field(fields, u"host"_s).isEmpty() ? u"localhost"_s : field(fields, u"host"_s));
    if (const int port = field(fields, u"port"_s).toInt(); port > 0 && port < 65536)
        url.setPort(port);
    if (const QString user = field(fields, u"user"_s); !user.isEmpty())
        url.setUserName(user);
    if (const QString database = field(fields, u"database"_s); !database.isEmpty())
        url.setPath(u'/' + database);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace

QString composeDsn(const QString &driver, const QVariantMap &fields)
{
    if (driver == u"sqlite"_s)
        return field(fields, u"file"_s);
    if (driver == u"postgres"_s)
        return serverUrl(u"postgres"_s, fields);
    if (driver == u"mysql"_s)
        return serverUrl(u"mysql"_s, fields);
    return field(fields, u"connection_string"_s);
}

} // namespace sluice
