#include "arrow/flatbufferschema.h"

#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace sluice::arrow::detail {

namespace {

flatbuffers::Offset<flatbuffers::String> string(flatbuffers::FlatBufferBuilder &builder,
                                                const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return builder.CreateString(utf8.constData(), size_t(utf8.size()));
}

flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>>
writeMetadata(flatbuffers::FlatBufferBuilder &builder, const KeyValueList &metadata)
{
    if (metadata.isEmpty())
        return 0;
    std::vector<flatbuffers::Offset<fb::KeyValue>> pairs;
    pairs.reserve(size_t(metadata.size()));
    for (const auto &[key, value] : metadata) {
        const auto keyOffset = string(builder, key);
        const auto valueOffset = string(builder, value);
        pairs.push_back(fb::CreateKeyValue(builder, keyOffset, valueOffset));
    }
    return builder.CreateVector(pairs);
}

fb::TimeUnit toFlatbuffer(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Second: return fb::TimeUnit::SECOND;
    case TimeUnit::Millisecond: return fb::TimeUnit::MILLISECOND;
    case TimeUnit::Microsecond: return fb::TimeUnit::MICROSECOND;
    case TimeUnit::Nanosecond: return fb::TimeUnit::NANOSECOND;
    }
    return fb::TimeUnit::MICROSECOND;
}

std::pair<fb::Type, flatbuffers::Offset<void>> writeType(flatbuffers::FlatBufferBuilder &builder,
                                                         const Field &field)
{
    const DataType &type = field.type;
    const auto integer = [&](int bits, bool isSigned) {
        return std::pair { fb::Type::Int, fb::CreateInt(builder, bits, isSigned).Union() };
    };
    switch (type.id) {
    case TypeId::Null: return { fb::Type::Null, fb::CreateNull(builder).Union() };
    case TypeId::Bool: return { fb::Type::Bool, fb::CreateBool(builder).Union() };
    case TypeId::Int8: return integer(8, true);
    case TypeId::Int16: return integer(16, true);
    case TypeId::Int32: return integer(32, true);
    case TypeId::Int64: return integer(64, true);
    case TypeId::UInt8: return integer(8, false);
    case TypeId::UInt16: return integer(16, false);
    case TypeId::UInt32: return integer(32, false);
    case TypeId::UInt64: return integer(64, false);
    case TypeId::Float32:
        return { fb::Type::FloatingPoint,
                 fb::CreateFloatingPoint(builder, fb::Precision::SINGLE).Union() };
    case TypeId::Float64:
        return { fb::Type::FloatingPoint,
                 fb::CreateFloatingPoint(builder, fb::Precision::DOUBLE).Union() };
    case TypeId::Decimal128:
        return { fb::Type::Decimal,
                 fb::CreateDecimal(builder, type.precision, type.scale, 128).Union() };
    case TypeId::Utf8: return { fb::Type::Utf8, fb::CreateUtf8(builder).Union() };
    case TypeId::LargeUtf8: return { fb::Type::LargeUtf8, fb::CreateLargeUtf8(builder).Union() };
    case TypeId::Binary: return { fb::Type::Binary, fb::CreateBinary(builder).Union() };
    case TypeId::LargeBinary:
        return { fb::Type::LargeBinary, fb::CreateLargeBinary(builder).Union() };
    case TypeId::Date32:
        return { fb::Type::Date, fb::CreateDate(builder, fb::DateUnit::DAY).Union() };
    case TypeId::Date64:
        return { fb::Type::Date, fb::CreateDate(builder, fb::DateUnit::MILLISECOND).Union() };
    case TypeId::Time32:
        return { fb::Type::Time, fb::CreateTime(builder, toFlatbuffer(type.unit), 32).Union() };
    case TypeId::Time64:
        return { fb::Type::Time, fb::CreateTime(builder, toFlatbuffer(type.unit), 64).Union() };
    case TypeId::Timestamp: {
        const auto zone = type.timezone.isEmpty() ? 0 : string(builder, type.timezone);
        return { fb::Type::Timestamp,
                 fb::CreateTimestamp(builder, toFlatbuffer(type.unit), zone).Union() };
    }
    case TypeId::List: return { fb::Type::List, fb::CreateList(builder).Union() };
    case TypeId::Struct: return { fb::Type::Struct_, fb::CreateStruct_(builder).Union() };
    case TypeId::Map: return { fb::Type::Map, fb::CreateMap(builder, type.keysSorted).Union() };
    case TypeId::DenseUnion: {
        std::vector<int32_t> typeIds;
        for (int i = 0; i < field.children.size(); ++i)
            typeIds.push_back(i);
        const auto ids = builder.CreateVector(typeIds);
        return { fb::Type::Union, fb::CreateUnion(builder, fb::UnionMode::Dense, ids).Union() };
    }
    }
    return { fb::Type::Null, fb::CreateNull(builder).Union() };
}

flatbuffers::Offset<fb::Field> writeField(flatbuffers::FlatBufferBuilder &builder,
                                          const Field &field)
{
    std::vector<flatbuffers::Offset<fb::Field>> children;
    children.reserve(size_t(field.children.size()));
    for (const Field &child : field.children)
        children.push_back(writeField(builder, child));
    const auto childrenOffset = builder.CreateVector(children);
    const auto name = string(builder, field.name);
    const auto [typeType, type] = writeType(builder, field);
    const auto metadata = writeMetadata(builder, field.metadata);
    return fb::CreateField(builder, name, field.nullable, typeType, type, 0, childrenOffset,
                           metadata);
}

QString fromFlatbuffer(const flatbuffers::String *text)
{
    return text ? QString::fromUtf8(text->data(), qsizetype(text->size())) : QString();
}

KeyValueList readMetadata(const flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>> *metadata)
{
    KeyValueList pairs;
    if (!metadata)
        return pairs;
    pairs.reserve(metadata->size());
    for (const fb::KeyValue *pair : *metadata)
        pairs.append({ fromFlatbuffer(pair->key()), fromFlatbuffer(pair->value()) });
    return pairs;
}

std::optional<TimeUnit> fromFlatbuffer(fb::TimeUnit unit)
{
    switch (unit) {
    case fb::TimeUnit::SECOND: return TimeUnit::Second;
    case fb::TimeUnit::MILLISECOND: return TimeUnit::Millisecond;
    case fb::TimeUnit::MICROSECOND: return TimeUnit::Microsecond;
    case fb::TimeUnit::NANOSECOND: return TimeUnit::Nanosecond;
    }
    return std::nullopt;
}

Result<DataType> readType(const fb::Field &field, const QString &path)
{
    const auto refuse = [&](const QString &why) {
        return Error::badRequest(u"Arrow field '%1': %2"_s.arg(path, why));
    };
    const int childCount = field.children() ? int(field.children()->size()) : 0;
    const auto noChildren = [&](DataType type) -> Result<DataType> {
        if (childCount != 0)
            return refuse(u"a %1 has no children"_s.arg(type.name()));
        return type;
    };
    // The verifier lets a union's value be absent; every type_as_…() below is then non-null.
    if (!field.type() && field.type_type() != fb::Type::NONE)
        return refuse(u"its type has no description"_s);
    switch (field.type_type()) {
    case fb::Type::Null: return noChildren({ TypeId::Null });
    case fb::Type::Bool: return noChildren({ TypeId::Bool });
    case fb::Type::Int: {
        const fb::Int *integer = field.type_as_Int();
        const bool isSigned = integer->is_signed();
        switch (integer->bitWidth()) {
        case 8: return noChildren({ isSigned ? TypeId::Int8 : TypeId::UInt8 });
        case 16: return noChildren({ isSigned ? TypeId::Int16 : TypeId::UInt16 });
        case 32: return noChildren({ isSigned ? TypeId::Int32 : TypeId::UInt32 });
        case 64: return noChildren({ isSigned ? TypeId::Int64 : TypeId::UInt64 });
        default: return refuse(u"an integer of %1 bits"_s.arg(integer->bitWidth()));
        }
    }
    case fb::Type::FloatingPoint:
        switch (field.type_as_FloatingPoint()->precision()) {
        case fb::Precision::SINGLE: return noChildren({ TypeId::Float32 });
        case fb::Precision::DOUBLE: return noChildren({ TypeId::Float64 });
        default: return refuse(u"half-precision floats are not supported"_s);
        }
    case fb::Type::Decimal: {
        const fb::Decimal *decimal = field.type_as_Decimal();
        if (decimal->bitWidth() != 128)
            return refuse(u"decimal%1 is not supported (decimal128 is)"_s.arg(decimal->bitWidth()));
        if (decimal->precision() < 1 || decimal->precision() > 38 || decimal->scale() < -38
            || decimal->scale() > 38)
            return refuse(u"decimal128(%1, %2) is out of range"_s.arg(decimal->precision())
                              .arg(decimal->scale()));
        return noChildren(DataType::decimal128(decimal->precision(), decimal->scale()));
    }
    case fb::Type::Utf8: return noChildren({ TypeId::Utf8 });
    case fb::Type::LargeUtf8: return noChildren({ TypeId::LargeUtf8 });
    case fb::Type::Binary: return noChildren({ TypeId::Binary });
    case fb::Type::LargeBinary: return noChildren({ TypeId::LargeBinary });
    case fb::Type::Date:
        switch (field.type_as_Date()->unit()) {
        case fb::DateUnit::DAY: return noChildren({ TypeId::Date32 });
        case fb::DateUnit::MILLISECOND: return noChildren({ TypeId::Date64 });
        default: return refuse(u"unknown date unit"_s);
        }
    case fb::Type::Time: {
        const fb::Time *time = field.type_as_Time();
        const std::optional<TimeUnit> unit = fromFlatbuffer(time->unit());
        if (!unit)
            return refuse(u"unknown time unit"_s);
        const bool wide = *unit == TimeUnit::Microsecond || *unit == TimeUnit::Nanosecond;
        if (time->bitWidth() != (wide ? 64 : 32))
            return refuse(u"a time of %1 bits in this unit"_s.arg(time->bitWidth()));
        return noChildren({ wide ? TypeId::Time64 : TypeId::Time32, 0, 0, *unit });
    }
    case fb::Type::Timestamp: {
        const fb::Timestamp *timestamp = field.type_as_Timestamp();
        const std::optional<TimeUnit> unit = fromFlatbuffer(timestamp->unit());
        if (!unit)
            return refuse(u"unknown timestamp unit"_s);
        return noChildren(
            { TypeId::Timestamp, 0, 0, *unit, fromFlatbuffer(timestamp->timezone()) });
    }
    case fb::Type::List:
        if (childCount != 1)
            return refuse(u"a list has one child, not %1"_s.arg(childCount));
        return DataType { TypeId::List };
    case fb::Type::Struct_: return DataType { TypeId::Struct };
    case fb::Type::Map: {
        const auto *entries = childCount == 1 ? field.children()->Get(0) : nullptr;
        if (!entries || entries->type_type() != fb::Type::Struct_ || !entries->children()
            || entries->children()->size() != 2)
            return refuse(u"a map has one child, a struct of key and value"_s);
        DataType type { TypeId::Map };
        type.keysSorted = field.type_as_Map()->keysSorted();
        return type;
    }
    case fb::Type::Union: {
        const fb::Union *unionType = field.type_as_Union();
        if (unionType->mode() != fb::UnionMode::Dense)
            return refuse(u"sparse unions are not supported"_s);
        if (childCount < 1 || childCount > 127)
            return refuse(u"a union of %1 members"_s.arg(childCount));
        if (const auto *ids = unionType->typeIds()) {
            bool identity = int(ids->size()) == childCount;
            for (int i = 0; identity && i < childCount; ++i)
                identity = ids->Get(flatbuffers::uoffset_t(i)) == i;
            if (!identity)
                return refuse(u"only union type ids 0..n-1 are supported"_s);
        }
        return DataType { TypeId::DenseUnion };
    }
    default:
        return refuse(u"type %1 is not supported"_s.arg(
            QString::fromLatin1(fb::EnumNameType(field.type_type()))));
    }
}

Result<Field> readField(const fb::Field &field, const QString &parentPath)
{
    const QString name = fromFlatbuffer(field.name());
    const QString path = parentPath.isEmpty() ? name : parentPath + u'.' + name;
    if (field.dictionary())
        return Error::badRequest(
            u"Arrow field '%1': dictionary-encoded fields are not supported"_s.arg(path));
    Result<DataType> type = readType(field, path);
    if (!type)
        return type.error();
    Field result(name, *type, field.nullable());
    result.metadata = readMetadata(field.custom_metadata());
    if (const auto *children = field.children()) {
        for (const fb::Field *child : *children) {
            Result<Field> read = readField(*child, path);
            if (!read)
                return read.error();
            result.children.append(std::move(read).value());
        }
    }
    return result;
}

} // namespace

flatbuffers::Offset<fb::Schema> writeSchema(flatbuffers::FlatBufferBuilder &builder,
                                            const Schema &schema)
{
    std::vector<flatbuffers::Offset<fb::Field>> fields;
    fields.reserve(size_t(schema.fields.size()));
    for (const Field &field : schema.fields)
        fields.push_back(writeField(builder, field));
    const auto fieldsOffset = builder.CreateVector(fields);
    const auto metadata = writeMetadata(builder, schema.metadata);
    return fb::CreateSchema(builder, fb::Endianness::Little, fieldsOffset, metadata);
}

Result<Schema> readSchema(const fb::Schema &schema)
{
    if (schema.endianness() != fb::Endianness::Little)
        return Error::badRequest(u"big-endian Arrow data is not supported"_s);
    if (const auto *features = schema.features()) {
        for (const auto feature : *features) {
            if (feature == fb::Feature::COMPRESSED_BODY)
                return Error::badRequest(u"compressed Arrow bodies are not supported"_s);
        }
    }
    Schema result;
    result.metadata = readMetadata(schema.custom_metadata());
    if (const auto *fields = schema.fields()) {
        for (const fb::Field *field : *fields) {
            Result<Field> read = readField(*field, {});
            if (!read)
                return read.error();
            result.fields.append(std::move(read).value());
        }
    }
    return result;
}

QByteArray finishedMessage(flatbuffers::FlatBufferBuilder &builder, fb::MessageHeader headerType,
                           flatbuffers::Offset<void> header, qint64 bodyLength)
{
    builder.Finish(
        fb::CreateMessage(builder, fb::MetadataVersion::V5, headerType, header, bodyLength));
    return QByteArray(reinterpret_cast<const char *>(builder.GetBufferPointer()),
                      qsizetype(builder.GetSize()));
}

} // namespace sluice::arrow::detail
