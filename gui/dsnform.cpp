#include "gui/dsnform.h"

#include "db/backends.h"
#include "db/urldsn.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString field(const QVariantMap &fields, const QString &name)
{
    return fields.value(name).toString().trimmed();
}

QString encoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// The URL parameter names of the form's TLS fields, per driver.
struct TlsKeys
{
    QString mode;
    QString ca;
};

TlsKeys tlsKeys(const QString &driver)
{
    if (driver == u"mysql"_s)
        return { u"ssl-mode"_s, u"ssl-ca"_s };
    return { u"sslmode"_s, u"sslrootcert"_s };
}

// scheme://user@host:port/database?params, user and database percent-encoded whole (a '/' or
// '?' in a database name must not read as URL syntax), an IPv6 host in brackets.
QString serverUrl(const QString &driver, const QVariantMap &fields)
{
    QString host = field(fields, u"host"_s);
    if (host.isEmpty())
        host = u"localhost"_s;
    else if (host.contains(u':') && !host.startsWith(u'['))
        host = u'[' + host + u']';
    QString url = driver + u"://"_s;
    if (const QString user = field(fields, u"user"_s); !user.isEmpty())
        url += encoded(user) + u'@';
    url += host;
    if (const int port = field(fields, u"port"_s).toInt(); port > 0 && port < 65536)
        url += u':' + QString::number(port);
    if (const QString database = field(fields, u"database"_s); !database.isEmpty())
        url += u'/' + encoded(database);
    QStringList parameters;
    const TlsKeys keys = tlsKeys(driver);
    if (const QString mode = field(fields, u"sslmode"_s); !mode.isEmpty())
        parameters << keys.mode + u'=' + encoded(mode);
    if (const QString ca = field(fields, u"sslca"_s); !ca.isEmpty())
        parameters << keys.ca + u'=' + encoded(ca);
    if (const QString extra = field(fields, u"extra"_s); !extra.isEmpty())
        parameters << extra;
    if (!parameters.isEmpty())
        url += u'?' + parameters.join(u'&');
    return url;
}

// One parameter into the form's fields: the TLS ones by name, the rest kept as written.
void fileParameter(const QString &driver, const QString &key, const QString &value,
                   QVariantMap &fields, QStringList &extra)
{
    const TlsKeys keys = tlsKeys(driver);
    QString normal = key;
    if (driver == u"mysql"_s)
        normal.replace(u'_', u'-'); // MySQL takes ssl_mode and ssl-mode alike
    if (normal == keys.mode)
        fields.insert(u"sslmode"_s, value);
    else if (normal == keys.ca)
        fields.insert(u"sslca"_s, value);
    else
        extra << encoded(key) + u'=' + encoded(value);
}

QVariantMap serverFields(const QString &driver, const QString &dsn)
{
    QVariantMap fields;
    QStringList extra;
    const auto put = [&fields](const QString &name, const QString &value) {
        if (!value.isEmpty())
            fields.insert(name, value);
    };
    if (dsn.contains(u"://"_s)) {
        const Result<UrlDsn> url = UrlDsn::parse(dsn);
        if (!url)
            return { { u"error"_s, url.error().message } };
        put(u"host"_s, url->host);
        if (url->port > 0)
            fields.insert(u"port"_s, QString::number(url->port));
        put(u"database"_s, url->database);
        put(u"user"_s, url->user);
        put(u"password"_s, url->password);
        for (const UrlDsn::Parameter &p : url->parameters)
            fileParameter(driver, p.key, p.value, fields, extra);
    } else if (driver == u"postgres"_s) {
        const Status read =
            readDsnKeywords(driver, dsn, [&](const QString &key, const QString &value) {
                if (key == u"host"_s || key == u"port"_s || key == u"user"_s
                    || key == u"password"_s)
                    put(key, value);
                else if (key == u"dbname"_s)
                    put(u"database"_s, value);
                else
                    fileParameter(driver, key, value, fields, extra);
            });
        if (!read)
            return { { u"error"_s, read.error().message } };
    } else {
        return { { u"error"_s, u"not a %1:// URL"_s.arg(driver) } };
    }
    put(u"extra"_s, extra.join(u'&'));
    return fields;
}

} // namespace

QString composeDsn(const QString &driver, const QVariantMap &fields)
{
    if (driver == u"sqlite"_s)
        return field(fields, u"file"_s);
    if (driver == u"postgres"_s || driver == u"mysql"_s)
        return serverUrl(driver, fields);
    return field(fields, u"connection_string"_s);
}

QVariantMap dsnFields(const QString &driver, const QString &dsn)
{
    if (driver == u"sqlite"_s)
        return { { u"file"_s, dsn.trimmed() } };
    if (driver == u"postgres"_s || driver == u"mysql"_s)
        return serverFields(driver, dsn.trimmed());
    return { { u"connection_string"_s, dsn.trimmed() } };
}

QVariantMap pastedConnection(const QString &text)
{
    const QString pasted = text.trimmed();
    QString driver;
    if (UrlDsn::hasScheme(pasted, { u"postgres", u"postgresql" }))
        driver = u"postgres"_s;
    else if (UrlDsn::hasScheme(pasted, { u"mysql", u"mariadb" }))
        driver = u"mysql"_s;
    else if (pasted.contains(u"://"_s))
        return { { u"error"_s,
                   u"Sluice reads postgres://, postgresql://, mysql:// and mariadb:// URLs"_s } };
    else if (pasted.contains(u'=') && pasted.contains(u';'))
        driver = u"odbc"_s;
    else if (!pasted.isEmpty())
        driver = u"sqlite"_s;
    else
        return { { u"error"_s, u"Paste a database URL or a file path"_s } };
    QVariantMap fields = dsnFields(driver, pasted);
    if (!fields.contains(u"error"_s))
        fields.insert(u"driver"_s, driver);
    return fields;
}

} // namespace sluice
