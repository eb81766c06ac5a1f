#include "db/postgres/postgresdsn.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// libpq keywords passed through to libpq as connect options. client_encoding is left out on
// purpose: the session must stay UTF-8.
const QStringList &passThroughKeys()
{
    static const QStringList keys = {
        u"application_name"_s,
        u"channel_binding"_s,
        u"connect_timeout"_s,
        u"fallback_application_name"_s,
        u"gssencmode"_s,
        u"gsslib"_s,
        u"hostaddr"_s,
        u"keepalives"_s,
        u"keepalives_count"_s,
        u"keepalives_idle"_s,
        u"keepalives_interval"_s,
        u"krbsrvname"_s,
        u"options"_s,
        u"passfile"_s,
        u"requirepeer"_s,
        u"service"_s,
        u"ssl_max_protocol_version"_s,
        u"ssl_min_protocol_version"_s,
        u"sslcert"_s,
        u"sslcompression"_s,
        u"sslcrl"_s,
        u"sslcrldir"_s,
        u"sslkey"_s,
        u"sslmode"_s,
        u"sslpassword"_s,
        u"sslrootcert"_s,
        u"sslsni"_s,
        u"target_session_attrs"_s,
        u"tcp_user_timeout"_s,
    };
    return keys;
}

Error dsnError(const QString &what)
{
    return Error::badRequest(u"PostgreSQL DSN: "_s + what);
}

bool parsePort(const QString &text, int *port)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > 65535 || text.startsWith(u'+') || text.startsWith(u'-'))
        return false;
    *port = value;
    return true;
}

// Files one key=value pair into the DSN; false with an error naming the key when unknown.
Status assign(PostgresDsn &dsn, const QString &key, const QString &value)
{
    if (key == u"host"_s) {
        if (value.contains(u','))
            return dsnError(u"several hosts are not supported"_s);
        dsn.host = value;
    } else if (key == u"port"_s) {
        if (!parsePort(value, &dsn.port))
            return dsnError(u"port must be a number from 1 to 65535"_s);
    } else if (key == u"dbname"_s) {
        dsn.database = value;
    } else if (key == u"user"_s) {
        dsn.user = value;
    } else if (key == u"password"_s) {
        dsn.password = value;
    } else if (passThroughKeys().contains(key)) {
        // QPSQL turns every ';' of the options string into a space, which would corrupt the
        // value silently.
        if (value.contains(u';'))
            return dsnError(u"the value of \"%1\" may not contain ';'"_s.arg(key));
        dsn.options.append({ key, value });
    } else {
        return dsnError(u"unknown key \"%1\""_s.arg(key));
    }
    return {};
}

QString decode(QStringView text)
{
    return QUrl::fromPercentEncoding(text.toUtf8());
}

// postgres://[user[:password]@][host][:port][/dbname][?key=value&…]
Result<PostgresDsn> parseUrl(const QString &url)
{
    PostgresDsn dsn;
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
    if (authority.startsWith(u'[')) { // [IPv6]
        const qsizetype close = authority.indexOf(u']');
        if (close < 0)
            return dsnError(u"unterminated '[' in the host"_s);
        dsn.host = authority.mid(1, close - 1).toString();
        const QStringView after = authority.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(u':'))
            return dsnError(u"unexpected text after the host"_s);
        portText = after.mid(1);
        if (after.startsWith(u':') && portText.isEmpty())
            return dsnError(u"port must be a number from 1 to 65535"_s);
    } else {
        const qsizetype colon = authority.indexOf(u':');
        dsn.host = decode(authority.left(colon));
        if (colon >= 0) {
            portText = authority.mid(colon + 1);
            if (portText.isEmpty())
                return dsnError(u"port must be a number from 1 to 65535"_s);
        }
    }
    if (dsn.host.contains(u','))
        return dsnError(u"several hosts are not supported"_s);
    if (!portText.isEmpty() && !parsePort(portText.toString(), &dsn.port))
        return dsnError(u"port must be a number from 1 to 65535"_s);

    if (!query.isEmpty()) {
        for (const QStringView pair : query.split(u'&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf(u'=');
            if (eq <= 0)
                return dsnError(u"each URL parameter must be key=value"_s);
            const Status s = assign(dsn, decode(pair.left(eq)), decode(pair.mid(eq + 1)));
            if (!s)
                return s.error();
        }
    }
    return dsn;
}

// libpq's key = value list: values bare (up to whitespace) or single-quoted; a backslash escapes
// the next character in both.
Result<PostgresDsn> parseKeywords(const QString &text)
{
    PostgresDsn dsn;
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto skipSpace = [&] {
        while (i < n && text.at(i).isSpace())
            ++i;
    };
    while (true) {
        skipSpace();
        if (i >= n)
            break;
        const qsizetype keyStart = i;
        while (i < n && (text.at(i).isLetterOrNumber() || text.at(i) == u'_'))
            ++i;
        const QString key = text.mid(keyStart, i - keyStart);
        skipSpace();
        // The offending token is not echoed: it may be a stray password.
        if (key.isEmpty() || i >= n || text.at(i) != u'=')
            return dsnError(u"expected key=value at character %1"_s.arg(keyStart + 1));
        ++i;
        skipSpace();
        QString value;
        if (i < n && text.at(i) == u'\'') {
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar c = text.at(i++);
                if (c == u'\\' && i < n) {
                    value += text.at(i++);
                } else if (c == u'\'') {
                    closed = true;
                    break;
                } else {
                    value += c;
                }
            }
            if (!closed)
                return dsnError(u"unterminated quoted value for \"%1\""_s.arg(key));
        } else {
            while (i < n && !text.at(i).isSpace()) {
                const QChar c = text.at(i++);
                if (c == u'\\' && i < n)
                    value += text.at(i++);
                else
                    value += c;
            }
        }
        if (const Status s = assign(dsn, key, value); !s)
            return s.error();
    }
    return dsn;
}

} // namespace

Result<PostgresDsn> PostgresDsn::parse(const QString &text)
{
    const QString dsn = text.trimmed();
    if (dsn.isEmpty())
        return dsnError(u"empty"_s);
    const QString lower = dsn.left(16).toLower();
    if (lower.startsWith(u"postgres://"_s) || lower.startsWith(u"postgresql://"_s))
        return parseUrl(dsn);
    if (dsn.contains(u"://"_s))
        return dsnError(u"the URL scheme must be postgres:// or postgresql://"_s);
    return parseKeywords(dsn);
}

QString PostgresDsn::connectOptions() const
{
    QStringList parts;
    for (const auto &[key, value] : options) {
        QString quoted = value;
        quoted.replace(u"\\"_s, u"\\\\"_s).replace(u"'"_s, u"\\'"_s);
        parts << key + u"='"_s + quoted + u'\'';
    }
    return parts.join(u';');
}

} // namespace sluice
