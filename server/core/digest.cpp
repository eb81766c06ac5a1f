#include "core/digest.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <memory>

namespace sluice {

namespace {

// OpenSSL 3 looks the algorithm up by name on every one-shot call (SHA256(), HMAC()), under
// locks, which cost more than hashing a request's few hundred bytes: fetched once instead.
const EVP_MD *sha256Algorithm()
{
    static EVP_MD *const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return algorithm;
}

// A digest context per thread, reused by every hash on it.
EVP_MD_CTX *threadContext()
{
    thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(
        EVP_MD_CTX_new(), EVP_MD_CTX_free);
    return context.get();
}

} // namespace

QByteArray sha256(QByteArrayView data)
{
    QByteArray out(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    EVP_MD_CTX *context = threadContext();
    EVP_DigestInit_ex2(context, sha256Algorithm(), nullptr);
    EVP_DigestUpdate(context, data.data(), size_t(data.size()));
    EVP_DigestFinal_ex(context, reinterpret_cast<unsigned char *>(out.data()), nullptr);
    return out;
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    QByteArray out(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    unsigned int length = 0;
    HMAC(sha256Algorithm(), key.data(), int(key.size()),
         reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()),
         reinterpret_cast<unsigned char *>(out.data()), &length);
    out.resize(length);
    return out;
}

HmacSha256Key::HmacSha256Key(QByteArrayView key)
{
    // RFC 2104: keys longer than the block are hashed first; then zero-padded to the block.
    constexpr int Block = 64;
    QByteArray padded = key.size() > Block ? sha256(key) : key.toByteArray();
    padded.resize(Block, '\0');
    QByteArray inner = padded, outer = padded;
    for (int i = 0; i < Block; ++i) {
        inner[i] = char(inner[i] ^ 0x36);
        outer[i] = char(outer[i] ^ 0x5c);
    }
    m_inner = EVP_MD_CTX_new();
    m_outer = EVP_MD_CTX_new();
    EVP_DigestInit_ex2(m_inner, sha256Algorithm(), nullptr);
    EVP_DigestUpdate(m_inner, inner.constData(), Block);
    EVP_DigestInit_ex2(m_outer, sha256Algorithm(), nullptr);
    EVP_DigestUpdate(m_outer, outer.constData(), Block);
}

HmacSha256Key::~HmacSha256Key()
{
    EVP_MD_CTX_free(m_inner);
    EVP_MD_CTX_free(m_outer);
}

QByteArray HmacSha256Key::sign(QByteArrayView data) const
{
    unsigned char innerHash[SHA256_DIGEST_LENGTH];
    QByteArray out(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    EVP_MD_CTX *ctx = threadContext();
    EVP_MD_CTX_copy_ex(ctx, m_inner);
    EVP_DigestUpdate(ctx, data.data(), size_t(data.size()));
    EVP_DigestFinal_ex(ctx, innerHash, nullptr);
    EVP_MD_CTX_copy_ex(ctx, m_outer);
    EVP_DigestUpdate(ctx, innerHash, sizeof innerHash);
    EVP_DigestFinal_ex(ctx, reinterpret_cast<unsigned char *>(out.data()), nullptr);
    return out;
}

} // namespace sluice
