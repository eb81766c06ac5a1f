#include "arrow/ipcwriter.h"

#include "arrow/flatbufferschema.h"

#include <QtEndian>

#include <cstring>

namespace sluice::arrow {

QByteArray schemaMessage(const Schema &schema)
{
    flatbuffers::FlatBufferBuilder builder(1024);
    const auto header = detail::writeSchema(builder, schema);
    return detail::finishedMessage(builder, detail::fb::MessageHeader::Schema, header.Union(), 0);
}

QByteArray encapsulated(QByteArrayView header, QByteArrayView body)
{
    const qsizetype padded = (8 + header.size() + 7) / 8 * 8 - 8;
    QByteArray message(8 + padded + body.size(), Qt::Uninitialized);
    char *out = message.data();
    qToLittleEndian<quint32>(0xFFFFFFFFu, out);
    qToLittleEndian<qint32>(qint32(padded), out + 4);
    std::memcpy(out + 8, header.data(), size_t(header.size()));
    std::memset(out + 8 + header.size(), 0, size_t(padded - header.size()));
    if (!body.isEmpty())
        std::memcpy(out + 8 + padded, body.data(), size_t(body.size()));
    return message;
}

QByteArray ipcSchema(const Schema &schema)
{
    return encapsulated(schemaMessage(schema));
}

QByteArray endOfStream()
{
    return QByteArray("\xFF\xFF\xFF\xFF\x00\x00\x00\x00", 8);
}

} // namespace sluice::arrow
