#include "db/mysql/mysqldsn.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// A mysql:// URL's password lives only in its user info ("user:password@"). Returns the offsets
// of ":password" within the URL, or an empty range after the user when there is none.
struct MysqlUserInfo
{
    qsizetype passwordStart = -1; // the ':' before the password; -1 when there is no user info
    qsizetype passwordEnd = -1; // the '@'
};

MysqlUserInfo findMysqlUserInfo(const QString &url)
{
    MysqlUserInfo info;
    const qsizetype bodyStart = url.indexOf(u"://"_s) + 3;
    qsizetype end = url.size();
    for (const QChar stop : { u'/', u'?' }) {
        const qsizetype at = url.indexOf(stop, bodyStart);
        if (at >= 0 && at < end)
            end = at;
    }
    // As in MysqlDsn::parse: the last '@' of the authority ends the user info.
    const qsizetype at = url.lastIndexOf(u'@', end - 1);
    if (at < bodyStart)
        return info;
    const qsizetype colon = url.indexOf(u':', bodyStart);
    info.passwordStart = colon >= 0 && colon < at ? colon : at;
    info.passwordEnd = at;
    return info;
}

} // namespace

Result<SplitDsn> splitMysqlPassword(const QString &text)
{
    const Result<MysqlDsn> parsed = MysqlDsn::parse(text);
    if (!parsed)
        return parsed.error();
    const QString url = text.trimmed();
    const MysqlUserInfo info = findMysqlUserInfo(url);
    if (info.passwordStart < 0 || info.passwordStart == info.passwordEnd)
        return SplitDsn { url, QString(), false };
    QString without = url;
    without.remove(info.passwordStart, info.passwordEnd - info.passwordStart);
    return SplitDsn { without, parsed->password, true };
}

Result<QString> mergeMysqlPassword(const QString &dsnWithoutPassword, const QString &password)
{
    Result<SplitDsn> base = splitMysqlPassword(dsnWithoutPassword);
    if (!base)
        return base.error();
    QString merged = base->dsnWithoutPassword;
    if (password.isEmpty())
        return merged;
    const QString encoded = u':' + QString::fromUtf8(QUrl::toPercentEncoding(password));
    const MysqlUserInfo info = findMysqlUserInfo(merged);
    if (info.passwordEnd >= 0)
        merged.insert(info.passwordEnd, encoded);
    else
        merged.insert(merged.indexOf(u"://"_s) + 3, encoded + u'@');
    const Result<MysqlDsn> check = MysqlDsn::parse(merged);
    if (!check || check->password != password)
        return dsnPasswordCodecError(u"MySQL"_s);
    return merged;
}

} // namespace sluice
