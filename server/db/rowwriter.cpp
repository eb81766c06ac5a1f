#include "db/rowwriter.h"

#include "core/jsonsyntax.h"

#include <QDate>
#include <QDateTime>
#include <QSet>
#include <QTime>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// "yyyy-MM-ddTHH:mm:ss", ".zzz" when there are milliseconds, then `suffix`: what the formats
// below give for years 0 to 9999, without parsing a format for every value of every row.
QString isoWallClock(const QDate &date, const QTime &time, char suffix)
{
    char text[32];
    char *p = text;
    auto digits = [&p](int value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            p[i] = char('0' + value % 10);
        p += width;
    };
    digits(date.year(), 4);
    *p++ = '-';
    digits(date.month(), 2);
    *p++ = '-';
    digits(date.day(), 2);
    *p++ = 'T';
    digits(time.hour(), 2);
    *p++ = ':';
    digits(time.minute(), 2);
    *p++ = ':';
    digits(time.second(), 2);
    if (time.msec()) {
        *p++ = '.';
        digits(time.msec(), 3);
    }
    if (suffix)
        *p++ = suffix;
    return QString::fromLatin1(text, p - text);
}

QString rfc3339(const QDateTime &dt)
{
    const Qt::TimeSpec spec = dt.timeSpec();
    if ((spec == Qt::UTC || spec == Qt::LocalTime) && dt.isValid()) {
        const QDate date = dt.date();
        if (date.year() >= 0 && date.year() <= 9999)
            return isoWallClock(date, dt.time(), spec == Qt::UTC ? 'Z' : '\0');
    }
    switch (spec) {
    case Qt::UTC:
        return dt.toString(dt.time().msec() ? u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s
                                            : u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
    case Qt::LocalTime: // a timestamp without time zone: written as the database holds it
        return dt.toString(dt.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
    default: return dt.toString(dt.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
    }
}

// "HH:MM:SS", with ".zzz" only when there are milliseconds.
QString timeText(const QTime &t)
{
    return t.toString(t.msec() ? Qt::ISODateWithMs : Qt::ISODate);
}

// SQLite keeps timestamps as the text it was given; "2024-02-29 13:45:30" (SQL's form, and
// what datetime() produces) is written with RFC 3339's 'T'.
QString rfc3339Text(QString text)
{
    if (text.size() >= 19 && text.at(10) == u' ' && text.at(4) == u'-' && text.at(13) == u':')
        text[10] = u'T';
    return text;
}

bool isIntegral(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort: return true;
    default: return false;
    }
}

// JSON text stored in a column: embedded when it is valid JSON, else written as a string so a
// bad value can never break the response.
void writeJsonText(JsonWriter &w, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    if (isStrictJson(utf8))
        w.raw(utf8.trimmed());
    else
        w.stringUtf8(utf8);
}

void writeDynamic(JsonWriter &w, const QVariant &v)
{
    if (isIntegral(v)) {
        w.integer(v.toLongLong());
        return;
    }
    switch (v.typeId()) {
    case QMetaType::Bool: w.boolean(v.toBool()); return;
    case QMetaType::Double:
    case QMetaType::Float: w.number(v.toDouble()); return;
    case QMetaType::QString: {
        const QString s = v.toString();
        const QByteArray latin = s.toLatin1();
        if (isJsonNumber(latin))
            w.rawNumber(latin);
        else
            w.string(s);
        return;
    }
    case QMetaType::QDate: w.string(v.toDate().toString(Qt::ISODate)); return;
    case QMetaType::QDateTime: w.string(rfc3339(v.toDateTime())); return;
    case QMetaType::QTime: w.string(timeText(v.toTime())); return;
    case QMetaType::QByteArray: w.stringUtf8(v.toByteArray().toBase64()); return;
    default: w.string(v.toString());
    }
}

} // namespace

RowWriter::RowWriter(const QList<OutputColumn> &columns)
    : m_columns(columns)
{
    m_keys.reserve(columns.size());
    for (const OutputColumn &c : columns) {
        QByteArray key;
        JsonWriter::appendEscaped(key, c.name);
        m_keys.append(key);
    }
}

void RowWriter::writeRow(JsonWriter &w, const QSqlQuery &query) const
{
    w.beginObject();
    writeFields(w, query);
    w.endObject();
}

void RowWriter::writeFields(JsonWriter &w, const QSqlQuery &query) const
{
    for (qsizetype i = 0; i < m_columns.size(); ++i) {
        // Keys were escaped at construction; write "key": then the value.
        w.escapedKey(m_keys.at(i));
        writeValue(w, m_columns.at(i), query.value(int(i)));
    }
}

void RowWriter::writeValue(JsonWriter &w, const OutputColumn &column, const QVariant &v) const
{
    if (v.isNull()) {
        w.null();
        return;
    }
    if (column.dynamic) {
        writeDynamic(w, v);
        return;
    }
    switch (column.type) {
    case JsonType::Integer:
        if (isIntegral(v)) {
            w.integer(v.toLongLong());
            return;
        }
        break; // SQLite may hold anything in any column: fall back to the value's own type
    case JsonType::Decimal:
    case JsonType::Float:
        // A database that hands exact numerics over as numbers (SQLite) shows the declared
        // scale, as the others do: NUMERIC(8,2) 12.5 is 12.50.
        if (v.typeId() == QMetaType::Double) {
            if (column.scale >= 0)
                w.rawNumber(QByteArray::number(v.toDouble(), 'f', column.scale));
            else
                w.number(v.toDouble());
            return;
        }
        if (isIntegral(v)) {
            if (column.scale > 0)
                w.rawNumber(QByteArray(QByteArray::number(v.toLongLong()) + '.'
                                       + QByteArray(column.scale, '0')));
            else
                w.integer(v.toLongLong());
            return;
        }
        if (v.typeId() == QMetaType::QString) {
            const QByteArray digits = v.toString().toLatin1();
            if (isJsonNumber(digits)) {
                w.rawNumber(digits); // exactly the database's digits
                return;
            }
            // A float handed over as text (QODBC with HighPrecision) that is no JSON number:
            // "NaN", "Infinity". As a double it would be null; so it is here.
            static const QList<QByteArray> nonFinite = { "nan", "infinity", "-infinity", "inf",
                                                         "-inf" };
            if (column.type == JsonType::Float && nonFinite.contains(digits.toLower())) {
                w.null();
                return;
            }
        }
        break;
    case JsonType::Boolean:
        if (v.typeId() == QMetaType::Bool || isIntegral(v)) {
            w.boolean(v.toBool());
            return;
        }
        if (v.typeId() == QMetaType::QString) {
            const QString s = v.toString().toLower();
            if (s == u"true"_s || s == u"t"_s || s == u"1"_s) {
                w.boolean(true);
                return;
            }
            if (s == u"false"_s || s == u"f"_s || s == u"0"_s) {
                w.boolean(false);
                return;
            }
        }
        break;
    case JsonType::Json:
        if (v.typeId() == QMetaType::QString || v.typeId() == QMetaType::QByteArray) {
            writeJsonText(w, v.toString());
            return;
        }
        break;
    case JsonType::Binary:
        if (v.typeId() == QMetaType::QByteArray) {
            w.stringUtf8(v.toByteArray().toBase64());
            return;
        }
        break;
    case JsonType::String:
    case JsonType::Uuid:
        if (v.typeId() == QMetaType::QString) {
            // A UUID's canonical text is lower case; psqlODBC and SQL Server hand over upper.
            w.string(column.type == JsonType::Uuid ? v.toString().toLower() : v.toString());
            return;
        }
        if (v.typeId() == QMetaType::QByteArray) {
            // A BLOB in a text column (SQLite): text when it is UTF-8, else base64.
            const QByteArray bytes = v.toByteArray();
            const QString text = QString::fromUtf8(bytes);
            if (text.toUtf8() == bytes)
                w.string(text);
            else
                w.stringUtf8(bytes.toBase64());
            return;
        }
        break;
    case JsonType::DateTime:
        if (v.typeId() == QMetaType::QDateTime && column.zoned) {
            const QDateTime dt = v.toDateTime();
            // QPSQL hands timestamptz over in local time: the instant is right, the zone is not.
            // QMYSQL hands TIMESTAMP over as a naive wall clock, which the session made UTC.
            w.string(rfc3339(column.utcWallClock ? QDateTime(dt.date(), dt.time(), Qt::UTC)
                                                 : dt.toUTC()));
            return;
        }
        if (v.typeId() == QMetaType::QString) {
            w.string(rfc3339Text(v.toString()));
            return;
        }
        break;
    case JsonType::Date:
    case JsonType::Time: break;
    }
    writeDynamic(w, v);
}

QList<OutputColumn> untypedColumns(const QSqlRecord &record)
{
    QList<OutputColumn> columns;
    QSet<QString> taken;
    for (int i = 0; i < record.count(); ++i) {
        OutputColumn c;
        c.name = record.fieldName(i);
        for (int n = 2; taken.contains(c.name); ++n)
            c.name = record.fieldName(i) + u'_' + QString::number(n);
        taken.insert(c.name);
        c.dynamic = true;
        columns << c;
    }
    return columns;
}

} // namespace sluice
