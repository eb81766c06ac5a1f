#pragma once

#include "arrow/arrowschema.h"

#include <QByteArray>
#include <QByteArrayView>

namespace sluice::arrow {

// The flatbuffer Message (version V5) whose header is `schema`: what Flight's
// FlightData.data_header carries for the first message of a stream.
QByteArray schemaMessage(const Schema &schema);

// One encapsulated IPC message: 0xFFFFFFFF, the little-endian int32 size of the metadata (the
// header padded so that the 8 prefix bytes and it end on a multiple of 8), the header, its
// padding, then `body` (already 8-byte aligned, as RecordBatchBuilder makes it).
QByteArray encapsulated(QByteArrayView header, QByteArrayView body = {});

// encapsulated(schemaMessage(schema)): FlightInfo.schema, a prepared statement's
// dataset_schema and parameter_schema, GetTables' table_schema.
QByteArray ipcSchema(const Schema &schema);

// The end-of-stream marker of an IPC stream (0xFFFFFFFF 0x00000000).
QByteArray endOfStream();

} // namespace sluice::arrow
