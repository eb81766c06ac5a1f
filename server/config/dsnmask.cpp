#include "config/dsnmask.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace sluice {

QString maskDsn(const QString &dsn)
{
    static const QRegularExpression urlPassword(u"^([A-Za-z][A-Za-z0-9+.-]*://[^:/@]*):[^@]*@"_s);
    static const QRegularExpression keywordPassword(
        u"(\\bpassword\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\\S+)"_s,
        QRegularExpression::CaseInsensitiveOption);
    // ODBC connection strings: PWD=secret or PWD={sec;ret}} } up to the next ';'.
    static const QRegularExpression odbcPassword(
        u"(\\bpwd\\s*=\\s*)(\\{(?:[^}]|\\}\\})*\\}|[^;]*)"_s,
        QRegularExpression::CaseInsensitiveOption);
    QString masked = dsn;
    masked.replace(odbcPassword, u"\\1***"_s);
    masked.replace(urlPassword, u"\\1:***@"_s);
    masked.replace(keywordPassword, u"\\1***"_s);
    return masked;
}

} // namespace sluice
