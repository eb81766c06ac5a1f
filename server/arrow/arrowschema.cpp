#include "arrow/arrowschema.h"

using namespace Qt::StringLiterals;

namespace sluice::arrow {

int DataType::byteWidth() const
{
    switch (id) {
    case TypeId::Int8:
    case TypeId::UInt8: return 1;
    case TypeId::Int16:
    case TypeId::UInt16: return 2;
    case TypeId::Int32:
    case TypeId::UInt32:
    case TypeId::Float32:
    case TypeId::Date32:
    case TypeId::Time32: return 4;
    case TypeId::Int64:
    case TypeId::UInt64:
    case TypeId::Float64:
    case TypeId::Date64:
    case TypeId::Time64:
    case TypeId::Timestamp: return 8;
    case TypeId::Decimal128: return 16;
    default: return 0;
    }
}

bool DataType::isInteger() const
{
    switch (id) {
    case TypeId::Int8:
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::Int64:
    case TypeId::UInt8:
    case TypeId::UInt16:
    case TypeId::UInt32:
    case TypeId::UInt64: return true;
    default: return false;
    }
}

namespace {

QString unitName(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Second: return u"s"_s;
    case TimeUnit::Millisecond: return u"ms"_s;
    case TimeUnit::Microsecond: return u"us"_s;
    case TimeUnit::Nanosecond: return u"ns"_s;
    }
    return {};
}

} // namespace

QString DataType::name() const
{
    switch (id) {
    case TypeId::Null: return u"null"_s;
    case TypeId::Bool: return u"bool"_s;
    case TypeId::Int8: return u"int8"_s;
    case TypeId::Int16: return u"int16"_s;
    case TypeId::Int32: return u"int32"_s;
    case TypeId::Int64: return u"int64"_s;
    case TypeId::UInt8: return u"uint8"_s;
    case TypeId::UInt16: return u"uint16"_s;
    case TypeId::UInt32: return u"uint32"_s;
    case TypeId::UInt64: return u"uint64"_s;
    case TypeId::Float32: return u"float32"_s;
    case TypeId::Float64: return u"float64"_s;
    case TypeId::Decimal128: return u"decimal128(%1, %2)"_s.arg(precision).arg(scale);
    case TypeId::Utf8: return u"utf8"_s;
    case TypeId::LargeUtf8: return u"large_utf8"_s;
    case TypeId::Binary: return u"binary"_s;
    case TypeId::LargeBinary: return u"large_binary"_s;
    case TypeId::Date32: return u"date32"_s;
    case TypeId::Date64: return u"date64"_s;
    case TypeId::Time32: return u"time32[%1]"_s.arg(unitName(unit));
    case TypeId::Time64: return u"time64[%1]"_s.arg(unitName(unit));
    case TypeId::Timestamp:
        return timezone.isEmpty() ? u"timestamp[%1]"_s.arg(unitName(unit))
                                  : u"timestamp[%1, tz=%2]"_s.arg(unitName(unit), timezone);
    case TypeId::List: return u"list"_s;
    case TypeId::Struct: return u"struct"_s;
    case TypeId::Map: return u"map"_s;
    case TypeId::DenseUnion: return u"dense_union"_s;
    }
    return {};
}

Field Field::list(const QString &name, const Field &item, bool nullable)
{
    return Field(name, DataType { TypeId::List }, nullable, { item });
}

Field Field::map(const QString &name, const Field &key, const Field &value, bool nullable)
{
    Field keyField = key;
    keyField.name = u"key"_s;
    keyField.nullable = false;
    Field valueField = value;
    valueField.name = u"value"_s;
    const Field entries(u"entries"_s, DataType { TypeId::Struct }, false, { keyField, valueField });
    return Field(name, DataType { TypeId::Map }, nullable, { entries });
}

Field Field::structOf(const QString &name, const QList<Field> &members, bool nullable)
{
    return Field(name, DataType { TypeId::Struct }, nullable, members);
}

Field Field::denseUnion(const QString &name, const QList<Field> &members)
{
    // A union has no validity of its own: its nulls are its members'.
    return Field(name, DataType { TypeId::DenseUnion }, true, members);
}

} // namespace sluice::arrow
