#pragma once

#include "core/error.h"
#include "flight/flightstatus.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QString>

#include <google/protobuf/any.pb.h>
#include <grpc/grpc_security_constants.h>
#include <grpcpp/security/auth_context.h>
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

// Mutual TLS: the SHA-256 (lowercase hex of the DER) of the client certificate gRPC verified
// against server.tls.client_ca for this call's connection, as HttpRequest::clientCertSha256;
// empty without one. (gRPC hands the certificate to every call as PEM: hashing it costs a few
// microseconds a call.)
inline QByteArray peerCertificateSha256(const grpc::ServerContext *context)
{
    const std::shared_ptr<const grpc::AuthContext> auth = context->auth_context();
    if (!auth)
        return {};
    const std::vector<grpc::string_ref> pems =
        auth->FindPropertyValues(GRPC_X509_PEM_CERT_PROPERTY_NAME);
    if (pems.empty())
        return {};
    const QByteArrayView pem(pems.front().data(), qsizetype(pems.front().size()));
    constexpr QByteArrayView begin = "-----BEGIN CERTIFICATE-----";
    const qsizetype from = pem.indexOf(begin);
    const qsizetype to = pem.indexOf("-----END CERTIFICATE-----");
    if (from < 0 || to < from)
        return {};
    // Base64 decoding skips the line breaks.
    const QByteArray der = QByteArray::fromBase64(
        pem.sliced(from + begin.size(), to - from - begin.size()).toByteArray());
    return QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex();
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
