#include "flight/flightticket.h"

#include <QCborArray>
#include <QCborValue>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qsizetype signatureSize = 32;
constexpr qint64 formatVersion = 1;

// Bound values keep their type through the ticket, so they bind exactly as the client sent them.
enum ValueTag : qint64 { Null, Bool, Integer, Double, Text, Bytes, Date, Time, DateTime };

QCborArray encodeValue(const QVariant &value)
{
    if (value.isNull())
        return { Null };
    switch (value.typeId()) {
    case QMetaType::Bool: return { Bool, value.toBool() };
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong: return { Integer, value.toLongLong() };
    case QMetaType::Double:
    case QMetaType::Float: return { Double, value.toDouble() };
    case QMetaType::QByteArray: return { Bytes, value.toByteArray() };
    case QMetaType::QDate: return { Date, value.toDate().toJulianDay() };
    case QMetaType::QTime: return { Time, value.toTime().msecsSinceStartOfDay() };
    case QMetaType::QDateTime: return { DateTime, value.toDateTime().toMSecsSinceEpoch() };
    default: return { Text, value.toString() };
    }
}

std::optional<QVariant> decodeValue(const QCborValue &cell)
{
    const QCborArray pair = cell.toArray();
    if (pair.isEmpty())
        return std::nullopt;
    const QCborValue v = pair.at(1);
    switch (pair.at(0).toInteger(-1)) {
    case Null: return QVariant();
    case Bool: return QVariant(v.toBool());
    case Integer: return QVariant(qint64(v.toInteger()));
    case Double: return QVariant(v.toDouble());
    case Text: return QVariant(v.toString());
    case Bytes: return QVariant(v.toByteArray());
    case Date: return QVariant(QDate::fromJulianDay(v.toInteger()));
    case Time: return QVariant(QTime::fromMSecsSinceStartOfDay(int(v.toInteger())));
    case DateTime: return QVariant(QDateTime::fromMSecsSinceEpoch(v.toInteger(), Qt::UTC));
    default: return std::nullopt;
    }
}

Error notSealedHere()
{
    return Error::badRequest(
        u"Not a ticket or handle this server issued (or it was altered): call GetFlightInfo "
        "or CreatePreparedStatement again"_s);
}

} // namespace

FlightTicketCodec::FlightTicketCodec(QByteArrayView secret)
    : m_key(secret)
{
}

QByteArray FlightTicketCodec::seal(const FlightWork &work, const Principal &caller,
                                   qint64 expiresAt) const
{
    QCborArray parameters;
    for (const QVariant &value : work.parameters)
        parameters.append(encodeValue(value));
    const QCborArray fields { formatVersion, qint64(work.kind), caller.actor(),
                              caller.tenant, expiresAt,         work.service,
                              work.sql,      parameters,        work.command };
    QByteArray sealed = QCborValue(fields).toCbor();
    sealed += m_key.sign(sealed);
    return sealed;
}

Result<FlightWork> FlightTicketCodec::open(QByteArrayView sealed, const Principal &caller,
                                           qint64 now) const
{
    if (sealed.size() <= signatureSize)
        return notSealedHere();
    const QByteArrayView payload = sealed.first(sealed.size() - signatureSize);
    const QByteArray expected = m_key.sign(payload);
    const QByteArrayView signature = sealed.last(signatureSize);
    // Constant time: how much of a signature matched says nothing.
    unsigned char difference = 0;
    for (qsizetype i = 0; i < signatureSize; ++i)
        difference |= static_cast<unsigned char>(expected.at(i) ^ signature.at(i));
    if (difference != 0)
        return notSealedHere();

    const QCborArray fields = QCborValue::fromCbor(payload.toByteArray()).toArray();
    if (fields.size() != 9 || fields.at(0).toInteger() != formatVersion)
        return notSealedHere();
    if (fields.at(2).toString() != caller.actor() || fields.at(3).toString() != caller.tenant)
        return Error::forbidden(
            u"This ticket was issued to another caller or tenant: only the caller who asked for "
            "it may redeem it"_s);
    const qint64 expiresAt = fields.at(4).toInteger();
    if (expiresAt != 0 && now >= expiresAt)
        return Error::forbidden(
            u"This ticket expired at %1: call GetFlightInfo again for a fresh one"_s.arg(
                QDateTime::fromSecsSinceEpoch(expiresAt, Qt::UTC).toString(Qt::ISODate)));
    FlightWork work;
    work.kind = FlightWork::Kind(fields.at(1).toInteger());
    work.service = fields.at(5).toString();
    work.sql = fields.at(6).toString();
    for (const QCborValue &cell : fields.at(7).toArray()) {
        auto value = decodeValue(cell);
        if (!value)
            return notSealedHere();
        work.parameters << *value;
    }
    work.command = fields.at(8).toByteArray();
    return work;
}

} // namespace sluice
