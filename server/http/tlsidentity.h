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
class TlsIdentity
{
public:
    // BadRequest, in one line naming the file and what is wrong with it: a missing or unreadable
    // file, no certificate in it, a key that is not a PEM private key or does not match the
    // certificate.
    static Result<std::shared_ptr<TlsIdentity>> load(const QString &certPath,
                                                     const QString &keyPath);

    // The configuration for a new connection: the current certificate.
    QSslConfiguration configuration();

private:
    TlsIdentity(QString certPath, QString keyPath);
    struct Loaded
    {
        QSslConfiguration configuration;
        QDateTime certModified;
        QDateTime keyModified;
    };
    static Result<Loaded> read(const QString &certPath, const QString &keyPath);

    QString m_certPath;
    QString m_keyPath;
    QMutex m_mutex;
    Loaded m_current;
    qint64 m_checkedAtMs = 0;
};

} // namespace sluice
