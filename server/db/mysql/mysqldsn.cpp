#include "db/mysql/mysqldsn.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Error dsnError(const QString &what)
{
    return Error::badRequest(u"MySQL DSN: "_s + what);
}

QString decode(QStringView text)
{
    return QUrl::fromPercentEncoding(text.toUtf8());
}

bool parsePort(QStringView text, int *port)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > 65535 || text.startsWith(u'+') || text.startsWith(u'-'))
        return false;
    *port = value;
    return true;
}

bool isPositiveSeconds(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value > 0 && !text.startsWith(u'+');
}

// The URL parameters and the QMYSQL option each one sets. Qt 6.4's QMYSQL has no option for
// MYSQL_OPT_SSL_MODE or server-certificate verification, so only what it can enforce is offered.
Status assign(MysqlDsn &dsn, QString key, const QString &value)
{
    key.replace(u'_', u'-'); // ssl_mode and ssl-mode, connect_timeout and connect-timeout
    // QMYSQL splits its options at ';' and would silently cut the value.
    if (value.contains(u';'))
        return dsnError(u"the value of \"%1\" may not contain ';'"_s.arg(key));

    static const QHash<QString, QString> timeouts = {
        { u"connect-timeout"_s, u"MYSQL_OPT_CONNECT_TIMEOUT"_s },
        { u"read-timeout"_s, u"MYSQL_OPT_READ_TIMEOUT"_s },
        { u"write-timeout"_s, u"MYSQL_OPT_WRITE_TIMEOUT"_s },
    };
    static const QHash<QString, QString> tlsFiles = {
        { u"ssl-ca"_s, u"SSL_CA"_s },         { u"ssl-capath"_s, u"SSL_CAPATH"_s },
        { u"ssl-cert"_s, u"SSL_CERT"_s },     { u"ssl-key"_s, u"SSL_KEY"_s },
        { u"ssl-cipher"_s, u"SSL_CIPHER"_s },
    };
    if (key == u"ssl-mode"_s) {
        const QString mode = value.toLower();
        if (mode == u"required"_s)
            dsn.options.append({ u"CLIENT_SSL"_s, QString() });
        else if (mode != u"disabled"_s)
            return dsnError(u"ssl-mode must be disabled or required"_s);
    } else if (const auto it = timeouts.constFind(key); it != timeouts.cend()) {
        if (!isPositiveSeconds(value))
            return dsnError(u"%1 must be a positive number of seconds"_s.arg(key));
        dsn.options.append({ *it, value });
    } else if (const auto file = tlsFiles.constFind(key); file != tlsFiles.cend()) {
        if (value.isEmpty())
            return dsnError(u"%1 needs a value"_s.arg(key));
        dsn.options.append({ *file, value });
    } else if (key == u"socket"_s) {
        if (value.isEmpty())
            return dsnError(u"socket needs a value"_s);
        dsn.options.append({ u"UNIX_SOCKET"_s, value });
    } else if (key == u"compress"_s) {
        if (value == u"true"_s || value == u"1"_s)
            dsn.options.append({ u"CLIENT_COMPRESS"_s, QString() });
        else if (value != u"false"_s && value != u"0"_s)
            return dsnError(u"compress must be true or false"_s);
    } else {
        return dsnError(u"unknown parameter \"%1\""_s.arg(key));
    }
    return {};
}

} // namespace

// mysql://[user[:password]@][host][:port][/database][?key=value&…]
Result<MysqlDsn> MysqlDsn::parse(const QString &text)
{
    const QString url = text.trimmed();
    if (url.isEmpty())
        return dsnError(u"empty"_s);
    const QString lower = url.left(10).toLower();
    if (!lower.startsWith(u"mysql://"_s) && !lower.startsWith(u"mariadb://"_s))
        return dsnError(u"the DSN must be a mysql:// or mariadb:// URL"_s);

    MysqlDsn dsn;
    QStringView rest = QStringView(url).mid(url.indexOf(u"://"_s) + 3);
    QStringView query;
    if (const qsizetype q = rest.indexOf(u'?'); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    QStringView authority = rest;
    if (const qsizetype slash = rest.indexOf(u'/'); slash >= 0) {
        authority = rest.left(slash);
        const QStringView path = rest.mid(slash + 1);
        if (path.contains(u'/'))
            return dsnError(u"the path must be just the database name"_s);
        dsn.database = decode(path);
    }
    // The last '@' ends the user info, so an unencoded '@' in a password still works.
    if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0) {
        const QStringView userInfo = authority.left(at);
        authority = authority.mid(at + 1);
        const qsizetype colon = userInfo.indexOf(u':');
        dsn.user = decode(userInfo.left(colon));
        if (colon >= 0)
            dsn.password = decode(userInfo.mid(colon + 1));
    }
    QStringView portText;
    bool hasPort = false;
    if (authority.startsWith(u'[')) { // [IPv6]
        const qsizetype close = authority.indexOf(u']');
        if (close < 0)
            return dsnError(u"unterminated '[' in the host"_s);
        dsn.host = authority.mid(1, close - 1).toString();
        const QStringView after = authority.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(u':'))
            return dsnError(u"unexpected text after the host"_s);
        hasPort = after.startsWith(u':');
        portText = after.mid(1);
    } else {
        const qsizetype colon = authority.indexOf(u':');
        dsn.host = decode(authority.left(colon));
        hasPort = colon >= 0;
        if (hasPort)
            portText = authority.mid(colon + 1);
    }
    if (dsn.host.contains(u','))
        return dsnError(u"several hosts are not supported"_s);
    if (hasPort && !parsePort(portText, &dsn.port))
        return dsnError(u"port must be a number from 1 to 65535"_s);

    for (const QStringView pair : query.split(u'&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0)
            return dsnError(u"each URL parameter must be key=value"_s);
        if (Status s = assign(dsn, decode(pair.left(eq)), decode(pair.mid(eq + 1))); !s)
            return s.error();
    }
    return dsn;
}

QString MysqlDsn::connectOptions() const
{
    // Affected-row counts are rows matched, not rows changed: an UPDATE that writes the values a
    // row already has still reports it, as SQLite and PostgreSQL do.
    QStringList parts = { u"CLIENT_FOUND_ROWS"_s };
    for (const auto &[key, value] : options)
        parts << (value.isEmpty() ? key : key + u'=' + value);
    return parts.join(u';');
}

} // namespace sluice
