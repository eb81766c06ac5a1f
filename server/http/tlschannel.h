#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QSslConfiguration>

#include <memory>

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;
typedef struct bio_st BIO;

namespace sluice {

// One OpenSSL server context made from the QSslConfiguration a TlsIdentity hands out, shared by
// the connections of one worker (an SSL_CTX may serve many connections at once).
//
// Why not QSslSocket's encryption: Qt 6.4 makes an SSL_CTX per connection and sets
// SSL_MODE_RELEASE_BUFFERS on it, so OpenSSL allocates and frees its ~17 KB record buffers for
// every record; it copies each record through its own buffers, calls SSL_read four times a
// request (three find nothing) and posts a queued flush per write. A callgrind profile of list-10
// put that at ~29k instructions a request over plain HTTP, and the buffers' churn slowed the
// rest of the request too (bench/README.md, issue 19). Its public API offers no way to change any
// of it.
//
// The context applies the configuration as Qt's OpenSSL backend does: the same protocol floor,
// options and cipher lists, the certificate chain and key; DHE with OpenSSL's built-in groups
// (at least as strong as Qt's default parameters). Sessions are not resumed, as with Qt's
// per-connection contexts (no tickets, no cache). Only what a server without client
// certificates needs is supported: create() answers null for anything else (client
// verification, ALPN, custom curves or backend options), and the connection then uses
// QSslSocket.
class TlsServerContext
{
public:
    static std::shared_ptr<TlsServerContext> create(const QSslConfiguration &configuration);
    ~TlsServerContext();
    TlsServerContext(const TlsServerContext &) = delete;
    TlsServerContext &operator=(const TlsServerContext &) = delete;

    const QSslConfiguration &configuration() const { return m_configuration; }
    SSL_CTX *handle() const { return m_ctx; }

private:
    TlsServerContext(SSL_CTX *ctx, QSslConfiguration configuration);
    SSL_CTX *m_ctx;
    QSslConfiguration m_configuration;
};

// The server side of one TLS connection over memory BIOs: ciphertext in, plaintext out and back.
// The caller moves bytes between it and the TCP socket; nothing here blocks or touches sockets.
class TlsChannel
{
public:
    explicit TlsChannel(std::shared_ptr<TlsServerContext> context);
    ~TlsChannel();
    TlsChannel(const TlsChannel &) = delete;
    TlsChannel &operator=(const TlsChannel &) = delete;

    // Takes `ciphertext` from the peer: advances the handshake, decrypts what is complete into
    // plaintext() (replacing what it held) and leaves what must go to the peer in output().
    // False once the connection is unusable (not TLS, a failed handshake, a bad record).
    bool receive(QByteArrayView ciphertext);
    // Encrypts `plain` into output(); before the handshake is done it is held and encrypted when
    // the handshake completes.
    bool send(QByteArrayView plain);
    // Queues close_notify into output() (once, after a completed handshake).
    void close();
    // Ends the session without close_notify, so that the peer sees the connection cut short (a
    // response that failed midway): close() and send() do nothing from now on.
    void abandon() { m_closed = true; }

    // What the last receive() decrypted; valid until the next receive().
    QByteArrayView plaintext() const { return m_plain; }
    // Ciphertext for the peer; the caller writes it, then calls clearOutput().
    const QByteArray &output() const { return m_out; }
    void clearOutput() { emptyKeepingSmall(m_out); }
    bool established() const { return m_established; }
    // The peer sent close_notify.
    bool peerClosed() const { return m_peerClosed; }

private:
    // Empties `buffer`; its memory stays for the next record only while it is small (one large
    // answer or upload must not be held for the connection's life).
    static void emptyKeepingSmall(QByteArray &buffer)
    {
        if (buffer.capacity() > 256 * 1024)
            buffer = QByteArray();
        else
            buffer.resize(0);
    }
    bool drainOutput();
    bool fail();

    std::shared_ptr<TlsServerContext> m_context;
    SSL *m_ssl = nullptr;
    BIO *m_inBio = nullptr; // owned by m_ssl
    BIO *m_outBio = nullptr; // owned by m_ssl
    QByteArray m_plain;
    QByteArray m_out;
    QByteArray m_held; // plaintext written before the handshake completed
    bool m_established = false;
    bool m_failed = false;
    bool m_closed = false;
    bool m_peerClosed = false;
};

} // namespace sluice
