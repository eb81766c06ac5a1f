#include "db/mysql/mysqldsn.h"

#include "db/urldsn.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Error dsnError(const QString &what)
{
    return Error::badRequest(u"MySQL DSN: "_s + what);
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
    if (!UrlDsn::hasScheme(url, { u"mysql", u"mariadb" }))
        return dsnError(u"the DSN must be a mysql:// or mariadb:// URL"_s);

    return UrlDsn::read<MysqlDsn>(url, dsnError, assign);
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
