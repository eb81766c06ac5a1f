#include "auth/josecodec.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace sluice {

std::optional<QByteArray> decodeBase64Url(QByteArrayView text)
{
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    const QByteArray encoded = text.toByteArray();
    const QByteArray::FromBase64Result decoded = QByteArray::fromBase64Encoding(
        encoded, Base64UrlNoPadding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64(Base64UrlNoPadding) != encoded)
        return std::nullopt;
    return decoded.decoded;
}

std::optional<QJsonObject> decodeBase64UrlJsonObject(QByteArrayView text)
{
    const std::optional<QByteArray> bytes = decodeBase64Url(text);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

std::optional<qint64> integerClaim(const QJsonObject &object, QLatin1StringView name)
{
    const QJsonValue value = object.value(name);
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    constexpr double Limit = 9007199254740992.0; // 2^53
    if (!std::isfinite(number) || std::trunc(number) != number || std::fabs(number) > Limit)
        return std::nullopt;
    return qint64(number);
}

std::optional<CompactJwsParts> splitCompactJws(QByteArrayView token)
{
    if (std::count(token.begin(), token.end(), '.') != 2)
        return std::nullopt;
    const qsizetype firstDot = token.indexOf('.');
    const qsizetype lastDot = token.lastIndexOf('.');
    CompactJwsParts parts;
    parts.header = token.first(firstDot);
    parts.payload = token.sliced(firstDot + 1, lastDot - firstDot - 1);
    parts.signature = token.sliced(lastDot + 1);
    parts.signingInput = token.first(lastDot);
    return parts;
}

std::optional<CompactJws> readCompactJws(QByteArrayView token)
{
    const std::optional<CompactJwsParts> parts = splitCompactJws(token);
    if (!parts)
        return std::nullopt;
    std::optional<QJsonObject> header = decodeBase64UrlJsonObject(parts->header);
    if (!header)
        return std::nullopt;
    return CompactJws { *parts, std::move(*header) };
}

} // namespace sluice
