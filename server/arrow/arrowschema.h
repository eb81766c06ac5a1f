#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace sluice::arrow {

// The Arrow logical types Sluice writes and reads (a subset of the columnar format). The writer
// emits each of them; the reader also accepts the other units a client may choose.
enum class TypeId {
    Null,
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float32,
    Float64,
    Decimal128, // precision 1..38, scale
    Utf8,
    LargeUtf8, // 64-bit offsets
    Binary,
    LargeBinary, // 64-bit offsets
    Date32, // days since 1970-01-01
    Date64, // milliseconds since 1970-01-01
    Time32, // seconds or milliseconds since midnight (unit)
    Time64, // microseconds or nanoseconds since midnight (unit)
    Timestamp, // since 1970-01-01T00:00Z in unit, with an optional time zone
    List, // one child
    Struct, // the children
    Map, // one non-null child struct "entries" with "key" and "value"
    DenseUnion, // the children; type id i selects child i
};

enum class TimeUnit { Second, Millisecond, Microsecond, Nanosecond };

struct DataType
{
    DataType(TypeId id = TypeId::Null, int precision = 0, int scale = 0,
             TimeUnit unit = TimeUnit::Microsecond, const QString &timezone = {})
        : id(id)
        , precision(precision)
        , scale(scale)
        , unit(unit)
        , timezone(timezone)
    {
    }

    TypeId id = TypeId::Null;
    int precision = 0; // Decimal128
    int scale = 0; // Decimal128
    TimeUnit unit = TimeUnit::Microsecond; // Time32, Time64, Timestamp
    QString timezone; // Timestamp; empty: a wall-clock time with no zone
    bool keysSorted = false; // Map

    static DataType decimal128(int precision, int scale)
    {
        return { TypeId::Decimal128, precision, scale };
    }
    static DataType time64Micros() { return { TypeId::Time64, 0, 0, TimeUnit::Microsecond }; }
    static DataType timestampMicros(const QString &timezone = {})
    {
        return { TypeId::Timestamp, 0, 0, TimeUnit::Microsecond, timezone };
    }

    // Bytes per value of a fixed-width type; 0 for the others (Bool is bit-packed: 0).
    int byteWidth() const;
    bool isInteger() const;
    // "int64", "decimal128(38, 9)", "timestamp[us, tz=UTC]", "list", … for messages.
    QString name() const;

    friend bool operator==(const DataType &, const DataType &) = default;
};

using KeyValueList = QList<std::pair<QString, QString>>;

struct Field
{
    QString name;
    DataType type;
    bool nullable = true;
    QList<Field> children; // List: 1, Map: 1 (entries), Struct and DenseUnion: the members
    KeyValueList metadata;

    Field() = default;
    Field(const QString &name, const DataType &type, bool nullable = true,
          const QList<Field> &children = {}, const KeyValueList &metadata = {})
        : name(name)
        , type(type)
        , nullable(nullable)
        , children(children)
        , metadata(metadata)
    {
    }
    Field(const QString &name, TypeId id, bool nullable = true)
        : name(name)
        , type { id }
        , nullable(nullable)
    {
    }

    // A list of `item` (named "item" by convention).
    static Field list(const QString &name, const Field &item, bool nullable = true);
    // A map as the format defines it: a list of non-null structs "entries" {key (non-null),
    // value}.
    static Field map(const QString &name, const Field &key, const Field &value,
                     bool nullable = true);
    static Field structOf(const QString &name, const QList<Field> &members, bool nullable = true);
    // A dense union whose member i has type id i.
    static Field denseUnion(const QString &name, const QList<Field> &members);

    friend bool operator==(const Field &, const Field &) = default;
};

struct Schema
{
    QList<Field> fields;
    KeyValueList metadata;

    friend bool operator==(const Schema &, const Schema &) = default;
};

} // namespace sluice::arrow
