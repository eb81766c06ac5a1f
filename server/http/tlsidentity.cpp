#include "http/tlsidentity.h"

#include "core/logging.h"

#include <QFile>
#include <QFileInfo>
#include <QSslCipher>
#include <QSslKey>

#include <algorithm>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// The contents of the file a setting names; BadRequest naming both when it cannot be read or
// is empty.
Result<QByteArray> readSettingFile(const char *setting, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::badRequest(
            u"%1 '%2': %3"_s.arg(QLatin1StringView(setting), path, file.errorString()));
    QByteArray contents = file.readAll();
    if (contents.isEmpty())
        return Error::badRequest(
            u"%1 '%2': the file is empty"_s.arg(QLatin1StringView(setting), path));
    return contents;
}

// The certificates of a PEM file a setting names; BadRequest when it holds none.
Result<QList<QSslCertificate>> settingCertificates(const char *setting, const QString &path,
                                                   const QByteArray &pem)
{
    QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates.isEmpty() || certificates.constFirst().isNull())
        return Error::badRequest(
            u"%1 '%2': no PEM certificate in it"_s.arg(QLatin1StringView(setting), path));
    return certificates;
}

// Whether the PEM private key `key` belongs to the first certificate of the PEM `cert`, asked of
// OpenSSL (Qt cannot tell from a private key which public key it has).
bool keyMatchesCertificate(const QByteArray &cert, const QByteArray &key)
{
    BIO *certBio = BIO_new_mem_buf(cert.constData(), int(cert.size()));
    BIO *keyBio = BIO_new_mem_buf(key.constData(), int(key.size()));
    X509 *x509 = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr);
    EVP_PKEY *pkey = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    const bool matches = x509 && pkey && X509_check_private_key(x509, pkey) == 1;
    EVP_PKEY_free(pkey);
    X509_free(x509);
    BIO_free(keyBio);
    BIO_free(certBio);
    // A mismatch leaves an error on this thread's queue, where a later SSL call of another
    // connection would take it for its own.
    ERR_clear_error();
    return matches;
}

// The CA certificates of a PEM file, for verifying client certificates; BadRequest naming the
// file when it has none or holds a certificate that is not a CA's (basicConstraints CA:TRUE, or
// an old self-signed v1 root), which could sign nothing.
Result<QList<QSslCertificate>> clientCaCertificates(const QString &path)
{
    const Result<QByteArray> read = readSettingFile("server.tls.client_ca", path);
    if (!read)
        return read.error();
    const QByteArray &pem = *read;
    Result<QList<QSslCertificate>> certificates =
        settingCertificates("server.tls.client_ca", path, pem);
    if (!certificates)
        return certificates;
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    QString notCa;
    while (X509 *x509 = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
        if (notCa.isEmpty() && X509_check_ca(x509) < 1) {
            char name[256] = {};
            X509_NAME_oneline(X509_get_subject_name(x509), name, sizeof name);
            notCa = QString::fromUtf8(name);
        }
        X509_free(x509);
    }
    BIO_free(bio);
    ERR_clear_error(); // the end of the file reads as an error
    if (!notCa.isEmpty())
        return Error::badRequest(
            u"server.tls.client_ca '%1': %2 is not a CA certificate"_s.arg(path, notCa));
    return certificates;
}

QSslKey privateKeyOf(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa, QSsl::Opaque }) {
        if (algorithm == QSsl::Opaque)
            break;
        const QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull()) {
            ERR_clear_error(); // the algorithms tried before it, through OpenSSL
            return key;
        }
    }
    ERR_clear_error();
    return {};
}

// TLS 1.2's forward-secret AEAD suites, and TLS 1.3's (which are all such), in the order the
// server prefers them: AES-128-GCM first, as Mozilla's recommended configurations have it — as
// safe as AES-256 and cheaper for both ends with every record of a keep-alive connection —
// then AES-256-GCM, then ChaCha20-Poly1305.
QList<QSslCipher> modernCiphers()
{
    QList<QSslCipher> chosen;
    for (const QSslCipher &cipher : QSslConfiguration::supportedCiphers()) {
        const QString name = cipher.name();
        const bool tls13 = cipher.protocol() == QSsl::TlsV1_3;
        const bool aead = name.contains(u"GCM"_s) || name.contains(u"CHACHA20"_s);
        const bool forwardSecret = name.startsWith(u"ECDHE-"_s) || name.startsWith(u"DHE-"_s);
        if (tls13 || (aead && forwardSecret))
            chosen << cipher;
    }
    const auto rank = [](const QSslCipher &cipher) {
        const QString name = cipher.name();
        if (name.contains(u"AES128"_s) || name.contains(u"AES_128"_s))
            return 0;
        if (name.contains(u"AES256"_s) || name.contains(u"AES_256"_s))
            return 1;
        return 2;
    };
    std::stable_sort(
        chosen.begin(), chosen.end(),
        [&rank](const QSslCipher &a, const QSslCipher &b) { return rank(a) < rank(b); });
    return chosen;
}

} // namespace

TlsIdentity::TlsIdentity(QString certPath, QString keyPath, QString clientCaPath,
                         ClientAuth clientAuth)
    : m_certPath(std::move(certPath))
    , m_keyPath(std::move(keyPath))
    , m_clientCaPath(std::move(clientCaPath))
    , m_clientAuth(clientAuth)
{
}

Result<TlsIdentity::Loaded> TlsIdentity::read() const
{
    const QString &certPath = m_certPath;
    const QString &keyPath = m_keyPath;
    const Result<QByteArray> readCert = readSettingFile("server.tls.cert", certPath);
    if (!readCert)
        return readCert.error();
    const QByteArray &certPem = *readCert;
    const Result<QList<QSslCertificate>> readChain =
        settingCertificates("server.tls.cert", certPath, certPem);
    if (!readChain)
        return readChain.error();
    const QList<QSslCertificate> &chain = *readChain;
    const Result<QByteArray> readKey = readSettingFile("server.tls.key", keyPath);
    if (!readKey)
        return readKey.error();
    const QByteArray &keyPem = *readKey;
    const QSslKey key = privateKeyOf(keyPem);
    if (key.isNull())
        return Error::badRequest(u"server.tls.key '%1': not an unencrypted PEM private key (RSA, "
                                 "EC or DSA)"_s.arg(keyPath));
    if (!keyMatchesCertificate(certPem, keyPem))
        return Error::badRequest(
            u"server.tls.key '%1' is not the key of server.tls.cert '%2'"_s.arg(keyPath, certPath));

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setCiphers(modernCiphers());
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    Loaded loaded { {}, QFileInfo(certPath).lastModified(), QFileInfo(keyPath).lastModified(), {} };
    if (!m_clientCaPath.isEmpty()) {
        auto cas = clientCaCertificates(m_clientCaPath);
        if (!cas)
            return cas.error();
        // Only these: setCaCertificates also stops OpenSSL from consulting the system's roots.
        configuration.setCaCertificates(*cas);
        // VerifyPeer fails the handshake of a client without a valid certificate. QueryPeer asks
        // for one and lets the handshake succeed whatever comes: the connection checks it.
        configuration.setPeerVerifyMode(
            m_clientAuth == ClientAuth::Required ? QSslSocket::VerifyPeer : QSslSocket::QueryPeer);
        loaded.clientCaModified = QFileInfo(m_clientCaPath).lastModified();
    }
    loaded.configuration = configuration;
    return loaded;
}

Result<std::shared_ptr<TlsIdentity>> TlsIdentity::load(const QString &certPath,
                                                       const QString &keyPath,
                                                       const QString &clientCaPath,
                                                       ClientAuth clientAuth)
{
    std::shared_ptr<TlsIdentity> identity(
        new TlsIdentity(certPath, keyPath, clientCaPath, clientAuth));
    auto loaded = identity->read();
    if (!loaded)
        return loaded.error();
    identity->m_current = *loaded;
    identity->m_checkedAtMs = QDateTime::currentMSecsSinceEpoch();
    return identity;
}

QSslConfiguration TlsIdentity::configuration()
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_checkedAtMs >= 1000) {
        m_checkedAtMs = now;
        const QDateTime cert = QFileInfo(m_certPath).lastModified();
        const QDateTime key = QFileInfo(m_keyPath).lastModified();
        const QDateTime clientCa =
            m_clientCaPath.isEmpty() ? QDateTime() : QFileInfo(m_clientCaPath).lastModified();
        if (cert != m_current.certModified || key != m_current.keyModified
            || clientCa != m_current.clientCaModified) {
            if (auto renewed = read()) {
                m_current = *renewed;
                qCInfo(lcHttp).noquote() << "TLS: serving the renewed certificate from"
                                         << m_certPath
                        + (m_clientCaPath.isEmpty() ? QString()
                                                    : u", client CAs from "_s + m_clientCaPath);
            } else {
                // Keep serving the previous certificate; look again when the files change.
                m_current.certModified = cert;
                m_current.keyModified = key;
                m_current.clientCaModified = clientCa;
                qCWarning(lcHttp).noquote()
                    << "TLS: keeping the previous certificate:" << renewed.error().message;
            }
        }
    }
    return m_current.configuration;
}

} // namespace sluice
