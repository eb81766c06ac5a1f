#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QMutex>
#include <QSslConfiguration>
#include <QString>

#include <memory>

namespace sluice {

// The server's certificate and key for TLS on the main port (API.md §14: server.tls.cert,
// server.tls.key, PEM), as every worker's connections use them: TLS 1.2 or later, forward-secret
// AEAD ciphers only. The files are looked at again at most once a second, so a renewed
// certificate (certbot) is served to new connections without a restart; connections already
// open keep theirs. A replacement that does not load (half-written, garbage, a key that does not
// match) is logged and the previous certificate kept. Thread-safe.
//
// Mutual TLS (server.tls.client_ca, server.tls.client_auth): connections are asked for a client
// certificate, which OpenSSL checks against the client CA file's certificates only (never the
// system's). `Required` refuses a connection without a valid one; `Optional` lets a client
// present none, but one it presents must be valid. Qt reports an invalid certificate under
// QSslSocket::QueryPeer without failing the handshake: ConnectionSocket closes such connections.
// The CA file is followed like the certificate and key.
class TlsIdentity
{
public:
    enum class ClientAuth { Optional, Required };

    // BadRequest, in one line naming the file and what is wrong with it: a missing or unreadable
    // file, no certificate in it, a key that is not a PEM private key or does not match the
    // certificate, a client CA file without a CA certificate.
    static Result<std::shared_ptr<TlsIdentity>> load(const QString &certPath,
                                                     const QString &keyPath,
                                                     const QString &clientCaPath = {},
                                                     ClientAuth clientAuth = ClientAuth::Optional);

    // The configuration for a new connection: the current certificate.
    QSslConfiguration configuration();

    // Whether connections are asked for a client certificate (a client CA is configured).
    bool verifiesClients() const { return !m_clientCaPath.isEmpty(); }

private:
    TlsIdentity(QString certPath, QString keyPath, QString clientCaPath, ClientAuth clientAuth);
    struct Loaded
    {
        QSslConfiguration configuration;
        QDateTime certModified;
        QDateTime keyModified;
        QDateTime clientCaModified;
    };
    Result<Loaded> read() const;

    QString m_certPath;
    QString m_keyPath;
    QString m_clientCaPath;
    ClientAuth m_clientAuth;
    QMutex m_mutex;
    Loaded m_current;
    qint64 m_checkedAtMs = 0;
};

} // namespace sluice
