#pragma once

#include "arrow/arrowschema.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QVariantList>

#include <utility>

namespace sluice::arrow {

// Reading Arrow IPC from clients (Flight SQL DoPut parameter batches). Everything is checked
// before use (the flatbuffer, every buffer's place in the body, offsets, type ids, node counts):
// malformed input is a BadRequest naming what is wrong, never a read out of bounds.

// One encapsulated message at the start of `data` (0xFFFFFFFF, int32 metadata size, metadata,
// body; the pre-0.15 form without 0xFFFFFFFF is accepted too).
struct EncapsulatedMessage
{
    QByteArray header; // the flatbuffer Message; empty at an end-of-stream marker
    QByteArray body; // the Message's bodyLength bytes
    qsizetype size = 0; // the bytes of `data` it took
};
Result<EncapsulatedMessage> nextEncapsulated(QByteArrayView data);

// The header and body of `message`, one encapsulated message.
Result<std::pair<QByteArray, QByteArray>> splitEncapsulated(QByteArrayView message);

// The schema of a flatbuffer Message whose header is a Schema.
Result<Schema> readSchemaMessage(QByteArrayView header);

// The rows of a RecordBatch message of `schema`, each value as:
//   null → an invalid QVariant; bool → bool; signed and unsigned integers → qint64 (a uint64
//   past qint64's range → quint64); float32/float64 → double; decimal128 → QString, exact at the
//   type's scale ("-12.340"); utf8 → QString (invalid UTF-8 is refused); binary → QByteArray;
//   date32/date64 → QDate; time32/time64 → QTime (milliseconds: finer units are truncated);
//   timestamp of any unit → QDateTime in Qt::UTC whether or not the type names a time zone (a
//   zone-less timestamp's wall clock reads the same in UTC; milliseconds: finer units are
//   truncated toward the past); list → QVariantList; map → QVariantList of [key, value]
//   QVariantLists; struct → QVariantMap by member name; dense union → its member's value.
// More than `maxRows` rows, or more than 16M values in all, is PayloadTooLarge.
Result<QList<QVariantList>> readRecordBatchRows(QByteArrayView header, QByteArrayView body,
                                                const Schema &schema, qint64 maxRows = 1'000'000);

} // namespace sluice::arrow
