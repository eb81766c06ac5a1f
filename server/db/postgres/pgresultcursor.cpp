#include "db/postgres/pgresultcursor.h"

#include "core/jsonsyntax.h"
#include "core/jsonwriter.h"
#include "db/postgres/pgtypeoids.h"
#include "db/rowwriter.h"

#include <QDate>
#include <QDateTime>
#include <QTime>

#include <libpq-fe.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace sluice {

namespace {

QMetaType qpsqlType(Oid type)
{
    switch (type) {
    case BoolOid: return QMetaType::fromType<bool>();
    case Int8Oid: return QMetaType::fromType<qlonglong>();
    case Int2Oid:
    case Int4Oid:
    case QpsqlOidOid:
    case RegprocOid:
    case XidOid:
    case CidOid: return QMetaType::fromType<int>();
    case NumericOid:
    case Float4Oid:
    case Float8Oid: return QMetaType::fromType<double>();
    case AbstimeOid:
    case ReltimeOid:
    case DateOid: return QMetaType::fromType<QDate>();
    case TimeOid:
    case TimetzOid: return QMetaType::fromType<QTime>();
    case TimestampOid:
    case TimestamptzOid: return QMetaType::fromType<QDateTime>();
    case ByteaOid: return QMetaType::fromType<QByteArray>();
    default: return QMetaType::fromType<QString>();
    }
}

// --- Dates and times, as QDateTime/QTime::fromString(…, Qt::ISODate) read PostgreSQL's ISO
// DateStyle and RowWriter writes the result ------------------------------------------------------

struct WallClock
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, msec = 0;
};

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The `count` digits at `at` of `text` as a number; -1 when they are not all digits.
int digitsAt(QByteArrayView text, qsizetype at, int count)
{
    if (at + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text.at(at + i);
        if (!isDigit(c))
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// Qt's milliseconds of a fraction of a second (fromIsoTimeString): its first four digits, read as
// a fraction, rounded to milliseconds. 1000 (from .9995 on) is a carry into the second, which
// Qt 6.4 makes and this leaves to it.
int qtMilliseconds(QByteArrayView fraction)
{
    const qsizetype n = std::min<qsizetype>(fraction.size(), 4);
    int value = 0;
    for (qsizetype i = 0; i < n; ++i)
        value = value * 10 + (fraction.at(i) - '0');
    const double secondFraction = value / std::pow(double(10), double(n));
    return qRound(secondFraction * 1000.0);
}

// "HH:MM:SS" with an optional ".digits" at `at` of `text`; the position after it, or -1.
qsizetype readTime(QByteArrayView text, qsizetype at, WallClock &clock)
{
    clock.hour = digitsAt(text, at, 2);
    clock.minute = digitsAt(text, at + 3, 2);
    clock.second = digitsAt(text, at + 6, 2);
    if (clock.hour < 0 || clock.minute < 0 || clock.second < 0 || text.at(at + 2) != ':'
        || text.at(at + 5) != ':')
        return -1;
    if (clock.hour > 23 || clock.minute > 59 || clock.second > 59)
        return -1;
    qsizetype end = at + 8;
    clock.msec = 0;
    if (end < text.size() && text.at(end) == '.') {
        const qsizetype first = end + 1;
        end = first;
        while (end < text.size() && isDigit(text.at(end)))
            ++end;
        if (end == first)
            return -1;
        clock.msec = qtMilliseconds(text.sliced(first, end - first));
        if (clock.msec > 999)
            return -1;
    }
    return end;
}

// "YYYY-MM-DD HH:MM:SS[.f]" of years 1 to 9999 (no BC, no infinity); the position after it, or
// -1.
qsizetype readTimestamp(QByteArrayView text, WallClock &clock)
{
    if (text.size() < 19 || text.at(4) != '-' || text.at(7) != '-' || text.at(10) != ' ')
        return -1;
    clock.year = digitsAt(text, 0, 4);
    clock.month = digitsAt(text, 5, 2);
    clock.day = digitsAt(text, 8, 2);
    if (clock.year < 1 || clock.month < 1 || clock.month > 12 || clock.day < 1)
        return -1;
    if (clock.day > QDate(clock.year, clock.month, 1).daysInMonth())
        return -1;
    return readTime(text, 11, clock);
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = int(y - era * 400);
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(qint64 z, WallClock &clock)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = int(z - era * 146097);
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    clock.day = doy - (153 * mp + 2) / 5 + 1;
    clock.month = mp < 10 ? mp + 3 : mp - 9;
    clock.year = int(yoe + era * 400) + (clock.month <= 2);
}

// Moves `clock` back by `seconds` (a UTC offset): the same instant in UTC.
void subtractSeconds(WallClock &clock, int seconds)
{
    qint64 total = daysFromCivil(clock.year, clock.month, clock.day) * 86400 + clock.hour * 3600
        + clock.minute * 60 + clock.second - seconds;
    qint64 days = total / 86400;
    qint64 rest = total % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    civilFromDays(days, clock);
    clock.hour = int(rest / 3600);
    clock.minute = int(rest / 60 % 60);
    clock.second = int(rest % 60);
}

// PostgreSQL's UTC offset at `at` as Qt reads it ("+HH" or "+HH:MM", to the end of `text`): its
// seconds, or false. "+HH:MM:SS" (a zone's local mean time) is more than Qt reads: it makes an
// invalid QDateTime, which the QVariant path writes.
bool readOffset(QByteArrayView text, qsizetype at, int &seconds)
{
    const qsizetype size = text.size() - at;
    if (size != 3 && size != 6)
        return false;
    const char sign = text.at(at);
    if (sign != '+' && sign != '-')
        return false;
    const int hours = digitsAt(text, at + 1, 2);
    int minutes = 0;
    if (size == 6) {
        if (text.at(at + 3) != ':')
            return false;
        minutes = digitsAt(text, at + 4, 2);
    }
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
        return false;
    seconds = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    return true;
}

// RowWriter's "yyyy-MM-ddTHH:mm:ss[.zzz][Z]" (isoWallClock), or "HH:mm:ss[.zzz]" (timeText).
void writeClock(JsonWriter &writer, const WallClock &clock, bool withDate, bool zulu)
{
    char text[32];
    char *p = text;
    auto digits = [&p](int value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            p[i] = char('0' + value % 10);
        p += width;
    };
    if (withDate) {
        digits(clock.year, 4);
        *p++ = '-';
        digits(clock.month, 2);
        *p++ = '-';
        digits(clock.day, 2);
        *p++ = 'T';
    }
    digits(clock.hour, 2);
    *p++ = ':';
    digits(clock.minute, 2);
    *p++ = ':';
    digits(clock.second, 2);
    if (clock.msec) {
        *p++ = '.';
        digits(clock.msec, 3);
    }
    if (zulu)
        *p++ = 'Z';
    writer.stringUtf8(QByteArrayView(text, p - text));
}

// Whether the process's local time is UTC at every date a value may carry (Qt::LocalTime is
// then UTC's wall clock, without gaps or folds): QPSQL hands timestamps over in local time, so
// elsewhere they take the QVariant path. Looked at again when TZ changes.
bool localTimeIsUtc()
{
    struct Cache
    {
        bool known = false;
        bool tzSet = false;
        QByteArray tz;
        bool utc = false;
    };
    thread_local Cache cache;
    const char *tz = std::getenv("TZ");
    if (cache.known && cache.tzSet == (tz != nullptr) && (!tz || cache.tz == tz))
        return cache.utc;
    cache.known = true;
    cache.tzSet = tz != nullptr;
    cache.tz = tz ? QByteArray(tz) : QByteArray();
    cache.utc = true;
    for (int year = 1890; year <= 2100 && cache.utc; ++year) {
        for (int month : { 1, 4, 7, 10 }) {
            if (QDateTime(QDate(year, month, 1), QTime(12, 0), Qt::LocalTime).offsetFromUtc()) {
                cache.utc = false;
                break;
            }
        }
    }
    return cache.utc;
}

// How RowWriter writes a value that QPSQL hands over as a QString (text, varchar, uuid, json,
// arrays, numeric, …), written from its UTF-8 directly; false where it would do something else
// (the caller then takes the QVariant).
bool writeText(JsonWriter &writer, const OutputColumn &column, QByteArrayView utf8)
{
    if (!utf8.isValidUtf8()) // QString::fromUtf8 would replace the bad bytes
        return false;
    auto numberOrString = [&] {
        if (isJsonNumber(utf8))
            writer.rawNumber(utf8);
        else
            writer.stringUtf8(utf8);
        return true;
    };
    if (column.dynamic)
        return numberOrString();
    switch (column.type) {
    case JsonType::String: writer.stringUtf8(utf8); return true;
    case JsonType::Uuid:
        // Written lower case: PostgreSQL's uuid text already is.
        for (const char c : utf8) {
            if (uchar(c) >= 0x80 || (c >= 'A' && c <= 'Z'))
                return false;
        }
        writer.stringUtf8(utf8);
        return true;
    case JsonType::Json:
        if (isStrictJson(utf8))
            writer.raw(utf8.trimmed());
        else
            writer.stringUtf8(utf8);
        return true;
    case JsonType::Float:
        if (!isJsonNumber(utf8))
            return false; // NaN, Infinity: null
        writer.rawNumber(utf8);
        return true;
    case JsonType::Integer:
    case JsonType::Decimal:
    case JsonType::Binary:
    case JsonType::Date:
    case JsonType::Time: return numberOrString();
    case JsonType::Boolean:
    case JsonType::DateTime: return false;
    }
    return false;
}

// RowWriter's JSON for the non-null text `value` of a column of type `type`, or false when it
// takes the QVariant.
bool writeDirect(JsonWriter &writer, const OutputColumn &column, Oid type, QByteArrayView value)
{
    switch (type) {
    case Int2Oid:
    case Int4Oid:
    case Int8Oid:
        // PostgreSQL's integer text is what JsonWriter::integer() writes.
        if (column.dynamic || column.type == JsonType::Integer) {
            writer.rawNumber(value);
            return true;
        }
        return false;
    case NumericOid: // with QSql::HighPrecision a QString of the server's digits
        if ((column.dynamic || column.type == JsonType::Integer || column.type == JsonType::Decimal
             || column.type == JsonType::Float)
            && isJsonNumber(value)) {
            writer.rawNumber(value);
            return true;
        }
        return false;
    case BoolOid: // every column type writes a bool as one
        writer.boolean(!value.isEmpty() && value.at(0) == 't');
        return true;
    case DateOid: // every column type writes a QDate as Qt::ISODate
        if (value.size() == 10 && value.at(4) == '-' && value.at(7) == '-'
            && digitsAt(value, 0, 4) >= 1 && digitsAt(value, 5, 2) >= 0
            && digitsAt(value, 8, 2) >= 0) {
            writer.stringUtf8(value);
            return true;
        }
        return false;
    case TimeOid: { // every column type writes a QTime as timeText()
        WallClock clock;
        if (value.size() < 8 || readTime(value, 0, clock) != value.size())
            return false;
        writeClock(writer, clock, false, false);
        return true;
    }
    case TimestampOid:
    case TimestamptzOid: {
        if (!localTimeIsUtc())
            return false;
        WallClock clock;
        const qsizetype end = readTimestamp(value, clock);
        if (end < 0)
            return false;
        if (type == TimestamptzOid) {
            int offset = 0;
            if (!readOffset(value, end, offset))
                return false;
            subtractSeconds(clock, offset);
            if (clock.year < 1 || clock.year > 9999)
                return false;
        } else if (end != value.size()) {
            return false;
        }
        // A zoned column is written in UTC with 'Z'; any other way, the local (here UTC) wall
        // clock without a zone.
        const bool zoned = !column.dynamic && column.type == JsonType::DateTime && column.zoned;
        writeClock(writer, clock, true, zoned);
        return true;
    }
    default: break;
    }
    if (qpsqlType(type).id() == QMetaType::QString)
        return writeText(writer, column, value);
    return false; // floats, bytea, timetz, the OIDs QPSQL reads as int: through the QVariant
}

} // namespace

void PgResultDeleter::operator()(PGresult *result) const
{
    PQclear(result);
}

PgResultCursor::PgResultCursor(PgResultPtr result)
    : m_result(std::move(result))
    , m_rows(m_result ? PQntuples(m_result.get()) : 0)
{
}

bool PgResultCursor::next()
{
    if (m_row + 1 >= m_rows) {
        m_row = m_rows;
        return false;
    }
    ++m_row;
    return true;
}

QVariant PgResultCursor::value(int index) const
{
    if (m_row < 0 || m_row >= m_rows)
        return {};
    return valueAt(m_result.get(), m_row, index);
}

void PgResultCursor::writeFields(JsonWriter &writer, const RowWriter &row) const
{
    writeFieldsAt(m_result.get(), m_row, writer, row);
}

Status PgResultCursor::finish()
{
    m_result.reset();
    m_rows = 0;
    m_row = 0;
    return {};
}

QVariant PgResultCursor::valueAt(const PGresult *result, int row, int column)
{
    // Qt 6.4's QPSQLResult::data(), under QSql::HighPrecision.
    if (column < 0 || column >= PQnfields(result))
        return QVariant();
    const Oid ptype = PQftype(result, column);
    const QMetaType type = qpsqlType(ptype);
    if (PQgetisnull(result, row, column))
        return QVariant(type, nullptr);
    const char *val = PQgetvalue(result, row, column);
    switch (type.id()) {
    case QMetaType::Bool: return QVariant(bool(val[0] == 't'));
    case QMetaType::QString: return QString::fromUtf8(val);
    case QMetaType::LongLong:
        if (val[0] == '-')
            return QByteArray::fromRawData(val, qstrlen(val)).toLongLong();
        else
            return QByteArray::fromRawData(val, qstrlen(val)).toULongLong();
    case QMetaType::Int: return atoi(val);
    case QMetaType::Double: {
        if (ptype == NumericOid)
            return QString::fromLatin1(val);
        bool ok = false;
        double dbl = QByteArrayView(val, qstrlen(val)).toDouble(&ok);
        if (!ok) {
            if (qstricmp(val, "NaN") == 0)
                dbl = qQNaN();
            else if (qstricmp(val, "Infinity") == 0)
                dbl = qInf();
            else if (qstricmp(val, "-Infinity") == 0)
                dbl = -qInf();
            else
                return QVariant();
        }
        return dbl;
    }
    case QMetaType::QDate:
        return QVariant(QDate::fromString(QString::fromLatin1(val), Qt::ISODate));
    case QMetaType::QTime:
        return QVariant(QTime::fromString(QString::fromLatin1(val), Qt::ISODate));
    case QMetaType::QDateTime:
        return QVariant(QDateTime::fromString(QString::fromLatin1(val), Qt::ISODate).toLocalTime());
    case QMetaType::QByteArray: {
        size_t len = 0;
        unsigned char *data = PQunescapeBytea(reinterpret_cast<const unsigned char *>(val), &len);
        QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(len));
        PQfreemem(data);
        return QVariant(bytes);
    }
    default: break;
    }
    return QVariant();
}

void PgResultCursor::writeFieldsAt(const PGresult *result, int row, JsonWriter &writer,
                                   const RowWriter &rowWriter)
{
    const QList<OutputColumn> &columns = rowWriter.columns();
    const int fields = PQnfields(result);
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const OutputColumn &column = columns.at(i);
        const int index = int(i);
        writer.escapedKey(rowWriter.escapedKey(i));
        if (index >= fields || PQgetisnull(result, row, index)) {
            writer.null();
            continue;
        }
        const QByteArrayView text(PQgetvalue(result, row, index), PQgetlength(result, row, index));
        if (!writeDirect(writer, column, PQftype(result, index), text))
            rowWriter.writeValue(writer, column, valueAt(result, row, index));
    }
}

} // namespace sluice
