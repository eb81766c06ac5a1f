#include "arrow/recordbatchbuilder.h"

#include "arrow/decimal128.h"
#include "arrow/flatbufferschema.h"

#include <QtEndian>

#include <cstring>
#include <limits>
#include <optional>

namespace sluice::arrow {

namespace {

bool usesOffsets(TypeId id)
{
    switch (id) {
    case TypeId::Utf8:
    case TypeId::LargeUtf8:
    case TypeId::Binary:
    case TypeId::LargeBinary:
    case TypeId::List:
    case TypeId::Map: return true;
    default: return false;
    }
}

bool largeOffsets(TypeId id)
{
    return id == TypeId::LargeUtf8 || id == TypeId::LargeBinary;
}

qint64 padded(qint64 size)
{
    return (size + 7) / 8 * 8;
}

// `micros` in `unit`, when exact and in range.
std::optional<qint64> fromMicros(qint64 micros, TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Microsecond: return micros;
    case TimeUnit::Nanosecond:
        if (micros > std::numeric_limits<qint64>::max() / 1000
            || micros < std::numeric_limits<qint64>::min() / 1000)
            return std::nullopt;
        return micros * 1000;
    case TimeUnit::Millisecond:
        if (micros % 1000 != 0)
            return std::nullopt;
        return micros / 1000;
    case TimeUnit::Second:
        if (micros % 1000000 != 0)
            return std::nullopt;
        return micros / 1000000;
    }
    return std::nullopt;
}

template<typename T> bool inRange(qint64 value)
{
    return value >= qint64(std::numeric_limits<T>::min())
        && value <= qint64(std::numeric_limits<T>::max());
}

} // namespace

ColumnBuilder::ColumnBuilder(const Field &field)
    : m_field(field)
{
    m_children.reserve(size_t(field.children.size()));
    for (const Field &child : field.children)
        m_children.push_back(ColumnBuilder(child));
    clear();
}

void ColumnBuilder::clear()
{
    m_length = 0;
    m_nullCount = 0;
    m_hasValidity = false;
    m_validity.clear();
    m_values.clear();
    m_offsets.clear();
    if (usesOffsets(m_field.type.id))
        appendOffset(0);
    for (ColumnBuilder &child : m_children)
        child.clear();
}

void ColumnBuilder::appendBytes(const void *data, size_t size)
{
    const size_t at = m_values.size();
    m_values.resize(at + size);
    std::memcpy(m_values.data() + at, data, size);
}

bool ColumnBuilder::appendOffset(qint64 offset)
{
    const size_t at = m_offsets.size();
    if (largeOffsets(m_field.type.id)) {
        m_offsets.resize(at + 8);
        qToLittleEndian<qint64>(offset, m_offsets.data() + at);
        return true;
    }
    if (offset > std::numeric_limits<qint32>::max())
        return false;
    m_offsets.resize(at + 4);
    qToLittleEndian<qint32>(qint32(offset), m_offsets.data() + at);
    return true;
}

void ColumnBuilder::appendValidity(bool valid)
{
    if (!valid) {
        if (!m_hasValidity) {
            // Every earlier value was valid: the bitmap starts all ones.
            m_validity.assign(size_t((m_length + 7) / 8), 0xFF);
            m_hasValidity = true;
        }
        ++m_nullCount;
    }
    if (m_hasValidity) {
        const size_t byte = size_t(m_length / 8);
        if (byte == m_validity.size())
            m_validity.push_back(0);
        const auto bit = std::uint8_t(1u << (m_length % 8));
        if (valid)
            m_validity[byte] |= bit;
        else
            m_validity[byte] &= std::uint8_t(~bit);
    }
    ++m_length;
}

void ColumnBuilder::appendNull()
{
    const TypeId id = m_field.type.id;
    switch (id) {
    case TypeId::Null:
        ++m_nullCount;
        ++m_length;
        return;
    case TypeId::DenseUnion:
        if (ColumnBuilder *member = appendUnionElement(0)) {
            member->appendNull();
        } else { // a union without members: keep the length right, never loop in padTo()
            m_values.push_back(0);
            m_offsets.resize(m_offsets.size() + 4, 0);
            ++m_length;
        }
        return;
    case TypeId::Struct:
        for (ColumnBuilder &child : m_children)
            child.padTo(m_length + 1);
        break;
    case TypeId::List:
    case TypeId::Map: appendOffset(m_children[0].m_length); break;
    case TypeId::Utf8:
    case TypeId::LargeUtf8:
    case TypeId::Binary:
    case TypeId::LargeBinary: appendOffset(qint64(m_values.size())); break;
    case TypeId::Bool:
        if (m_length % 8 == 0)
            m_values.push_back(0);
        break;
    default: m_values.resize(m_values.size() + size_t(m_field.type.byteWidth()), 0); break;
    }
    appendValidity(false);
}

void ColumnBuilder::padTo(qint64 length)
{
    while (m_length < length)
        appendNull();
}

bool ColumnBuilder::appendBool(bool value)
{
    if (m_field.type.id != TypeId::Bool)
        return false;
    if (m_length % 8 == 0)
        m_values.push_back(0);
    if (value)
        m_values.back() |= std::uint8_t(1u << (m_length % 8));
    appendValidity(true);
    return true;
}

bool ColumnBuilder::appendInt(qint64 value)
{
    switch (m_field.type.id) {
    case TypeId::Int8: {
        if (!inRange<qint8>(value))
            return false;
        const auto narrow = qint8(value);
        appendBytes(&narrow, 1);
        break;
    }
    case TypeId::Int16: {
        if (!inRange<qint16>(value))
            return false;
        char bytes[2];
        qToLittleEndian<qint16>(qint16(value), bytes);
        appendBytes(bytes, 2);
        break;
    }
    case TypeId::Int32: {
        if (!inRange<qint32>(value))
            return false;
        char bytes[4];
        qToLittleEndian<qint32>(qint32(value), bytes);
        appendBytes(bytes, 4);
        break;
    }
    case TypeId::Int64: {
        char bytes[8];
        qToLittleEndian<qint64>(value, bytes);
        appendBytes(bytes, 8);
        break;
    }
    case TypeId::UInt8:
    case TypeId::UInt16:
    case TypeId::UInt32:
    case TypeId::UInt64: return value >= 0 && appendUInt(quint64(value));
    case TypeId::Decimal128: return appendDecimal(QString::number(value));
    default: return false;
    }
    appendValidity(true);
    return true;
}

bool ColumnBuilder::appendUInt(quint64 value)
{
    char bytes[8];
    switch (m_field.type.id) {
    case TypeId::UInt8:
        if (value > std::numeric_limits<quint8>::max())
            return false;
        bytes[0] = char(value);
        appendBytes(bytes, 1);
        break;
    case TypeId::UInt16:
        if (value > std::numeric_limits<quint16>::max())
            return false;
        qToLittleEndian<quint16>(quint16(value), bytes);
        appendBytes(bytes, 2);
        break;
    case TypeId::UInt32:
        if (value > std::numeric_limits<quint32>::max())
            return false;
        qToLittleEndian<quint32>(quint32(value), bytes);
        appendBytes(bytes, 4);
        break;
    case TypeId::UInt64:
        qToLittleEndian<quint64>(value, bytes);
        appendBytes(bytes, 8);
        break;
    case TypeId::Int8:
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::Int64:
    case TypeId::Decimal128:
        return value <= quint64(std::numeric_limits<qint64>::max()) && appendInt(qint64(value));
    default: return false;
    }
    appendValidity(true);
    return true;
}

bool ColumnBuilder::appendDouble(double value)
{
    char bytes[8];
    if (m_field.type.id == TypeId::Float64) {
        qToLittleEndian<double>(value, bytes);
        appendBytes(bytes, 8);
    } else if (m_field.type.id == TypeId::Float32) {
        qToLittleEndian<float>(float(value), bytes);
        appendBytes(bytes, 4);
    } else {
        return false;
    }
    appendValidity(true);
    return true;
}

bool ColumnBuilder::appendDecimal(QStringView text)
{
    if (m_field.type.id != TypeId::Decimal128)
        return false;
    const Result<Decimal128> value =
        Decimal128::parse(text, m_field.type.precision, m_field.type.scale);
    return value && appendDecimal(*value);
}

bool ColumnBuilder::appendDecimal(const Decimal128 &value)
{
    if (m_field.type.id != TypeId::Decimal128)
        return false;
    appendBytes(value.bytes.data(), value.bytes.size());
    appendValidity(true);
    return true;
}

bool ColumnBuilder::appendVariable(QByteArrayView bytes)
{
    const qint64 end = qint64(m_values.size()) + bytes.size();
    if (!appendOffset(end))
        return false;
    if (!bytes.isEmpty())
        appendBytes(bytes.data(), size_t(bytes.size()));
    appendValidity(true);
    return true;
}

bool ColumnBuilder::appendString(QByteArrayView utf8)
{
    const TypeId id = m_field.type.id;
    return (id == TypeId::Utf8 || id == TypeId::LargeUtf8) && appendVariable(utf8);
}

bool ColumnBuilder::appendBinary(QByteArrayView bytes)
{
    const TypeId id = m_field.type.id;
    return (id == TypeId::Binary || id == TypeId::LargeBinary) && appendVariable(bytes);
}

bool ColumnBuilder::appendDate32(qint32 daysSinceEpoch)
{
    char bytes[8];
    if (m_field.type.id == TypeId::Date32) {
        qToLittleEndian<qint32>(daysSinceEpoch, bytes);
        appendBytes(bytes, 4);
    } else if (m_field.type.id == TypeId::Date64) {
        qToLittleEndian<qint64>(qint64(daysSinceEpoch) * 86'400'000, bytes);
        appendBytes(bytes, 8);
    } else {
        return false;
    }
    appendValidity(true);
    return true;
}

bool ColumnBuilder::appendTime64Micros(qint64 microsSinceMidnight)
{
    const TypeId id = m_field.type.id;
    if (id != TypeId::Time64 && id != TypeId::Time32)
        return false;
    const std::optional<qint64> value = fromMicros(microsSinceMidnight, m_field.type.unit);
    if (!value)
        return false;
    char bytes[8];
    if (id == TypeId::Time64) {
        qToLittleEndian<qint64>(*value, bytes);
        appendBytes(bytes, 8);
    } else {
        if (!inRange<qint32>(*value))
            return false;
        qToLittleEndian<qint32>(qint32(*value), bytes);
        appendBytes(bytes, 4);
    }
    appendValidity(true);
    return true;
}

bool ColumnBuilder::appendTimestampMicros(qint64 microsSinceEpoch)
{
    if (m_field.type.id != TypeId::Timestamp)
        return false;
    const std::optional<qint64> value = fromMicros(microsSinceEpoch, m_field.type.unit);
    if (!value)
        return false;
    char bytes[8];
    qToLittleEndian<qint64>(*value, bytes);
    appendBytes(bytes, 8);
    appendValidity(true);
    return true;
}

bool ColumnBuilder::endList()
{
    const TypeId id = m_field.type.id;
    if ((id != TypeId::List && id != TypeId::Map) || !appendOffset(m_children[0].m_length))
        return false;
    appendValidity(true);
    return true;
}

bool ColumnBuilder::endStruct()
{
    if (m_field.type.id != TypeId::Struct)
        return false;
    for (ColumnBuilder &child : m_children)
        child.padTo(m_length + 1);
    appendValidity(true);
    return true;
}

ColumnBuilder *ColumnBuilder::appendUnionElement(int typeId)
{
    if (m_field.type.id != TypeId::DenseUnion || typeId < 0 || typeId >= childCount())
        return nullptr;
    ColumnBuilder &member = m_children[size_t(typeId)];
    if (member.m_length > std::numeric_limits<qint32>::max())
        return nullptr;
    m_values.push_back(std::uint8_t(typeId));
    const size_t at = m_offsets.size();
    m_offsets.resize(at + 4);
    qToLittleEndian<qint32>(qint32(member.m_length), m_offsets.data() + at);
    ++m_length;
    return &member;
}

qint64 ColumnBuilder::bodySize() const
{
    qint64 size = m_nullCount > 0 ? padded(qint64(m_validity.size())) : 0;
    size += padded(qint64(m_values.size())) + padded(qint64(m_offsets.size()));
    for (const ColumnBuilder &child : m_children)
        size += child.bodySize();
    return size;
}

RecordBatchBuilder::RecordBatchBuilder(const Schema &schema)
    : m_schema(schema)
{
    m_columns.reserve(size_t(schema.fields.size()));
    for (const Field &field : schema.fields)
        m_columns.push_back(ColumnBuilder(field));
}

qint64 RecordBatchBuilder::rowCount() const
{
    qint64 rows = 0;
    for (const ColumnBuilder &column : m_columns)
        rows = std::max(rows, column.length());
    return rows;
}

qint64 RecordBatchBuilder::bodySize() const
{
    qint64 size = 0;
    for (const ColumnBuilder &column : m_columns)
        size += column.bodySize();
    return size;
}

namespace {

// Lays out the batch's nodes and buffers in the order the format gives: depth-first over the
// fields, each array's buffers in its layout's order.
struct BatchLayout
{
    std::vector<detail::fb::FieldNode> nodes;
    std::vector<detail::fb::Buffer> buffers;
    std::vector<const std::vector<std::uint8_t> *> sources; // nullptr: an empty buffer
    qint64 bodyLength = 0;

    void add(const std::vector<std::uint8_t> *source)
    {
        const qint64 size = source ? qint64(source->size()) : 0;
        buffers.emplace_back(bodyLength, size);
        sources.push_back(source);
        bodyLength += padded(size);
    }
};

} // namespace

RecordBatchBuilder::Encoded RecordBatchBuilder::finish()
{
    const qint64 rows = rowCount();
    for (ColumnBuilder &column : m_columns)
        column.padTo(rows);

    BatchLayout layout;
    struct Visitor
    {
        BatchLayout &layout;
        void visit(const ColumnBuilder &column)
        {
            layout.nodes.emplace_back(column.m_length, column.m_nullCount);
            const bool hasNulls = column.m_nullCount > 0;
            switch (column.m_field.type.id) {
            case TypeId::Null: break;
            case TypeId::DenseUnion:
                layout.add(&column.m_values);
                layout.add(&column.m_offsets);
                break;
            case TypeId::Struct: layout.add(hasNulls ? &column.m_validity : nullptr); break;
            case TypeId::List:
            case TypeId::Map:
                layout.add(hasNulls ? &column.m_validity : nullptr);
                layout.add(&column.m_offsets);
                break;
            case TypeId::Utf8:
            case TypeId::LargeUtf8:
            case TypeId::Binary:
            case TypeId::LargeBinary:
                layout.add(hasNulls ? &column.m_validity : nullptr);
                layout.add(&column.m_offsets);
                layout.add(&column.m_values);
                break;
            default:
                layout.add(hasNulls ? &column.m_validity : nullptr);
                layout.add(&column.m_values);
                break;
            }
            for (const ColumnBuilder &child : column.m_children)
                visit(child);
        }
    };
    Visitor visitor { layout };
    for (const ColumnBuilder &column : m_columns)
        visitor.visit(column);

    Encoded encoded;
    encoded.body = QByteArray(layout.bodyLength, Qt::Uninitialized);
    char *out = encoded.body.data();
    for (size_t i = 0; i < layout.sources.size(); ++i) {
        const qint64 offset = layout.buffers[i].offset();
        const qint64 size = layout.buffers[i].length();
        if (size > 0)
            std::memcpy(out + offset, layout.sources[i]->data(), size_t(size));
        std::memset(out + offset + size, 0, size_t(padded(size) - size));
    }

    flatbuffers::FlatBufferBuilder builder(256 + 32 * layout.nodes.size());
    const auto nodes = builder.CreateVectorOfStructs(layout.nodes);
    const auto buffers = builder.CreateVectorOfStructs(layout.buffers);
    const auto batch = detail::fb::CreateRecordBatch(builder, rows, nodes, buffers);
    encoded.header = detail::finishedMessage(builder, detail::fb::MessageHeader::RecordBatch,
                                             batch.Union(), layout.bodyLength);
    for (ColumnBuilder &column : m_columns)
        column.clear();
    return encoded;
}

} // namespace sluice::arrow
