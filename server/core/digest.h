#pragma once

#include <QByteArray>
#include <QByteArrayView>

struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX

namespace sluice {

// SHA-256 and HMAC-SHA-256 through OpenSSL, which uses the CPU's SHA instructions where it has
// them: these run on every request (API keys, ETags, cursor and session signatures), and are
// several times faster there than Qt 6.4's portable implementations.
QByteArray sha256(QByteArrayView data); // 32 bytes
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data); // 32 bytes

// HMAC-SHA-256 under one key, for signing on every request: the key's inner and outer blocks are
// hashed once, so a signature costs two copies of a digest state and two short hashes instead of
// a fresh HMAC set-up. sign() may be called from several threads at once.
class HmacSha256Key
{
public:
    explicit HmacSha256Key(QByteArrayView key);
    ~HmacSha256Key();
    HmacSha256Key(const HmacSha256Key &) = delete;
    HmacSha256Key &operator=(const HmacSha256Key &) = delete;

    QByteArray sign(QByteArrayView data) const; // 32 bytes, as hmacSha256(key, data)

private:
    ::evp_md_ctx_st *m_inner = nullptr; // SHA-256 state after (key ^ ipad)
    ::evp_md_ctx_st *m_outer = nullptr; // SHA-256 state after (key ^ opad)
};

} // namespace sluice
