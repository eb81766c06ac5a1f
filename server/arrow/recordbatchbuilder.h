#pragma once

#include "arrow/arrowschema.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

#include <cstdint>
#include <vector>

namespace sluice::arrow {

struct Decimal128;

// The values of one column (or of a nested child) of the batch being built. Appends write
// straight into the column's buffers, which keep their capacity from batch to batch.
// A typed append returns false, and appends nothing, when the value does not suit the column:
// another type, out of the column's range, or a decimal that would need rounding.
class ColumnBuilder
{
public:
    ColumnBuilder(ColumnBuilder &&) = default;
    ColumnBuilder &operator=(ColumnBuilder &&) = default;

    const Field &field() const { return m_field; }
    qint64 length() const { return m_length; }
    qint64 nullCount() const { return m_nullCount; }
    int childCount() const { return int(m_children.size()); }
    ColumnBuilder &child(int i) { return m_children[size_t(i)]; }

    // A null in every type. A struct also appends a null to each child, a list or map an empty
    // element, a dense union a null in its first member (unions have no validity of their own).
    void appendNull();
    bool appendBool(bool value);
    // Integer columns of any width, range-checked; a decimal column takes it as an exact value.
    bool appendInt(qint64 value);
    bool appendUInt(quint64 value);
    bool appendDouble(double value); // float32 (narrowed) and float64
    // Exact decimal text ("-12.34") into decimal128(p, s); Decimal128::parse says why it fails.
    bool appendDecimal(QStringView text);
    bool appendDecimal(const Decimal128 &value);
    bool appendString(QByteArrayView utf8); // utf8 and large_utf8 (the caller's bytes are UTF-8)
    bool appendBinary(QByteArrayView bytes); // binary and large_binary
    bool appendDate32(qint32 daysSinceEpoch); // date32 (and date64 in milliseconds)
    // time64[us] (and the other time units when exact).
    bool appendTime64Micros(qint64 microsSinceMidnight);
    // timestamp[us] (and the other units when exact).
    bool appendTimestampMicros(qint64 microsSinceEpoch);

    // List and map: closes one element holding what was appended to child(0) since the last
    // element (for a map, child(0) is the "entries" struct: append key and value to its
    // children, then endStruct() on it, per entry).
    bool endList();
    // Struct: closes one element from the value appended to each child (a child left short gets
    // a null).
    bool endStruct();
    // Dense union: starts an element of member `typeId` and returns that member, to which the
    // caller appends exactly one value; nullptr when there is no such member.
    ColumnBuilder *appendUnionElement(int typeId);

private:
    friend class RecordBatchBuilder;
    explicit ColumnBuilder(const Field &field);

    void appendValidity(bool valid);
    void appendBytes(const void *data, size_t size);
    bool appendVariable(QByteArrayView bytes);
    bool appendOffset(qint64 offset);
    void padTo(qint64 length);
    void clear();
    qint64 bodySize() const;

    Field m_field;
    qint64 m_length = 0;
    qint64 m_nullCount = 0;
    bool m_hasValidity = false; // the bitmap exists once a null was appended
    std::vector<std::uint8_t> m_validity;
    std::vector<std::uint8_t> m_values; // fixed-width values, bits, string bytes, union type ids
    std::vector<std::uint8_t> m_offsets; // int32 (int64 for large types) offsets
    std::vector<ColumnBuilder> m_children;
};

// Builds the record batches of one schema: append each row's values to the columns, then
// finish() when rowCount() or bodySize() reach the batch size the caller chose (Flight SQL:
// at most 64k rows or about 4 MiB); the builder is then empty and ready for the next batch.
class RecordBatchBuilder
{
public:
    explicit RecordBatchBuilder(const Schema &schema);

    const Schema &schema() const { return m_schema; }
    int columnCount() const { return int(m_columns.size()); }
    ColumnBuilder &column(int i) { return m_columns[size_t(i)]; }

    qint64 rowCount() const; // the longest column's length
    qint64 bodySize() const; // the body finish() would make now, in bytes

    struct Encoded
    {
        QByteArray header; // the flatbuffer Message (V5) with its RecordBatch
        QByteArray body; // each buffer 8-byte aligned and padded
    };
    // The batch so far (a column left short is padded with nulls); clears the columns.
    Encoded finish();

private:
    Schema m_schema;
    std::vector<ColumnBuilder> m_columns;
};

} // namespace sluice::arrow
