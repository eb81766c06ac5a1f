#pragma once

#include "core/error.h"
#include "flight/flightstatus.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <google/protobuf/any.pb.h>
#include <grpcpp/server_context.h>

#include <string>

// What every Flight call handler converts between Qt and gRPC/protobuf.
namespace sluice::flightwire {

inline std::string toStd(const QByteArray &bytes)
{
    return std::string(bytes.constData(), size_t(bytes.size()));
}

inline QByteArray fromStd(const std::string &bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

inline QString text(const std::string &utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

inline qint64 nowS()
{
    return QDateTime::currentSecsSinceEpoch();
}

// A client metadata value ("" when absent); names are lower case on the wire.
inline QByteArray metadata(const grpc::ServerContext *context, const char *name)
{
    const auto &all = context->client_metadata();
    const auto it = all.find(name);
    if (it == all.end())
        return {};
    return QByteArray(it->second.data(), qsizetype(it->second.size()));
}

inline grpc::Status fail(const Error &error)
{
    return grpcStatusFor(error);
}

// Packs `message` in an Any, as Flight SQL's actions answer.
template<typename Message> std::string packed(const Message &message)
{
    google::protobuf::Any any;
    any.PackFrom(message);
    return any.SerializeAsString();
}

} // namespace sluice::flightwire
