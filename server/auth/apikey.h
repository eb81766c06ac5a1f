#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace sluice {

// API keys (docs/api.md, Authentication): "sluice_" + 64 lowercase hex, 256 random bits. Only the
// SHA-256 of the key is stored: a fast hash is right here because the key is long and random, so
// there is nothing to guess, and every request must look it up. The prefix ("sluice_" + 8 hex)
// names a key in listings and `key revoke PREFIX` without revealing it.
struct NewApiKey
{
    QString plaintext; // shown once, never stored
    QString hash; // hashApiKey(plaintext)
    QString prefix; // apiKeyPrefix(plaintext)
};

inline constexpr qsizetype ApiKeyLength = 7 + 64;
inline constexpr qsizetype ApiKeyPrefixLength = 15;

NewApiKey generateApiKey();

// Lowercase hex SHA-256 of the key's UTF-8 bytes.
QString hashApiKey(QStringView plaintext);

// The first 15 characters (fewer if the text is shorter).
QString apiKeyPrefix(QStringView plaintext);

// Exactly "sluice_" followed by 64 lowercase hex digits. Check it before hashing, so junk in an
// X-API-Key header never reaches the database.
bool looksLikeApiKey(QStringView text);

// `bytes` bytes from the system CSPRNG (empty for bytes <= 0): JWT secrets, token ids.
QByteArray generateSecret(int bytes);

// The one-time setup token printed at first start: 128 random bits as 32 lowercase hex
// characters, one "word" that a double-click selects and a terminal pastes whole.
QString generateBootstrapToken();

// Compares two secrets in time that depends only on their lengths, never on where they first
// differ. For signatures and for the bootstrap token.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace sluice
