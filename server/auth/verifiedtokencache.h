#pragma once

#include "auth/externalidentity.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QStringList>

namespace sluice {

// Identity providers' tokens that verified, so a client sending the same token with every
// request pays for its signature once (API.md §12: the hot path stays within 10% of an API
// key's). Entries are keyed by the token's SHA-256, never the token, and hold its verified claims
// until it expires: exp (with the same leeway as verification) is checked on every hit. Bounded:
// when full, the least recently used tenth goes.
//
// One per worker thread, inside its authenticator, without a lock: a hit costs a hash and a table
// lookup and never waits on another worker. A table shared behind a mutex would be touched by
// every worker on every request; per worker, the same token is verified at most once per worker,
// which costs far less.
// A token that verified, with what the authenticator reads of it on every request worked out
// once.
struct VerifiedToken
{
    const ExternalIssuer *issuer = nullptr;
    QJsonObject claims;
    QString subject; // "sub"
    QStringList roleNames; // the strings at the issuer's role_claim, in order
    QString tenant; // the first string at its tenant_claim; empty: none
};

class VerifiedTokenCache
{
public:
    static constexpr qsizetype Capacity = 1024;

    // `token` as it verified, while it has not expired at `now`; null otherwise. Valid until
    // the next insert().
    const VerifiedToken *find(QByteArrayView token, qint64 now);
    const VerifiedToken &insert(QByteArrayView token, const ExternalIdentity::Verified &verified);
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        VerifiedToken verified;
        qint64 expiresAt = 0; // the first second verification would answer "expired"
        qint64 lastMs = 0; // a use counter, for dropLeastRecentTenth
    };
    QHash<QByteArray, Entry> m_entries; // SHA-256 of the token → entry
    qint64 m_uses = 0;
    VerifiedToken m_uncached; // what insert() returned for a token it could not keep
};

} // namespace sluice
