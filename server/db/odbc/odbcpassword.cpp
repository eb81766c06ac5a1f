#include "db/odbc/odbcdsn.h"

using namespace Qt::StringLiterals;

namespace sluice {

Result<SplitDsn> splitOdbcPassword(const QString &dsn)
{
    Result<OdbcConnectionString> parsed = OdbcConnectionString::parse(dsn);
    if (!parsed)
        return parsed.error();
    const QStringList keys = OdbcConnectionString::passwordKeys();
    QString password;
    for (const auto &attribute : parsed->attributes) {
        if (keys.contains(attribute.key, Qt::CaseInsensitive))
            password = attribute.value; // the last one wins, as in SQLDriverConnect
    }
    const bool had = parsed->remove(keys);
    return SplitDsn { parsed->toString(), password, had };
}

Result<QString> mergeOdbcPassword(const QString &dsnWithoutPassword, const QString &password)
{
    Result<OdbcConnectionString> parsed = OdbcConnectionString::parse(dsnWithoutPassword);
    if (!parsed)
        return parsed.error();
    parsed->remove(OdbcConnectionString::passwordKeys());
    if (!password.isEmpty())
        parsed->append(u"PWD"_s, password);
    return parsed->toString();
}

} // namespace sluice
