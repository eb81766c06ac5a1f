#pragma once

#include "auth/externalidentity.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

#include <optional>

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
class VerifiedTokenCache
{
public:
    static constexpr qsizetype Capacity = 1024;

    // The claims `token` verified with, while it has not expired at `now`.
    std::optional<ExternalIdentity::Verified> find(QByteArrayView token, qint64 now);
    void insert(QByteArrayView token, const ExternalIdentity::Verified &verified);
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        ExternalIdentity::Verified verified;
        qint64 expiresAt = 0; // the first second verification would answer "expired"
        qint64 lastMs = 0; // a use counter, for dropLeastRecentTenth
    };
    QHash<QByteArray, Entry> m_entries; // SHA-256 of the token → entry
    qint64 m_uses = 0;
};

} // namespace sluice
