#include "flight/arrowresult.h"

#include <QDateTime>
#include <QSqlField>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qint64 julianDayOfEpoch = 2440588; // 1970-01-01
constexpr int maxDecimal128Precision = 38;

arrow::DataType typeOf(const QSqlField &field, const Dialect &dialect)
{
    const ResultFieldHint hint = dialect.resultFieldHint(field);
    if (hint.exactNumeric) {
        if (hint.precision <= maxDecimal128Precision)
            return arrow::DataType::decimal128(hint.precision, hint.scale);
        return { arrow::TypeId::Utf8 };
    }
    switch (field.metaType().id()) {
    case QMetaType::Bool: return { arrow::TypeId::Bool };
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong: return { arrow::TypeId::Int64 };
    // An unsigned 64-bit column may hold values past int64.
    case QMetaType::ULong:
    case QMetaType::ULongLong: return arrow::DataType::decimal128(20, 0);
    case QMetaType::Float:
    case QMetaType::Double: return { arrow::TypeId::Float64 };
    case QMetaType::QByteArray: return { arrow::TypeId::Binary };
    case QMetaType::QDate: return { arrow::TypeId::Date32 };
    case QMetaType::QTime: return arrow::DataType::time64Micros();
    case QMetaType::QDateTime:
        return arrow::DataType::timestampMicros(hint.zonedTimestamp ? u"UTC"_s : QString());
    default: return { arrow::TypeId::Utf8 };
    }
}

Error cannotHold(const arrow::Field &field, const QVariant &value)
{
    return Error::badRequest(
        u"Column '%1' (%2) cannot hold the value %3 exactly: select it as text (CAST … AS "
        "text/char) to read it"_s.arg(field.name, field.type.name(), value.toString()));
}

bool appendValue(arrow::ColumnBuilder &column, const QVariant &value)
{
    if (value.isNull()) {
        column.appendNull();
        return true;
    }
    switch (column.field().type.id) {
    case arrow::TypeId::Bool: return column.appendBool(value.toBool());
    case arrow::TypeId::Int64: {
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        return ok && column.appendInt(n);
    }
    case arrow::TypeId::Float64: {
        bool ok = false;
        const double d = value.toDouble(&ok);
        return ok && column.appendDouble(d);
    }
    case arrow::TypeId::Decimal128: return column.appendDecimal(value.toString());
    case arrow::TypeId::Binary: return column.appendBinary(value.toByteArray());
    case arrow::TypeId::Date32: {
        const QDate date = value.toDate();
        return date.isValid() && column.appendDate32(qint32(date.toJulianDay() - julianDayOfEpoch));
    }
    case arrow::TypeId::Time64: {
        const QTime time = value.toTime();
        return time.isValid()
            && column.appendTime64Micros(qint64(time.msecsSinceStartOfDay()) * 1000);
    }
    case arrow::TypeId::Timestamp: {
        const QDateTime at = value.toDateTime();
        if (!at.isValid())
            return false;
        // An instant (the session is UTC) counts from the epoch as it is; a wall-clock time
        // is written as the database holds it, read as if it were UTC.
        const qint64 ms = column.field().type.timezone.isEmpty()
            ? QDateTime(at.date(), at.time(), Qt::UTC).toMSecsSinceEpoch()
            : at.toMSecsSinceEpoch();
        return column.appendTimestampMicros(ms * 1000);
    }
    default: return column.appendString(value.toString().toUtf8());
    }
}

} // namespace

arrow::Schema arrowSchemaOf(const QSqlRecord &record, const Dialect &dialect)
{
    arrow::Schema schema;
    schema.fields.reserve(record.count());
    for (int i = 0; i < record.count(); ++i) {
        const QSqlField field = record.field(i);
        schema.fields.append(arrow::Field(field.name(), typeOf(field, dialect), true));
    }
    return schema;
}

Status appendRow(arrow::RecordBatchBuilder &batch, const QSqlQuery &query)
{
    for (int i = 0; i < batch.columnCount(); ++i) {
        arrow::ColumnBuilder &column = batch.column(i);
        const QVariant value = query.value(i);
        if (!appendValue(column, value))
            return cannotHold(column.field(), value);
    }
    return {};
}

} // namespace sluice
