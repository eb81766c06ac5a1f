#include "db/odbc/odbcdsn.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

bool needsBraces(const QString &value)
{
    return value.contains(u';') || value.contains(u'{') || value.contains(u'}')
        || value != value.trimmed();
}

QString encoded(const QString &value)
{
    if (!needsBraces(value) && !value.isEmpty())
        return value;
    QString out = value;
    out.replace(u"}"_s, u"}}"_s);
    return u'{' + out + u'}';
}

} // namespace

Result<OdbcConnectionString> OdbcConnectionString::parse(const QString &text)
{
    OdbcConnectionString result;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const qsizetype equals = text.indexOf(u'=', i);
        const qsizetype semicolon = text.indexOf(u';', i);
        if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
            // An empty segment (";;" or a trailing ';') is allowed; a key without '=' is not.
            const qsizetype end = semicolon < 0 ? n : semicolon;
            if (!QStringView(text).mid(i, end - i).trimmed().isEmpty())
                return Error::badRequest(
                    u"ODBC DSN: attribute %1 has no '='"_s.arg(result.attributes.size() + 1));
            i = end + 1;
            continue;
        }
        Attribute attribute;
        attribute.key = text.mid(i, equals - i).trimmed();
        if (attribute.key.isEmpty())
            return Error::badRequest(
                u"ODBC DSN: attribute %1 has no name"_s.arg(result.attributes.size() + 1));
        i = equals + 1;
        while (i < n && text.at(i) == u' ')
            ++i;
        const qsizetype valueStart = i;
        if (i < n && text.at(i) == u'{') {
            ++i;
            QString value;
            bool closed = false;
            while (i < n) {
                if (text.at(i) == u'}') {
                    if (i + 1 < n && text.at(i + 1) == u'}') {
                        value += u'}';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                value += text.at(i++);
            }
            if (!closed)
                return Error::badRequest(
                    u"ODBC DSN: the braced value of \"%1\" is not closed"_s.arg(attribute.key));
            while (i < n && text.at(i) == u' ')
                ++i;
            if (i < n && text.at(i) != u';')
                return Error::badRequest(
                    u"ODBC DSN: text after the braced value of \"%1\""_s.arg(attribute.key));
            attribute.value = value;
        } else {
            const qsizetype end = text.indexOf(u';', i);
            attribute.value = text.mid(i, (end < 0 ? n : end) - i).trimmed();
            i = end < 0 ? n : end;
        }
        // Spaces around '=' dropped: QODBC looks for "DRIVER=" literally (applyOdbcDsn).
        attribute.text = attribute.key + u'=' + text.mid(valueStart, i - valueStart).trimmed();
        result.attributes.append(attribute);
        ++i; // past ';'
    }
    if (!result.contains(u"DRIVER") && !result.contains(u"DSN") && !result.contains(u"FILEDSN"))
        return Error::badRequest(
            u"ODBC DSN: name the driver (Driver={…}) or a data source (DSN=…)"_s);
    return result;
}

QString OdbcConnectionString::value(QStringView key) const
{
    for (auto it = attributes.crbegin(); it != attributes.crend(); ++it) {
        if (it->key.compare(key, Qt::CaseInsensitive) == 0)
            return it->value;
    }
    return {};
}

bool OdbcConnectionString::contains(QStringView key) const
{
    return std::any_of(attributes.cbegin(), attributes.cend(), [&](const Attribute &a) {
        return a.key.compare(key, Qt::CaseInsensitive) == 0;
    });
}

bool OdbcConnectionString::remove(const QStringList &keys)
{
    return attributes.removeIf([&](const Attribute &a) {
        return keys.contains(a.key, Qt::CaseInsensitive);
    }) > 0;
}

void OdbcConnectionString::append(const QString &key, const QString &value)
{
    QString body = value;
    body.replace(u"}"_s, u"}}"_s);
    attributes.append({ key, value, key + u"={"_s + body + u'}' });
}

QString OdbcConnectionString::toString() const
{
    QStringList parts;
    for (const Attribute &a : attributes)
        parts << a.text;
    return parts.join(u';');
}

QStringList OdbcConnectionString::passwordKeys()
{
    return { u"PWD"_s, u"Password"_s };
}

Status applyOdbcDsn(QSqlDatabase &db, const QString &dsn)
{
    const Result<OdbcConnectionString> parsed = OdbcConnectionString::parse(dsn);
    if (!parsed)
        return parsed.error();
    // See the header: QODBC decides how to read the database name from its text.
    const QString text = parsed->toString();
    const auto without = [&](const QString &key) {
        OdbcConnectionString rest = *parsed;
        rest.remove({ key });
        const QString first = encoded(parsed->value(key));
        return rest.attributes.isEmpty() ? first : first + u';' + rest.toString();
    };
    if (text.contains(u".dsn"_s, Qt::CaseInsensitive)) {
        // QODBC prefixes "FILEDSN=" to any name containing ".dsn".
        if (!parsed->contains(u"FILEDSN"))
            return Error::badRequest(
                u"ODBC DSN: Qt's ODBC driver takes any connection string containing \".dsn\" for "
                "a file DSN; name the file with FILEDSN=…"_s);
        db.setDatabaseName(without(u"FILEDSN"_s));
        return {};
    }
    if (parsed->contains(u"FILEDSN"))
        return Error::badRequest(u"ODBC DSN: a FILEDSN file name must end in .dsn"_s);
    if (text.contains(u"DRIVER="_s, Qt::CaseInsensitive)
        || text.contains(u"SERVER="_s, Qt::CaseInsensitive)) {
        db.setDatabaseName(text);
        return {};
    }
    // "DSN=name;rest" becomes "name;rest", to which QODBC puts "DSN=" back.
    db.setDatabaseName(without(u"DSN"_s));
    return {};
}

} // namespace sluice
