#include "secrets/sealedsecretstore.h"

#include "config/configsql.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>

#include <openssl/evp.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr int KeyBytes = 32; // AES-256
constexpr int NonceBytes = 12; // GCM's 96-bit nonce
constexpr int TagBytes = 16;
// The sealed form's version: a later format (another cipher, a key id) gets another prefix.
const QByteArray SealedPrefix = QByteArrayLiteral("v1:");

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

Error notOpened(const QString &name)
{
    // The same words for a wrong key and an altered value: GCM cannot tell them apart.
    return Error::internal(u"the config store's secret '%1' does not open with this %2: is it the"
                           " key the other instances use?"_s.arg(
                               name, QLatin1StringView(SealedSecretStore::MasterKeyVariable)));
}

} // namespace

SealedSecretStore::SealedSecretStore(Access access, const QByteArray &masterKey)
    : m_access(std::move(access))
    , m_masterKey(masterKey)
{
    Q_ASSERT(m_masterKey.size() == KeyBytes);
}

Result<QByteArray> SealedSecretStore::masterKeyFromText(const QString &text)
{
    const QByteArray trimmed = text.trimmed().toLatin1();
    QByteArray key;
    static const QRegularExpression hex(u"^[0-9a-fA-F]{64}$"_s);
    if (hex.match(QString::fromLatin1(trimmed)).hasMatch()) {
        key = QByteArray::fromHex(trimmed);
    } else {
        auto decoded =
            QByteArray::fromBase64Encoding(trimmed, QByteArray::AbortOnBase64DecodingErrors);
        if (decoded)
            key = decoded.decoded;
    }
    if (key.size() != KeyBytes)
        return Error::badRequest(
            u"%1 must be 32 random bytes written as 64 hex digits (openssl rand"
            " -hex 32) or in base64"_s.arg(QLatin1StringView(MasterKeyVariable)));
    return key;
}

QByteArray SealedSecretStore::seal(const QByteArray &masterKey, const QString &name,
                                   const QString &value)
{
    QByteArray nonce(NonceBytes, Qt::Uninitialized);
    // The system's CSPRNG; a nonce must never repeat under one key, and 96 random bits make
    // that a 2^-48 event after 2^24 writes, far beyond the handful of secrets a store holds.
    QRandomGenerator::system()->generate(nonce.begin(), nonce.end());
    const QByteArray aad = name.toUtf8();
    const QByteArray plain = value.toUtf8();
    QByteArray cipher(plain.size(), Qt::Uninitialized);
    QByteArray tag(TagBytes, Qt::Uninitialized);
    CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int length = 0;
    const auto *key = reinterpret_cast<const unsigned char *>(masterKey.constData());
    const auto *iv = reinterpret_cast<const unsigned char *>(nonce.constData());
    const bool sealed = context
        && EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key, iv) == 1
        && EVP_EncryptUpdate(context.get(), nullptr, &length,
                             reinterpret_cast<const unsigned char *>(aad.constData()),
                             int(aad.size()))
            == 1
        && EVP_EncryptUpdate(context.get(), reinterpret_cast<unsigned char *>(cipher.data()),
                             &length, reinterpret_cast<const unsigned char *>(plain.constData()),
                             int(plain.size()))
            == 1
        && EVP_EncryptFinal_ex(context.get(), nullptr, &length) == 1
        && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, TagBytes, tag.data()) == 1;
    Q_ASSERT(sealed); // only an OpenSSL without AES-GCM fails here
    if (!sealed)
        return {};
    return SealedPrefix + QByteArray(nonce + cipher + tag).toBase64();
}

Result<QString> SealedSecretStore::open(const QByteArray &masterKey, const QString &name,
                                        const QByteArray &sealed)
{
    if (!sealed.startsWith(SealedPrefix))
        return notOpened(name);
    const auto decoded = QByteArray::fromBase64Encoding(sealed.mid(SealedPrefix.size()),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    const QByteArray *raw = &decoded.decoded;
    if (!decoded || raw->size() < NonceBytes + TagBytes)
        return notOpened(name);
    const QByteArray nonce = raw->first(NonceBytes);
    const QByteArray tag = raw->last(TagBytes);
    const QByteArray cipher = raw->mid(NonceBytes, raw->size() - NonceBytes - TagBytes);
    const QByteArray aad = name.toUtf8();
    QByteArray plain(cipher.size(), Qt::Uninitialized);
    CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int length = 0;
    const auto *key = reinterpret_cast<const unsigned char *>(masterKey.constData());
    const auto *iv = reinterpret_cast<const unsigned char *>(nonce.constData());
    QByteArray expectedTag = tag;
    const bool opened = context
        && EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key, iv) == 1
        && EVP_DecryptUpdate(context.get(), nullptr, &length,
                             reinterpret_cast<const unsigned char *>(aad.constData()),
                             int(aad.size()))
            == 1
        && EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char *>(plain.data()),
                             &length, reinterpret_cast<const unsigned char *>(cipher.constData()),
                             int(cipher.size()))
            == 1
        && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, TagBytes, expectedTag.data())
            == 1
        && EVP_DecryptFinal_ex(context.get(), nullptr, &length) == 1;
    if (!opened)
        return notOpened(name);
    return QString::fromUtf8(plain);
}

Result<QString> SealedSecretStore::readIn(const QSqlDatabase &db, const QString &key) const
{
    Result<QList<QByteArray>> rows =
        selectConfigRows(db, u"SELECT sealed FROM secrets WHERE name = ?"_s, { key },
                         u"reading secret '%1'"_s.arg(key), [](const QSqlQuery &query) {
                             return query.value(0).toString().toLatin1();
                         });
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return Error::notFound(u"no secret '%1' in the config store"_s.arg(key));
    return open(m_masterKey, key, rows->constFirst());
}

Result<QString> SealedSecretStore::read(const QString &key)
{
    if (Status valid = checkKey(key); !valid)
        return valid.error();
    Result<QString> value = QString();
    const Status done = m_access(false, [&](const QSqlDatabase &db) -> Status {
        value = readIn(db, key);
        return {};
    });
    if (!done)
        return done.error();
    return value;
}

Status SealedSecretStore::write(const QString &key, const QString &value)
{
    if (Status valid = checkKey(key); !valid)
        return valid;
    const QByteArray sealed = seal(m_masterKey, key, value);
    return m_access(true, [&](const QSqlDatabase &db) {
        return execConfigSql(db,
                             u"INSERT INTO secrets (name, sealed) VALUES (?, ?)"
                             " ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed"_s,
                             { key, QString::fromLatin1(sealed) },
                             u"writing secret '%1'"_s.arg(key));
    });
}

Status SealedSecretStore::remove(const QString &key)
{
    if (Status valid = checkKey(key); !valid)
        return valid;
    return m_access(true, [&](const QSqlDatabase &db) {
        return execConfigSql(db, u"DELETE FROM secrets WHERE name = ?"_s, { key },
                             u"removing secret '%1'"_s.arg(key));
    });
}

Result<QString> SealedSecretStore::readOrCreate(const QString &key,
                                                const std::function<QString()> &fresh)
{
    if (Status valid = checkKey(key); !valid)
        return valid.error();
    Result<QString> value = QString();
    const Status done = m_access(true, [&](const QSqlDatabase &db) -> Status {
        value = readIn(db, key);
        if (value || value.error().kind != ErrorKind::NotFound)
            return value ? Status() : Status(value.error());
        value = fresh();
        return execConfigSql(db, u"INSERT INTO secrets (name, sealed) VALUES (?, ?)"_s,
                             { key, QString::fromLatin1(seal(m_masterKey, key, *value)) },
                             u"writing secret '%1'"_s.arg(key));
    });
    if (!done)
        return done.error();
    return value;
}

} // namespace sluice
