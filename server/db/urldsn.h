#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <initializer_list>
#include <optional>

namespace sluice {

// A database URL taken apart, the grammar the PostgreSQL and MySQL DSNs share (docs/dsn.md):
// scheme://[user[:password]@][host][:port][/database][?key=value&…]. User, password, host,
// database and parameters are percent-decoded (an [IPv6] host is taken as written); the last '@'
// ends the user info, so an unencoded '@' in a password still works. The scheme itself is not
// checked here: each backend knows its own (hasScheme). Error messages are neutral (each backend
// prefixes its name) and never contain a value, so a password in a malformed URL is never echoed
// back.
struct UrlDsn
{
    struct Parameter
    {
        QString key; // decoded
        QString value; // decoded
        qsizetype start = 0; // the pair as written is url.mid(start, length)
        qsizetype length = 0;
    };

    QString user;
    QString password;
    bool hasPassword = false; // true even for an empty one ("u:@h")
    QString host; // empty: none given
    int port = -1; // -1: none given
    bool hasPort = false;
    QString database; // empty: none given
    QList<Parameter> parameters; // in URL order, empty pairs ("a=1&&b=2") skipped

    // Where the parts are in the parsed text, for the password codecs that cut a URL without
    // reading it differently from the parser.
    qsizetype authorityStart = 0; // just after "://"
    qsizetype userEnd = -1; // the ':' before the password, else the '@'; -1: no user info
    qsizetype userInfoEnd = -1; // the '@' that ends the user info; -1: no user info
    qsizetype queryStart = -1; // the '?'; -1: no query

    static Result<UrlDsn> parse(QStringView url);

    // Whether `text` begins with one of `schemes` (lower-case, e.g. u"postgres") and "://", in
    // any letter case.
    static bool hasScheme(QStringView text, std::initializer_list<QStringView> schemes);

    // A backend's DSN read from its URL: parse(), the connection fields copied into a Dsn
    // (PostgresDsn, MysqlDsn: the same member names), then each parameter filed by
    // `assign(dsn, key, value)` (a Status) in URL order. `error` turns the neutral message of a
    // URL error into the backend's.
    template<typename Dsn, typename ErrorFn, typename AssignFn>
    static Result<Dsn> read(QStringView text, ErrorFn error, AssignFn assign)
    {
        const Result<UrlDsn> url = parse(text);
        if (!url)
            return error(url.error().message);
        Dsn dsn;
        dsn.host = url->host;
        dsn.port = url->port;
        dsn.database = url->database;
        dsn.user = url->user;
        dsn.password = url->password;
        for (const Parameter &parameter : url->parameters) {
            if (const Status s = assign(dsn, parameter.key, parameter.value); !s)
                return s.error();
        }
        return dsn;
    }

    // A port number as the URL grammar (and libpq's port keyword) takes it: 1 to 65535, no sign.
    static std::optional<int> parsePort(QStringView text);

    // The message of a port parsePort refuses.
    static QString portError();
};

} // namespace sluice
