#include "flight/sqlinfo.h"

#include <variant>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

using arrow::Field;
using arrow::TypeId;

// The value union's members, by type id.
enum Member : int { StringValue = 0, BoolValue = 1, BigintValue = 2, Int32Bitmask = 3 };

// SqlInfo ids (the Flight SQL specification's numbers).
enum Info : quint32 {
    ServerName = 0,
    ServerVersion = 1,
    ServerArrowVersion = 2,
    ServerReadOnly = 3,
    ServerSql = 4,
    ServerSubstrait = 5,
    ServerTransaction = 8, // 0: transactions are not supported (each statement is its own)
    ServerCancel = 9,
    IdentifierQuoteChar = 504,
};

struct InfoRow
{
    quint32 id;
    std::variant<QString, bool, qint64, qint32> value;
};

} // namespace

arrow::Schema sqlInfoSchema()
{
    const Field value = Field::denseUnion(
        u"value"_s,
        { Field(u"string_value"_s, TypeId::Utf8), Field(u"bool_value"_s, TypeId::Bool),
          Field(u"bigint_value"_s, TypeId::Int64), Field(u"int32_bitmask"_s, TypeId::Int32),
          Field::list(u"string_list"_s, Field(u"item"_s, TypeId::Utf8)),
          Field::map(u"int32_to_int32_list_map"_s, Field(u"key"_s, TypeId::Int32, false),
                     Field::list(u"value"_s, Field(u"item"_s, TypeId::Int32))) });
    return { { Field(u"info_name"_s, TypeId::UInt32, false), value }, {} };
}

void appendSqlInfo(arrow::RecordBatchBuilder &rows, const QList<quint32> &wanted,
                   const QString &identifierQuote)
{
    const QList<InfoRow> known {
        { ServerName, u"Sluice"_s },
        { ServerVersion, QStringLiteral(SLUICE_VERSION) },
        { ServerArrowVersion, u"1.5.0"_s }, // the columnar format version it writes
        { ServerReadOnly, false },
        { ServerSql, true },
        { ServerSubstrait, false },
        { ServerTransaction, qint32(0) },
        { ServerCancel, false },
        { IdentifierQuoteChar, identifierQuote },
    };
    for (const InfoRow &row : known) {
        if (!wanted.isEmpty() && !wanted.contains(row.id))
            continue;
        rows.column(0).appendUInt(row.id);
        arrow::ColumnBuilder &value = rows.column(1);
        if (const auto *text = std::get_if<QString>(&row.value))
            value.appendUnionElement(StringValue)->appendString(text->toUtf8());
        else if (const auto *flag = std::get_if<bool>(&row.value))
            value.appendUnionElement(BoolValue)->appendBool(*flag);
        else if (const auto *big = std::get_if<qint64>(&row.value))
            value.appendUnionElement(BigintValue)->appendInt(*big);
        else
            value.appendUnionElement(Int32Bitmask)->appendInt(std::get<qint32>(row.value));
    }
}

} // namespace sluice
