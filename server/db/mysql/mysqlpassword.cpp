#include "db/mysql/mysqldsn.h"

#include "db/urldsn.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

// A mysql:// URL's password lives only in its user info ("user:password@"); UrlDsn, which
// MysqlDsn::parse reads it with, says where.
Result<SplitDsn> splitMysqlPassword(const QString &text)
{
    const Result<MysqlDsn> parsed = MysqlDsn::parse(text);
    if (!parsed)
        return parsed.error();
    const QString url = text.trimmed();
    const Result<UrlDsn> cut = UrlDsn::parse(url);
    if (!cut)
        return dsnPasswordCodecError(u"MySQL"_s);
    if (!cut->hasPassword)
        return SplitDsn { url, QString(), false };
    QString without = url;
    without.remove(cut->userEnd, cut->userInfoEnd - cut->userEnd); // ":password"
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
    const Result<UrlDsn> cut = UrlDsn::parse(merged);
    if (!cut)
        return dsnPasswordCodecError(u"MySQL"_s);
    if (cut->userInfoEnd >= 0)
        merged.insert(cut->userInfoEnd, encoded);
    else
        merged.insert(cut->authorityStart, encoded + u'@');
    const Result<MysqlDsn> check = MysqlDsn::parse(merged);
    if (!check || check->password != password)
        return dsnPasswordCodecError(u"MySQL"_s);
    return merged;
}

} // namespace sluice
