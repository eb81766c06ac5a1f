#include "clitime.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qint64 kMaxSeconds = 100LL * 366 * 24 * 3600;

Error badTime(const QString &text)
{
    return Error::badRequest(
        u"invalid time '%1': use RFC 3339 (2026-12-31T18:00:00Z), a date (2026-12-31) or a "
        "duration such as 90s, 15m, 12h, 30d or 2w"_s.arg(text));
}

} // namespace

Result<QDateTime> parseCliTime(const QString &text, const QDateTime &now, TimeDirection direction,
                               DateEdge edge)
{
    const QString trimmed = text.trimmed();
    static const QRegularExpression relative(u"^([0-9]{1,12})([smhdw])$"_s);
    if (const auto match = relative.match(trimmed); match.hasMatch()) {
        const qint64 count = match.captured(1).toLongLong();
        const QChar unit = match.captured(2).at(0);
        const qint64 unitSeconds = unit == u's' ? 1
            : unit == u'm'                      ? 60
            : unit == u'h'                      ? 3600
            : unit == u'd'                      ? 86400
                                                : 7 * 86400;
        if (count <= 0 || count > kMaxSeconds / unitSeconds)
            return badTime(text);
        const qint64 seconds = count * unitSeconds;
        return now.addSecs(direction == TimeDirection::Past ? -seconds : seconds);
    }
    if (trimmed.size() == 10) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (!date.isValid())
            return badTime(text);
        const QDateTime start(date, QTime(0, 0), Qt::UTC);
        return edge == DateEdge::StartOfDay ? start : start.addDays(1);
    }
    if (!trimmed.contains(u'T') && !trimmed.contains(u't'))
        return badTime(text);
    QDateTime at = QDateTime::fromString(trimmed.toUpper(), Qt::ISODateWithMs);
    if (!at.isValid())
        return badTime(text);
    if (at.timeSpec() == Qt::LocalTime)
        at.setTimeSpec(
            Qt::UTC); // no offset given: UTC, the same on every machine (Qt 6.5: QTimeZone::UTC)
    return at.toUTC();
}

QString tableTime(const QDateTime &time, const QString &none)
{
    if (!time.isValid())
        return none;
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u'Z';
}

QJsonValue jsonTime(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace sluice
