#include "api/table/cursortoken.h"

#include "core/digest.h"
#include "core/jsonwriter.h"
#include "core/textvalue.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTime>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

// The value types keyset columns come back as, and how each is written as text.
bool toText(const QVariant &value, QString *text)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort: *text = value.toString(); return true;
    case QMetaType::QString: // a value holding U+0000 is never bound (core/textvalue.h): no cursor
        *text = value.toString();
        return !hasNul(*text);
    case QMetaType::Bool: *text = value.toBool() ? u"1"_s : u"0"_s; return true;
    case QMetaType::Double: *text = QString::number(value.toDouble(), 'g', 17); return true;
    case QMetaType::QDate: *text = value.toDate().toString(Qt::ISODate); return true;
    case QMetaType::QTime: *text = value.toTime().toString(Qt::ISODateWithMs); return true;
    case QMetaType::QDateTime: *text = value.toDateTime().toString(Qt::ISODateWithMs); return true;
    case QMetaType::QByteArray:
        *text = QString::fromLatin1(value.toByteArray().toBase64());
        return true;
    default: return false;
    }
}

bool fromText(int typeId, const QString &text, QVariant *value)
{
    bool ok = true;
    switch (typeId) {
    case QMetaType::Int:
    case QMetaType::Short: *value = text.toInt(&ok); break;
    case QMetaType::UInt:
    case QMetaType::UShort: *value = text.toUInt(&ok); break;
    case QMetaType::LongLong: *value = text.toLongLong(&ok); break;
    case QMetaType::ULongLong: *value = text.toULongLong(&ok); break;
    case QMetaType::QString:
        *value = text;
        ok = !hasNul(text);
        break;
    case QMetaType::Bool: *value = text == u"1"_s; break;
    case QMetaType::Double: *value = text.toDouble(&ok); break;
    case QMetaType::QDate: *value = QDate::fromString(text, Qt::ISODate); break;
    case QMetaType::QTime: *value = QTime::fromString(text, Qt::ISODateWithMs); break;
    case QMetaType::QDateTime: *value = QDateTime::fromString(text, Qt::ISODateWithMs); break;
    case QMetaType::QByteArray: *value = QByteArray::fromBase64(text.toLatin1()); break;
    default: return false;
    }
    return ok;
}

} // namespace

CursorCodec::CursorCodec(QByteArray secret)
    : m_key(secret)
{
}

QByteArray CursorCodec::signature(QByteArrayView scope, QByteArrayView payload) const
{
    QByteArray signed_;
    signed_.reserve(scope.size() + 1 + payload.size());
    signed_.append(scope).append('\n').append(payload);
    return m_key.sign(signed_).first(16); // 128 bits
}

QByteArray CursorCodec::encode(QByteArrayView scope, const QVariantList &values) const
{
    // [[type, "text"], …], written directly: this runs for every page that has a next one.
    QByteArray payload;
    JsonWriter items(payload);
    items.beginArray();
    for (const QVariant &value : values) {
        QString text;
        if (value.isNull() || !toText(value, &text))
            return {};
        items.beginArray();
        items.integer(value.typeId());
        items.string(text);
        items.endArray();
    }
    items.endArray();
    return payload.toBase64(kBase64) + '.' + signature(scope, payload).toBase64(kBase64);
}

Result<QVariantList> CursorCodec::decode(QByteArrayView scope, const QString &token) const
{
    const Error invalid = Error::badRequest(
        u"Invalid cursor: not a cursor this read returned (it must repeat the same filter and "
        "order)"_s);
    const QByteArray latin = token.toLatin1();
    const qsizetype dot = latin.indexOf('.');
    if (dot <= 0)
        return invalid;
    const auto payload = QByteArray::fromBase64Encoding(latin.left(dot), kBase64);
    const auto mac = QByteArray::fromBase64Encoding(latin.mid(dot + 1), kBase64);
    if (!payload || !mac)
        return invalid;
    // A constant-time comparison: the signature must not be guessable byte by byte.
    const QByteArray expected = signature(scope, payload.decoded);
    if (mac.decoded.size() != expected.size())
        return invalid;
    int difference = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        difference |= expected.at(i) ^ mac.decoded.at(i);
    if (difference != 0)
        return invalid;
    const QJsonArray items = QJsonDocument::fromJson(payload.decoded).array();
    QVariantList values;
    for (const QJsonValue &item : items) {
        QVariant value;
        if (!fromText(item[0].toInt(), item[1].toString(), &value))
            return invalid;
        values.append(value);
    }
    return values;
}

} // namespace sluice
