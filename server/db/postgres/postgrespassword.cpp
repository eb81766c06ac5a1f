#include "db/postgres/postgresdsn.h"

#include "db/urldsn.h"

#include <QUrl>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

bool isUrl(const QString &dsn)
{
    return UrlDsn::hasScheme(dsn, { u"postgres", u"postgresql" });
}

// A postgres:// URL cut where PostgresDsn::parse cuts it (both read it with UrlDsn), so that
// what is taken out here is exactly what it would read as the password.
struct UrlParts
{
    QString scheme; // "postgres://"
    QString user; // as written (percent-encoded)
    QString hostAndPath; // "[::1]:5433/db"
    QStringList parameters; // "key=value" as written, the password ones removed
    std::optional<QString> password; // decoded; the last one given wins, as in parse()
};

std::optional<UrlParts> cutUrl(const QString &url)
{
    const Result<UrlDsn> parsed = UrlDsn::parse(url);
    if (!parsed)
        return std::nullopt;
    UrlParts parts;
    parts.scheme = url.left(parsed->authorityStart);
    qsizetype hostStart = parsed->authorityStart;
    if (parsed->userInfoEnd >= 0) {
        parts.user = url.mid(parsed->authorityStart, parsed->userEnd - parsed->authorityStart);
        hostStart = parsed->userInfoEnd + 1;
    }
    if (parsed->hasPassword)
        parts.password = parsed->password;
    const qsizetype hostEnd = parsed->queryStart >= 0 ? parsed->queryStart : url.size();
    parts.hostAndPath = url.mid(hostStart, hostEnd - hostStart);

    for (const UrlDsn::Parameter &parameter : parsed->parameters) {
        if (parameter.key == u"password"_s)
            parts.password = parameter.value;
        else
            parts.parameters << url.mid(parameter.start, parameter.length);
    }
    return parts;
}

QString joinUrl(const UrlParts &parts, const QString &password)
{
    QString url = parts.scheme;
    if (!password.isEmpty())
        url += parts.user + u':' + QString::fromLatin1(QUrl::toPercentEncoding(password)) + u'@';
    else if (!parts.user.isEmpty())
        url += parts.user + u'@';
    url += parts.hostAndPath;
    if (!parts.parameters.isEmpty())
        url += u'?' + parts.parameters.join(u'&');
    return url;
}

QString quoteKeywordValue(const QString &value)
{
    QString quoted = value;
    quoted.replace(u"\\"_s, u"\\\\"_s).replace(u"'"_s, u"\\'"_s);
    return u'\'' + quoted + u'\'';
}

// Everything but the password: a split or merge must not change anything else.
bool sameConnection(const PostgresDsn &a, const PostgresDsn &b)
{
    return a.host == b.host && a.port == b.port && a.database == b.database && a.user == b.user
        && a.options == b.options;
}

Result<PostgresDsn> parsePostgres(const QString &dsn)
{
    // An empty keyword list is all of libpq's defaults; PostgresDsn refuses it only because an
    // empty DSN given by a user is more likely a mistake.
    if (dsn.trimmed().isEmpty())
        return PostgresDsn();
    return PostgresDsn::parse(dsn);
}

} // namespace

Result<SplitDsn> splitPostgresPassword(const QString &text)
{
    const QString dsn = text.trimmed();
    const Result<PostgresDsn> original = PostgresDsn::parse(dsn);
    if (!original)
        return original.error();

    SplitDsn split;
    if (isUrl(dsn)) {
        const std::optional<UrlParts> parts = cutUrl(dsn);
        if (!parts)
            return dsnPasswordCodecError(u"PostgreSQL"_s);
        split.hadPassword = parts->password.has_value();
        split.password = parts->password.value_or(QString());
        split.dsnWithoutPassword = joinUrl(*parts, QString());
    } else {
        // Read as PostgresDsn::parse reads it, so the password taken out is the one it uses.
        QStringList kept;
        const Status read = readPostgresKeywords(dsn, [&](const PostgresKeyword &pair) {
            if (pair.key == u"password"_s) {
                split.hadPassword = true;
                split.password = pair.value;
            } else {
                kept << dsn.mid(pair.start, pair.length);
            }
            return Status();
        });
        if (!read)
            return read.error();
        split.dsnWithoutPassword = kept.join(u' ');
    }

    const Result<PostgresDsn> stripped = parsePostgres(split.dsnWithoutPassword);
    if (!stripped || !stripped->password.isEmpty() || split.password != original->password
        || !sameConnection(*stripped, *original)) {
        return dsnPasswordCodecError(u"PostgreSQL"_s);
    }
    return split;
}

Result<QString> mergePostgresPassword(const QString &dsnWithoutPassword, const QString &password)
{
    SplitDsn base;
    if (!dsnWithoutPassword.trimmed().isEmpty()) {
        Result<SplitDsn> split = splitPostgresPassword(dsnWithoutPassword);
        if (!split)
            return split.error();
        base = std::move(*split);
    }
    if (password.isEmpty())
        return base.dsnWithoutPassword;

    QString merged;
    if (isUrl(base.dsnWithoutPassword)) {
        const std::optional<UrlParts> parts = cutUrl(base.dsnWithoutPassword);
        if (!parts)
            return dsnPasswordCodecError(u"PostgreSQL"_s);
        merged = joinUrl(*parts, password);
    } else {
        merged = base.dsnWithoutPassword;
        if (!merged.isEmpty())
            merged += u' ';
        merged += u"password="_s + quoteKeywordValue(password);
    }

    const Result<PostgresDsn> check = PostgresDsn::parse(merged);
    const Result<PostgresDsn> expected = parsePostgres(base.dsnWithoutPassword);
    if (!check || !expected || check->password != password || !sameConnection(*check, *expected)) {
        return dsnPasswordCodecError(u"PostgreSQL"_s);
    }
    return merged;
}

} // namespace sluice
