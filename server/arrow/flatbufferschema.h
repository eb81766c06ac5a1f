#pragma once

// Between our Schema and its flatbuffer form (internal to sluice_arrow: it needs the headers flatc
// generates in the build directory).

#include "arrow/arrowschema.h"
#include "core/result.h"

#include "message_generated.h"
#include "schema_generated.h"

namespace sluice::arrow::detail {

namespace fb = org::apache::arrow::flatbuf;

flatbuffers::Offset<fb::Schema> writeSchema(flatbuffers::FlatBufferBuilder &builder,
                                            const Schema &schema);

// Our Schema of a verified flatbuffer Schema; BadRequest names a type or field Sluice does not
// read (dictionary encoding, intervals, sparse unions, big-endian data, …).
Result<Schema> readSchema(const fb::Schema &schema);

// The finished Message (version V5) bytes of `builder`.
QByteArray finishedMessage(flatbuffers::FlatBufferBuilder &builder, fb::MessageHeader headerType,
                           flatbuffers::Offset<void> header, qint64 bodyLength);

} // namespace sluice::arrow::detail
