#include "db/postgres/postgresdsn.h"

#include "db/urldsn.h"

#include <optional>

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

// Files one key=value pair into the DSN; false with an error naming the key when unknown.
Status assign(PostgresDsn &dsn, const QString &key, const QString &value)
{
    if (key == u"host"_s) {
        if (value.contains(u','))
            return dsnError(u"several hosts are not supported"_s);
        dsn.host = value;
    } else if (key == u"port"_s) {
        const std::optional<int> port = UrlDsn::parsePort(value);
        if (!port)
            return dsnError(UrlDsn::portError());
        dsn.port = *port;
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

} // namespace

Result<PostgresDsn> PostgresDsn::parse(const QString &text)
{
    const QString dsn = text.trimmed();
    if (dsn.isEmpty())
        return dsnError(u"empty"_s);
    // postgres://[user[:password]@][host][:port][/dbname][?key=value&…], the parameters being
    // libpq keywords
    if (UrlDsn::hasScheme(dsn, { u"postgres", u"postgresql" }))
        return UrlDsn::read<PostgresDsn>(dsn, dsnError, assign);
    if (dsn.contains(u"://"_s))
        return dsnError(u"the URL scheme must be postgres:// or postgresql://"_s);
    PostgresDsn parsed;
    const Status read = readPostgresKeywords(dsn, [&parsed](const PostgresKeyword &pair) {
        return assign(parsed, pair.key, pair.value);
    });
    if (!read)
        return read.error();
    return parsed;
}

Status readPostgresKeywords(const QString &text,
                            const std::function<Status(const PostgresKeyword &)> &visit)
{
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
        PostgresKeyword pair;
        pair.start = i;
        while (i < n && (text.at(i).isLetterOrNumber() || text.at(i) == u'_'))
            ++i;
        pair.key = text.mid(pair.start, i - pair.start);
        skipSpace();
        // The offending token is not echoed: it may be a stray password.
        if (pair.key.isEmpty() || i >= n || text.at(i) != u'=')
            return dsnError(u"expected key=value at character %1"_s.arg(pair.start + 1));
        ++i;
        skipSpace();
        if (i < n && text.at(i) == u'\'') {
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar c = text.at(i++);
                if (c == u'\\' && i < n) {
                    pair.value += text.at(i++);
                } else if (c == u'\'') {
                    closed = true;
                    break;
                } else {
                    pair.value += c;
                }
            }
            if (!closed)
                return dsnError(u"unterminated quoted value for \"%1\""_s.arg(pair.key));
        } else {
            while (i < n && !text.at(i).isSpace()) {
                const QChar c = text.at(i++);
                if (c == u'\\' && i < n)
                    pair.value += text.at(i++);
                else
                    pair.value += c;
            }
        }
        pair.length = i - pair.start;
        if (const Status s = visit(pair); !s)
            return s;
    }
    return {};
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
