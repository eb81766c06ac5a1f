#include "gui/dsnform.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString field(const QVariantMap &fields, const QString &name)
{
    return fields.value(name).toString().trimmed();
}

// scheme://user@host:port/database, user and database percent-encoded whole (a '/' or '?' in a
// database name must not read as URL syntax), an IPv6 host in brackets.
QString serverUrl(const QString &scheme, const QVariantMap &fields)
{
    QString host = field(fields, u"host"_s);
    if (host.isEmpty())
        host = u"localhost"_s;
    else if (host.contains(u':') && !host.startsWith(u'['))
        host = u'[' + host + u']';
    QString url = scheme + u"://"_s;
    if (const QString user = field(fields, u"user"_s); !user.isEmpty())
        url += QString::fromLatin1(QUrl::toPercentEncoding(user)) + u'@';
    url += host;
    if (const int port = field(fields, u"port"_s).toInt(); port > 0 && port < 65536)
        url += u':' + QString::number(port);
    if (const QString database = field(fields, u"database"_s); !database.isEmpty())
        url += u'/' + QString::fromLatin1(QUrl::toPercentEncoding(database));
    return url;
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
