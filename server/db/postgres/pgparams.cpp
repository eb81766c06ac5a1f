#include "db/postgres/pgparams.h"

#include "db/postgres/pgtypeoids.h"

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QUuid>

#include <algorithm>
#include <initializer_list>

namespace sluice {

namespace {

bool oneOf(Oid type, std::initializer_list<Oid> types)
{
    return std::find(types.begin(), types.end(), type) != types.end();
}

// QSqlResultPrivate::isVariantNull(): what QPSQL binds as NULL.
bool isNullBind(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString: return static_cast<const QString *>(value.constData())->isNull();
    case QMetaType::QByteArray: return static_cast<const QByteArray *>(value.constData())->isNull();
    case QMetaType::QDateTime: return static_cast<const QDateTime *>(value.constData())->isNull();
    case QMetaType::QDate: return static_cast<const QDate *>(value.constData())->isNull();
    case QMetaType::QTime: return static_cast<const QTime *>(value.constData())->isNull();
    case QMetaType::QUuid: return static_cast<const QUuid *>(value.constData())->isNull();
    default: return false;
    }
}

void appendDigits(QByteArray &out, int value, int width)
{
    char digits[8];
    for (int i = width - 1; i >= 0; --i, value /= 10)
        digits[i] = char('0' + value % 10);
    out.append(digits, width);
}

// "yyyy-MM-dd" of years 1 to 9999, as Qt::ISODate writes them; empty outside.
QByteArray isoDate(const QDate &date)
{
    if (!date.isValid() || date.year() < 1 || date.year() > 9999)
        return {};
    QByteArray out;
    out.reserve(24);
    appendDigits(out, date.year(), 4);
    out.append('-');
    appendDigits(out, date.month(), 2);
    out.append('-');
    appendDigits(out, date.day(), 2);
    return out;
}

// "hh:mm:ss.zzz", as QPSQL formats a QTime.
QByteArray timeWithMs(const QTime &time)
{
    QByteArray out;
    out.reserve(12);
    appendDigits(out, time.hour(), 2);
    out.append(':');
    appendDigits(out, time.minute(), 2);
    out.append(':');
    appendDigits(out, time.second(), 2);
    out.append('.');
    appendDigits(out, time.msec(), 3);
    return out;
}

// The text of one non-null value, empty (isNull()) when it has none here.
QByteArray textOf(const QVariant &value, Oid type, bool typed, bool utcSession)
{
    switch (value.typeId()) {
    case QMetaType::QString: {
        const QString *text = static_cast<const QString *>(value.constData());
        if (text->contains(QChar(0)))
            return {}; // QPSQL's EXECUTE text would end there
        QByteArray utf8 = text->toUtf8();
        if (utf8.isNull())
            utf8 = QByteArray("", 0);
        return utf8;
    }
    case QMetaType::QByteArray: {
        // QPSQL: PQescapeByteaConn's '\x…' literal, read by the parameter's type.
        const QByteArray *bytes = static_cast<const QByteArray *>(value.constData());
        return QByteArray("\\x") + bytes->toHex();
    }
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        // An integer constant, converted to the parameter's type by assignment: as its text for
        // numbers and strings; a boolean, date, json, … parameter would refuse or read it
        // otherwise.
        if (typed
            && !oneOf(type,
                      { Int2Oid, Int4Oid, Int8Oid, NumericOid, Float4Oid, Float8Oid, TextOid,
                        VarcharOid, BpcharOid }))
            return {};
        return value.toString().toLatin1();
    case QMetaType::Double:
    case QMetaType::Float: {
        const double number = value.toDouble();
        if (qIsNaN(number))
            return QByteArrayLiteral("NaN"); // quoted by QPSQL: read by any type
        if (qIsInf(number))
            return number > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
        // QVariant's shortest text as a numeric constant ("1e+20", "0.1"): the same number only
        // for a numeric or floating-point parameter.
        if (typed && !oneOf(type, { NumericOid, Float4Oid, Float8Oid }))
            return {};
        return value.toString().toLatin1();
    }
    case QMetaType::Bool:
        // TRUE/FALSE; into a text parameter "true"/"false".
        if (typed && !oneOf(type, { BoolOid, TextOid, VarcharOid }))
            return {};
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QMetaType::QDate: return isoDate(value.toDate()); // invalid: NULL, handled before
    case QMetaType::QTime: return timeWithMs(value.toTime());
    case QMetaType::QDateTime: {
        // TIMESTAMP WITH TIME ZONE 'yyyy-MM-ddThh:mm:ss.zzzZ' (UTC): a timestamptz parameter reads
        // it as that instant; a timestamp one as its wall clock in the session's zone.
        if (typed && type != TimestamptzOid && !(type == TimestampOid && utcSession))
            return {};
        const QDateTime utc = value.toDateTime().toUTC();
        QByteArray text = isoDate(utc.date());
        if (text.isEmpty())
            return {};
        text.append('T');
        text.append(timeWithMs(utc.time()));
        text.append('Z');
        return text;
    }
    case QMetaType::QUuid: return value.toString().toLatin1();
    default: return {};
    }
}

// Values QPSQL binds as NULL although they are not null: an invalid date, time or timestamp.
bool isInvalidTemporal(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QDateTime: return !value.toDateTime().isValid();
    case QMetaType::QDate: return !value.toDate().isValid();
    case QMetaType::QTime: return !value.toTime().isValid();
    default: return false;
    }
}

} // namespace

std::optional<PgParams> toPgParams(const QVariantList &binds, std::span<const Oid> paramTypes,
                                   bool utcSession)
{
    const bool typed = !paramTypes.empty();
    if (typed && qsizetype(paramTypes.size()) != binds.size())
        return std::nullopt;
    PgParams params;
    const size_t count = size_t(binds.size());
    params.texts.reserve(binds.size());
    params.values.reserve(count);
    params.lengths.assign(count, 0);
    params.formats.assign(count, 0);
    params.types.assign(count, 0);
    for (qsizetype i = 0; i < binds.size(); ++i) {
        const QVariant &value = binds.at(i);
        if (isNullBind(value) || isInvalidTemporal(value)) {
            params.values.push_back(nullptr);
            continue;
        }
        QByteArray text = textOf(value, typed ? paramTypes[size_t(i)] : 0, typed, utcSession);
        if (text.isNull())
            return std::nullopt;
        params.lengths[size_t(i)] = int(text.size());
        params.texts.append(std::move(text));
        params.values.push_back(params.texts.constLast().constData());
    }
    return params;
}

} // namespace sluice
