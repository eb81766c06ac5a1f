#include "db/valuecoercion.h"

#include "core/jsonsyntax.h"
#include "core/jsonwriter.h"
#include "core/textvalue.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <charconv>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString jsonKindName(const QJsonValue &v)
{
    if (exactNumberText(v))
        return u"a number"_s;
    switch (v.type()) {
    case QJsonValue::Bool: return u"a boolean"_s;
    case QJsonValue::Double: return u"a number"_s;
    case QJsonValue::String: return u"a string"_s;
    case QJsonValue::Array: return u"an array"_s;
    case QJsonValue::Object: return u"an object"_s;
    default: return u"null"_s;
    }
}

Error nulError(const Column &column, const QString &text)
{
    return nulValueError(u"Invalid value for column '%1'"_s.arg(column.name), text,
                         { { u"column"_s, column.name } });
}

Error typeError(const Column &column, const QString &expected, const QString &got)
{
    Error e = Error::badRequest(
        u"Invalid value for column '%1': expected %2, got %3"_s.arg(column.name, expected, got));
    e.context.insert(u"column"_s, column.name);
    return e;
}

// The shortest text that reads back as the same double: binds decimals without float noise.
QString numberText(double d)
{
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, d);
    return QString::fromLatin1(buf, res.ptr - buf);
}

// A JSON number's text: the digits sent when the body kept them (core/jsonsyntax.h), a whole
// number as the qint64 QJsonDocument holds (beyond 2^53 too), else the double's shortest text.
QString numberText(const QJsonValue &value)
{
    if (auto digits = exactNumberText(value))
        return *digits;
    constexpr qint64 notInteger = std::numeric_limits<qint64>::min();
    if (const qint64 exact = value.toInteger(notInteger); exact != notInteger)
        return QString::number(exact);
    return numberText(value.toDouble());
}

// A JSON value as compact JSON text; numbers kept exact stay numbers with all their digits.
QString jsonText(const QJsonValue &value)
{
    QByteArray json;
    JsonWriter(json).value(value);
    return QString::fromUtf8(json);
}

Result<QVariant> integerFromText(const Column &column, const QString &text)
{
    bool ok = false;
    const qlonglong n = text.trimmed().toLongLong(&ok);
    if (!ok)
        return typeError(column, u"an integer"_s, u"'%1'"_s.arg(text.left(64)));
    return QVariant(n);
}

Result<QVariant> numberFromText(const Column &column, const QString &text)
{
    const QByteArray latin = text.trimmed().toLatin1();
    if (!isJsonNumber(latin))
        return typeError(column, u"a number"_s, u"'%1'"_s.arg(text.left(64)));
    return QVariant(QString::fromLatin1(latin)); // exact digits: the database parses them
}

Result<QVariant> booleanFromText(const Column &column, const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"true"_s || t == u"1"_s)
        return QVariant(true);
    if (t == u"false"_s || t == u"0"_s)
        return QVariant(false);
    return typeError(column, u"a boolean"_s, u"'%1'"_s.arg(text.left(64)));
}

// A JSON array as a PostgreSQL array literal ({1,2,"b c",NULL}, nested arrays nested), the
// form an array column accepts from a bound text value. Elements are numbers, strings,
// booleans, null or arrays; objects are refused.
Result<QString> arrayElements(const Column &column, const QJsonArray &array)
{
    QString out = u"{"_s;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (i)
            out += u',';
        const QJsonValue v = array.at(i);
        if (const auto digits = exactNumberText(v)) {
            out += *digits;
            continue;
        }
        switch (v.type()) {
        case QJsonValue::Null: out += u"NULL"_s; break;
        case QJsonValue::Bool: out += v.toBool() ? u"true"_s : u"false"_s; break;
        case QJsonValue::Double: out += numberText(v); break;
        case QJsonValue::String: {
            QString text = v.toString();
            if (hasNul(text))
                return nulError(column, text);
            text.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
            out += u'"' + text + u'"';
            break;
        }
        case QJsonValue::Array: {
            auto inner = arrayElements(column, v.toArray());
            if (!inner)
                return inner.error();
            out += *inner;
            break;
        }
        default: return typeError(column, u"an array of scalars"_s, u"an object in the array"_s);
        }
    }
    return QString(out + u'}');
}

Result<QVariant> postgresArrayLiteral(const Column &column, const QJsonArray &array)
{
    auto literal = arrayElements(column, array);
    if (!literal)
        return literal.error();
    return QVariant(*literal);
}

} // namespace

// A timestamp for a column whose driver speaks a UTC wall clock (Column::utcWallClock): an RFC
// 3339 instant with an offset is converted to UTC and written without one, which MySQL accepts.
QVariant utcWallClockText(const QString &text)
{
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid() || dt.timeSpec() == Qt::LocalTime)
        return QVariant(
            text); // no offset given: already the wall clock; or the database's to judge
    const QDateTime utc = dt.toUTC();
    return QVariant(
        utc.toString(utc.time().msec() ? u"yyyy-MM-dd HH:mm:ss.zzz"_s : u"yyyy-MM-dd HH:mm:ss"_s));
}

Result<QVariant> bindableFromText(const Column &column, const QString &text)
{
    if (hasNul(text))
        return nulError(column, text);
    if (column.utcWallClock)
        return utcWallClockText(text);
    switch (column.jsonType) {
    case JsonType::Integer: return integerFromText(column, text);
    case JsonType::Decimal:
    case JsonType::Float: return numberFromText(column, text);
    case JsonType::Boolean: return booleanFromText(column, text);
    case JsonType::Binary: {
        auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return typeError(column, u"base64 data"_s, u"'%1'"_s.arg(text.left(64)));
        return QVariant(*decoded);
    }
    default: return QVariant(text);
    }
}

Result<QVariant> bindableFromJson(const Column &column, const QJsonValue &value)
{
    if (value.isNull())
        return QVariant(); // NOT NULL is the database's to enforce: it names the column
    if (value.isUndefined())
        return typeError(column, u"a value"_s, u"nothing"_s);
    // A number the body kept digit for digit comes as a marked string (core/jsonsyntax.h): it
    // is a number here, never text.
    const std::optional<QString> digits = exactNumberText(value);
    const bool number = value.isDouble() || digits;
    const bool text = value.isString() && !digits;
    // (A JSON column stores JSON text, where U+0000 is the escape \u0000, never the character.)
    if (column.jsonType != JsonType::Json && text && hasNul(value.toString()))
        return nulError(column, value.toString());

    switch (column.jsonType) {
    case JsonType::Integer:
        if (digits) // beyond a qint64, or not whole: the error names it
            return integerFromText(column, *digits);
        if (value.isDouble()) {
            // Integers parsed from JSON text are held exactly (beyond 2^53 too).
            constexpr qint64 notInteger = std::numeric_limits<qint64>::min();
            if (const qint64 exact = value.toInteger(notInteger); exact != notInteger)
                return QVariant(qlonglong(exact));
            const double d = value.toDouble();
            if (d != std::floor(d) || std::fabs(d) > 9.2e18)
                return typeError(column, u"an integer"_s, u"%1"_s.arg(numberText(d)));
            return QVariant(qlonglong(d));
        }
        if (text)
            return integerFromText(column, value.toString());
        return typeError(column, u"an integer"_s, jsonKindName(value));
    case JsonType::Decimal:
    case JsonType::Float:
        if (number)
            return QVariant(numberText(value));
        if (text)
            return numberFromText(column, value.toString());
        return typeError(column, u"a number"_s, jsonKindName(value));
    case JsonType::Boolean:
        if (value.isBool())
            return QVariant(value.toBool());
        if (value.isDouble() && (value.toDouble() == 0 || value.toDouble() == 1))
            return QVariant(value.toDouble() == 1);
        if (text)
            return booleanFromText(column, value.toString());
        return typeError(column, u"a boolean"_s, jsonKindName(value));
    case JsonType::Json:
        if (value.isArray() && column.readAs == ReadAs::Json && column.dbType.endsWith(u"[]"_s))
            return postgresArrayLiteral(column, value.toArray());
        return QVariant(jsonText(value)); // numbers kept exact, nested too, stay numbers
    case JsonType::Binary:
        if (!text)
            return typeError(column, u"a base64 string"_s, jsonKindName(value));
        return bindableFromText(column, value.toString());
    case JsonType::String:
        if (number)
            return QVariant(numberText(value));
        if (value.isBool())
            return QVariant(value.toBool() ? u"true"_s : u"false"_s);
        Q_FALLTHROUGH();
    case JsonType::Date:
    case JsonType::DateTime:
    case JsonType::Time:
    case JsonType::Uuid:
        if (!text)
            return typeError(column, u"a string"_s, jsonKindName(value));
        if (column.utcWallClock)
            return utcWallClockText(value.toString());
        return QVariant(value.toString());
    }
    return QVariant(value.toVariant());
}

Result<QVariant> bindableUntyped(const QJsonValue &value, const QString &name)
{
    if (const auto digits = exactNumberText(value))
        return QVariant(*digits); // every digit, as text: the database reads the number
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: return QVariant();
    case QJsonValue::Bool: return QVariant(value.toBool());
    case QJsonValue::Double: {
        // A whole number as the qint64 QJsonDocument holds (beyond 2^53 too), else the double.
        constexpr qint64 notInteger = std::numeric_limits<qint64>::min();
        if (const qint64 exact = value.toInteger(notInteger); exact != notInteger)
            return QVariant(exact);
        return QVariant(value.toDouble());
    }
    case QJsonValue::String: {
        QString text = value.toString();
        if (hasNul(text))
            return nulValueError(u"Invalid value for "_s + name, text);
        return QVariant(std::move(text));
    }
    case QJsonValue::Array:
    case QJsonValue::Object: return QVariant(jsonText(value));
    }
    return QVariant();
}

} // namespace sluice
