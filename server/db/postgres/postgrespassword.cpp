#include "db/postgres/postgresdsn.h"

#include <QUrl>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString decode(QStringView text)
{
    return QUrl::fromPercentEncoding(text.toUtf8());
}

bool isUrl(const QString &dsn)
{
    const QString lower = dsn.left(16).toLower();
    return lower.startsWith(u"postgres://"_s) || lower.startsWith(u"postgresql://"_s);
}

// A postgres:// URL cut where PostgresDsn::parse cuts it, so that what is taken out here is
// exactly what it would read as the password.
struct UrlParts
{
    QString scheme; // "postgres://"
    QString user; // as written (percent-encoded)
    QString hostAndPath; // "[::1]:5433/db"
    QStringList parameters; // "key=value" as written, the password ones removed
    std::optional<QString> password; // decoded; the last one given wins, as in parse()
};

UrlParts cutUrl(const QString &url)
{
    UrlParts parts;
    const qsizetype bodyStart = url.indexOf(u"://"_s) + 3;
    parts.scheme = url.left(bodyStart);
    QStringView rest = QStringView(url).mid(bodyStart);

    QStringView query;
    if (const qsizetype q = rest.indexOf(u'?'); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    const qsizetype slash = rest.indexOf(u'/');
    QStringView authority = slash >= 0 ? rest.left(slash) : rest;
    const QStringView path = slash >= 0 ? rest.mid(slash) : QStringView();
    if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0) {
        const QStringView userInfo = authority.left(at);
        authority = authority.mid(at + 1);
        const qsizetype colon = userInfo.indexOf(u':');
        parts.user = userInfo.left(colon).toString();
        if (colon >= 0)
            parts.password = decode(userInfo.mid(colon + 1));
    }
    parts.hostAndPath = authority.toString() + path.toString();

    for (const QStringView pair : query.split(u'&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf(u'=');
        if (eq > 0 && decode(pair.left(eq)) == u"password"_s)
            parts.password = decode(pair.mid(eq + 1));
        else
            parts.parameters << pair.toString();
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

// A libpq keyword list split into its pairs, read as PostgresDsn::parse reads it (the DSN has
// been validated by then, so there are no syntax errors left to report).
struct KeywordPair
{
    QString key;
    QString value;
    QString text; // the pair as written, e.g. "password = 'a b'"
};

QList<KeywordPair> cutKeywords(const QString &text)
{
    QList<KeywordPair> pairs;
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
        const qsizetype start = i;
        while (i < n && (text.at(i).isLetterOrNumber() || text.at(i) == u'_'))
            ++i;
        KeywordPair pair;
        pair.key = text.mid(start, i - start);
        skipSpace();
        if (i < n && text.at(i) == u'=')
            ++i;
        skipSpace();
        const bool quoted = i < n && text.at(i) == u'\'';
        if (quoted)
            ++i;
        while (i < n) {
            const QChar c = text.at(i);
            if (quoted ? c == u'\'' : c.isSpace())
                break;
            ++i;
            if (c == u'\\' && i < n)
                pair.value += text.at(i++);
            else
                pair.value += c;
        }
        if (quoted && i < n)
            ++i; // the closing quote
        pair.text = text.mid(start, i - start);
        pairs << pair;
    }
    return pairs;
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
        const UrlParts parts = cutUrl(dsn);
        split.hadPassword = parts.password.has_value();
        split.password = parts.password.value_or(QString());
        split.dsnWithoutPassword = joinUrl(parts, QString());
    } else {
        QStringList kept;
        for (const KeywordPair &pair : cutKeywords(dsn)) {
            if (pair.key == u"password"_s) {
                split.hadPassword = true;
                split.password = pair.value;
            } else {
                kept << pair.text;
            }
        }
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
        merged = joinUrl(cutUrl(base.dsnWithoutPassword), password);
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
