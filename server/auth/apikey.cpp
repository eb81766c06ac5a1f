#include "auth/apikey.h"

#include "core/digest.h"

#include <QList>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr QLatin1StringView ApiKeyScheme = "sluice_"_L1;

bool isLowerHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}

} // namespace

NewApiKey generateApiKey()
{
    NewApiKey key;
    key.plaintext = ApiKeyScheme + QString::fromLatin1(generateSecret(32).toHex());
    key.hash = hashApiKey(key.plaintext);
    key.prefix = apiKeyPrefix(key.plaintext);
    return key;
}

QString hashApiKey(QStringView plaintext)
{
    return QString::fromLatin1(sha256(plaintext.toUtf8()).toHex());
}

QString apiKeyPrefix(QStringView plaintext)
{
    return plaintext.first(qMin(plaintext.size(), ApiKeyPrefixLength)).toString();
}

bool looksLikeApiKey(QStringView text)
{
    if (text.size() != ApiKeyLength || !text.startsWith(ApiKeyScheme))
        return false;
    const QStringView digits = text.sliced(ApiKeyScheme.size());
    return std::all_of(digits.begin(), digits.end(), isLowerHex);
}

QByteArray generateSecret(int bytes)
{
    if (bytes <= 0)
        return {};
    // fillRange works in 32-bit words; draw enough of them and cut to size.
    QList<quint32> words((bytes + 3) / 4);
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.constData()), bytes);
}

QString generateBootstrapToken()
{
    return QString::fromLatin1(generateSecret(16).toHex());
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    // Accumulate every difference; a volatile sink keeps the compiler from stopping early.
    volatile unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference =
            difference | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
    return difference == 0;
}

} // namespace sluice
