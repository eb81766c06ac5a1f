#include "http/tlschannel.h"

#include <QSslCipher>
#include <QSslEllipticCurve>
#include <QSslKey>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <climits>

namespace sluice {

namespace {

// Qt's OpenSSL backend joins the configured ciphers' names, TLS 1.3 suites apart.
QByteArray cipherString(const QList<QSslCipher> &ciphers, bool tls13)
{
    QByteArray names;
    for (const QSslCipher &cipher : ciphers) {
        const bool isTls13 =
            cipher.protocol() == QSsl::TlsV1_3 || cipher.protocol() == QSsl::TlsV1_3OrLater;
        if (isTls13 != tls13)
            continue;
        if (!names.isEmpty())
            names.append(':');
        names.append(cipher.name().toLatin1());
    }
    return names;
}

X509 *x509Of(const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    return d2i_X509(nullptr, &data, long(der.size()));
}

// Why an SSL call returned <= 0. "Want read" comes from the connection's state, not from
// SSL_get_error(): that one reports any error another piece of code left in this thread's queue
// as a failure, and clearing the queue before each call costs as much as a small SSL_read.
int sslError(SSL *ssl, int rc)
{
    if (SSL_want_read(ssl))
        return SSL_ERROR_WANT_READ;
    return SSL_get_error(ssl, rc);
}

// Everything in `configuration` that this context applies; anything else set there (client
// verification, ALPN, curves, OpenSSL commands, pre-TLS-1.2 protocols) sends the connection to
// QSslSocket, which knows it.
bool supported(const QSslConfiguration &configuration)
{
    const QSsl::SslProtocol protocol = configuration.protocol();
    return (protocol == QSsl::TlsV1_2OrLater || protocol == QSsl::TlsV1_3OrLater
            || protocol == QSsl::SecureProtocols)
        && configuration.peerVerifyMode() == QSslSocket::VerifyNone
        && configuration.allowedNextProtocols().isEmpty()
        && configuration.ellipticCurves().isEmpty()
        && configuration.backendConfiguration().isEmpty()
        && configuration.preSharedKeyIdentityHint().isEmpty()
        && !configuration.localCertificateChain().isEmpty() && !configuration.privateKey().isNull()
        && !configuration.ciphers().isEmpty();
}

} // namespace

TlsServerContext::TlsServerContext(SSL_CTX *ctx, QSslConfiguration configuration)
    : m_ctx(ctx)
    , m_configuration(std::move(configuration))
{
}

TlsServerContext::~TlsServerContext()
{
    SSL_CTX_free(m_ctx);
}

std::shared_ptr<TlsServerContext> TlsServerContext::create(const QSslConfiguration &configuration)
{
    if (!supported(configuration))
        return nullptr;
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx)
        return nullptr;
    std::shared_ptr<TlsServerContext> context(new TlsServerContext(ctx, configuration));
    const auto failed = [] {
        ERR_clear_error();
        return nullptr;
    };

    const bool tls13Only = configuration.protocol() == QSsl::TlsV1_3OrLater;
    if (!SSL_CTX_set_min_proto_version(ctx, tls13Only ? TLS1_3_VERSION : TLS1_2_VERSION))
        return failed();
    // The options Qt sets for these protocols and SSL options (QSslContext::setupOpenSslOptions).
    uint64_t options =
        SSL_OP_ALL | SSL_OP_NO_SSLv2 | SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1;
    if (tls13Only)
        options |= SSL_OP_NO_TLSv1_2;
    if (configuration.testSslOption(QSsl::SslOptionDisableEmptyFragments))
        options |= SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS;
    else
        options &= ~uint64_t(SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS);
    if (configuration.testSslOption(QSsl::SslOptionDisableLegacyRenegotiation))
        options &= ~uint64_t(SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION);
    else
        options |= SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION;
    if (configuration.testSslOption(QSsl::SslOptionDisableCompression))
        options |= SSL_OP_NO_COMPRESSION;
    if (!configuration.testSslOption(QSsl::SslOptionDisableServerCipherPreference))
        options |= SSL_OP_CIPHER_SERVER_PREFERENCE;
    // No resumption: Qt's contexts, one per connection, could never resume a session either.
    options |= SSL_OP_NO_TICKET;
    SSL_CTX_set_options(ctx, options); // added to OpenSSL's defaults, as Qt does
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(ctx, 0);
    // Buffers stay with the connection (Qt's SSL_MODE_RELEASE_BUFFERS freed them every record).
    SSL_CTX_clear_mode(ctx, SSL_MODE_RELEASE_BUFFERS);

    const QList<QSslCipher> ciphers = configuration.ciphers();
    const QByteArray pre13 = cipherString(ciphers, false);
    const QByteArray suites13 = cipherString(ciphers, true);
    // Without a TLS 1.2 cipher of the configuration's, OpenSSL would apply its own default list:
    // such a configuration is QSslSocket's.
    if (!tls13Only && pre13.isEmpty())
        return failed();
    if (!pre13.isEmpty() && !SSL_CTX_set_cipher_list(ctx, pre13.constData()))
        return failed();
    if (!suites13.isEmpty() && !SSL_CTX_set_ciphersuites(ctx, suites13.constData()))
        return failed();
    // DHE suites get OpenSSL's built-in groups, sized to the certificate's key.
    SSL_CTX_set_dh_auto(ctx, 1);

    const QList<QSslCertificate> chain = configuration.localCertificateChain();
    X509 *leaf = x509Of(chain.constFirst());
    const bool leafOk = leaf && SSL_CTX_use_certificate(ctx, leaf) == 1;
    X509_free(leaf);
    if (!leafOk)
        return failed();
    for (qsizetype i = 1; i < chain.size(); ++i) {
        X509 *extra = x509Of(chain.at(i));
        if (!extra || !SSL_CTX_add_extra_chain_cert(ctx, extra)) { // takes `extra`
            X509_free(extra);
            return failed();
        }
    }
    QByteArray keyPem = configuration.privateKey().toPem();
    BIO *keyBio = BIO_new_mem_buf(keyPem.constData(), int(keyPem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    BIO_free(keyBio);
    OPENSSL_cleanse(keyPem.data(), size_t(keyPem.size())); // no copy of the key left behind
    const bool keyOk = key && SSL_CTX_use_PrivateKey(ctx, key) == 1;
    EVP_PKEY_free(key);
    if (!keyOk || SSL_CTX_check_private_key(ctx) != 1)
        return failed();
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
    return context;
}

TlsChannel::TlsChannel(std::shared_ptr<TlsServerContext> context)
    : m_context(std::move(context))
{
    m_ssl = SSL_new(m_context->handle());
    m_inBio = BIO_new(BIO_s_mem());
    m_outBio = BIO_new(BIO_s_mem());
    if (!m_ssl || !m_inBio || !m_outBio) {
        BIO_free(m_inBio);
        BIO_free(m_outBio);
        m_inBio = m_outBio = nullptr;
        m_failed = true;
        ERR_clear_error();
        return;
    }
    // An empty memory BIO means "no data yet", not end of file.
    BIO_set_mem_eof_return(m_inBio, -1);
    BIO_set_mem_eof_return(m_outBio, -1);
    SSL_set_bio(m_ssl, m_inBio, m_outBio);
    SSL_set_accept_state(m_ssl);
}

TlsChannel::~TlsChannel()
{
    SSL_free(m_ssl); // frees the BIOs
}

bool TlsChannel::fail()
{
    m_failed = true;
    ERR_clear_error();
    m_plain.resize(0);
    return false;
}

bool TlsChannel::drainOutput()
{
    const size_t pending = BIO_ctrl_pending(m_outBio);
    if (pending == 0)
        return true;
    const qsizetype at = m_out.size();
    m_out.resize(at + qsizetype(pending));
    const int read = BIO_read(m_outBio, m_out.data() + at, int(pending));
    if (read != int(pending))
        return fail();
    return true;
}

bool TlsChannel::receive(QByteArrayView ciphertext)
{
    emptyKeepingSmall(m_plain);
    if (m_failed)
        return false;
    if (!ciphertext.isEmpty()
        && BIO_write(m_inBio, ciphertext.data(), int(ciphertext.size())) != int(ciphertext.size()))
        return fail();
    if (!m_established) {
        const int rc = SSL_do_handshake(m_ssl);
        if (rc != 1) {
            const int error = sslError(m_ssl, rc);
            if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
                drainOutput(); // the alert, if OpenSSL made one
                return fail();
            }
            return drainOutput();
        }
        m_established = true;
        if (!m_held.isEmpty()) {
            const QByteArray held = std::move(m_held);
            m_held = QByteArray();
            if (!send(held))
                return false;
        }
    }
    // Decrypt everything that arrived. Once the memory BIO is empty and OpenSSL holds no
    // decrypted bytes, another SSL_read could only answer "want read".
    while (BIO_ctrl_pending(m_inBio) > 0 || SSL_pending(m_ssl) > 0) {
        constexpr int kChunk = 16 * 1024;
        const qsizetype at = m_plain.size();
        m_plain.resize(at + kChunk);
        const int n = SSL_read(m_ssl, m_plain.data() + at, kChunk);
        if (n > 0) {
            m_plain.resize(at + n);
            continue;
        }
        m_plain.resize(at);
        // close_notify: asked of the connection's state before SSL_get_error(), which would
        // report an error another piece of code left on this thread's queue instead.
        if (n == 0 && (SSL_get_shutdown(m_ssl) & SSL_RECEIVED_SHUTDOWN)) {
            m_peerClosed = true;
            break;
        }
        const int error = sslError(m_ssl, n);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE)
            break;
        if (error == SSL_ERROR_ZERO_RETURN) { // close_notify
            m_peerClosed = true;
            break;
        }
        drainOutput(); // the alert, if OpenSSL made one
        return fail();
    }
    return drainOutput();
}

bool TlsChannel::send(QByteArrayView plain)
{
    if (m_failed || m_closed)
        return false;
    if (!m_established) {
        m_held.append(plain.data(), plain.size());
        return true;
    }
    // In slices, the memory BIO drained after each: it never shrinks, so it holds one slice's
    // records at most rather than a whole large answer's.
    constexpr qsizetype kSlice = 64 * 1024;
    while (!plain.isEmpty()) {
        const int chunk = int(std::min(plain.size(), kSlice));
        // A memory BIO takes everything: SSL_write writes it all or fails.
        const int n = SSL_write(m_ssl, plain.data(), chunk);
        if (n <= 0)
            return fail();
        plain = plain.sliced(n);
        if (!drainOutput())
            return false;
    }
    return true;
}

void TlsChannel::close()
{
    if (m_closed || m_failed || !m_established)
        return;
    m_closed = true;
    if (SSL_shutdown(m_ssl) < 0)
        ERR_clear_error();
    drainOutput();
}

} // namespace sluice
