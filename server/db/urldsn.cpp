#include "db/urldsn.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString decode(QStringView text)
{
    return QUrl::fromPercentEncoding(text.toUtf8());
}

} // namespace

std::optional<int> UrlDsn::parsePort(QStringView text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > 65535 || text.startsWith(u'+') || text.startsWith(u'-'))
        return std::nullopt;
    return value;
}

bool UrlDsn::hasScheme(QStringView text, std::initializer_list<QStringView> schemes)
{
    for (const QStringView scheme : schemes) {
        const QStringView prefix = text.left(scheme.size() + 3);
        if (prefix.size() == scheme.size() + 3 && prefix.endsWith(u"://"_s)
            && prefix.chopped(3).toString().toLower() == scheme) {
            return true;
        }
    }
    return false;
}

QString UrlDsn::portError()
{
    return u"port must be a number from 1 to 65535"_s;
}

Result<UrlDsn> UrlDsn::parse(QStringView url)
{
    const qsizetype schemeEnd = url.indexOf(u"://"_s);
    if (schemeEnd < 0)
        return Error::badRequest(u"not a URL"_s);

    UrlDsn dsn;
    dsn.authorityStart = schemeEnd + 3;
    QStringView rest = url.mid(dsn.authorityStart);
    QStringView query;
    if (const qsizetype q = rest.indexOf(u'?'); q >= 0) {
        dsn.queryStart = dsn.authorityStart + q;
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    QStringView authority = rest;
    if (const qsizetype slash = rest.indexOf(u'/'); slash >= 0) {
        authority = rest.left(slash);
        const QStringView path = rest.mid(slash + 1);
        if (path.contains(u'/'))
            return Error::badRequest(u"the path must be just the database name"_s);
        dsn.database = decode(path);
    }
    // The last '@' ends the user info, so an unencoded '@' in a password still works.
    if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0) {
        const QStringView userInfo = authority.left(at);
        authority = authority.mid(at + 1);
        const qsizetype colon = userInfo.indexOf(u':');
        dsn.user = decode(userInfo.left(colon));
        dsn.hasPassword = colon >= 0;
        if (dsn.hasPassword)
            dsn.password = decode(userInfo.mid(colon + 1));
        dsn.userInfoEnd = dsn.authorityStart + at;
        dsn.userEnd = dsn.hasPassword ? dsn.authorityStart + colon : dsn.userInfoEnd;
    }
    QStringView portText;
    if (authority.startsWith(u'[')) { // [IPv6]
        const qsizetype close = authority.indexOf(u']');
        if (close < 0)
            return Error::badRequest(u"unterminated '[' in the host"_s);
        dsn.host = authority.mid(1, close - 1).toString();
        const QStringView after = authority.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(u':'))
            return Error::badRequest(u"unexpected text after the host"_s);
        dsn.hasPort = after.startsWith(u':');
        portText = after.mid(1);
    } else {
        const qsizetype colon = authority.indexOf(u':');
        dsn.host = decode(authority.left(colon));
        dsn.hasPort = colon >= 0;
        if (dsn.hasPort)
            portText = authority.mid(colon + 1);
    }
    if (dsn.host.contains(u','))
        return Error::badRequest(u"several hosts are not supported"_s);
    if (dsn.hasPort) {
        const std::optional<int> port = parsePort(portText);
        if (!port)
            return Error::badRequest(portError());
        dsn.port = *port;
    }

    qsizetype pairStart = dsn.queryStart + 1;
    for (const QStringView pair : query.split(u'&')) {
        const qsizetype start = pairStart;
        pairStart += pair.size() + 1;
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0)
            return Error::badRequest(u"each URL parameter must be key=value"_s);
        dsn.parameters.append(
            { decode(pair.left(eq)), decode(pair.mid(eq + 1)), start, pair.size() });
    }
    return dsn;
}

} // namespace sluice
