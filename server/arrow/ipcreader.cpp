#include "arrow/ipcreader.h"

#include "arrow/decimal128.h"
#include "arrow/flatbufferschema.h"

#include <QDate>
#include <QDateTime>
#include <QStringDecoder>
#include <QTime>
#include <QtEndian>

#include <cstring>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

namespace sluice::arrow {

namespace fb = detail::fb;

namespace {

constexpr qint64 maxValues = 16 * 1024 * 1024;
constexpr qint64 maxArrayLength = qint64(1) << 40;

// The two int64 of a FieldNode or Buffer struct, read bytewise: the verifier does not promise
// that a vector of structs is 8-byte aligned.
template<typename Struct> std::pair<qint64, qint64> int64Pair(const Struct *item)
{
    const auto *bytes = reinterpret_cast<const uchar *>(item);
    return { qFromLittleEndian<qint64>(bytes), qFromLittleEndian<qint64>(bytes + 8) };
}

// The flatbuffer in memory aligned for its scalars (the verifier checks real alignment, and a
// header inside a gRPC message may sit anywhere).
class AlignedCopy
{
public:
    explicit AlignedCopy(QByteArrayView bytes)
        : m_words(size_t(bytes.size() + 7) / 8)
        , m_size(size_t(bytes.size()))
    {
        if (!bytes.isEmpty())
            std::memcpy(m_words.data(), bytes.data(), m_size);
    }
    const std::uint8_t *data() const
    {
        return reinterpret_cast<const std::uint8_t *>(m_words.data());
    }
    size_t size() const { return m_size; }

private:
    std::vector<quint64> m_words;
    size_t m_size;
};

Result<const fb::Message *> verifiedMessage(const AlignedCopy &copy)
{
    if (copy.size() < 8)
        return Error::badRequest(
            u"Arrow message header of %1 bytes is truncated"_s.arg(copy.size()));
    flatbuffers::Verifier verifier(copy.data(), copy.size());
    if (!fb::VerifyMessageBuffer(verifier))
        return Error::badRequest(u"Arrow message header is not a valid flatbuffer Message"_s);
    const fb::Message *message = fb::GetMessage(copy.data());
    if (message->version() < fb::MetadataVersion::V4)
        return Error::badRequest(u"Arrow metadata version %1 is too old (V4 or V5 is read)"_s.arg(
            int(message->version()) + 1));
    return message;
}

QString headerName(fb::MessageHeader type)
{
    return QString::fromLatin1(fb::EnumNameMessageHeader(type));
}

// One array of the batch, its buffers checked against its length.
struct ArrayView
{
    const Field *field = nullptr;
    qint64 length = 0;
    qint64 nullCount = 0;
    const uchar *validity = nullptr; // nullptr: no nulls
    const uchar *values = nullptr; // fixed-width values, bits, string bytes, union type ids
    const uchar *offsets = nullptr;
    bool allNull = false; // its value buffers are never read (apache-arrow may leave them empty)
    std::vector<ArrayView> children;

    bool isNull(qint64 i) const
    {
        if (allNull || field->type.id == TypeId::Null)
            return true;
        return validity && !(validity[i / 8] & (1u << (i % 8)));
    }
    qint64 offset(qint64 i) const
    {
        if (field->type.id == TypeId::LargeUtf8 || field->type.id == TypeId::LargeBinary)
            return qFromLittleEndian<qint64>(offsets + 8 * i);
        return qFromLittleEndian<qint32>(offsets + 4 * i);
    }
};

class BatchLoader
{
public:
    BatchLoader(const fb::RecordBatch &batch, QByteArrayView body, bool unionsHaveValidity)
        : m_nodes(batch.nodes())
        , m_buffers(batch.buffers())
        , m_body(body)
        , m_unionsHaveValidity(unionsHaveValidity)
    {
    }

    Status load(const Field &field, const QString &parentPath, ArrayView &array);
    Status checkAllUsed() const
    {
        const int nodes = m_nodes ? int(m_nodes->size()) : 0;
        const int buffers = m_buffers ? int(m_buffers->size()) : 0;
        if (m_nodeIndex != nodes)
            return Error::badRequest(
                u"Arrow record batch has %1 field nodes, the schema needs %2"_s.arg(nodes).arg(
                    m_nodeIndex));
        if (m_bufferIndex != buffers)
            return Error::badRequest(
                u"Arrow record batch has %1 buffers, the schema needs %2"_s.arg(buffers).arg(
                    m_bufferIndex));
        return {};
    }

private:
    Result<QByteArrayView> nextBuffer(const QString &path, const char *role);
    static Error problem(const QString &path, const QString &what)
    {
        return Error::badRequest(u"Arrow column '%1': %2"_s.arg(path, what));
    }
    Status checkOffsets(ArrayView &array, const QString &path, QByteArrayView buffer, qint64 limit,
                        const QString &limitName);

    const flatbuffers::Vector<const fb::FieldNode *> *m_nodes;
    const flatbuffers::Vector<const fb::Buffer *> *m_buffers;
    QByteArrayView m_body;
    bool m_unionsHaveValidity;
    int m_nodeIndex = 0;
    int m_bufferIndex = 0;
};

Result<QByteArrayView> BatchLoader::nextBuffer(const QString &path, const char *role)
{
    const int count = m_buffers ? int(m_buffers->size()) : 0;
    if (m_bufferIndex >= count)
        return Error::badRequest(
            u"Arrow record batch has %1 buffers, too few for the schema (column '%2')"_s.arg(count)
                .arg(path));
    const auto [offset, length] =
        int64Pair(m_buffers->Get(flatbuffers::uoffset_t(m_bufferIndex++)));
    if (offset < 0 || length < 0 || offset > m_body.size() || length > m_body.size() - offset)
        return problem(path,
                       u"its %1 buffer (offset %2, length %3) lies outside the %4-byte body"_s
                           .arg(QLatin1StringView(role))
                           .arg(offset)
                           .arg(length)
                           .arg(m_body.size()));
    return m_body.sliced(offset, length);
}

Status BatchLoader::checkOffsets(ArrayView &array, const QString &path, QByteArrayView buffer,
                                 qint64 limit, const QString &limitName)
{
    const int width =
        (array.field->type.id == TypeId::LargeUtf8 || array.field->type.id == TypeId::LargeBinary)
        ? 8
        : 4;
    if (array.length == 0 || array.allNull)
        return {}; // the offsets may be absent, and are never read
    if (buffer.size() / width < array.length + 1)
        return problem(path,
                       u"%1 offsets need %2 bytes, the buffer has %3"_s.arg(array.length + 1)
                           .arg((array.length + 1) * width)
                           .arg(buffer.size()));
    array.offsets = reinterpret_cast<const uchar *>(buffer.data());
    qint64 previous = array.offset(0);
    if (previous < 0)
        return problem(path, u"its first offset %1 is negative"_s.arg(previous));
    for (qint64 i = 1; i <= array.length; ++i) {
        const qint64 current = array.offset(i);
        if (current < previous)
            return problem(
                path, u"offset %1 (%2) goes backwards from %3"_s.arg(i).arg(current).arg(previous));
        previous = current;
    }
    if (previous > limit)
        return problem(
            path,
            u"its last offset %1 is past the %2 (%3)"_s.arg(previous).arg(limitName).arg(limit));
    return {};
}

Status BatchLoader::load(const Field &field, const QString &parentPath, ArrayView &array)
{
    const QString path = parentPath.isEmpty() ? field.name : parentPath + u'.' + field.name;
    const int nodeCount = m_nodes ? int(m_nodes->size()) : 0;
    if (m_nodeIndex >= nodeCount)
        return Error::badRequest(
            u"Arrow record batch has %1 field nodes, too few for the schema (column '%2')"_s
                .arg(nodeCount)
                .arg(path));
    const auto [length, nullCount] = int64Pair(m_nodes->Get(flatbuffers::uoffset_t(m_nodeIndex++)));
    array.field = &field;
    array.length = length;
    array.nullCount = nullCount;
    // Far past any body, and small enough that no size computed from it overflows.
    if (array.length > maxArrayLength)
        return problem(path, u"field node length %1 is too large"_s.arg(array.length));
    if (array.length < 0 || array.nullCount < 0 || array.nullCount > array.length)
        return problem(
            path,
            u"field node length %1 with null count %2"_s.arg(array.length).arg(array.nullCount));

    const TypeId id = field.type.id;
    const bool hasValidity = id != TypeId::Null && id != TypeId::DenseUnion;
    array.allNull = hasValidity && array.length > 0 && array.nullCount == array.length;
    if (hasValidity || (id == TypeId::DenseUnion && m_unionsHaveValidity)) {
        Result<QByteArrayView> validity = nextBuffer(path, "validity");
        if (!validity)
            return validity.error();
        if (array.nullCount > 0 && hasValidity) {
            if (validity->size() < (array.length + 7) / 8)
                return problem(
                    path,
                    u"%1 nulls but a validity bitmap of %2 bytes for %3 rows"_s.arg(array.nullCount)
                        .arg(validity->size())
                        .arg(array.length));
            array.validity = reinterpret_cast<const uchar *>(validity->data());
        }
    }

    switch (id) {
    case TypeId::Null: return {};
    case TypeId::Utf8:
    case TypeId::LargeUtf8:
    case TypeId::Binary:
    case TypeId::LargeBinary: {
        Result<QByteArrayView> offsets = nextBuffer(path, "offsets");
        if (!offsets)
            return offsets.error();
        Result<QByteArrayView> data = nextBuffer(path, "data");
        if (!data)
            return data.error();
        array.values = reinterpret_cast<const uchar *>(data->data());
        return checkOffsets(array, path, *offsets, data->size(), u"data buffer's end"_s);
    }
    case TypeId::List:
    case TypeId::Map: {
        Result<QByteArrayView> offsets = nextBuffer(path, "offsets");
        if (!offsets)
            return offsets.error();
        array.children.resize(1);
        if (Status loaded = load(field.children[0], path, array.children[0]); !loaded)
            return loaded;
        return checkOffsets(array, path, *offsets, array.children[0].length, u"child's length"_s);
    }
    case TypeId::Struct:
        array.children.resize(size_t(field.children.size()));
        for (int i = 0; i < field.children.size(); ++i) {
            if (Status loaded = load(field.children[i], path, array.children[size_t(i)]); !loaded)
                return loaded;
            if (array.children[size_t(i)].length < array.length)
                return problem(
                    path,
                    u"member '%1' has %2 values for %3 rows"_s.arg(field.children[i].name)
                        .arg(array.children[size_t(i)].length)
                        .arg(array.length));
        }
        return {};
    case TypeId::DenseUnion: {
        Result<QByteArrayView> typeIds = nextBuffer(path, "type ids");
        if (!typeIds)
            return typeIds.error();
        Result<QByteArrayView> offsets = nextBuffer(path, "offsets");
        if (!offsets)
            return offsets.error();
        array.nullCount = 0; // a union's nulls are its members'
        array.children.resize(size_t(field.children.size()));
        for (int i = 0; i < field.children.size(); ++i) {
            if (Status loaded = load(field.children[i], path, array.children[size_t(i)]); !loaded)
                return loaded;
        }
        if (typeIds->size() < array.length || offsets->size() / 4 < array.length)
            return problem(path,
                           u"type id or offset buffer too short for %1 rows"_s.arg(array.length));
        array.values = reinterpret_cast<const uchar *>(typeIds->data());
        array.offsets = reinterpret_cast<const uchar *>(offsets->data());
        for (qint64 i = 0; i < array.length; ++i) {
            const int typeId = qint8(array.values[i]);
            if (typeId < 0 || typeId >= field.children.size())
                return problem(path, u"row %1 has type id %2, not a member"_s.arg(i).arg(typeId));
            const qint32 offset = qFromLittleEndian<qint32>(array.offsets + 4 * i);
            if (offset < 0 || offset >= array.children[size_t(typeId)].length)
                return problem(path,
                               u"row %1 has offset %2 outside member '%3' (%4 values)"_s.arg(i)
                                   .arg(offset)
                                   .arg(field.children[typeId].name)
                                   .arg(array.children[size_t(typeId)].length));
        }
        return {};
    }
    default: {
        Result<QByteArrayView> values = nextBuffer(path, "values");
        if (!values)
            return values.error();
        const qint64 needed =
            id == TypeId::Bool ? (array.length + 7) / 8 : array.length * field.type.byteWidth();
        if (values->size() < needed && !array.allNull)
            return problem(path,
                           u"%1 rows need %2 bytes of values, the buffer has %3"_s.arg(array.length)
                               .arg(needed)
                               .arg(values->size()));
        array.values = reinterpret_cast<const uchar *>(values->data());
        return {};
    }
    }
}

// Milliseconds of `value` in `unit`, rounded toward the past; nullopt past qint64.
std::optional<qint64> toMillis(qint64 value, TimeUnit unit)
{
    const auto floorDiv = [](qint64 a, qint64 b) {
        return a / b - ((a % b != 0) && (a < 0));
    };
    switch (unit) {
    case TimeUnit::Second:
        if (value > std::numeric_limits<qint64>::max() / 1000
            || value < std::numeric_limits<qint64>::min() / 1000)
            return std::nullopt;
        return value * 1000;
    case TimeUnit::Millisecond: return value;
    case TimeUnit::Microsecond: return floorDiv(value, 1000);
    case TimeUnit::Nanosecond: return floorDiv(value, 1000000);
    }
    return std::nullopt;
}

// Turns checked arrays into QVariants; a value that cannot be one (invalid UTF-8, a time past
// midnight) or too many values in all leaves `error` set.
class RowConverter
{
public:
    QVariant value(const ArrayView &array, qint64 i);
    std::optional<Error> error;

private:
    void fail(const ArrayView &array, const QString &what)
    {
        if (!error)
            error = Error::badRequest(u"Arrow column '%1': %2"_s.arg(array.field->name, what));
    }
    qint64 m_budget = maxValues;
};

QVariant RowConverter::value(const ArrayView &array, qint64 i)
{
    if (--m_budget < 0) {
        if (!error)
            error = Error::payloadTooLarge(
                u"Arrow record batch holds more than %1 values"_s.arg(maxValues));
        return {};
    }
    if (array.isNull(i))
        return {};
    const DataType &type = array.field->type;
    const uchar *at = array.values;
    switch (type.id) {
    case TypeId::Null: return {};
    case TypeId::Bool: return bool(at[i / 8] & (1u << (i % 8)));
    case TypeId::Int8: return qint64(qint8(at[i]));
    case TypeId::Int16: return qint64(qFromLittleEndian<qint16>(at + 2 * i));
    case TypeId::Int32: return qint64(qFromLittleEndian<qint32>(at + 4 * i));
    case TypeId::Int64: return qFromLittleEndian<qint64>(at + 8 * i);
    case TypeId::UInt8: return qint64(at[i]);
    case TypeId::UInt16: return qint64(qFromLittleEndian<quint16>(at + 2 * i));
    case TypeId::UInt32: return qint64(qFromLittleEndian<quint32>(at + 4 * i));
    case TypeId::UInt64: {
        const quint64 value = qFromLittleEndian<quint64>(at + 8 * i);
        if (value > quint64(std::numeric_limits<qint64>::max()))
            return value;
        return qint64(value);
    }
    case TypeId::Float32: return double(qFromLittleEndian<float>(at + 4 * i));
    case TypeId::Float64: return qFromLittleEndian<double>(at + 8 * i);
    case TypeId::Decimal128:
        return Decimal128::fromBytes(reinterpret_cast<const char *>(at + 16 * i))
            .toString(type.scale);
    case TypeId::Utf8:
    case TypeId::LargeUtf8: {
        const qint64 begin = array.offset(i);
        const QByteArrayView bytes(at + begin, array.offset(i + 1) - begin);
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decoder(bytes);
        if (decoder.hasError()) {
            fail(array, u"row %1 is not valid UTF-8"_s.arg(i));
            return {};
        }
        return text;
    }
    case TypeId::Binary:
    case TypeId::LargeBinary: {
        const qint64 begin = array.offset(i);
        return QByteArray(reinterpret_cast<const char *>(at + begin), array.offset(i + 1) - begin);
    }
    case TypeId::Date32: return QDate(1970, 1, 1).addDays(qFromLittleEndian<qint32>(at + 4 * i));
    case TypeId::Date64: {
        const qint64 millis = qFromLittleEndian<qint64>(at + 8 * i);
        const qint64 day = 86'400'000;
        return QDate(1970, 1, 1).addDays(millis / day - ((millis % day != 0) && (millis < 0)));
    }
    case TypeId::Time32:
    case TypeId::Time64: {
        const qint64 raw = type.id == TypeId::Time32 ? qFromLittleEndian<qint32>(at + 4 * i)
                                                     : qFromLittleEndian<qint64>(at + 8 * i);
        const std::optional<qint64> millis = toMillis(raw, type.unit);
        if (!millis || *millis < 0 || *millis >= 86'400'000) {
            fail(array, u"row %1 is not a time of day"_s.arg(i));
            return {};
        }
        return QTime::fromMSecsSinceStartOfDay(int(*millis));
    }
    case TypeId::Timestamp: {
        const std::optional<qint64> millis =
            toMillis(qFromLittleEndian<qint64>(at + 8 * i), type.unit);
        if (!millis) {
            fail(array, u"row %1 is out of range"_s.arg(i));
            return {};
        }
        // Qt 6.5 would take QTimeZone::UTC here.
        return QDateTime::fromMSecsSinceEpoch(*millis, Qt::UTC);
    }
    case TypeId::List: {
        QVariantList items;
        const qint64 end = array.offset(i + 1);
        for (qint64 item = array.offset(i); item < end && !error; ++item)
            items.append(value(array.children[0], item));
        return items;
    }
    case TypeId::Map: {
        QVariantList entries;
        const ArrayView &pairs = array.children[0];
        const qint64 end = array.offset(i + 1);
        for (qint64 entry = array.offset(i); entry < end && !error; ++entry)
            entries.append(QVariant(
                QVariantList { value(pairs.children[0], entry), value(pairs.children[1], entry) }));
        return entries;
    }
    case TypeId::Struct: {
        QVariantMap members;
        for (const ArrayView &member : array.children)
            members.insert(member.field->name, value(member, i));
        return members;
    }
    case TypeId::DenseUnion: {
        const int typeId = qint8(at[i]);
        return value(array.children[size_t(typeId)],
                     qFromLittleEndian<qint32>(array.offsets + 4 * i));
    }
    }
    return {};
}

} // namespace

Result<EncapsulatedMessage> nextEncapsulated(QByteArrayView data)
{
    qsizetype pos = 0;
    if (data.size() >= 4 && qFromLittleEndian<quint32>(data.data()) == 0xFFFFFFFFu)
        pos = 4;
    if (data.size() < pos + 4)
        return Error::badRequest(u"Arrow IPC message is truncated: %1 bytes"_s.arg(data.size()));
    const qint32 metadataSize = qFromLittleEndian<qint32>(data.data() + pos);
    pos += 4;
    EncapsulatedMessage message;
    if (metadataSize == 0) { // end of stream
        message.size = pos;
        return message;
    }
    if (metadataSize < 0 || metadataSize > data.size() - pos)
        return Error::badRequest(
            u"Arrow IPC message says %1 bytes of metadata, %2 follow"_s.arg(metadataSize)
                .arg(data.size() - pos));
    message.header = data.sliced(pos, metadataSize).toByteArray();
    pos += metadataSize;
    const AlignedCopy copy(message.header);
    Result<const fb::Message *> parsed = verifiedMessage(copy);
    if (!parsed)
        return parsed.error();
    const qint64 bodyLength = (*parsed)->bodyLength();
    if (bodyLength < 0 || bodyLength > data.size() - pos)
        return Error::badRequest(
            u"Arrow IPC message says %1 bytes of body, %2 follow"_s.arg(bodyLength)
                .arg(data.size() - pos));
    message.body = data.sliced(pos, bodyLength).toByteArray();
    message.size = pos + bodyLength;
    return message;
}

Result<std::pair<QByteArray, QByteArray>> splitEncapsulated(QByteArrayView message)
{
    Result<EncapsulatedMessage> split = nextEncapsulated(message);
    if (!split)
        return split.error();
    if (split->header.isEmpty())
        return Error::badRequest(u"Arrow IPC message is an end-of-stream marker"_s);
    return std::pair { std::move(split->header), std::move(split->body) };
}

Result<Schema> readSchemaMessage(QByteArrayView header)
{
    const AlignedCopy copy(header);
    Result<const fb::Message *> message = verifiedMessage(copy);
    if (!message)
        return message.error();
    const fb::Schema *schema = (*message)->header_as_Schema();
    if (!schema)
        return Error::badRequest(
            u"Arrow message is a %1, not a Schema"_s.arg(headerName((*message)->header_type())));
    return detail::readSchema(*schema);
}

Result<QList<QVariantList>> readRecordBatchRows(QByteArrayView header, QByteArrayView body,
                                                const Schema &schema, qint64 maxRows)
{
    const AlignedCopy copy(header);
    Result<const fb::Message *> message = verifiedMessage(copy);
    if (!message)
        return message.error();
    const fb::RecordBatch *batch = (*message)->header_as_RecordBatch();
    if (!batch)
        return Error::badRequest(u"Arrow message is a %1, not a RecordBatch"_s.arg(
            headerName((*message)->header_type())));
    if (batch->compression())
        return Error::badRequest(u"compressed Arrow record batches are not supported"_s);
    if ((*message)->bodyLength() > body.size())
        return Error::badRequest(
            u"Arrow record batch body is %1 bytes, its message says %2"_s.arg(body.size())
                .arg((*message)->bodyLength()));
    const qint64 rows = batch->length();
    if (rows < 0)
        return Error::badRequest(u"Arrow record batch length %1 is negative"_s.arg(rows));
    if (rows > maxRows)
        return Error::payloadTooLarge(
            u"Arrow record batch has %1 rows, at most %2 are read at once"_s.arg(rows).arg(
                maxRows));

    BatchLoader loader(*batch, body, (*message)->version() < fb::MetadataVersion::V5);
    std::vector<ArrayView> columns(size_t(schema.fields.size()));
    for (int i = 0; i < schema.fields.size(); ++i) {
        if (Status loaded = loader.load(schema.fields[i], {}, columns[size_t(i)]); !loaded)
            return loaded.error();
        if (columns[size_t(i)].length != rows)
            return Error::badRequest(
                u"Arrow column '%1' has %2 values, the batch %3 rows"_s.arg(schema.fields[i].name)
                    .arg(columns[size_t(i)].length)
                    .arg(rows));
    }
    if (Status used = loader.checkAllUsed(); !used)
        return used.error();

    RowConverter converter;
    QList<QVariantList> result;
    result.reserve(rows);
    for (qint64 row = 0; row < rows && !converter.error; ++row) {
        QVariantList values;
        values.reserve(qsizetype(columns.size()));
        for (const ArrayView &column : columns)
            values.append(converter.value(column, row));
        result.append(std::move(values));
    }
    if (converter.error)
        return *converter.error;
    return result;
}

} // namespace sluice::arrow
